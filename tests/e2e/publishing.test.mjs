// The publisher's side end to end: a news office's RSS feed (served with an
// ETag by a loopback server) → `news-feed convert` → the folder served from
// a feed origin → the widget in Chromium renders it, loads the next page and
// opens an article → a second `convert` sends If-None-Match, gets 304 and
// rewrites nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LOADER, REPO, TEST_TIMEOUT, assertClean, feedServer, inHost, setup, waitForState } from './harness.mjs';

const run = promisify(execFile);
const e2e = setup();
const TOOL = path.join(REPO, 'target', 'debug', 'news-feed');
const ETAG = '"office-v1"';
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The office's RSS 2.0 feed: five articles, two sharing a tag, relative links. */
const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Office news</title><link>/</link><language>en</language>
${[1, 2, 3, 4, 5].map((n) => `<item>
  <title>Article ${n} &amp; friends</title><link>/news/${n}.htm</link><guid>office-${n}</guid>
  <pubDate>Sun, 0${n} Jun 2024 08:00:00 +0800</pubDate><dc:creator>Reporter ${n}</dc:creator>
  <category>${n % 2 ? 'research' : 'campus'}</category>
  <description>Summary ${n}</description>
  <content:encoded><![CDATA[<p>Body of article ${n}.</p><script>window.__pwned = 1</script><img src="/img/${n}.jpg" alt="photo ${n}">]]></content:encoded>
</item>`).join('\n')}
</channel></rss>`;

let office; // the news office's server
const officeRequests = []; // its requests for /rss.xml
let out; // the folder convert writes
let feeds; // the feed origin serving it

before(async () => {
  // A no-op when `cargo test` already built it; never a stale binary.
  await run('cargo', ['build', '--quiet', '--bin', 'news-feed'], { cwd: REPO });
  office = http.createServer((req, res) => {
    if (req.url.startsWith('/img/')) { // the articles' photos
      res.writeHead(200, { 'Content-Type': 'image/gif' });
      return res.end(PIXEL);
    }
    officeRequests.push({ url: req.url, ifNoneMatch: req.headers['if-none-match'] ?? null });
    if (req.headers['if-none-match'] === ETAG) {
      res.writeHead(304, { ETag: ETAG });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'application/rss+xml', ETag: ETAG });
    res.end(RSS);
  });
  await new Promise((resolve) => office.listen(0, '127.0.0.1', resolve));
  out = await mkdtemp(path.join(tmpdir(), 'news-feed-e2e-'));
  feeds = await feedServer(async (url) => {
    const name = new URL(url, 'http://x').pathname.slice(1);
    if (!/^feed(-\d+)?\.json$/.test(name)) return { status: 404, body: 'not found' };
    return { body: await readFile(path.join(out, name), 'utf8') };
  });
});

after(async () => {
  office?.close();
  await feeds?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const convert = () => run(TOOL, [
  'convert', `http://127.0.0.1:${office.address().port}/rss.xml`, '-o', out,
  '--site', 'Office', '--page-size', '3',
]);

/** name → {ino, mtimeMs, size} of every file in the output folder. */
async function files() {
  const result = {};
  for (const name of (await readdir(out)).sort()) {
    const { ino, mtimeMs, size } = await stat(path.join(out, name));
    result[name] = { ino, mtimeMs, size };
  }
  return result;
}

test('RSS with an ETag → convert → the widget renders and opens it → 304 rewrites nothing', { timeout: TEST_TIMEOUT * 2 }, async () => {
  const first = await convert();
  assert.match(first.stdout, /5 items in 2 pages; 2 pages written/);
  assert.deepEqual(Object.keys(await files()), ['.news-feed-state.json', 'feed-2.json', 'feed.json']);
  const check = await run(TOOL, ['check', `${feeds.origin}/feed.json`]);
  assert.match(check.stdout, /ok: the widget shows 5 items from 2 pages/);

  const { page, logs } = await e2e.blankPage(
    `<div id="nw" data-news-widget data-feed="${feeds.origin}/feed.json" data-limit="3" data-lang="en"></div>${LOADER}`,
  );
  await waitForState(page, '#nw', 'ready');
  const titles = () => inHost(page, '#nw', '[part=card] [part=card-title] a').allTextContents();
  assert.deepEqual(await titles(), ['Article 1 & friends', 'Article 2 & friends', 'Article 3 & friends']);

  // "Load more" follows next_url to feed-2.json, relative to feed.json.
  await inHost(page, '#nw', 'button[part=more]').click();
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot.querySelectorAll('[part=card]').length === 5);
  assert.deepEqual((await titles()).slice(3), ['Article 4 & friends', 'Article 5 & friends']);
  assert.ok(feeds.hits.some((url) => url.startsWith('/feed-2.json')), 'the next page was fetched');

  await inHost(page, '#nw', '[part=card] a[data-action=open][data-id="office-3"]').click();
  const article = inHost(page, '#nw', 'article[part=article]');
  await article.waitFor();
  assert.equal(await article.locator('h2[part=article-title]').textContent(), 'Article 3 & friends');
  const body = article.locator('div[part=article-body]');
  assert.match(await body.textContent(), /Body of article 3\./);
  const origin = `http://127.0.0.1:${office.address().port}`;
  assert.equal(await body.locator('img').getAttribute('src'), `${origin}/img/3.jpg`,
    'relative URLs resolve against the article link, which convert made absolute');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'the script in the RSS did not run');
  // _news.related: the newest items sharing the tag "research" (1 and 5 with 3).
  assert.deepEqual(await article.locator('[part=related] [part=related-item] a').allTextContents(),
    ['Article 5 & friends', 'Article 1 & friends']);
  await assertClean(page, logs, { warnings: false });
  assert.deepEqual(logs.warnings.filter((w) => w.includes('news-widget')), [], 'the widget dropped nothing');

  // The second run: If-None-Match with the remembered ETag, 304, nothing rewritten.
  const before = await files();
  const second = await convert();
  assert.match(second.stdout, /unchanged \(304 Not Modified\): nothing rewritten/);
  assert.deepEqual(officeRequests.map((r) => r.ifNoneMatch), [null, ETAG]);
  assert.deepEqual(await files(), before, 'same inodes, mtimes and sizes');
});
