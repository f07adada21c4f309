// The configurator, www/configure.html: the form drives two live previews
// (real widgets in a 300 px and a ~900 px column) and the one-tag snippet
// (only non-default attributes, with the loader's integrity hash), which
// mounts the same widget when pasted into a page; Copy writes it to the
// clipboard; the feed check reports HTTP errors, missing CORS and per-item
// problems found by the widget's own parser (NewsWidget.checkFeed). The page
// itself passes axe (WCAG 2.x A/AA), works from the keyboard alone, and runs
// under the strict CSP of SPEC §7 with no violation. It speaks Simplified
// Chinese or English as the browser asks, with a switch; the snippet is the
// same in both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT, assertClean, axeRun, inHost, screenshot, setup, waitForState,
} from './harness.mjs';

const e2e = setup({ relatedDelayMs: 300 });
const NARROW = '#preview-narrow';
const WIDE = '#preview-wide';
const PREVIEWS = [NARROW, WIDE];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// TODO(lead): remove once the loader is fixed. js/loader.js calls the raw wasm export
// (`api.checkFeed(text, url)`), which takes (ptr, len, ptr, len): the strings become 0, so
// the parser always reads "" ("unexpected end of the document at line 1, column 1").
// It must call the glue's wrapper, `wasm_bindgen.checkFeed(String(text), String(url))`.

/** Records CSP violations in every document of the page (an init script). */
function recordViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
}

/** The configurator in a fresh page, both previews ready and the first feed check done. */
async function openConfigurator({ width = 1200, height = 1000, locale } = {}) {
  const opened = await e2e.newPage({ width, height, locale });
  await opened.page.addInitScript(recordViolations);
  const response = await opened.page.goto(`${e2e.wwwOrigin}/configure.html`);
  assert.equal(response.status(), 200);
  for (const host of PREVIEWS) await waitForState(opened.page, host, 'ready');
  await checkDone(opened.page);
  return { ...opened, response };
}

/** Waits until the feed check has rendered its result list. */
async function checkDone(page) {
  await page.waitForFunction(() => {
    const results = document.getElementById('check-results');
    return results.getAttribute('aria-busy') === 'false' && results.querySelector('.check-list');
  });
}

/** The loader's hash, as the www origin serves it next to the loader. */
async function loaderIntegrity() {
  const response = await fetch(`${e2e.wwwOrigin}/widget/integrity.json`);
  return (await response.json())['news-widget.js'];
}

const snippetText = (page) => page.locator('#snippet').textContent();

