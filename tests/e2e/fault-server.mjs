// A fault-injecting feed server for the network-fault tests: real HTTP on a
// loopback socket (ephemeral port), no dependencies. Every answer carries
// `Access-Control-Allow-Origin: *` except /nocors. Each fault lives under its
// own path and every request is counted per path+query, so a test makes its
// own key with `?k=<name>` and reads exactly its own hits.
//
//   const faults = await startFaultServer();
//   faults.origin            // http://127.0.0.1:<port>
//   faults.hits('/500?k=a')  // requests seen for that exact path+query
//   faults.times('/500?k=a') // their arrival times (Date.now())
//   faults.pending('/hang?k=a') // those still unfinished (answer not fully sent, connection open)
//   faults.bodyBytes('/huge?k=a') // how much of a /huge body the client took (+ up to 1 MB)
//   await faults.close();    // also ends hung and trickling answers
//
// Routes (query parameters in brackets; any route also takes [k]):
//   /ok.json      JSON Feed, 3 items (ids a b c, _news.views 1234/2345/3456)
//                 whose _news.views_url / related_url are this server's
//                 [views] and [related] paths (default /views-ok, /related-ok);
//                 [fail-after=N]: after N answers, HTTP 500 instead
//   /404 /500     that status, text/plain
//   /503-retry-after  503 with Retry-After: [after=1] (exposed to the page via
//                 Access-Control-Expose-Headers unless [expose=0]); the
//                 [ok-on=3]rd request gets the feed
//   /flaky        500 twice, then the feed
//   /hang         never answers (the socket stays open)
//   /trickle      200 application/json at once, then one byte per 500 ms, forever
//   /truncated    the feed cut in the middle, status 200; [mode]:
//                 short   (default) Content-Length of the cut part: complete HTTP, broken JSON
//                 length  Content-Length of the whole feed, half sent, then the socket closes
//                 chunked chunked encoding, half sent, then the socket closes (no last chunk)
//   /html         200 text/html <html>…
//   /wrong-type   the feed as text/plain
//   /nocors       the feed without Access-Control-Allow-Origin
//   /reset        no answer: the socket is reset (TCP RST); [mode=fin] closes it instead
//   /huge         50 MB of valid-looking JSON Feed (chunked; [length=1] sends Content-Length;
//                 [mb=N]: N MB instead, the 50 MB repeated, no longer valid JSON past 50)
//   /views-ok     {"views": 99999}
//   /related-ok   JSON Feed of 2 items (ids r1 r2)
//   /views-<fault>, /related-<fault>: <fault> is any route above (e.g. /views-500,
//                 /views-hang, /related-hang, /related-404), counted under its own path
// Fault routes also take [ok-after=N]: from request N+1 on they answer /ok.json.
import http from 'node:http';

const FEED_VERSION = 'https://jsonfeed.org/version/1.1';
const HUGE_BYTES = 50 * 1024 * 1024;

function okFeed(origin, params) {
  const views = params.get('views') || '/views-ok';
  const related = params.get('related') || '/related-ok';
  const items = ['a', 'b', 'c'].map((id, i) => ({
    id,
    url: `${origin}/articles/${id}.html`,
    title: `Fault test article ${id.toUpperCase()}`,
    summary: `Summary of article ${id}.`,
    content_html: `<p>Body of article ${id}: the text stays whatever the network does.</p>`,
    date_published: `2024-06-0${i + 1}T10:00:00+08:00`,
    _news: {
      views: 1234 + 1111 * i,
      views_url: `${origin}${views}${views.includes('?') ? '&' : '?'}id=${id}`,
      related_url: `${origin}${related}${related.includes('?') ? '&' : '?'}id=${id}`,
    },
  }));
  return { version: FEED_VERSION, title: 'Fault feed', language: 'en', items };
}

const relatedFeed = () => ({
  version: FEED_VERSION,
  title: 'Related',
  items: ['r1', 'r2'].map((id) => ({ id, title: `Related ${id}`, content_text: `Related body ${id}.` })),
});

let hugeBody = null;
/** 50 MB of a JSON Feed whose items array goes on and on (built once). */
function huge() {
  if (hugeBody) return hugeBody;
  const head = Buffer.from(`{"version":"${FEED_VERSION}","title":"Huge","items":[`);
  const tail = Buffer.from(']}');
  const filler = 'x'.repeat(900);
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    const item = Buffer.from(`${i ? ',' : ''}{"id":"${i}","title":"Item ${i}","content_text":"${filler}"}`);
    if (size + item.length > HUGE_BYTES) break;
    parts.push(item);
    size += item.length;
  }
  parts.push(Buffer.from(' '.repeat(HUGE_BYTES - size)), tail);
  hugeBody = Buffer.concat(parts);
  return hugeBody;
}

