// The benchmark's feed origin: serves <root>/feeds/** at /feeds/** with CORS
// and `Cache-Control: public, max-age=3600`, so a feed fetched once is then
// read from the browser's HTTP cache without any request. The dev server
// (scripts/serve.mjs) sends `no-cache` + ETag, which makes every repeat fetch
// a revalidation round trip (304), i.e. network time inside "warm" timings.
// Also answers /api/views?id=… like the dev server (the seed article's views_url).
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
};
// Timing-Allow-Origin: the page may read the feed's Resource Timing phases (fetch, body read).
const CORS = { 'Access-Control-Allow-Origin': '*', 'Timing-Allow-Origin': '*' };

/** @returns {Promise<{origin: string, requests: {method: string, url: string}[], close: () => Promise<void>}>} */
export async function startFeedServer({ root, host = '127.0.0.1', port = 0, maxAge = 3600 }) {
  const feedsDir = path.resolve(root, 'feeds');
  const requests = [];
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
