// Bytes of the shipped wasm by owner, so that every KB has one: the code of
// each function grouped by the Rust path in its name (news_core::json,
// news_widget::shell::render, web_sys, core::fmt, alloc, talc, …), the data
// section, the imports and exports, the rest of the sections.
//
// dist/'s wasm has no names (wasm-opt strips them). The bench builds a twin
// that keeps them: the same cargo build and wasm-bindgen step as
// scripts/build.sh, then `wasm-opt -Oz -g` (-g keeps the name section and
// changes no code). Its code and data sections are compared byte for byte
// with dist/'s wasm, so the breakdown is of the shipped bytes, or says it is
// not. This does what twiggy's `top` does, without installing it.
//
//   node bench/wasm-modules.mjs [dist-dir=dist]    (prints the table)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliSize, widgetFiles } from './sizes.mjs';

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];
const CODE = 10;
const DATA = 11;
const NAME_SUBSECTION_FUNCTIONS = 1;

/** A cursor over a wasm binary: unsigned LEB128 numbers, names, bytes. */
class Cursor {
  constructor(bytes, at) {
    this.bytes = bytes;
    this.at = at;
  }

  byte() {
    if (this.at >= this.bytes.length) throw new Error('the wasm ends early');
    return this.bytes[this.at++];
  }

