// The demo page `/`: a one-tag embed (zh, 6 cards) and a placeholder embed
// (en, 4 cards), both reading www/feeds/home.json from the second origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT, assertClean, events, inHost, requestsSince, screenshot, setup, waitForState,
} from './harness.mjs';
import { SEED } from './seed.mjs';

const e2e = setup();
const ONE_TAG = '.main-column [data-news-widget]';
const PLACEHOLDER = 'aside [data-news-widget]';

test('demo page: both embeds load cross-origin and render their cards', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.newPage({ width: 1200, height: 1000 });
  const from = e2e.requests.length;
  const corsHeaders = [];
  page.on('request', (request) => {
    if (request.url().includes('/feeds/home.json')) corsHeaders.push(request.allHeaders());
  });

  await page.goto(`${e2e.wwwOrigin}/`);
  await waitForState(page, ONE_TAG, 'ready');
  await waitForState(page, PLACEHOLDER, 'ready');

  // One-tag form: the loader inserted the host just before its own script
  // tag, carrying the script's data-* attributes.
  const oneTag = await page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const next = host.nextElementSibling;
    return {
      nextIsLoader: next?.tagName === 'SCRIPT' && new URL(next.src).pathname === '/widget/news-widget.js',
      feed: host.getAttribute('data-feed'),
      limit: host.getAttribute('data-limit'),
      hosts: document.querySelectorAll('[data-news-widget]').length,
      openShadow: host.shadowRoot?.mode,
    };
  }, ONE_TAG);
  assert.equal(oneTag.nextIsLoader, true, 'host is inserted just before the loader <script>');
  assert.equal(oneTag.feed, `${e2e.feedOrigin}/feeds/home.json`);
  assert.equal(oneTag.limit, '6');
  assert.equal(oneTag.hosts, 2, 'exactly two widgets on the demo page');
  assert.equal(oneTag.openShadow, 'open');

  // Cards: 6 (data-limit=6) and 4 (data-limit=4), all inside the shadow roots.
  assert.equal(await inHost(page, ONE_TAG, '[part=card]').count(), 6);
  assert.equal(await inHost(page, PLACEHOLDER, '[part=card]').count(), 4);
  assert.equal(await page.locator('[part=card]').evaluateAll((cards) =>
    cards.filter((card) => card.getRootNode() === document).length), 0, 'no widget markup in the light DOM');
  assert.equal(await inHost(page, ONE_TAG, '[part=heading]').textContent(), '主页新闻');
  assert.equal(await inHost(page, PLACEHOLDER, '[part=heading]').textContent(), 'News from XJTU');
  const firstTitle = inHost(page, ONE_TAG, '[part=card]').first().locator('[part=card-title] a');
  assert.equal(await firstTitle.textContent(), SEED.title);
  assert.equal(await firstTitle.getAttribute('href'), `#news-${SEED.id}`);
  await assert.doesNotReject(inHost(page, ONE_TAG, '[part=card]').first().locator('img[part=card-image]').waitFor());

  // Cross-origin: the page and widget come from www, the feed from the feed origin, with CORS.
  assert.notEqual(new URL(e2e.wwwOrigin).port, new URL(e2e.feedOrigin).port);
  const seen = requestsSince(e2e.requests, from);
  assert.ok(seen.some((r) => r.origin === 'www' && r.url === '/widget/news-widget.js'), 'loader from www');
  assert.ok(seen.some((r) => r.origin === 'www' && /^\/widget\/news-widget\.[0-9a-f]+\.wasm$/.test(r.url)), 'wasm from www, next to the loader');
  assert.equal(seen.filter((r) => r.origin === 'www' && r.url.startsWith('/feeds/')).length, 0, 'no feed from the page origin');
  assert.equal(requestsSince(e2e.requests, from, { origin: 'feed', path: '/feeds/home.json' }).length, 1,
    'the two widgets of one feed share one request, to the feed origin');
  assert.equal(corsHeaders.length, 1);
  for (const headers of await Promise.all(corsHeaders)) {
    assert.equal(headers.origin, e2e.wwwOrigin, 'feed fetched as a CORS request from the www origin');
    assert.equal(headers.cookie, undefined, 'no credentials');
  }

  // Dates in the widget's language (Asia/Shanghai): zh for the one-tag
  // widget (feed language), en for data-lang="en".
  const zhTime = inHost(page, ONE_TAG, '[part=card]').first().locator('[part=card-meta] time');
  const enTime = inHost(page, PLACEHOLDER, '[part=card]').first().locator('[part=card-meta] time');
  assert.equal(await zhTime.textContent(), '2024年6月9日');
  assert.equal(await enTime.textContent(), 'Jun 9, 2024');
  assert.equal(Date.parse(await zhTime.getAttribute('datetime')), Date.parse(SEED.published));
  assert.equal(await inHost(page, ONE_TAG, '[part=card]').first().locator('[part=card-meta] .source').textContent(), SEED.source);

  // ready fired once per widget, with the number of cards shown.
  const ready = await events(page, 'news-widget:ready');
  assert.deepEqual(ready.map((e) => [e.index, e.detail.count]).sort(), [[0, 6], [1, 4]]);
  assert.ok(ready.every((e) => e.bubbles && e.composed && e.isCustom));

  await assertClean(page, logs);
  await screenshot(page, 'demo-1200', { fullPage: true });
});

