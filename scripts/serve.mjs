// Dev server for the demo: one origin for the page and the built widget (www),
// a second origin for the feeds (feed), so the demo really fetches cross-origin.
//
//   node scripts/serve.mjs [--www-port N] [--feed-port N]
//
// Tests import startServers() and pass port 0 to get ephemeral ports.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const UTF8 = '; charset=utf-8';
const MIME = {
  '.html': 'text/html' + UTF8,
  '.js': 'text/javascript' + UTF8,
  '.mjs': 'text/javascript' + UTF8,
  '.css': 'text/css' + UTF8,
  '.json': 'application/json' + UTF8,
  '.map': 'application/json' + UTF8,
  '.ts': 'application/typescript' + UTF8, // *.d.ts
  '.txt': 'text/plain' + UTF8,
  '.svg': 'image/svg+xml' + UTF8,
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

const ALLOW = 'GET, HEAD, OPTIONS';
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag',
};

/**
 * Starts the www and feed servers. Resolves once both listen.
 * @returns {Promise<{wwwOrigin: string, feedOrigin: string,
 *   requests: {origin: 'www'|'feed', method: string, url: string, time: number}[],
 *   close: () => Promise<void>}>}
 */
export async function startServers({
  wwwPort = 8080,
  feedPort = 8081,
  host = '127.0.0.1',
  root = path.join(REPO, 'www'),
  distDir = path.join(REPO, 'dist'),
  relatedDelayMs = 1500,
  quiet = false,
  // The demo pages carry the strict CSP of SPEC §7; the benchmark's pages,
  // which fetch from a server of their own, turn it off.
  strictPages = true,
} = {}) {
  root = path.resolve(root);
  distDir = path.resolve(distDir);
  const feedsDir = path.join(root, 'feeds');
  const requests = [];
  const shutdown = new AbortController(); // cancels delayed answers on close()
  const views = viewCounter(feedsDir);
  let feedOrigin = ''; // known once the feed server listens

  // The demo pages (not the feed fixtures under /feeds/) carry the strict
  // Content-Security-Policy of SPEC §7, so the demo proves the widget works there.
  // The configurator fetches whatever feed a webmaster pastes, so it may
  // connect to (and show images from) any origin; the rest stays as strict.
  const strictCsp = (pathname) => [
    "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
    pathname === '/configure.html' ? 'img-src * data:' : `img-src ${feedOrigin} 'self' data:`,
    pathname === '/configure.html' ? 'connect-src *' : `connect-src 'self' ${feedOrigin}`,
    "font-src 'self'",
    "base-uri 'none'", "object-src 'none'", "require-trusted-types-for 'script'", 'trusted-types news-widget',
  ].join('; ');

  async function wwwRoute(req, res, url) {
    const strict = url.pathname.endsWith('.html') || url.pathname.endsWith('/');
    const headers = {
      'Cache-Control': 'no-cache',
      ...(strictPages && strict && !url.pathname.startsWith('/feeds/')
        ? { 'Content-Security-Policy': strictCsp(url.pathname) }
        : {}),
    };
    if (req.method === 'OPTIONS') return send(req, res, 204, '', { ...headers, Allow: ALLOW });
    if (!['GET', 'HEAD'].includes(req.method)) return sendText(req, res, 405, 'method not allowed\n', { ...headers, Allow: ALLOW });
    const [dir, rel] = url.pathname.startsWith('/widget/')
      ? [distDir, url.pathname.slice('/widget'.length)]
      : [root, url.pathname];
    await sendFile(req, res, dir, rel, headers, (file, body) =>
      file.endsWith('.html') ? Buffer.from(body.toString('utf8').replaceAll('__FEED_ORIGIN__', feedOrigin)) : body);
  }

  async function feedRoute(req, res, url) {
    const p = url.pathname;
    const cors = !p.startsWith('/nocors/');
    const headers = { 'Cache-Control': 'no-cache', ...(cors ? CORS_HEADERS : {}) };
    if (req.method === 'OPTIONS') {
      return send(req, res, 204, '', cors ? {
        ...headers,
        'Access-Control-Allow-Methods': ALLOW,
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || '*',
        'Access-Control-Max-Age': '600',
      } : headers);
    }
    if (!['GET', 'HEAD'].includes(req.method)) return sendText(req, res, 405, 'method not allowed\n', { ...headers, Allow: ALLOW });
    if (p === '/api/views') {
      const id = url.searchParams.get('id');
      if (!id) return sendText(req, res, 400, 'missing id\n', headers);
      const body = JSON.stringify({ views: await views(id) });
      return send(req, res, 200, body, { ...headers, 'Cache-Control': 'no-store', 'Content-Type': MIME['.json'] });
    }
    const status = /^\/status\/(\d{3})$/.exec(p);
    if (status && +status[1] >= 200 && +status[1] <= 599) {
      const code = +status[1];
      return sendText(req, res, code, `${code} ${http.STATUS_CODES[code] ?? ''}\n`, { ...headers, 'Cache-Control': 'no-store' });
    }
    if (p.startsWith('/feeds/related/')) {
      try {
        await sleep(relatedDelayMs, undefined, { signal: shutdown.signal });
      } catch {
        return; // server is closing
      }
    }
    if (p.startsWith('/feeds/')) return sendFile(req, res, feedsDir, p.slice('/feeds'.length), headers);
    if (p.startsWith('/nocors/')) return sendFile(req, res, feedsDir, p.slice('/nocors'.length), headers);
    sendText(req, res, 404, 'not found\n', headers);
  }

  const handler = (name, route) => async (req, res) => {
    requests.push({ origin: name, method: req.method, url: req.url, time: Date.now() });
    if (!quiet) res.on('finish', () => console.log(`[${name}] ${res.statusCode} ${req.method} ${req.url}`));
    try {
      // Prefixing keeps "//x" a path instead of a host; URL() also folds "." and "..".
      const url = req.url.startsWith('/') ? new URL('http://localhost' + req.url) : null;
      if (!url) return sendText(req, res, 400, 'bad request\n');
      await route(req, res, url);
    } catch (err) {
      if (!quiet) console.error(err);
      if (!res.headersSent) sendText(req, res, 500, 'internal error\n');
      else res.destroy();
    }
  };

  const www = http.createServer(handler('www', wwwRoute));
  const feed = http.createServer(handler('feed', feedRoute));
  const servers = [www, feed];
  try {
    const wwwOrigin = await listen(www, wwwPort, host);
    feedOrigin = await listen(feed, feedPort, host);
    return { wwwOrigin, feedOrigin, requests, close };
  } catch (err) {
    await close();
    throw err;
  }

  function close() {
    shutdown.abort();
    return Promise.all(servers.map((s) => new Promise((resolve) => {
      if (!s.listening) return resolve();
      s.close(() => resolve());
      s.closeAllConnections();
    }))).then(() => {});
  }
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: real } = server.address();
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${real}`);
    });
  });
}

/**
 * Serves the file that `urlPath` names below `dir`: directories get their
 * index.html, hidden files and ".." are refused. `transform` may rewrite the body.
 */
async function sendFile(req, res, dir, urlPath, headers, transform = (_file, body) => body) {
  let segments;
  try {
    segments = decodeURIComponent(urlPath).split(/[/\\]/).filter(Boolean);
  } catch {
    return sendText(req, res, 400, 'bad request\n', headers);
  }
  if (segments.some((s) => s === '..' || s.includes('\0'))) return sendText(req, res, 403, 'forbidden\n', headers);
  if (segments.some((s) => s.startsWith('.'))) return sendText(req, res, 404, 'not found\n', headers);
  let file = path.join(dir, ...segments);
  if (file !== dir && !file.startsWith(dir + path.sep)) return sendText(req, res, 403, 'forbidden\n', headers);

  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!urlPath.endsWith('/')) {
      const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      return send(req, res, 301, '', { ...headers, Location: req.url.split('?')[0] + '/' + query });
    }
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return sendText(req, res, 404, 'not found\n', headers);

  const body = transform(file, await readFile(file));
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
  const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  if (matchesEtag(req.headers['if-none-match'], etag)) return send(req, res, 304, '', { ...headers, ETag: etag });
  send(req, res, 200, body, { ...headers, ETag: etag, 'Content-Type': type });
}

function matchesEtag(header, etag) {
  if (!header) return false;
  return header.split(',').some((tag) => {
    tag = tag.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

function sendText(req, res, status, text, headers = {}) {
  send(req, res, status, text, { ...headers, 'Content-Type': MIME['.txt'] });
}

function send(req, res, status, body, headers) {
  const bodyless = req.method === 'HEAD' || status === 204 || status === 304;
  const length = Buffer.byteLength(body);
  res.writeHead(status, {
    'X-Content-Type-Options': 'nosniff',
    ...headers,
    ...(status === 204 || status === 304 ? {} : { 'Content-Length': length }),
  });
  res.end(bodyless ? undefined : body);
}

/**
 * Per-instance view counters: the first call for an id answers the item's
 * `_news.views` (from the first feed under feedsDir that has it, home.json
 * first; 0 if none), each further call one more.
 */
function viewCounter(feedsDir) {
  const bases = new Map();
  const hits = new Map();
  return async (id) => {
    if (!bases.has(id)) bases.set(id, baseViews(feedsDir, id));
    const base = await bases.get(id);
    const n = hits.get(id) ?? 0;
    hits.set(id, n + 1);
    return base + n;
  };
}

async function baseViews(feedsDir, id) {
  const files = (await readdir(feedsDir, { recursive: true }).catch(() => []))
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => (b === 'home.json') - (a === 'home.json') || a.localeCompare(b));
  for (const f of files) {
    try {
      const feed = JSON.parse(await readFile(path.join(feedsDir, f), 'utf8'));
      const views = feed.items?.find((item) => String(item?.id) === id)?._news?.views;
      if (Number.isSafeInteger(views) && views >= 0) return views;
    } catch {
      // not a readable feed: try the next one
    }
  }
  return 0;
}

function isEntryPoint() {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

async function main() {
  const usage = 'usage: node scripts/serve.mjs [--www-port N] [--feed-port N]';
  let values;
  try {
    ({ values } = parseArgs({ options: { 'www-port': { type: 'string' }, 'feed-port': { type: 'string' } } }));
  } catch (err) {
    console.error(`${err.message}\n${usage}`);
    process.exit(2);
  }
  const port = (name, fallback) => {
    const v = values[name] ?? String(fallback);
    if (!/^\d+$/.test(v) || +v > 65535) {
      console.error(`--${name}: not a port number: ${v}\n${usage}`);
      process.exit(2);
    }
    return +v;
  };
  const options = { wwwPort: port('www-port', 8080), feedPort: port('feed-port', 8081) };

  let servers;
  try {
    servers = await startServers(options);
  } catch (err) {
    console.error(`Cannot start the dev server: ${err.message}`);
    process.exit(1);
  }
  console.log(`Demo:  ${servers.wwwOrigin}/`);
  console.log(`Feeds: ${servers.feedOrigin}/feeds/home.json`);
  console.log('Press Ctrl-C to stop.');
  stat(path.join(REPO, 'dist', 'news-widget.js')).catch(() =>
    console.error('Note: dist/news-widget.js is missing (run `make dist`); /widget/* answers 404.'));

  const stop = () => servers.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (isEntryPoint()) main();
