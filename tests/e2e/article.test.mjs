// The inline article view against the seed page: every element of
// ../shared/seed/xjtu-news-article.txt (see seed.mjs), the views counter
// from views_url, the delayed related list, related navigation, close,
// Escape and focus return.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, TEST_TIMEOUT, assertClean, events, inHost, requestsSince, screenshot, setup, shadowFocus, waitForState,
} from './harness.mjs';
import { SEED } from './seed.mjs';

const RELATED_DELAY_MS = 1500;
const e2e = setup({ relatedDelayMs: RELATED_DELAY_MS });
const HOST = '.main-column [data-news-widget]';

const relatedFeed = JSON.parse(await readFile(path.join(REPO, 'www/feeds/related/2024-06-09-neimenggu.json'), 'utf8'));
const homeFeed = JSON.parse(await readFile(path.join(REPO, 'www/feeds/home.json'), 'utf8'));
const titleOf = (id) => [...homeFeed.items, ...relatedFeed.items].find((item) => item.id === id)?.title;

/** The demo page with its first widget ready. */
async function demo(options) {
  const opened = await e2e.newPage(options);
  await opened.page.goto(`${e2e.wwwOrigin}/`);
  await waitForState(opened.page, HOST, 'ready');
  return opened;
}

const seedCard = (page) => inHost(page, HOST, `[part=card] a[data-action=open][data-id="${SEED.id}"]`);
const article = (page) => inHost(page, HOST, 'article[part=article]');
const listView = (page) => inHost(page, HOST, 'div.list-view');

/** Every element of the seed page, in the open article. */
async function assertSeedArticle(page) {
  const a = article(page);
  await a.waitFor();
  assert.equal(await a.count(), 1, 'one article view');
  assert.equal(await listView(page).getAttribute('hidden'), '', 'the list gets hidden');
  assert.equal(await listView(page).isVisible(), false);

  // 当前位置: 新闻网首页 > 主页新闻 > 正文
  const crumbs = a.locator('nav[part=breadcrumb] ol > li');
  assert.deepEqual(await crumbs.allTextContents(), [...SEED.breadcrumb, SEED.current]);
  const links = a.locator('nav[part=breadcrumb] ol > li > a');
  assert.deepEqual(await links.allTextContents(), SEED.breadcrumb);
  assert.deepEqual(await links.evaluateAll((as) => as.map((x) => x.href)),
    [`${e2e.feedOrigin}/feeds/index.html`, `${e2e.feedOrigin}/feeds/sections/zyxw.html`],
    'breadcrumb URLs resolve against the feed URL');
  assert.equal(await crumbs.last().getAttribute('aria-current'), 'page');
  assert.equal(await crumbs.last().locator('a').count(), 0);

  assert.equal(await a.locator('p.section').textContent(), SEED.section);
  const title = a.locator('h2[part=article-title]');
  assert.equal(await title.textContent(), SEED.title);
  assert.equal(await title.getAttribute('tabindex'), '-1');

  // 来源:交大新闻网 日期:2024-06-09 08:52 浏览量:…
  const meta = a.locator('p[part=article-meta] > span');
  assert.equal(await meta.nth(0).textContent(), `来源:${SEED.source}`);
  const date = await meta.nth(1).textContent();
  assert.match(date, /^日期:/);
  assert.ok(date.includes('2024') && date.includes('08:52'), `date with year and time of day: ${date}`);
  const time = meta.nth(1).locator('time');
  assert.equal(Date.parse(await time.getAttribute('datetime')), Date.parse(SEED.published));
  assert.match(await meta.nth(2).textContent(), /^浏览量:[\d,]+$/);
  assert.equal(await meta.nth(2).locator('span.views').count(), 1);

  // Body: sanitized p/h3/figure blocks in the seed's order.
  const body = a.locator('div[part=article-body]');
  assert.equal(await body.evaluate((b) => [...b.children].map((c) => c.tagName.toLowerCase()).join(' ')), SEED.blocks);
  assert.deepEqual(await body.locator('h3').allTextContents(), SEED.subheads);
  assert.equal(await body.locator('figure').count(), 5);
  assert.deepEqual(await body.locator('figure > figcaption').allTextContents(), SEED.captions);
  const paragraphs = body.locator(':scope > p');
  assert.equal(await paragraphs.count(), SEED.paragraphs);
  assert.equal(await paragraphs.first().textContent(), SEED.firstParagraph);
  assert.equal(await paragraphs.last().textContent(), SEED.lastParagraph);
  const images = await body.locator('figure > img').evaluateAll((imgs) => imgs.map((img) => ({
    src: img.src,
    alt: img.alt,
    loading: img.getAttribute('loading'),
    referrerpolicy: img.getAttribute('referrerpolicy'),
  })));
  assert.equal(images.length, 5);
  images.forEach((img, i) => {
    assert.equal(img.src, `${e2e.feedOrigin}/feeds/images/neimenggu-${i + 1}.svg`, 'src resolved against the item URL');
    assert.equal(img.alt, SEED.captions[i]);
    assert.equal(img.loading, 'lazy');
    assert.equal(img.referrerpolicy, 'no-referrer');
  });

  // 文字:… 图片:… 编辑:张玥, then 关闭.
  assert.deepEqual(await a.locator('footer[part=credits] p').allTextContents(), SEED.credits);
  const close = a.locator('button[part=close][data-action=close]');
  assert.equal(await close.textContent(), SEED.close);
  assert.equal(await close.getAttribute('type'), 'button');
  assert.equal(await a.locator('section[part=related] > h3').textContent(), SEED.related);
}

