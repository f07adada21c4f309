#!/usr/bin/env node
// Size budget: the brotli (quality 11) size of dist/news-widget.js + the .wasm,
// which is what a reader downloads. Exits 1 when over the budget.
//
//   node bench/size-budget.mjs [budget-bytes=40960] [dist-dir=dist]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizeOf, widgetFiles } from './sizes.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv[2] ?? '40960';
if (!/^\d+$/.test(arg)) {
  console.error(`size-budget: the budget must be a number of bytes, got "${arg}"\nusage: node bench/size-budget.mjs [budget-bytes] [dist-dir]`);
  process.exit(2);
}
const budget = Number(arg);
let files;
try {
  files = widgetFiles(path.resolve(REPO, process.argv[3] ?? 'dist'));
} catch (error) {
  console.error(`size-budget: ${error.message}`);
  process.exit(2);
}
const js = sizeOf(files.js).brotli;
const wasm = sizeOf(files.wasm).brotli;
const total = js + wasm;
const n = (x) => x.toLocaleString('en-US');
console.log(`brotli -q 11: ${path.basename(files.js)} ${n(js)} B + ${path.basename(files.wasm)} ${n(wasm)} B = ${n(total)} B (budget ${n(budget)} B)`);
if (total > budget) {
  console.error(`size-budget: over budget by ${n(total - budget)} B`);
  process.exit(1);
}
console.log('size-budget: ok');
