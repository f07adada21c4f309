// Load more (with next_url), tag/section filters and the empty state,
// data-show / data-title / data-related, attribute changes re-rendering a
// mounted widget, background refresh (new items announced, failures kept
// quiet), relative dates and the error state's retry button. Feeds that
// must change between requests come from a small server of this file's own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  LOADER, REPO, TEST_TIMEOUT, assertClean, events, feedServer, inHost, jsonFeed, requestsSince, setup,
  shadowFocus, waitForState, waitUntil,
} from './harness.mjs';
import { SEED } from './seed.mjs';

const e2e = setup({ relatedDelayMs: 300 });
const HOME = '__FEED_ORIGIN__/feeds/home.json';
const home = JSON.parse(await readFile(path.join(REPO, 'www/feeds/home.json'), 'utf8'));
const home2 = JSON.parse(await readFile(path.join(REPO, 'www/feeds/home-2.json'), 'utf8'));
const ALL_IDS = [...home.items, ...home2.items].map((item) => item.id);

const HOUR = 3_600_000;
const item = (id, extra = {}) => ({
  id,
  title: `Title ${id}`,
  summary: `Summary ${id}`,
  content_text: `Body of ${id}.`,
  date_published: '2024-06-01T10:00:00+08:00',
  ...extra,
});

/**
 * The feeds of this file, by path; `nth` counts requests per exact URL, so
 * each widget (own query string) sees its own sequence.
 */
let own;
before(async () => {
  own = await feedServer((url, nth) => {
    const { pathname } = new URL(url, 'http://x');
    const zh = url.includes('zh') ? { language: 'zh-CN' } : { language: 'en' };
    switch (pathname) {
      case '/grow.json': // gains item "c" after the first request
        return { body: jsonFeed(nth === 1 ? [item('a'), item('b')] : [item('c'), item('a'), item('b')], zh) };
      case '/fail.json': // fails after the first request
        return nth === 1 ? { body: jsonFeed([item('a'), item('b')], zh) } : { status: 500, body: 'boom' };
      case '/flaky.json': // fails the first load (the request and its two automatic retries), then works
        return nth <= 3 ? { status: 503, body: 'try later' } : { body: jsonFeed([item('a'), item('b')], zh) };
      case '/dates.json': {
        const now = Date.now();
        return {
          body: jsonFeed([
            item('hours', { date_published: new Date(now - 3 * HOUR).toISOString() }),
            item('days', { date_published: new Date(now - 2 * 24 * HOUR).toISOString() }),
            item('old', { date_published: '2024-06-09T08:52:00+08:00' }),
          ], zh),
        };
      }
      default:
        return { status: 404, body: 'not found' };
    }
  });
});
after(() => own?.close());

/** A blank page with one widget `#nw` on `feed` (feed origin placeholders allowed), ready. */
async function widget(feed, attributes = '', options = {}) {
  const opened = await e2e.blankPage(
    `${options.before || ''}<div id="nw" data-news-widget data-feed="${feed}" ${attributes}></div>${LOADER}`,
    { width: 1200, height: 900, ...options },
  );
  if (options.state !== null) await waitForState(opened.page, '#nw', options.state || 'ready');
  return opened;
}

const cardIds = (page, host = '#nw') =>
  inHost(page, host, '[part=card] [part=card-title] a').evaluateAll((as) => as.map((a) => a.dataset.id || a.getAttribute('href')));