/**
 * Holds the first views_url request until release(), so the value shown
 * before the answer can be checked; later ones pass straight through.
 */
async function holdViews(page) {
  let first = null;
  let notify = () => {};
  await page.route((url) => url.pathname === '/api/views', (route) => {
    if (first) return route.continue();
    first = route;
    notify();
  });
  return {
    seen: () => (first ? Promise.resolve() : new Promise((resolve) => { notify = resolve; })),
    /** Lets the held request through and resolves with the count the server answered. */
    release: async () => {
      const response = await first.fetch();
      const { views } = await response.json();
      await first.fulfill({ response });
      return views;
    },
  };
}

test('seed article opened by click: every element, live views, related list, related navigation, close', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await demo({ width: 1200, height: 900 });
  // Bump the served counter once so the views_url answer differs from the feed's 2,381.
  await fetch(`${e2e.feedOrigin}/api/views?id=${SEED.id}`);
  const views = await holdViews(page);
  const from = e2e.requests.length;

  await seedCard(page).click();
  await assertSeedArticle(page);

  // The related list shows the seed's loading line while related_url is in flight.
  const related = article(page).locator('section[part=related]');
  const loading = related.locator('p[part=status]');
  assert.equal(await loading.textContent(), SEED.loading);
  assert.equal(await loading.getAttribute('role'), 'status');
  assert.equal(await loading.isVisible(), true);
  assert.equal(await related.locator('[part=related-item]').count(), 0);

  // Views: the feed's number until views_url answers, then the served count.
  await views.seen();
  const viewsSpan = article(page).locator('p[part=article-meta] span.views');
  assert.equal(await viewsSpan.textContent(), '2,381', 'feed views shown before views_url answers');
  // (The count is read where the request is held: the page's own copy of a
  // streamed body is not always kept for DevTools.)
  const served = await views.release();
  assert.ok(served > SEED.views, `served counter ${served} > ${SEED.views}`);
  await page.waitForFunction(([sel, want]) =>
    document.querySelector(sel).shadowRoot.querySelector('article [part=article-meta] span.views')?.textContent === want,
  [HOST, served.toLocaleString('en-US')]);
  const viewRequests = requestsSince(e2e.requests, from, { origin: 'feed', path: '/api/views' });
  assert.equal(viewRequests.length, 1);
  assert.equal(new URL(viewRequests[0].url, e2e.feedOrigin).searchParams.get('id'), SEED.id);

  // Then related items replace the loading line.
  const items = related.locator('li[part=related-item]');
  await items.nth(2).waitFor();
  assert.equal(await loading.count(), 0, 'loading line removed');
  const relatedIds = await items.locator('a[data-action=open]').evaluateAll((as) => as.map((x) => x.dataset.id));
  assert.ok(relatedIds.length >= 3, `${relatedIds.length} related items`);
  assert.ok(!relatedIds.includes(SEED.id), 'an article is not related to itself');
  for (const id of relatedIds) assert.ok(relatedFeed.items.some((item) => item.id === id), `${id} comes from related_url`);
  assert.equal(requestsSince(e2e.requests, from, { origin: 'feed', path: '/feeds/related/' }).length, 1);
  assert.deepEqual(await items.first().locator('a').textContent(), titleOf(relatedIds[0]));
  await article(page).locator('nav[part=breadcrumb]').scrollIntoViewIfNeeded();
  await screenshot(page, 'article-1200');
  await screenshot(page, 'article-1200-full', { fullPage: true });

  // Opening a related item shows its article and fires open with its id.
  await items.first().locator('a').click();
  await page.waitForFunction(([sel, want]) =>
    document.querySelector(sel).shadowRoot.querySelector('article [part=article-title]')?.textContent === want,
  [HOST, titleOf(relatedIds[0])]);
  assert.equal(await article(page).count(), 1);
  assert.deepEqual(await shadowFocus(page, HOST).then((f) => f && f.part), 'article-title');

  // One close leaves the reader (SPEC §3): however many related articles
  // were followed, the list returns with focus on the card that opened the first.
  await article(page).locator('button[part=close]').click();
  await article(page).waitFor({ state: 'detached' });
  assert.equal(await listView(page).getAttribute('hidden'), null);
  assert.equal(await listView(page).isVisible(), true);
  assert.equal(await inHost(page, HOST, '[part=card]').count(), 6);
  const focus = await shadowFocus(page, HOST);
  assert.deepEqual({ tag: focus?.tag, id: focus?.id }, { tag: 'a', id: SEED.id }, 'focus returns to the card that was opened');

  const opened = (await events(page, 'news-widget:open')).filter((e) => e.index === 0);
  assert.deepEqual(opened.map((e) => e.detail), [
    { id: SEED.id, url: `${e2e.feedOrigin}/feeds/articles/${SEED.id}.html` },
    { id: relatedIds[0], url: `${e2e.feedOrigin}/feeds/articles/${relatedIds[0]}.html` },
  ]);
  const closed = (await events(page, 'news-widget:close')).filter((e) => e.index === 0);
  assert.deepEqual(closed.map((e) => e.detail), [{ id: relatedIds[0] }, { id: SEED.id }]);
  assert.ok([...opened, ...closed].every((e) => e.bubbles && e.composed));
  assert.equal(new URL(page.url()).hash, '', 'the host page does not navigate');
  await assertClean(page, logs);
});