/** The attributes of the one <script> tag in a snippet, in order: [[name, value|null], …]. */
function snippetAttributes(snippet) {
  const m = /^<script\s([\s\S]*)><\/script>$/.exec(snippet.trim());
  assert.ok(m, `the snippet is one <script …></script> tag:\n${snippet}`);
  const attributes = [];
  const re = /([a-z][a-z-]*)(?:="([^"]*)")?/g;
  let a;
  while ((a = re.exec(m[1]))) {
    attributes.push([a[1], a[2] === undefined ? null : a[2].replaceAll('&quot;', '"').replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>').replaceAll('&amp;', '&')]);
  }
  return attributes;
}

/** Waits until every preview carries `attribute`=`value` (null: absent), has re-rendered and satisfies `check`. */
async function previewsSettle(page, attribute, value, check = '') {
  await page.waitForFunction(([hosts, name, want, extra]) => hosts.every((sel) => {
    const host = document.querySelector(sel);
    const root = host.shadowRoot;
    if (host.getAttribute(name) !== want || host.getAttribute('data-state') !== 'ready') return false;
    if (root.querySelector('.skeleton')) return false;
    return !extra || root.querySelector(extra) !== null;
  }), [PREVIEWS, attribute, value, check]);
}

/** A feed on the feed origin (served by a route, with CORS) with one good item and four bad ones. */
const BAD_FEED = () => `${e2e.feedOrigin}/feeds/bad-items.json`;
function routeBadFeed(context) {
  const cors = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
  return context.route(BAD_FEED(), (route) => route.request().method() === 'OPTIONS'
    ? route.fulfill({ status: 204, headers: { ...cors, 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET' } })
    : route.fulfill({
      status: 200,
      headers: { ...cors, 'Content-Type': 'application/feed+json' },
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Feed with bad items',
        items: [
          { id: 'good', title: 'A good item', content_text: 'Body.', date_published: '2024-06-01T08:00:00+08:00' },
          { title: 'No id', content_text: 'Body.' },
          { id: 'bad-date', title: 'Bad date', content_text: 'Body.', date_published: 'yesterday' },
          { id: 'good', title: 'Same id again', content_text: 'Body.' },
          { id: 'empty' },
        ],
      }),
    }));
}

/** Types a feed URL and presses Enter (applies at once), then waits for the previews to take it and its check to end. */
async function enterFeedUrl(page, url) {
  await page.fill('#feed', url);
  await page.press('#feed', 'Enter');
  await page.waitForFunction((u) => document.querySelector('#check-results .checking') === null &&
    document.getElementById('check-results').getAttribute('aria-busy') === 'false' &&
    document.getElementById('preview-wide').getAttribute('data-feed') === u, url);
}

const count = (page, host, selector) => inHost(page, host, selector).count();

test('configurator: the previews and the snippet follow the form; Copy copies it; the snippet works as pasted', {
  timeout: TEST_TIMEOUT,
}, async (t) => {
  const { page, context, logs, response } = await openConfigurator();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.wwwOrigin });

  // Served with the strict policy: everything below runs without inline code or markup strings.
  const csp = response.headers()['content-security-policy'];
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "require-trusted-types-for 'script'"]) {
    assert.ok(csp.includes(directive), `configure.html is served with ${directive}`);
  }

  // Two real widgets, not iframes, in a 300 px and a ~900 px column; the default feed.
  assert.equal(await page.locator('iframe').count(), 0);
  const widths = await page.evaluate((hosts) => hosts.map((sel) => document.querySelector(sel).getBoundingClientRect().width), PREVIEWS);
  assert.equal(Math.round(widths[0]), 300, 'narrow preview is 300 px wide');
  assert.ok(widths[1] >= 800 && widths[1] <= 900, `wide preview is ~900 px wide (${widths[1]})`);
  const tops = await page.evaluate((hosts) => hosts.map((sel) => Math.round(document.querySelector(sel).getBoundingClientRect().top)), PREVIEWS);
  assert.equal(tops[0], tops[1], 'the two previews sit side by side at 1200 px');
  for (const host of PREVIEWS) {
    assert.equal(await page.getAttribute(host, 'data-feed'), `${e2e.feedOrigin}/feeds/home.json`);
    assert.equal(await count(page, host, '[part=card]'), 6);
    assert.equal(await count(page, host, 'ul[part=list].cards'), 1);
  }
  assert.equal(await page.inputValue('#feed'), `${e2e.feedOrigin}/feeds/home.json`, '__FEED_ORIGIN__ was substituted');

  // The default snippet: the loader with its integrity hash, and data-feed only.
  const hash = await loaderIntegrity();
  assert.match(hash, /^sha384-[A-Za-z0-9+/]+=*$/);
  await page.waitForFunction((h) => document.getElementById('snippet').textContent.includes(h), hash);
  const loader = `${e2e.wwwOrigin}/widget/news-widget.js`;
  assert.deepEqual(snippetAttributes(await snippetText(page)), [
    ['async', null], ['src', loader], ['integrity', hash], ['crossorigin', 'anonymous'],
    ['data-feed', `${e2e.feedOrigin}/feeds/home.json`],
  ]);

  await t.test('the feed check reads the demo feed with the widget’s parser', async () => {
    assert.equal(await page.evaluate(() => typeof window.NewsWidget.checkFeed), 'function', 'NewsWidget.checkFeed exists');
    const results = page.locator('#check-results');
    assert.equal(await results.getAttribute('aria-live'), 'polite');
    const text = await results.textContent();
    assert.match(text, /CORS\s*Allowed/, text);
    assert.match(text, /Access-Control-Allow-Origin/);
    assert.match(text, /200 OK/);
    assert.match(text, /A JSON Feed with 11 items the widget can show, and no problems/, text);
    assert.equal(await results.locator('.item-problems').count(), 0);
    assert.match(await page.locator('#feed-status').textContent(), /11 items, no problems, CORS set/);
  });

  await screenshot(page, 'configure-1200', { fullPage: true });

  // Layout → list: both previews draw rows.
  await page.selectOption('#layout', 'list');
  await previewsSettle(page, 'data-layout', 'list', 'ul[part=list].list');
  for (const host of PREVIEWS) assert.equal(await count(page, host, 'ul[part=list].cards'), 0);

  // Limit 3 → three cards each.
  await page.fill('#limit', '3');
  await previewsSettle(page, 'data-limit', '3');
  for (const host of PREVIEWS) assert.equal(await count(page, host, '[part=card]'), 3, `${host}: 3 cards`);

  // Without "Image" the cards have no images.
  for (const host of PREVIEWS) assert.ok(await count(page, host, '[part=card-image]') > 0, `${host} shows images at first`);
  await page.uncheck('#show-image');
  await previewsSettle(page, 'data-show', 'summary,date,source', '[part=card]');
  for (const host of PREVIEWS) {
    assert.equal(await count(page, host, '[part=card-image]'), 0, `${host}: no card images`);
    assert.equal(await count(page, host, '[part=card]'), 3);
  }

  // Dark theme.
  await page.selectOption('#theme', 'dark');
  await previewsSettle(page, 'data-theme', 'dark', '.nw.dark [part=card]');

  // A heading of our own, typed (text fields apply after a pause).
  await page.fill('#title', 'Campus news');
  assert.equal(await page.isChecked('#title-custom'), true, 'typing selects "my own heading"');
  await previewsSettle(page, 'data-title', 'Campus news', '[part=heading]');
  for (const host of PREVIEWS) assert.equal(await inHost(page, host, '[part=heading]').textContent(), 'Campus news');

  // Back to the feed's heading: the attribute goes away again.
  await page.check('#title-feed');
  await previewsSettle(page, 'data-title', null, '[part=heading]');
  for (const host of PREVIEWS) assert.equal(await inHost(page, host, '[part=heading]').textContent(), '主页新闻');

  // A value the widget would refuse is flagged and not applied.
  await page.fill('#accent', 'not a colour');
  await page.locator('#accent-error').waitFor();
  assert.equal(await page.getAttribute('#accent', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#accent-error'), /not a CSS colour/);
  for (const host of PREVIEWS) assert.equal(await page.getAttribute(host, 'data-accent'), null);
  await page.fill('#accent', '');
  await page.locator('#accent-error').waitFor({ state: 'hidden' });

  // The snippet: exactly the non-default attributes, in the documented order.
  const snippet = await snippetText(page);
  assert.ok(snippet.includes('data-layout="list"') && snippet.includes('data-limit="3"'), snippet);
  assert.deepEqual(snippetAttributes(snippet), [
    ['async', null], ['src', loader], ['integrity', hash], ['crossorigin', 'anonymous'],
    ['data-feed', `${e2e.feedOrigin}/feeds/home.json`], ['data-layout', 'list'], ['data-limit', '3'],
    ['data-theme', 'dark'], ['data-show', 'summary,date,source'],
  ], `no default-valued attribute in the snippet:\n${snippet}`);
  // The previews carry the same data-* attributes as the snippet.
  const hostAttributes = await page.evaluate((sel) => Array.from(document.querySelector(sel).attributes)
    .filter((a) => a.name.startsWith('data-') && a.name !== 'data-state' && a.name !== 'data-news-widget')
    .map((a) => [a.name, a.value]), NARROW);
  assert.deepEqual(hostAttributes.sort(), snippetAttributes(snippet).filter(([name]) => name.startsWith('data-')).sort());

  // Copy: the clipboard holds the snippet and the live region says so.
  const status = page.locator('#copy-status');
  assert.equal(await status.getAttribute('role'), 'status');
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no securitypolicyviolation');
  await assertClean(page, logs);
  await screenshot(page, 'configure-1200-list-dark', { fullPage: true });

  // Pasted into a page of the www origin, the snippet mounts that widget (the integrity hash matches).
  const pasted = await e2e.blankPage(snippet, { width: 900, height: 900 });
  await waitForState(pasted.page, '[data-news-widget]', 'ready');
  const mounted = '[data-news-widget]';
  assert.equal(await count(pasted.page, mounted, 'ul[part=list].list [part=card]'), 3);
  assert.equal(await count(pasted.page, mounted, '.nw.dark'), 1);
  assert.equal(await count(pasted.page, mounted, '[part=card-image]'), 0);
  await assertClean(pasted.page, pasted.logs);

  // "No layout shift" drops async from the snippet (docs/embedding.md: the one-tag form without async
  // draws its skeleton before the first paint); nothing else changes.
  await page.check('#no-shift');
  await page.waitForFunction((s) => document.getElementById('snippet').textContent !== s, snippet);
  const blocking = await snippetText(page);
  assert.deepEqual(snippetAttributes(blocking), snippetAttributes(snippet).filter(([name]) => name !== 'async'));
  const pastedBlocking = await e2e.blankPage(`${blocking}<p>below</p>`, { width: 900, height: 900 });
  await waitForState(pastedBlocking.page, '[data-news-widget]', 'ready');
  assert.equal(await count(pastedBlocking.page, mounted, 'ul[part=list].list [part=card]'), 3);
  await assertClean(pastedBlocking.page, pastedBlocking.logs);
  await page.uncheck('#no-shift');
  await page.waitForFunction((s) => document.getElementById('snippet').textContent === s, snippet);
});