  u32() {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.byte();
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  name() {
    const length = this.u32();
    this.at += length;
    return Buffer.from(this.bytes.subarray(this.at - length, this.at)).toString('utf8');
  }

  /** A resizable limit (table or memory): flags, minimum, maximum when flagged. */
  limits() {
    if (this.byte() & 1) this.u32();
    this.u32();
  }
}

/** The sections of a module: id, name (custom sections by their own name), byte range incl. header. */
export function sections(bytes) {
  const out = [];
  for (const cursor = new Cursor(bytes, 8); cursor.at < bytes.length;) {
    const start = cursor.at;
    const id = cursor.byte();
    const size = cursor.u32();
    const body = cursor.at;
    const name = id === 0 ? cursor.name() : SECTION_NAMES[id] ?? `section ${id}`;
    out.push({ id, name, start, body, end: body + size });
    cursor.at = body + size;
  }
  return out;
}

/** Number of imported functions: they come first in the function index space. */
function importedFunctions(bytes, section) {
  const cursor = new Cursor(bytes, section.body);
  let functions = 0;
  for (let count = cursor.u32(); count > 0; count--) {
    cursor.name(); // module
    cursor.name(); // field
    const kind = cursor.byte();
    if (kind === 0) { cursor.u32(); functions++; } // function: type index
    else if (kind === 1) { cursor.byte(); cursor.limits(); } // table: element type, limits
    else if (kind === 2) cursor.limits(); // memory
    else if (kind === 3) cursor.at += 2; // global: value type, mutability
    else if (kind === 4) { cursor.byte(); cursor.u32(); } // tag
    else throw new Error(`unknown import kind ${kind}`);
  }
  return functions;
}

/** Function index → name, from the name section. */
function functionNames(bytes, section) {
  const names = new Map();
  const cursor = new Cursor(bytes, section.body);
  cursor.name(); // "name"
  while (cursor.at < section.end) {
    const id = cursor.byte();
    const end = cursor.u32() + cursor.at;
    if (id === NAME_SUBSECTION_FUNCTIONS) {
      for (let count = cursor.u32(); count > 0; count--) names.set(cursor.u32(), cursor.name());
    }
    cursor.at = end;
  }
  return names;
}

/** Each function body of the code section: its bytes (with its size prefix). */
function bodies(bytes, section) {
  const cursor = new Cursor(bytes, section.body);
  const out = [];
  for (let count = cursor.u32(); count > 0; count--) {
    const start = cursor.at;
    const end = cursor.u32() + cursor.at;
    out.push(bytes.subarray(start, end));
    cursor.at = end;
  }
  return out;
}

const PRIMITIVE = /^(str|char|bool|u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64|\[.*\])$/;
const PROJECT_PATH = /\b(news_core|news_widget)(?:::[A-Za-z_]\w*)+/g;

/**
 * Who owns a function, from its demangled name. A function of this project
 * belongs to the deepest module of `modules` its path starts with
 * (`<news_core::json::Parse>::run` → news_core::json). Generic library code
 * instantiated for the project (drop glue of a widget type, an iterator
 * over a closure of view.rs) counts for that project module. Otherwise the
 * crate: core::fmt apart from the rest of core, and wasm-bindgen's export
 * shims with wasm_bindgen.
 */
export function owner(rawName, modules) {
  if (!rawName) return '(unnamed)';
  const name = rawName.replace(/\[[0-9a-f]+\]/g, ''); // crate disambiguators: js_sys[7a8f…]::Array
  if (/ (externref|multivalue) shim$/.test(name) || /^__(wbindgen|wbg|externref)_/.test(name)) return 'wasm_bindgen';
  if (/^(memcpy|memmove|memset|memcmp|bcmp|__\w+[dt]i3)$/.test(name)) return 'compiler_builtins';
  if (name.startsWith('__rustc::')) return 'alloc'; // the global allocator's entry points
  const project = name.match(PROJECT_PATH);
  if (project) return moduleOf(project[0].split('::'), modules);
  const drop = name.match(/^core::ptr::drop_in_place::<(.*)>$/);
  if (drop) return owner(drop[1], modules);
  const path = name.replace(/^[<&*\s[(]*(?:mut |const |dyn |impl )*/, '').match(/^[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*/);
  if (!path) return '(other)';
  const parts = path[0].split('::');
  if (/\bcore::fmt::/.test(name) && (parts[0] === 'core' || PRIMITIVE.test(parts[0]))) return 'core::fmt';
  if (PRIMITIVE.test(parts[0])) return 'core';
  if (parts.length === 1) return '(other)';
  return parts[0];
}

function moduleOf(parts, modules) {
  for (let n = parts.length; n > 1; n--) {
    const prefix = parts.slice(0, n).join('::');
    if (modules.has(prefix)) return prefix;
  }
  return parts[0];
}

/** The module paths of this project's crates, from their source files (src/shell/dom.rs → news_widget::shell::dom). */
export function projectModules(repo) {
  const modules = new Set();
  const walk = (dir, prefix) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const stem = entry.name.replace(/\.rs$/, '');
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...prefix, entry.name]);
      else if (entry.name.endsWith('.rs')) modules.add([...prefix, ...(['mod', 'lib'].includes(stem) ? [] : [stem])].join('::'));
    }
  };
  walk(path.join(repo, 'src'), ['news_widget']);
  walk(path.join(repo, 'core', 'src'), ['news_core']);
  return modules;
}

/**
 * The breakdown of a name-keeping wasm: code by owner; every other section
 * as `shipped` has it (its import and export names are shortened, its
 * custom sections stripped).
 */