export async function startFaultServer({ host = '127.0.0.1' } = {}) {
  /** path+query → arrival times */
  const seen = new Map();
  const sockets = new Set();
  const timers = new Set();
  let origin = '';

  const later = (fn, ms, repeat = false) => {
    const timer = (repeat ? setInterval : setTimeout)(() => {
      if (!repeat) timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  };
  const stop = (timer) => {
    clearTimeout(timer);
    clearInterval(timer);
    timers.delete(timer);
  };

  function send(res, status, body, { type = 'application/json; charset=utf-8', cors = true, headers = {} } = {}) {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': data.length,
      'Cache-Control': 'no-store',
      ...(cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      ...headers,
    });
    res.end(data);
  }

  /** Answers `route` (a path without its views-/related- prefix) for the nth request of `key`. */
  function answer(req, res, route, params, nth) {
    const okAfter = params.get('ok-after');
    if (okAfter !== null && route !== '/ok.json' && nth > Number(okAfter)) route = '/ok.json';
    const cors = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    switch (route) {
      case '/ok.json': {
        const failAfter = params.get('fail-after');
        if (failAfter !== null && nth > Number(failAfter)) return send(res, 500, 'server error\n', { type: 'text/plain' });
        return send(res, 200, okFeed(origin, params));
      }
      case '/views-ok':
        return send(res, 200, { views: 99999 });
      case '/related-ok':
        return send(res, 200, relatedFeed());
      case '/404':
        return send(res, 404, 'not found\n', { type: 'text/plain' });
      case '/500':
        return send(res, 500, 'server error\n', { type: 'text/plain' });
      case '/503-retry-after': {
        if (nth >= Number(params.get('ok-on') || 3)) return send(res, 200, okFeed(origin, params));
        const expose = params.get('expose') === '0' ? {} : { 'Access-Control-Expose-Headers': 'Retry-After' };
        return send(res, 503, 'try later\n', {
          type: 'text/plain',
          headers: { 'Retry-After': params.get('after') || '1', ...expose },
        });
      }
      case '/flaky':
        return nth <= 2 ? send(res, 500, 'server error\n', { type: 'text/plain' }) : send(res, 200, okFeed(origin, params));
      case '/hang':
        return; // the socket stays open until the client gives up or close()
      case '/trickle': {
        res.writeHead(200, { ...cors, 'Content-Type': 'application/json; charset=utf-8' });
        res.flushHeaders();
        const timer = later(() => res.write(' '), 500, true);
        res.on('close', () => stop(timer));
        return;
      }
      case '/truncated': {
        const whole = Buffer.from(JSON.stringify(okFeed(origin, params)));
        const half = whole.subarray(0, Math.floor(whole.length / 2));
        const mode = params.get('mode') || 'short';
        if (mode === 'short') return send(res, 200, half);
        res.writeHead(200, {
          ...cors,
          'Content-Type': 'application/json; charset=utf-8',
          ...(mode === 'length' ? { 'Content-Length': whole.length } : {}), // else chunked
        });
        res.write(half);
        // Let the first half reach the client, then cut the connection (FIN, no last chunk).
        later(() => res.socket?.destroy(), 100);
        return;
      }
      case '/html':
        return send(res, 200, '<html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>', { type: 'text/html; charset=utf-8' });
      case '/wrong-type':
        return send(res, 200, okFeed(origin, params), { type: 'text/plain; charset=utf-8' });
      case '/nocors':
        return send(res, 200, okFeed(origin, params), { cors: false });
      case '/reset': {
        const socket = req.socket;
        if (params.get('mode') === 'fin' || typeof socket.resetAndDestroy !== 'function') socket.destroy();
        else socket.resetAndDestroy();
        return;
      }
      case '/huge': {
        const body = huge();
        const total = Math.round(Number(params.get('mb') || 50) * 1024 * 1024);
        res.writeHead(200, {
          ...cors,
          'Content-Type': 'application/json; charset=utf-8',
          ...(params.get('length') ? { 'Content-Length': total } : {}),
        });
        // In 1 MB writes, so a client that stops reading simply stalls us.
        let sent = 0;
        const pump = () => {
          while (sent < total) {
            const at = sent % body.length;
            const chunk = body.subarray(at, Math.min(at + 1024 * 1024, body.length, at + total - sent));
            sent += chunk.length;
            bodyBytes.set(req.url, sent);
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => { sent = total; });
        return pump();
      }
      default:
        return send(res, 404, `no such route: ${route}\n`, { type: 'text/plain' });
    }
  }

  /** path+query → bytes of a /huge body handed to the socket (it waits while the client does not read) */
  const bodyBytes = new Map();
  /** path+query → requests whose connection is still open */
  const open = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://fault.invalid');
    if (req.method !== 'OPTIONS') {
      open.set(req.url, (open.get(req.url) || 0) + 1);
      res.once('close', () => open.set(req.url, open.get(req.url) - 1));
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET',
        'Access-Control-Allow-Headers': '*',
      });
      return res.end();
    }
    const key = req.url;
    const times = seen.get(key) || [];
    times.push(Date.now());
    seen.set(key, times);
    // /views-500 → /500, /related-hang → /hang (counted under their own paths).
    const prefixed = /^\/(views|related)-(.+)$/.exec(url.pathname);
    const route = prefixed && !['ok'].includes(prefixed[2]) ? `/${prefixed[2]}` : url.pathname;
    try {
      answer(req, res, route, url.searchParams, times.length);
    } catch (error) {
      if (!res.headersSent) send(res, 500, String(error), { type: 'text/plain' });
      else res.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The client resets sockets it gives up on; that is not our error.
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  origin = `http://${host}:${server.address().port}`;

  return {
    origin,
    /** How many requests arrived for exactly `pathAndQuery` (as the browser sent it). */
    hits: (pathAndQuery) => (seen.get(pathAndQuery) || []).length,
    /** Their arrival times (ms since the epoch). */
    times: (pathAndQuery) => [...(seen.get(pathAndQuery) || [])],
    /** How many requests for `pathAndQuery` are still unfinished (answer not fully sent, connection open). */
    pending: (pathAndQuery) => open.get(pathAndQuery) || 0,
    /** Bytes of the /huge body at `pathAndQuery` handed to the socket so far (about what the client took, + 1 MB). */
    bodyBytes: (pathAndQuery) => bodyBytes.get(pathAndQuery) || 0,
    /** Every path+query seen, with its count. */
    all: () => Object.fromEntries([...seen].map(([key, times]) => [key, times.length])),
    close: () => new Promise((resolve) => {
      for (const timer of timers) stop(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
