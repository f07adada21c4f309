// Writes dist/news-widget.js: the loader with the wasm-bindgen glue inlined
// (kept private inside the loader's function), the widget's stylesheet
// (minified), the wasm file name and version, minified with terser (-30%
// brotli; the licence comment stays).
//   usage: node compose-loader.mjs <loader.js> <glue.js> <widget.css> <wasm file name> <version> <wasm sha384 SRI> <rules.json>
// rules.json: the core's attribute rules for the early skeleton (core/examples/loader_rules.rs).
import { readFileSync } from 'node:fs';
import { minify } from 'terser';

const [loaderPath, gluePath, cssPath, wasmFile, version, wasmIntegrity, rulesPath] = process.argv.slice(2);

/**
 * Comments and layout whitespace out of the stylesheet. Safe for this
 * stylesheet: none of its strings or URLs contains the characters whose
 * surrounding spaces are dropped.
 */
function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}

const glue = readFileSync(gluePath, 'utf8')
  // The glue's fallback for a missing path uses document.currentScript, which
  // is the loader itself; the loader always passes the wasm URL instead.
  .replace(/\n\/\/# sourceMappingURL=.*$/m, '');
// Route the glue's wasm exports through the loader's guard (see js/loader.js).
const exportsAssignment = 'wasm = instance.exports;';
if (glue.split(exportsAssignment).length !== 2) throw new Error(`glue has not exactly one "${exportsAssignment}"`);
const guardedGlue = glue.replace(exportsAssignment, 'wasm = guardExports(instance.exports);');
let loader = readFileSync(loaderPath, 'utf8');
for (const [marker, value] of [['/*__GLUE__*/', guardedGlue], ["'__STYLES__'", JSON.stringify(minifyCss(readFileSync(cssPath, 'utf8')))], ['__WASM_FILE__', wasmFile], ['__VERSION__', version], ['__WASM_INTEGRITY__', wasmIntegrity], ['/*__BUILD__*/', readFileSync(new URL('../js/build.js', import.meta.url), 'utf8')], ['__RULES__', JSON.stringify(JSON.parse(readFileSync(rulesPath, 'utf8')))]]) {
  if (!loader.includes(marker)) throw new Error(`loader has no ${marker}`);
  loader = loader.split(marker).join(value);
}
const { code } = await minify(loader, {
  compress: { passes: 2 },
  mangle: true,
  format: { comments: /^!/ },
});
process.stdout.write(code);
