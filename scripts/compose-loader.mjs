// Writes dist/news-widget.js: the loader with the wasm-bindgen glue inlined
// (kept private inside the loader's function), the wasm file name and
// version, minified with terser (-30% brotli; the licence comment stays).
//   usage: node compose-loader.mjs <loader.js> <glue.js> <wasm file name> <version> <wasm sha384 SRI>
import { readFileSync } from 'node:fs';
import { minify } from 'terser';

const [loaderPath, gluePath, wasmFile, version, wasmIntegrity] = process.argv.slice(2);
const glue = readFileSync(gluePath, 'utf8')
  // The glue's fallback for a missing path uses document.currentScript, which
  // is the loader itself; the loader always passes the wasm URL instead.
  .replace(/\n\/\/# sourceMappingURL=.*$/m, '');
// Route the glue's wasm exports through the loader's guard (see js/loader.js).
const exportsAssignment = 'wasm = instance.exports;';
if (glue.split(exportsAssignment).length !== 2) throw new Error(`glue has not exactly one "${exportsAssignment}"`);
const guardedGlue = glue.replace(exportsAssignment, 'wasm = guardExports(instance.exports);');
let loader = readFileSync(loaderPath, 'utf8');
for (const [marker, value] of [['/*__GLUE__*/', guardedGlue], ['__WASM_FILE__', wasmFile], ['__VERSION__', version], ['__WASM_INTEGRITY__', wasmIntegrity]]) {
  if (!loader.includes(marker)) throw new Error(`loader has no ${marker}`);
  loader = loader.split(marker).join(value);
}
const { code } = await minify(loader, {
  compress: { passes: 2 },
  mangle: true,
  format: { comments: /^!/ },
});
process.stdout.write(code);