test('configurator: the feed check lists problems per item, HTTP errors and missing CORS', {
  timeout: TEST_TIMEOUT,
}, async (t) => {
  const { page, context, logs } = await openConfigurator();
  await routeBadFeed(context);
  const enterFeed = (url) => enterFeedUrl(page, url);
  const results = page.locator('#check-results');

  await t.test('per-item problems from the widget’s parser', async () => {
    await enterFeed(BAD_FEED());
    for (const host of PREVIEWS) {
      await waitForState(page, host, 'ready');
      assert.equal(await count(page, host, '[part=card]'), 2, 'the widget shows the two usable items');
    }
    const text = await results.textContent();
    assert.match(text, /A JSON Feed with 2 items the widget can show; 4 problems/, text);
    assert.equal(await results.locator('.item-problems > li').count(), 4, 'one entry per item with a problem');
    assert.equal(await results.locator('[data-item="0"]').count(), 0, 'the good item is not listed');
    const item = (n) => results.locator(`[data-item="${n}"]`);
    assert.match(await item(1).textContent(), /^Item 2 · “No id”/);
    assert.match(await item(1).textContent(), /Dropped\s*items\[1\] dropped: .*id/);
    assert.match(await item(2).textContent(), /^Item 3 · id “bad-date” · “Bad date”/);
    assert.match(await item(2).textContent(), /Ignored\s*items\[2\]\.date_published ignored: .*yesterday/);
    assert.match(await item(3).textContent(), /Dropped\s*items\[3\] dropped: .*good/);
    assert.match(await item(4).textContent(), /Dropped\s*items\[4\] dropped/);
    assert.match(await page.locator('#feed-status').textContent(), /2 items usable, 4 problems/);
  });

  // HTTP 404: named, and the previews show the widget's own error state.
  await enterFeed(`${e2e.feedOrigin}/status/404`);
  for (const host of PREVIEWS) await waitForState(page, host, 'error');
  assert.match(await results.textContent(), /HTTP\s*HTTP 404\s*The server answered 404 Not Found instead of the feed/);
  assert.match(await page.locator('#feed-status').textContent(), /404/);

  // No CORS headers: said plainly, naming the header.
  await enterFeed(`${e2e.feedOrigin}/nocors/home.json`);
  for (const host of PREVIEWS) await waitForState(page, host, 'error');
  const nocors = await results.textContent();
  assert.match(nocors, /CORS\s*Not allowed/, nocors);
  assert.match(nocors, /does not send Access-Control-Allow-Origin/);
  assert.match(await page.locator('#feed-status').textContent(), /Access-Control-Allow-Origin/);

  // Not a URL: flagged at the field; previews and snippet keep the last valid feed.
  await page.fill('#feed', 'news.example.edu/feed');
  await page.press('#feed', 'Enter');
  await page.locator('#feed-error').waitFor();
  assert.equal(await page.getAttribute('#feed', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#feed-error'), /absolute address/);
  assert.equal(await page.getAttribute(WIDE, 'data-feed'), `${e2e.feedOrigin}/nocors/home.json`);
  assert.ok((await snippetText(page)).includes(`data-feed="${e2e.feedOrigin}/nocors/home.json"`));
  assert.match(await page.textContent('#snippet-problems'), /Feed URL/);

  // The only console output is the widget's own and the browser's network messages for the bad feeds.
  const unexpectedErrors = logs.errors.filter((m) =>
    !/^news-widget: /.test(m) && !/Failed to load resource/.test(m) && !/CORS policy/.test(m));
  assert.deepEqual(unexpectedErrors, []);
  assert.deepEqual(logs.warnings.filter((m) => !/^news-widget: /.test(m)), []);
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no securitypolicyviolation');
});

/** Runs axe on the whole page (the previews' open shadow trees included); fails listing every violation. */
async function assertAxeClean(t, page, label) {
  const result = await axeRun(page, null, AXE_TAGS);
  const report = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${
    v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replaceAll('\n', '\n      ')}`).join('\n')}`).join('\n');
  assert.equal(result.violations.length, 0, `axe: the configurator ${label} has violations:\n${report}`);
  assert.ok(result.passes > 10, `axe really ran (${result.passes} rules passed)`);
  t.diagnostic(`axe ${label}: 0 violations, ${result.passes} rules passed, needs review: ${JSON.stringify(result.incomplete)}`);
}

test('configurator: axe finds no WCAG A/AA violation; keyboard alone reaches and works every control', {
  timeout: TEST_TIMEOUT,
}, async (t) => {
  // addScriptTag injects axe as an inline <script>, which the page's CSP would block.
  const { page, context, logs } = await e2e.newPage({ width: 1200, height: 1000, bypassCSP: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.wwwOrigin });
  await routeBadFeed(context);
  await page.goto(`${e2e.wwwOrigin}/configure.html`);
  for (const host of PREVIEWS) await waitForState(page, host, 'ready');
  await checkDone(page);

  // Tab from the top: the skip link first, then every control in order, each with a visible focus ring.
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return { cls: el.className, visible: box.top >= 0 && box.bottom <= innerHeight };
  });
  assert.deepEqual(skip, { cls: 'skip-link', visible: true }, 'the skip link shows when focused');
  const visited = [];
  const unringed = [];
  for (let i = 0; i < 120 && visited.at(-1) !== 'recheck'; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (el.shadowRoot) return { id: el.id, widget: true };
      const s = getComputedStyle(el);
      return { id: el.id, ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
    });
    if (focus.widget) continue; // the widget's own Tab stops (checked in a11y.test.mjs)
    visited.push(focus.id);
    if (!focus.ring) unringed.push(focus.id);
  }
  const controls = ['feed', 'title-feed', 'title', 'layout', 'limit', 'open', 'related', 'theme', 'accent-picker', 'accent',
    'accent-reset', 'font', 'radius', 'density', 'lang', 'show-image', 'show-summary', 'show-date', 'show-source',
    'show-views', 'show-section', 'show-tags', 'show-author', 'tag', 'section', 'refresh', 'timeout', 'reset', 'copy',
    'recheck'];
  assert.deepEqual(visited.filter((id) => controls.includes(id)), controls, `Tab order: ${JSON.stringify(visited)}`);
  assert.deepEqual(unringed, [], 'every control shows where the focus is');

  // Keys only: arrow keys in the radio group and a select, Space on a checkbox, Enter on Copy.
  await page.focus('#title-feed');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.isChecked('#title-none'), true);
  await previewsSettle(page, 'data-title', '', '[part=card]');
  for (const host of PREVIEWS) assert.equal(await count(page, host, '[part=heading]'), 0, 'no heading');
  await page.focus('#layout');
  await page.keyboard.press('ArrowDown');
  await previewsSettle(page, 'data-layout', 'list', 'ul[part=list].list');
  await page.focus('#show-views');
  await page.keyboard.press('Space');
  await previewsSettle(page, 'data-show', 'image,summary,date,source,views', '[part=card]');
  await page.focus('#copy');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent === 'Copied');
  assert.ok((await snippetText(page)).includes('data-title=""'), 'an empty data-title hides the heading');

  // axe on the whole page, the previews' shadow trees included: as the keys left it, then with the
  // per-item problem list and the previews in dark and compact.
  await assertAxeClean(t, page, 'with list layout, no heading');
  await page.selectOption('#theme', 'dark');
  await page.selectOption('#density', 'compact');
  await enterFeedUrl(page, BAD_FEED());
  for (const host of PREVIEWS) await waitForState(page, host, 'ready');
  await previewsSettle(page, 'data-density', 'compact', '.nw.dark.compact [part=card]');
  await assertAxeClean(t, page, 'with previews in dark, compact, and the feed check listing item problems');
  await page.click('.lang-switch button[value=zh-CN]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await checkDone(page);
  await assertAxeClean(t, page, 'in Chinese');
  // The widget's warnings for the bad feed's dropped items are expected; nothing else.
  assert.deepEqual(logs.warnings.filter((m) => !/^news-widget: items\[\d+\]/.test(m)), []);
  logs.warnings.length = 0;
  await assertClean(page, logs);
});

