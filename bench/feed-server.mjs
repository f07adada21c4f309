// The benchmark's feed origin: serves <root>/feeds/** at /feeds/** with CORS
// and `Cache-Control: public, max-age=3600`, so a feed fetched once is then
// read from the browser's HTTP cache without any request. The dev server
// (scripts/serve.mjs) sends `no-cache` + ETag, which makes every repeat fetch
// a revalidation round trip (304), i.e. network time inside "warm" timings.
// Also answers /api/views?id=… like the dev server (the seed article's views_url).
//
// It is also the code origin of the first loads: `code` maps a path prefix to
// a folder (/widget/ → dist, /baseline/ → the baseline), served compressed
// as a CDN would (brotli 11 when the browser asks for it, else gzip -9; the
// dev server sends no Content-Encoding), so the throttled loads pay the
// bytes a reader pays. Feeds stay uncompressed, alike for both.
import http from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};
const ENCODERS = {
  br: (body) => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => zlib.gzipSync(body, { level: 9 }),
};
// Timing-Allow-Origin: the page may read the feed's Resource Timing phases (fetch, body read).
const CORS = { 'Access-Control-Allow-Origin': '*', 'Timing-Allow-Origin': '*' };

/** @returns {Promise<{origin: string, requests: {method: string, url: string}[], close: () => Promise<void>}>} */
export async function startFeedServer({ root, code = {}, host = '127.0.0.1', port = 0, maxAge = 3600 }) {
  const feedsDir = path.resolve(root, 'feeds');
  const requests = [];
  // file + encoding → bytes, all compressed before the first request (brotli 11 takes seconds, not to be timed)
  const compressed = new Map();
  for (const dir of Object.values(code)) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.resolve(entry.parentPath ?? entry.path, entry.name);
      const body = await readFile(file);
      for (const [encoding, encode] of Object.entries(ENCODERS)) compressed.set(`${file}\n${encoding}`, encode(body));
    }
  }
  const views = new Map();
  const server = http.createServer(async (req, res) => {
    requests.push({ method: req.method, url: req.url });
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { ...CORS, 'Content-Length': Buffer.byteLength(body), ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      const url = new URL(req.url, 'http://localhost');
      if (req.method === 'OPTIONS') {
        return send(204, '', { 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': '*' });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
      if (url.pathname === '/api/views') {
        const id = url.searchParams.get('id') || '';
        views.set(id, (views.get(id) ?? 2381) + 1);
        return send(200, JSON.stringify({ views: views.get(id) }), {
          'Content-Type': TYPES['.json'], 'Cache-Control': 'no-store',
        });
      }
      const prefix = Object.keys(code).find((p) => url.pathname.startsWith(p));
      if (prefix) {
        const dir = path.resolve(code[prefix]);
        const file = path.resolve(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
        if (!file.startsWith(dir + path.sep)) return send(404, 'not found\n');
        const body = await readFile(file).catch(() => null);
        if (!body) return send(404, 'not found\n');
        const accepted = req.headers['accept-encoding'] ?? '';
        const encoding = ['br', 'gzip'].find((e) => accepted.includes(e));
        const headers = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': `public, max-age=${maxAge}`, Vary: 'Accept-Encoding' };
        if (!encoding) return send(200, body, headers);
        const packed = compressed.get(`${file}\n${encoding}`);
        return packed ? send(200, packed, { ...headers, 'Content-Encoding': encoding }) : send(200, body, headers);
      }
      const rel = decodeURIComponent(url.pathname).replace(/^\/feeds\//, '');
      const file = path.resolve(feedsDir, rel);
      if (!url.pathname.startsWith('/feeds/') || !file.startsWith(feedsDir + path.sep)) return send(404, 'not found\n');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return send(404, 'not found\n');
      const body = await readFile(file);
      send(200, body, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': `public, max-age=${maxAge}`,
        'Last-Modified': info.mtime.toUTCString(),
      });
    } catch (error) {
      if (!res.headersSent) send(500, `internal error: ${error.message}\n`);
      else res.destroy();
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const origin = `http://${host}:${server.address().port}`;
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return { origin, requests, close };
}