test('load more: limit 4 shows 4, 8, 12 (fetching next_url), 16, then no button; focus on the first new card', { timeout: TEST_TIMEOUT }, async () => {
  // home-2.json is held in the browser until release(), to see the busy button.
  let release;
  let asked = 0;
  const held = new Promise((resolve) => { release = resolve; });
  const { page, logs } = await widget(HOME, 'data-limit="4" data-lang="zh-CN"', {
    beforeContent: ({ page }) => page.route((url) => url.pathname === '/feeds/home-2.json', async (route) => {
      asked += 1;
      await held;
      await route.continue();
    }),
  });
  const more = inHost(page, '#nw', 'button[part=more][data-action=more]');
  const from = e2e.requests.length;

  assert.deepEqual(await cardIds(page), ALL_IDS.slice(0, 4));
  assert.equal(await more.textContent(), '加载更多');
  assert.equal(await more.getAttribute('type'), 'button');

  await more.click();
  assert.deepEqual(await cardIds(page), ALL_IDS.slice(0, 8));
  assert.equal((await shadowFocus(page, '#nw'))?.id, ALL_IDS[4], 'focus on the first new card');
  assert.equal(asked, 0, 'the loaded items are enough: no next_url request yet');

  // 8 of 11 loaded items shown: the next 4 need home-2.json (held until released).
  await more.click();
  await waitUntil(() => asked === 1, { message: 'the home-2.json request' });
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot
    .querySelector('[part=more]')?.getAttribute('aria-busy') === 'true');
  assert.equal(await more.getAttribute('disabled'), '', 'disabled while fetching');
  assert.equal(await inHost(page, '#nw', '[part=card]').count(), 8, 'nothing shown twice while fetching');
  release();
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot.querySelectorAll('[part=card]').length === 12);
  assert.deepEqual(await cardIds(page), ALL_IDS.slice(0, 12), 'home.json\'s 11 items, then the first of home-2.json');
  assert.equal(await more.getAttribute('aria-busy'), null);
  assert.equal(await more.getAttribute('disabled'), null);
  assert.equal((await shadowFocus(page, '#nw'))?.id, ALL_IDS[8]);

  await more.click();
  assert.deepEqual(await cardIds(page), ALL_IDS.slice(0, 16));
  assert.equal((await shadowFocus(page, '#nw'))?.id, ALL_IDS[12]);
  assert.equal(await more.count(), 0, 'all 16 shown and no next_url left: no button');
  // home-2.json was asked for once, on the feed origin.
  assert.equal(asked, 1);
  assert.equal(requestsSince(e2e.requests, from, { origin: 'feed', path: '/feeds/home-2.json' }).length, 1);
  await assertClean(page, logs);
});

test('filters: data-tag, data-section, and one that matches nothing (empty state)', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    `<div id="tag" data-news-widget data-feed="${HOME}" data-tag="能源"></div>` +
    `<div id="section" data-news-widget data-feed="${HOME}" data-section="校园生活"></div>` +
    `<div id="none" data-news-widget data-feed="${HOME}" data-tag="不存在的标签"></div>` +
    `<div id="none-en" data-news-widget data-feed="${HOME}" data-section="Nowhere" data-lang="en"></div>${LOADER}`,
  );
  await waitForState(page, '#tag', 'ready');
  await waitForState(page, '#section', 'ready');
  const withTag = home.items.filter((i) => i.tags.includes('能源')).map((i) => i.id);
  assert.deepEqual(await cardIds(page, '#tag'), withTag);
  assert.ok(withTag.length >= 2);
  const inSection = home.items.filter((i) => i._news?.section === '校园生活').map((i) => i.id);
  assert.deepEqual(await cardIds(page, '#section'), inSection);

  for (const [host, text] of [['#none', '暂无新闻'], ['#none-en', 'No news to show yet.']]) {
    await waitForState(page, host, 'empty');
    const status = inHost(page, host, 'p[part=status].empty');
    assert.equal(await status.textContent(), text);
    assert.equal(await status.isVisible(), true);
    assert.equal(await inHost(page, host, '[part=card]').count(), 0);
    assert.equal(await inHost(page, host, '[part=more]').count(), 0, 'no "load more" for nothing');
  }
  assert.deepEqual((await events(page, 'news-widget:ready')).map((e) => [e.host, e.detail.count]).sort(),
    [['none', 0], ['none-en', 0], ['section', inSection.length], ['tag', withTag.length]]);
  await assertClean(page, logs);
});