/** Every data-i18n text and translated attribute of the page, by key (the previews' shadow trees excluded). */
function pageTexts(page) {
  return page.evaluate(() => {
    const texts = {};
    document.querySelectorAll('[data-i18n]').forEach((node) => { texts[node.dataset.i18n] = node.textContent.trim(); });
    for (const attribute of ['aria-label', 'placeholder', 'label']) {
      document.querySelectorAll(`[data-i18n-${attribute}]`).forEach((node) => {
        texts[`${attribute}:${node.getAttribute(`data-i18n-${attribute}`)}`] = node.getAttribute(attribute);
      });
    }
    return texts;
  });
}

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** Asserts the page speaks `lang` everywhere the tables reach, and returns its texts. */
async function assertLanguage(page, lang) {
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  const pressed = await page.$$eval('.lang-switch button', (buttons) =>
    buttons.map((b) => [b.value, b.getAttribute('aria-pressed')]));
  assert.deepEqual(pressed, [['zh-CN', String(lang === 'zh-CN')], ['en', String(lang === 'en')]]);
  const texts = await pageTexts(page);
  assert.ok(Object.keys(texts).length >= 90, `all texts found (${Object.keys(texts).length})`);
  const wrong = Object.entries(texts).filter(([, text]) => !text || CJK.test(text) !== (lang === 'zh-CN'));
  assert.deepEqual(wrong, [], `every text is in ${lang}`);
  return texts;
}

