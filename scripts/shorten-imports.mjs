// Renames the wasm's imports from the wasm-bindgen glue, and its exports,
// to short names, in the wasm and in the glue alike. wasm-bindgen names each
// import after the browser function plus a 16-digit hash
// (`__wbg_setAttribute_2c5c…`), and closure exports after their whole Rust
// type (up to 300 characters): written twice, they were ~4 KB of what every
// reader downloads. (wasm-opt's --minify-imports-and-exports only renames
// Emscripten's "env" imports.) `memory` keeps its name.
//   usage: node shorten-imports.mjs <module.wasm> <glue.js>   (both rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, gluePath] = process.argv.slice(2);
const GLUE_MODULE = './news_widget_bg.js';
const IMPORT_SECTION = 2;
const EXPORT_SECTION = 7;
const KEPT_EXPORTS = new Set(['memory']);

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    if (byte === undefined) throw new Error('wasm ends inside a number');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

const encodeName = (name) => {
  const utf8 = Buffer.from(name, 'utf8');
  return [...encodeLeb(utf8.length), ...utf8];
};

/** a … z, A … Z, then two characters (b0 … Zz): short, and never a name of Object.prototype. */
function shortName(index) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (index < letters.length) return letters[index];
  const first = letters[Math.floor(index / 36)];
  if (!first) throw new Error('more imports than two-character names');
  return first + (index % 36).toString(36);
}

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);

const out = [wasm.subarray(0, 8)];
const renames = new Map();
const exportRenames = new Map();
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, contentStart] = leb(wasm, at + 1);
  const end = contentStart + size;
  if (id === EXPORT_SECTION) {
    out.push(exportSection(contentStart, end));
    at = end;
    continue;
  }
  if (id !== IMPORT_SECTION) {
    out.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, p] = leb(wasm, contentStart);
  const content = [...encodeLeb(count)];
  for (let i = 0; i < count; i++) {
    const [moduleLength, moduleStart] = leb(wasm, p);
    const module = wasm.toString('utf8', moduleStart, moduleStart + moduleLength);
    const [nameLength, nameStart] = leb(wasm, moduleStart + moduleLength);
    const name = wasm.toString('utf8', nameStart, nameStart + nameLength);
    p = nameStart + nameLength;
    const kind = wasm[p];
    if (kind !== 0x00) throw new Error(`import ${module}.${name} is not a function (kind ${kind}): extend this script`);
    const [, descEnd] = leb(wasm, p + 1);
    let shortened = name;
    if (module === GLUE_MODULE) {
      shortened = shortName(renames.size);
      renames.set(name, shortened);
    }
    content.push(...encodeName(module), ...encodeName(shortened), ...wasm.subarray(p, descEnd));
    p = descEnd;
  }
  if (p !== end) throw new Error('import section has trailing bytes');
  out.push(Buffer.from([IMPORT_SECTION, ...encodeLeb(content.length), ...content]));
  at = end;
}
if (renames.size === 0) throw new Error(`no imports from "${GLUE_MODULE}": did wasm-bindgen change its module name?`);

/** The export section with every export but KEPT_EXPORTS renamed; the glue reads them as `wasm.<name>`. */
function exportSection(start, end) {
  let [count, p] = leb(wasm, start);
  const content = [...encodeLeb(count)];
  for (let i = 0; i < count; i++) {
    const [nameLength, nameStart] = leb(wasm, p);
    const name = wasm.toString('utf8', nameStart, nameStart + nameLength);
    const [, descEnd] = leb(wasm, nameStart + nameLength + 1); // a kind byte, then an index
    const shortened = KEPT_EXPORTS.has(name) ? name : `_${shortName(exportRenames.size)}`;
    if (shortened !== name) exportRenames.set(name, shortened);
    content.push(...encodeName(shortened), ...wasm.subarray(nameStart + nameLength, descEnd));
    p = descEnd;
  }
  if (p !== end) throw new Error('export section has trailing bytes');
  return Buffer.from([EXPORT_SECTION, ...encodeLeb(content.length), ...content]);
}

// The glue reads exports as `wasm.<name>` (its own API functions may share
// the names: those stay; some exports it never reads); a quoted name would
// be a read this cannot follow.
for (const [name, shortened] of exportRenames) {
  const reads = new RegExp(`\\bwasm\\.${name}(?![\\w$])`, 'g');
  if (new RegExp(`(['"\`])${name}\\1`).test(glue)) throw new Error(`the glue quotes the export name ${name}`);
  glue = glue.replace(reads, `wasm.${shortened}`);
}

for (const [name, shortened] of renames) {
  const uses = glue.split(name).length - 1;
  if (uses !== 1) throw new Error(`the glue names ${name} ${uses} times, expected once (its definition)`);
  glue = glue.replace(new RegExp(`\\b${name}\\b`), shortened);
}
writeFileSync(wasmPath, Buffer.concat(out));
writeFileSync(gluePath, glue);
console.error(`shorten-imports: ${renames.size} imports and ${exportRenames.size} exports renamed`);