test('data-show variants, data-title="" and a custom data-title', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    `<div id="default" data-news-widget data-feed="${HOME}" data-limit="2"></div>` +
    `<div id="meta" data-news-widget data-feed="${HOME}" data-limit="2" data-show="date,views,section,tags,author" data-title=""></div>` +
    `<div id="summary" data-news-widget data-feed="${HOME}" data-limit="2" data-show="summary" data-title="校园快讯"></div>${LOADER}`,
  );
  for (const id of ['#default', '#meta', '#summary']) await waitForState(page, id, 'ready');
  const describe = (host) => page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const card = root.querySelector('[part=card]');
    const has = (s) => card.querySelectorAll(s).length;
    return {
      heading: root.querySelector('h2[part=heading]')?.textContent ?? null,
      image: has('[part=card-image]'),
      summary: has('[part=card-summary]'),
      date: has('[part=card-meta] time'),
      source: has('[part=card-meta] .source'),
      views: card.querySelector('[part=card-meta] .views')?.textContent ?? null,
      section: card.querySelector('[part=card-meta] .section')?.textContent ?? null,
      author: card.querySelector('[part=card-meta] .author')?.textContent ?? null,
      tags: [...card.querySelectorAll('.tags li')].map((li) => li.textContent),
    };
  }, host);
  const seed = home.items[0];
  assert.deepEqual(await describe('#default'), {
    heading: '主页新闻', image: 1, summary: 1, date: 1, source: 1, views: null, section: null, author: null, tags: [],
  }, 'default: image, summary, date, source');
  assert.deepEqual(await describe('#meta'), {
    heading: null,
    image: 0,
    summary: 0,
    date: 1,
    source: 0,
    views: `浏览量:${seed._news.views.toLocaleString('zh-CN')}`,
    section: seed._news.section,
    author: seed.authors.map((a) => a.name).join(','),
    tags: seed.tags,
  });
  assert.equal(await inHost(page, '#meta', '[part=heading]').count(), 0, 'data-title="" hides the heading');
  assert.deepEqual(await describe('#summary'), {
    heading: '校园快讯', image: 0, summary: 1, date: 0, source: 0, views: null, section: null, author: null, tags: [],
  });
  await assertClean(page, logs);
});

test('data-related="0" hides the related section (and fetches nothing for it)', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widget(HOME, 'data-related="0"');
  const from = e2e.requests.length;
  await inHost(page, '#nw', `a[data-id="${SEED.id}"]`).click();
  const article = inHost(page, '#nw', 'article[part=article]');
  await article.locator('button[part=close]').waitFor();
  // views_url is fetched when the article opens: once it has answered, so would related_url have started.
  await waitUntil(() => requestsSince(e2e.requests, from, { origin: 'feed', path: '/api/views' }).length === 1,
    { message: 'the views request' });
  await page.waitForLoadState('networkidle');
  assert.equal(await article.locator('[part=related]').count(), 0);
  assert.equal(requestsSince(e2e.requests, from, { origin: 'feed', path: '/feeds/related/' }).length, 0);
  await assertClean(page, logs);
});

test('changing data-* attributes re-renders the mounted widget', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widget(HOME, 'data-lang="zh-CN"');
  const set = (name, value) => page.evaluate(([n, v]) => document.getElementById('nw').setAttribute(n, v), [name, value]);
  const cards = () => inHost(page, '#nw', '[part=card]').count();
  assert.equal(await cards(), 6);

  await set('data-limit', '2');
  await waitForState(page, '#nw', 'ready');
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot.querySelectorAll('[part=card]').length === 2);

  // A change restarts the widget (skeleton, feed fetched again): wait for the new list.
  await set('data-layout', 'list');
  await waitForState(page, '#nw', 'ready');
  await inHost(page, '#nw', 'ul[part=list].list:not(.skeleton)').waitFor();
  assert.equal(await cards(), 2, 'the limit is kept');

  await set('data-title', '新标题');
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot.querySelector('[part=heading]')?.textContent === '新标题');

  const more = inHost(page, '#nw', 'button[part=more]');
  assert.equal(await more.textContent(), '加载更多');
  await set('data-lang', 'en');
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot.querySelector('[part=more]')?.textContent === 'Load more');
  assert.equal(await inHost(page, '#nw', '[part=card] time').first().textContent(), 'Jun 9, 2024', 'dates in English too');

  await set('data-layout', 'ticker');
  await waitForState(page, '#nw', 'ready');
  await inHost(page, '#nw', 'ul[part=list].ticker:not(.skeleton)').waitFor();
  assert.equal(await more.count(), 0, 'no "load more" in the ticker');
  assert.equal(await page.getAttribute('#nw', 'data-state'), 'ready');
  assert.equal(await inHost(page, '#nw', '[part=widget]').count(), 1);
  assert.deepEqual((await events(page, 'news-widget:ready')).length, 1, 'ready fires once per mount, not per re-render');
  await assertClean(page, logs);
});