test('configurator: follows the browser language (zh-CN or en), with a switch; the snippet does not change', {
  timeout: TEST_TIMEOUT,
}, async () => {
  // A Chinese browser: Chinese labels, hints, feed check and error messages.
  const zh = await openConfigurator({ locale: 'zh-CN' });
  const zhTexts = await assertLanguage(zh.page, 'zh-CN');
  assert.equal(await zh.page.textContent('h1'), '配置新闻小部件');
  assert.equal(await zh.page.title(), '新闻小部件配置器');
  assert.equal(await zh.page.textContent('label[for=layout]'), '布局');
  assert.equal(await zh.page.textContent('#copy'), '复制');
  assert.equal(await zh.page.textContent('#feed-hint code'), 'Access-Control-Allow-Origin', 'code stays code');
  assert.match(await zh.page.textContent('#check-results'), /这是一个 JSON Feed,小部件可显示其中 11 个条目,没有发现问题。/);
  assert.match(await zh.page.textContent('#feed-status'), /共 11 个条目,没有问题,已设置 CORS。/);
  await zh.page.fill('#limit', '99');
  await zh.page.locator('#limit-error').waitFor();
  assert.equal(await zh.page.textContent('#limit-error'), '请输入 1 到 50 之间的整数。');
  assert.equal(await zh.page.textContent('#snippet-problems'), '以下设置更正前不会生效:显示条数。');
  await zh.page.fill('#limit', '6');
  await zh.page.locator('#limit-error').waitFor({ state: 'hidden' });
  await zh.page.waitForFunction(() => document.getElementById('snippet').textContent.includes('integrity='));
  const zhSnippet = await snippetText(zh.page);
  await screenshot(zh.page, 'configure-zh-CN', { fullPage: true });

  // The switch: English everywhere, the same snippet; the choice is remembered on reload.
  await zh.page.click('.lang-switch button[value=en]');
  const enTexts = await assertLanguage(zh.page, 'en');
  assert.equal(await zh.page.textContent('h1'), 'Configure the news widget');
  await checkDone(zh.page);
  assert.match(await zh.page.textContent('#check-results'), /A JSON Feed with 11 items the widget can show, and no problems/);
  assert.equal(await snippetText(zh.page), zhSnippet);
  for (const key of Object.keys(zhTexts)) assert.notEqual(zhTexts[key], enTexts[key], `${key} is translated`);
  await zh.page.reload();
  await checkDone(zh.page);
  await assertLanguage(zh.page, 'en');
  await assertClean(zh.page, zh.logs);
  assert.deepEqual(await zh.page.evaluate(() => window.__violations), [], 'no securitypolicyviolation');

  // An English browser: English, the same snippet; the switch turns it Chinese.
  const en = await openConfigurator({ locale: 'en-GB' });
  await assertLanguage(en.page, 'en');
  await en.page.waitForFunction(() => document.getElementById('snippet').textContent.includes('integrity='));
  assert.equal(await snippetText(en.page), zhSnippet);
  await screenshot(en.page, 'configure-en', { fullPage: true });
  await en.page.click('.lang-switch button[value=zh-CN]');
  await assertLanguage(en.page, 'zh-CN');
  assert.equal(await en.page.textContent('label[for=theme]'), '主题');
  assert.equal(await snippetText(en.page), zhSnippet);
  await assertClean(en.page, en.logs);
});
