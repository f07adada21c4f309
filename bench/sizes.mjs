// Byte sizes of dist/ files: raw, gzip -9 and brotli (quality 11), with node:zlib only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function gzipSize(buffer) {
  return zlib.gzipSync(buffer, { level: 9 }).length;
}

export function brotliSize(buffer, text = false) {
  return zlib.brotliCompressSync(buffer, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length,
    },
  }).length;
}

export function sizeOf(file) {
  const buffer = readFileSync(file);
  const text = /\.(m?js|css|html|json|svg|txt)$/.test(file);
  return { raw: buffer.length, gzip: gzipSize(buffer), brotli: brotliSize(buffer, text) };
}

/** Every file under `dir` (recursively), sorted, with its sizes. */
export function dirSizes(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push({ file: path.relative(dir, full), ...sizeOf(full) });
    }
  };
  walk(dir);
  return files;
}

/** The two files a reader downloads: dist/news-widget.js and dist/news-widget.<hash>.wasm. */
export function widgetFiles(dist) {
  const names = readdirSync(dist);
  const js = names.includes('news-widget.js') ? 'news-widget.js' : null;
  const wasm = names.filter((n) => /^news-widget\..*\.wasm$/.test(n));
  if (!js || wasm.length !== 1) {
    throw new Error(`${dist} should hold news-widget.js and one news-widget.<hash>.wasm (found: ${names.join(', ') || 'nothing'}); run \`make dist\``);
  }
  return { js: path.join(dist, js), wasm: path.join(dist, wasm[0]) };
}