test('refresh with new items: the new card comes first, the old ones stay, the count is announced', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    `<div id="zh" data-news-widget data-feed="${own.origin}/grow.json?zh"></div>` +
    `<div id="en" data-news-widget data-feed="${own.origin}/grow.json?en"></div>${LOADER}`,
  );
  for (const [host, notice] of [['#zh', '有 1 篇新文章'], ['#en', '1 new articles']]) {
    await waitForState(page, host, 'ready');
    assert.deepEqual(await cardIds(page, host), ['a', 'b']);
    // The widget's one live region, a direct child of the shadow root.
    const live = inHost(page, host, 'p.visually-hidden[part=status][role=status]');
    assert.equal(await live.textContent(), '', 'nothing announced at first');
    await page.evaluate((sel) => window.NewsWidget.refresh(document.querySelector(sel)), host);
    await page.waitForFunction((sel) =>
      document.querySelector(sel).shadowRoot.querySelectorAll('[part=card]').length === 3, host);
    assert.deepEqual(await cardIds(page, host), ['c', 'a', 'b'], 'new item first, old items kept');
    assert.equal(await live.textContent(), notice);
    const box = await live.boundingBox();
    assert.ok(box && box.width <= 1 && box.height <= 1, 'the announcement is visually hidden');
    assert.equal(await page.getAttribute(host, 'data-state'), 'ready');
  }
  assert.equal(own.hits.filter((u) => u === '/grow.json?zh').length, 2);
  assert.equal((await events(page, 'news-widget:ready')).length, 2, 'no second ready');
  await assertClean(page, logs);
});

test('a refresh with new items keeps keyboard focus on the card that had it', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { page, logs } = await widget(`${own.origin}/grow.json?focus`);
  await inHost(page, '#nw', 'a[data-id=b]').focus();
  assert.equal((await shadowFocus(page, '#nw'))?.id, 'b');
  await page.evaluate(() => window.NewsWidget.refresh(document.getElementById('nw')));
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot.querySelectorAll('[part=card]').length === 3);
  const focus = await shadowFocus(page, '#nw');
  assert.equal(focus?.id, 'b', `focus after the refresh: ${JSON.stringify(focus)} (document.activeElement: ${
    await page.evaluate(() => document.activeElement.tagName)})`);
  await assertClean(page, logs);
});

test('a failed refresh keeps the shown list and data-state=ready, with a console warning and a quiet notice', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widget(`${own.origin}/fail.json?one`);
  assert.deepEqual(await cardIds(page), ['a', 'b']);
  await page.evaluate(() => { document.getElementById('nw').shadowRoot.querySelector('.list-view').__old = true; });
  await page.evaluate(() => window.NewsWidget.refresh(document.getElementById('nw')));
  await waitUntil(() => logs.warnings.some((w) => w.includes('refresh failed')), { message: 'the refresh warning' });
  assert.equal(await page.getAttribute('#nw', 'data-state'), 'ready');
  assert.equal(await page.evaluate(() => document.getElementById('nw').shadowRoot.querySelector('.list-view').__old), true,
    'the same list stays');
  assert.deepEqual(await cardIds(page), ['a', 'b']);
  assert.equal(await inHost(page, '#nw', '[role=alert]').count(), 0, 'no error shown');
  assert.match(logs.warnings.find((w) => w.includes('refresh failed')), /500/);
  assert.equal(await inHost(page, '#nw', 'p.visually-hidden[part=status][role=status]').textContent(),
    'Could not update; showing the news from before', 'announced to screen readers only');
  assert.deepEqual((await events(page, 'news-widget:error')), [], 'no error event for a background refresh');
  // The browser itself logs the failed response; the widget logs no error of its own.
  assert.deepEqual(logs.errors.filter((e) => !e.startsWith('Failed to load resource')), []);
  assert.deepEqual(logs.pageErrors, []);
});