export function breakdown(bytes, shipped = bytes, modules = new Set()) {
  const list = sections(bytes);
  const find = (id, name) => list.find((s) => s.id === id && (name == null || s.name === name));
  const code = find(CODE);
  const names = find(0, 'name');
  if (!code || !names) throw new Error('the wasm has no code or no name section');
  const imports = find(2);
  const firstDefined = imports ? importedFunctions(bytes, imports) : 0;
  const nameOf = functionNames(bytes, names);
  const groups = new Map();
  bodies(bytes, code).forEach((body, i) => {
    const who = owner(nameOf.get(firstDefined + i), modules);
    const g = groups.get(who) ?? { owner: who, functions: 0, bytes: 0, parts: [] };
    g.functions++;
    g.bytes += body.length;
    g.parts.push(body);
    groups.set(who, g);
  });
  const rows = [...groups.values()].map(({ parts, ...g }) => ({ ...g, brotliAlone: brotliSize(Buffer.concat(parts)) }));
  for (const s of sections(shipped)) {
    if (s.id === CODE || (s.id === 0 && s.name === 'name')) continue;
    const label = s.id === 0 ? `custom section "${s.name}"` : s.id === DATA ? 'data section (strings, tables)' : `${s.name} section`;
    rows.push({ owner: label, functions: null, bytes: s.end - s.start, brotliAlone: brotliSize(Buffer.from(shipped.subarray(s.start, s.end))) });
  }
  rows.push({ owner: 'module header', functions: null, bytes: 8, brotliAlone: null });
  rows.push({ owner: 'code section header + function count', functions: null, bytes: (code.end - code.start) - [...groups.values()].reduce((n, g) => n + g.bytes, 0), brotliAlone: null });
  rows.sort((a, b) => b.bytes - a.bytes);
  return { rows, codeBytes: code.end - code.start, functions: [...groups.values()].reduce((n, g) => n + g.functions, 0), nameSectionBytes: names.end - names.start };
}

/** Same bytes in the section with this id? (code and data do not contain any name.) */
function sameSection(a, b, id) {
  const sa = sections(a).find((s) => s.id === id);
  const sb = sections(b).find((s) => s.id === id);
  return !!sa && !!sb && Buffer.compare(a.subarray(sa.start, sa.end), b.subarray(sb.start, sb.end)) === 0;
}

/**
 * Builds the name-keeping twin of `<repo>/dist`'s wasm into
 * `<repo>/target/bench/names/` and breaks it down. `repo` is the checkout
 * that built the dist (cargo is a no-op when dist/ is current).
 */
export function distModules(distDir, outDir) {
  const repo = path.resolve(distDir, '..');
  const shipped = readFileSync(widgetFiles(distDir).wasm);
  mkdirSync(outDir, { recursive: true });
  const twin = path.join(outDir, 'news_widget.names.wasm');
  const script = `set -euo pipefail
source scripts/toolchain.sh
RUSTFLAGS="$wasm_release_rustflags" wasm_cargo build --release --lib -p news-widget "\${wasm_release_flags[@]}" --quiet
wasm-bindgen "\${wasm_bindgen_flags[@]}" --out-dir "$1" --out-name news_widget "$wasm_target_dir/wasm32-unknown-unknown/release/news_widget.wasm"
node_modules/.bin/wasm-opt "\${wasm_opt_flags[@]}" -g --strip-producers --strip-target-features "$1/news_widget_bg.wasm" -o "$2"`;
  execFileSync('bash', ['-c', script, 'bench-names', outDir, twin], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const bytes = readFileSync(twin);
  const result = breakdown(bytes, shipped, projectModules(repo));
  return {
    ...result,
    twin: path.relative(repo, twin),
    shippedBytes: shipped.length,
    shippedBrotli: brotliSize(shipped),
    sameCodeAsShipped: sameSection(bytes, shipped, CODE),
    sameDataAsShipped: sameSection(bytes, shipped, DATA),
    method: 'code bytes of each function (with its size prefix) in a name-keeping twin of the shipped wasm (same cargo build and wasm-bindgen step, wasm-opt -Oz -g), grouped by the deepest project module (from the source files) or else the crate in its demangled name; library generics instantiated for a project type or closure count for that project module; brotliAlone = that group compressed on its own (the parts do not add up to the whole)',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  const out = distModules(dist, path.resolve(dist, '..', 'target', 'bench', 'names'));
  for (const r of out.rows) console.log(`${String(r.bytes).padStart(8)} ${String(r.brotliAlone ?? '').padStart(7)}  ${r.owner}`);
  console.log(`code ${out.codeBytes} B in ${out.functions} functions; same code as dist: ${out.sameCodeAsShipped}; same data: ${out.sameDataAsShipped}`);
}