test('seed article opened by keyboard (Enter), closed by Escape', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await demo();
  await seedCard(page).focus();
  assert.equal((await shadowFocus(page, HOST))?.id, SEED.id);
  await page.keyboard.press('Enter');
  await assertSeedArticle(page);
  const focus = await shadowFocus(page, HOST);
  assert.deepEqual({ tag: focus?.tag, part: focus?.part, text: focus?.text },
    { tag: 'h2', part: 'article-title', text: SEED.title }, 'the article title takes focus');
  assert.deepEqual((await events(page, 'news-widget:open')).map((e) => [e.index, e.detail.id]), [[0, SEED.id]]);

  await page.keyboard.press('Escape');
  await article(page).waitFor({ state: 'detached' });
  assert.equal(await listView(page).isVisible(), true);
  assert.equal((await shadowFocus(page, HOST))?.id, SEED.id, 'focus back on the seed card link');
  assert.deepEqual((await events(page, 'news-widget:close')).map((e) => [e.index, e.detail]), [[0, { id: SEED.id }]]);

  // Escape with no article open does nothing.
  await page.keyboard.press('Escape');
  assert.equal((await events(page, 'news-widget:close')).length, 1);
  assert.equal(await inHost(page, HOST, '[part=card]').count(), 6);

  // Enter on the focused card link opens it again (keyboard round trip).
  await page.keyboard.press('Enter');
  await article(page).waitFor();
  assert.equal((await shadowFocus(page, HOST))?.part, 'article-title');
  await assertClean(page, logs);
});

test('seed article at 375 px: fits the viewport', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await demo({ width: 375, height: 812 });
  await seedCard(page).click();
  await assertSeedArticle(page);
  await article(page).locator('li[part=related-item]').first().waitFor();
  const widths = await page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const body = host.shadowRoot.querySelector('[part=article-body]');
    return {
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      article: host.shadowRoot.querySelector('article').getBoundingClientRect().right,
      widestImage: Math.max(...[...body.querySelectorAll('img')].map((img) => img.getBoundingClientRect().width)),
    };
  }, HOST);
  assert.ok(widths.page <= widths.viewport, `no horizontal scroll: ${JSON.stringify(widths)}`);
  assert.ok(widths.article <= widths.viewport, `article inside the viewport: ${JSON.stringify(widths)}`);
  assert.ok(widths.widestImage <= widths.viewport, `images scale down: ${JSON.stringify(widths)}`);
  await article(page).locator('nav[part=breadcrumb]').scrollIntoViewIfNeeded();
  await screenshot(page, 'article-375');
  await article(page).locator('footer[part=credits]').scrollIntoViewIfNeeded();
  await screenshot(page, 'article-375-credits');
  await screenshot(page, 'article-375-full', { fullPage: true });
  await assertClean(page, logs);
});
