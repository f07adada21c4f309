// Caching: conditional requests (ETag / Last-Modified answered with 304) and
// the session copy that shows the news at once when a reader comes back,
// while the widget revalidates in the background.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { LOADER, TEST_TIMEOUT, inHost, jsonFeed, setup, waitForState, waitUntil } from './harness.mjs';

const e2e = setup();

/** A feed server with validators: answers 304 to a matching If-None-Match / If-Modified-Since. */
let server;
const seen = [];
let hang = false;
const FEED = JSON.stringify(jsonFeed([
  { id: 'a', title: 'Alpha', date_published: '2024-06-09T08:52:00+08:00' },
  { id: 'b', title: 'Beta', date_published: '2024-06-08T08:52:00+08:00' },
]));
const ETAG = '"feed-v1"';
const MODIFIED = 'Sun, 09 Jun 2024 00:52:00 GMT';

before(async () => {
  server = http.createServer((req, res) => {
    const headers = {
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-cache',
      ETag: ETAG,
      'Last-Modified': MODIFIED,
      'Content-Type': 'application/feed+json',
    };
    seen.push({ url: req.url, ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'], cookie: req.headers.cookie });
    if (hang) return; // never answers: only a copy already held can show the news
    if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === MODIFIED) {
      res.writeHead(304, headers);
      return res.end();
    }
    res.writeHead(200, headers);
    res.end(FEED);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
});
after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

const origin = () => `http://127.0.0.1:${server.address().port}`;

/** A page without Playwright routing (routing turns the browser's HTTP cache off). */
async function cachedPage(html) {
  const opened = await e2e.newPage();
  await opened.page.goto(`${e2e.wwwOrigin}/feeds/index.html`);
  await opened.page.setContent(html);
  return opened;
}

test('a refresh revalidates with If-None-Match / If-Modified-Since; the 304 keeps the widget as it is', { timeout: TEST_TIMEOUT }, async () => {
  const feed = `${origin()}/feed.json?conditional`;
  const { page, logs } = await cachedPage(`<div id="w" data-news-widget data-feed="${feed}"></div>${LOADER.replace('/widget', `${e2e.wwwOrigin}/widget`)}`);
  await waitForState(page, '#w', 'ready');
  const mine = () => seen.filter((r) => r.url === '/feed.json?conditional');
  assert.equal(mine().length, 1);
  assert.equal(mine()[0].ifNoneMatch, undefined, 'the first request is unconditional');
  await page.evaluate(() => window.NewsWidget.refresh(document.getElementById('w')));
  await waitUntil(() => mine().length === 2, { message: 'the refresh request' });
  const second = mine()[1];
  assert.equal(second.ifNoneMatch, ETAG, 'the browser cache revalidates with the ETag');
  assert.equal(second.ifModifiedSince, MODIFIED);
  assert.equal(second.cookie, undefined, 'no credentials');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getAttribute('#w', 'data-state'), 'ready');
  assert.equal(await inHost(page, '#w', '[part=card]').count(), 2, 'the 304 answer shows the same news');
  assert.deepEqual(logs.pageErrors, []);
});

test('coming back to the page shows the news at once from the session copy, then revalidates', { timeout: TEST_TIMEOUT }, async () => {
  const feed = `${origin()}/feed.json?session`;
  const { page, logs } = await e2e.blankPage(`<div id="w" data-news-widget data-feed="${feed}"></div>${LOADER}`);
  await waitForState(page, '#w', 'ready');
  const stored = await page.evaluate((url) => sessionStorage.getItem(`news-widget:feed:${url}`), feed);
  assert.ok(stored && JSON.parse(stored).items.length === 2, 'the feed is kept for the session');

  // The reader comes back (same tab, same session) while the feed server hangs.
  hang = true;
  try {
    const before = seen.length;
    await page.reload();
    await page.setContent(`<div id="w" data-news-widget data-feed="${feed}"></div>${LOADER}`);
    await waitForState(page, '#w', 'ready');
    assert.deepEqual(await inHost(page, '#w', '[part=card-title] a').allTextContents(), ['Alpha', 'Beta']);
    await waitUntil(() => seen.slice(before).some((r) => r.url === '/feed.json?session'), { message: 'a background revalidation' });
  } finally {
    hang = false;
  }
  assert.deepEqual(logs.pageErrors, []);
});

test('the session copy is bounded: only small feeds, at most four', { timeout: TEST_TIMEOUT }, async () => {
  const feeds = [1, 2, 3, 4, 5].map((n) => `${origin()}/feed.json?bounded-${n}`);
  const { page } = await e2e.blankPage(feeds.map((f, i) => `<div id="w${i}" data-news-widget data-feed="${f}"></div>`).join('') + LOADER);
  for (let i = 0; i < feeds.length; i++) await waitForState(page, `#w${i}`, 'ready');
  const kept = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('news-widget:feed:')).length);
  assert.equal(kept, 4, 'the oldest copy is evicted');
});