test('data-refresh below 60 is clamped to 60 s, with a warning, and re-fetches on that period (fake clock)', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widget(`${own.origin}/grow.json?timer`, 'data-refresh="5"', { clock: true });
  // A little ahead of the page clock, which keeps running until paused.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 2000));
  const hits = () => own.hits.filter((u) => u === '/grow.json?timer').length;
  const warning = logs.warnings.filter((w) => w.includes('data-refresh'));
  assert.equal(warning.length, 1, `one warning: ${JSON.stringify(logs.warnings)}`);
  assert.match(warning[0], /\b5\b/, 'naming the value');
  assert.equal(hits(), 1);
  await page.clock.runFor(30_000);
  assert.equal(hits(), 1, 'not every 5 s');
  await page.clock.runFor(30_500);
  await waitUntil(() => hits() === 2, { message: 'the refresh after 60 s' });
  await page.waitForFunction(() => document.getElementById('nw').shadowRoot.querySelectorAll('[part=card]').length === 3);
  assert.deepEqual(await cardIds(page), ['c', 'a', 'b']);
  assert.deepEqual(logs.errors, []);
  assert.deepEqual(logs.pageErrors, []);
});

test('relative dates for the last 7 days, in zh-CN and en; the full date otherwise', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    `<div id="zh" data-news-widget data-feed="${own.origin}/dates.json?zh"></div>` +
    `<div id="en" data-news-widget data-feed="${own.origin}/dates.json?en"></div>${LOADER}`,
  );
  await waitForState(page, '#zh', 'ready');
  await waitForState(page, '#en', 'ready');
  const intl = await page.evaluate(() => ({
    zh: [new Intl.RelativeTimeFormat('zh-CN').format(-3, 'hour'), new Intl.RelativeTimeFormat('zh-CN').format(-2, 'day')],
    en: [new Intl.RelativeTimeFormat('en').format(-3, 'hour'), new Intl.RelativeTimeFormat('en').format(-2, 'day')],
  }));
  assert.deepEqual(intl, { zh: ['3小时前', '2天前'], en: ['3 hours ago', '2 days ago'] }, 'what Intl says here');
  const times = (host) => inHost(page, host, '[part=card-meta] time').evaluateAll((ts) => ts.map((t) => ({
    text: t.textContent, datetime: t.getAttribute('datetime'), title: t.getAttribute('title'),
  })));
  for (const [host, relative, old] of [['#zh', intl.zh, '2024年6月9日'], ['#en', intl.en, 'Jun 9, 2024']]) {
    const shown = await times(host);
    assert.deepEqual(shown.map((t) => t.text), [...relative, old]);
    for (const t of shown.slice(0, 2)) {
      assert.ok(!Number.isNaN(Date.parse(t.datetime)), 'machine-readable datetime');
      assert.ok(t.title && /\d{1,2}:\d{2}/.test(t.title), `the tooltip gives the full date and time: ${t.title}`);
    }
    assert.equal(shown[2].title, null, 'no tooltip when the full date is shown');
    assert.equal(Date.parse(shown[2].datetime), Date.parse('2024-06-09T08:52:00+08:00'));
  }
  await assertClean(page, logs);
});

test('error state after the automatic retries: the retry button restarts the widget (503 ×3, then OK)', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { page, logs } = await widget(`${own.origin}/flaky.json?retry`, 'data-lang="en"', { state: 'error' });
  const retry = inHost(page, '#nw', '[part=status][role=alert] button[data-action=retry]');
  assert.equal(await retry.count(), 1, 'the error state offers a retry button');
  assert.equal(await retry.textContent(), 'Retry');
  assert.equal(await retry.getAttribute('type'), 'button');
  await retry.click();
  await waitForState(page, '#nw', 'ready');
  assert.deepEqual(await cardIds(page), ['a', 'b']);
  assert.equal(await inHost(page, '#nw', '[role=alert]').count(), 0);
  assert.deepEqual((await events(page)).map((e) => e.type), ['news-widget:error', 'news-widget:ready']);
  assert.equal(logs.pageErrors.length, 0);
});