test('demo page: host CSS does not leak into the widget', { timeout: TEST_TIMEOUT }, async () => {
  // The hostile rule is an inline style, which the demo's strict CSP would block.
  const { page, logs } = await e2e.newPage({ bypassCSP: true });
  await page.goto(`${e2e.wwwOrigin}/`);
  await waitForState(page, ONE_TAG, 'ready');
  // A hostile host rule on every h3/a/li must not reach the shadow DOM.
  await page.addStyleTag({ content: 'h3, a, li { color: rgb(255, 0, 0) !important; font-size: 40px !important; }' });
  const styles = await inHost(page, ONE_TAG, '[part=card-title] a').first().evaluate((a) => {
    const s = getComputedStyle(a);
    return { color: s.color, fontSize: s.fontSize };
  });
  assert.notEqual(styles.color, 'rgb(255, 0, 0)');
  assert.notEqual(styles.fontSize, '40px');
  await assertClean(page, logs);
});

test('demo page: works under the strict CSP of SPEC §7 with no violation (list, article, related)', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.newPage({ width: 1200, height: 1000 });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
  });
  const response = await page.goto(`${e2e.wwwOrigin}/`);
  const csp = response.headers()['content-security-policy'];
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "require-trusted-types-for 'script'",
    'trusted-types news-widget', "default-src 'none'"]) {
    assert.ok(csp.includes(directive), `the page is served with ${directive}`);
  }
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'"));
  await waitForState(page, ONE_TAG, 'ready');
  await inHost(page, ONE_TAG, '[part=card-title] a').first().click();
  await inHost(page, ONE_TAG, '[part=related-item]').first().waitFor();
  await inHost(page, ONE_TAG, '[part=article-body] img').first().evaluate((img) => img.decode());
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no securitypolicyviolation');
  assert.deepEqual(logs.pageErrors, []);
});

test('privacy: every request goes to the widget, the feed or the URLs the feed names, without cookies; nothing is stored but the session copy', { timeout: TEST_TIMEOUT }, async () => {
  const { page, context, logs } = await e2e.newPage({ width: 1200, height: 1000 });
  // A cookie on each origin: the widget must never send one.
  await context.addCookies([
    { name: 'host', value: 'secret', url: e2e.wwwOrigin },
    { name: 'feed', value: 'secret', url: e2e.feedOrigin },
  ]);
  const seen = [];
  page.on('request', (request) => seen.push({ url: request.url(), headers: request.headers(), type: request.resourceType() }));
  await page.goto(`${e2e.wwwOrigin}/`);
  await waitForState(page, ONE_TAG, 'ready');
  await inHost(page, ONE_TAG, '[part=more]').click();
  await inHost(page, ONE_TAG, '[part=card-title] a').first().click();
  await inHost(page, ONE_TAG, '[part=related-item]').first().waitFor();
  await page.waitForLoadState('networkidle');
  const allowed = new Set([new URL(e2e.wwwOrigin).origin, new URL(e2e.feedOrigin).origin]);
  const elsewhere = seen.filter((r) => !allowed.has(new URL(r.url).origin));
  assert.deepEqual(elsewhere.map((r) => r.url), [], 'no request leaves the widget and feed origins');
  const widgetFetches = seen.filter((r) => r.type === 'fetch');
  assert.ok(widgetFetches.some((r) => r.url.includes('/feeds/home-2.json')), 'next_url was fetched');
  assert.ok(widgetFetches.some((r) => r.url.includes('/api/views')), 'views_url was fetched');
  for (const request of widgetFetches) {
    assert.equal(request.headers.cookie, undefined, `no cookie on ${request.url}`);
  }
  const stored = await page.evaluate(() => ({
    local: localStorage.length,
    session: Object.keys(sessionStorage),
    cookies: document.cookie,
  }));
  assert.equal(stored.local, 0, 'nothing in localStorage');
  assert.ok(stored.session.every((key) => key.startsWith('news-widget:')), `only the session copy: ${stored.session}`);
  // (Cookies ignore ports: both test cookies belong to 127.0.0.1.)
  assert.deepEqual(stored.cookies.split('; ').sort(), ['feed=secret', 'host=secret'], 'no cookie set by the widget');
  assert.deepEqual(logs.pageErrors, []);
});
