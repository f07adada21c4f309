// The four layouts (cards, list, magazine, ticker) in a narrow (280 px) and a
// wide (1200 px) host on the same 1300 px viewport, so any difference comes
// from the host's width (container queries), not from media queries; the
// ticker's controls and timer (Playwright's fake clock); skeleton per layout
// and how much the host height moves when the content replaces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  ARTIFACTS, LOADER, TEST_TIMEOUT, assertClean, inHost, setup, waitForState,
} from './harness.mjs';

const e2e = setup({ relatedDelayMs: 1500 });
const VIEWPORT = { width: 1300, height: 900 };
const WIDTHS = [280, 1200];
const HOME = '__FEED_ORIGIN__/feeds/home.json';
/** A valid feed of 4 items that the dev server answers 1.5 s late. */
const SLOW = '__FEED_ORIGIN__/feeds/related/2024-06-09-neimenggu.json';

/** One wrapper per width, each holding a host `#w<width>`. */
function hosts(attributes, widths = WIDTHS, idPrefix = 'w') {
  return widths.map((width) =>
    `<div id="wrap-${idPrefix}${width}" style="width:${width}px;margin:0 0 24px">` +
    `<div id="${idPrefix}${width}" data-news-widget ${attributes}></div></div>`).join('') + LOADER;
}

/** Geometry and markup of one host, for the assertions below. */
function measure(page, id) {
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    const root = host.shadowRoot;
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    };
    const hostRect = host.getBoundingClientRect();
    const cards = [...root.querySelectorAll('li[part=card]')];
    const shown = (el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
    const list = root.querySelector('ul[part=list]');
    // Any element of the widget sticking out of the host, left or right.
    const outside = [...root.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && (r.right > hostRect.right + 1 || r.left < hostRect.left - 1);
    }).map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
    return {
      state: host.getAttribute('data-state'),
      listClass: list && list.className,
      cards: cards.length,
      visible: cards.filter(shown).length,
      current: cards.findIndex((c) => c.classList.contains('current')),
      leads: cards.map((c, i) => (c.classList.contains('lead') ? i : -1)).filter((i) => i >= 0),
      cardBoxes: cards.map(box),
      list: list && box(list),
      host: { ...box(host), scrollWidth: host.scrollWidth, clientWidth: host.clientWidth },
      frame: (() => {
        const frame = root.querySelector('[part=widget]');
        return { scrollWidth: frame.scrollWidth, clientWidth: frame.clientWidth };
      })(),
      outside,
      images: [...root.querySelectorAll('img[part=card-image]')].map((img) => ({
        width: img.getAttribute('width'), height: img.getAttribute('height'), alt: img.getAttribute('alt'),
      })),
      thumbWidth: (() => {
        const image = [...root.querySelectorAll('[part=card-image]')].find(shown);
        return image ? Math.round(image.getBoundingClientRect().width) : null;
      })(),
      more: root.querySelectorAll('button[part=more]').length,
      controls: [...root.querySelectorAll('.ticker-controls button')].map((b) => [b.dataset.action, b.getAttribute('aria-label')]),
    };
  }, id);
}

/** Makes the lazy card images load, then waits for them (screenshots only). */
async function loadImages(page, id) {
  await page.evaluate((id) => Promise.all([...document.getElementById(id).shadowRoot.querySelectorAll('img')].map((img) => {
    img.loading = 'eager';
    return img.decode().catch(() => {});
  })), id);
}

/** Waits for the widget's CSS animations (ticker headline) to end. */
async function settleAnimations(page, id) {
  await page.evaluate((id) => Promise.all(document.getElementById(id).shadowRoot.getAnimations()
    .filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => {}))), id);
}

/** Screenshot of a host's wrapper as tests/e2e/artifacts/<name>.png. */
async function shoot(page, id, name) {
  await loadImages(page, id);
  await settleAnimations(page, id);
  await mkdir(ARTIFACTS, { recursive: true });
  await page.locator(`#wrap-${id}`).screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** What every layout must give at every width. */
function assertCommon(m, { layout, width, cards }) {
  const where = `${layout} @ ${width}px`;
  assert.equal(m.state, 'ready', where);
  assert.equal(m.listClass, layout, `${where}: ul[part=list] has class ${layout}`);
  assert.equal(m.cards, cards, `${where}: card count`);
  assert.equal(m.host.width, width, `${where}: the host takes the wrapper's width`);
  assert.ok(m.host.scrollWidth <= m.host.clientWidth, `${where}: no horizontal overflow of the host ${JSON.stringify(m.host)}`);
  assert.ok(m.frame.scrollWidth <= m.frame.clientWidth, `${where}: no horizontal overflow inside ${JSON.stringify(m.frame)}`);
  assert.deepEqual(m.outside, [], `${where}: nothing sticks out of the host`);
  assert.ok(m.images.length > 0, `${where}: has card images`);
  for (const image of m.images) {
    assert.ok(image.width && image.height, `${where}: images have width/height attributes ${JSON.stringify(image)}`);
    assert.notEqual(image.alt, null, `${where}: images have alt`);
  }
}

/** Distinct left edges of the cards: the number of columns. */
const columns = (m) => new Set(m.cardBoxes.map((b) => b.x)).size;

async function layoutPage(layout, extra = '', { clock = false } = {}) {
  const opened = await e2e.blankPage(hosts(`data-feed="${HOME}" data-layout="${layout}" data-theme="light" ${extra}`), { ...VIEWPORT, clock });
  for (const width of WIDTHS) await waitForState(opened.page, `#w${width}`, 'ready');
  // A fake clock frozen from here on: the ticker cannot step by itself mid-test.
  if (clock) await opened.page.clock.pauseAt(await opened.page.evaluate(() => Date.now() + 50));
  const [narrow, wide] = await Promise.all(WIDTHS.map((width) => measure(opened.page, `w${width}`)));
  return { ...opened, narrow, wide };
}

test('cards: one column at 280 px, a grid at 1200 px, in the same viewport', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs, narrow, wide } = await layoutPage('cards');
  assertCommon(narrow, { layout: 'cards', width: 280, cards: 6 });
  assertCommon(wide, { layout: 'cards', width: 1200, cards: 6 });
  assert.equal(columns(narrow), 1, 'one column in a 280 px host');
  assert.ok(columns(wide) >= 3, `several columns in a 1200 px host: ${columns(wide)}`);
  assert.equal(narrow.more, 1);
  assert.equal(narrow.visible, 6);
  for (const width of WIDTHS) await shoot(page, `w${width}`, `layout-cards-${width}`);
  await assertClean(page, logs);
});

test('cards in dark: data-theme=auto follows prefers-color-scheme, light stays light', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    hosts(`data-feed="${HOME}" data-theme="auto"`) + hosts(`data-feed="${HOME}" data-theme="light"`, [1200], 'light'),
    { ...VIEWPORT, beforeContent: ({ page }) => page.emulateMedia({ colorScheme: 'dark' }) },
  );
  for (const id of ['#w280', '#w1200', '#light1200']) await waitForState(page, id, 'ready');
  const background = (id) => inHost(page, id, '[part=widget]').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(await background('#w1200'), 'rgb(21, 24, 29)', 'auto + dark scheme: dark background');
  assert.equal(await background('#w280'), 'rgb(21, 24, 29)');
  assert.equal(await background('#light1200'), 'rgb(255, 255, 255)', 'data-theme=light ignores the dark scheme');
  for (const width of WIDTHS) {
    assertCommon(await measure(page, `w${width}`), { layout: 'cards', width, cards: 6 });
    await shoot(page, `w${width}`, `layout-cards-${width}-dark`);
  }
  await assertClean(page, logs);
});

test('list: rows at both widths, smaller thumbnails in the 280 px host', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs, narrow, wide } = await layoutPage('list');
  assertCommon(narrow, { layout: 'list', width: 280, cards: 6 });
  assertCommon(wide, { layout: 'list', width: 1200, cards: 6 });
  for (const m of [narrow, wide]) {
    assert.equal(columns(m), 1, 'one row per item');
    for (const b of m.cardBoxes) assert.ok(Math.abs(b.width - m.list.width) <= 1, `rows span the list: ${b.width} vs ${m.list.width}`);
  }
  assert.ok(narrow.thumbWidth < wide.thumbWidth,
    `the container query shrinks thumbnails in the narrow host: ${narrow.thumbWidth}px vs ${wide.thumbWidth}px`);
  for (const width of WIDTHS) await shoot(page, `w${width}`, `layout-list-${width}`);
  await assertClean(page, logs);
});

test('magazine: the lead is large at 1200 px and full width at 280 px', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs, narrow, wide } = await layoutPage('magazine');
  assertCommon(narrow, { layout: 'magazine', width: 280, cards: 6 });
  assertCommon(wide, { layout: 'magazine', width: 1200, cards: 6 });
  assert.deepEqual(wide.leads, [0], 'the first card, only, is the lead');
  assert.deepEqual(narrow.leads, [0]);

  const [lead, ...rest] = wide.cardBoxes;
  const widest = Math.max(...rest.map((b) => b.width));
  const tallest = Math.max(...rest.map((b) => b.height));
  assert.ok(lead.width > 1.5 * widest, `lead wider than the others at 1200: ${lead.width} vs ${widest}`);
  assert.ok(lead.height > 1.5 * tallest, `lead taller than the others at 1200: ${lead.height} vs ${tallest}`);
  assert.ok(columns(wide) >= 3, 'the others sit beside and below the lead');

  const narrowLead = narrow.cardBoxes[0];
  assert.ok(Math.abs(narrowLead.width - narrow.list.width) <= 1, `lead full width at 280: ${narrowLead.width} vs ${narrow.list.width}`);
  assert.equal(columns(narrow), 1);
  for (const width of WIDTHS) await shoot(page, `w${width}`, `layout-magazine-${width}`);
  await assertClean(page, logs);
});

test('ticker: one visible headline, previous/next step it, pause toggles its label', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs, narrow, wide } = await layoutPage('ticker', 'data-lang="zh-CN"', { clock: true });
  for (const [m, width] of [[narrow, 280], [wide, 1200]]) {
    assertCommon(m, { layout: 'ticker', width, cards: 6 });
    assert.equal(m.visible, 1, `ticker @ ${width}: exactly one visible card`);
    assert.equal(m.current, 0);
    assert.equal(m.more, 0, 'no "load more" in the ticker');
    assert.deepEqual(m.controls, [['previous', '上一条'], ['pause', '暂停滚动'], ['next', '下一条']]);
  }
  assert.ok(narrow.host.height < 200 && wide.host.height < 200, `one line of headlines: ${narrow.host.height} / ${wide.host.height}px`);
  for (const width of WIDTHS) await shoot(page, `w${width}`, `layout-ticker-${width}`);

  const host = '#w1200';
  const current = async () => {
    const m = await measure(page, 'w1200');
    assert.equal(m.visible, 1, 'still exactly one visible card');
    return m.current;
  };
  const button = (action) => inHost(page, host, `.ticker-controls [data-action=${action}]`);
  await button('next').click();
  assert.equal(await current(), 1);
  await button('next').click();
  assert.equal(await current(), 2);
  await button('previous').click();
  await button('previous').click();
  assert.equal(await current(), 0);
  await button('previous').click();
  assert.equal(await current(), 5, 'previous from the first wraps to the last');
  await button('next').click();
  assert.equal(await current(), 0, 'next from the last wraps to the first');

  const pause = button('pause');
  await pause.click();
  assert.equal(await pause.getAttribute('aria-label'), '继续滚动');
  await pause.click();
  assert.equal(await pause.getAttribute('aria-label'), '暂停滚动');
  assert.equal((await measure(page, 'w280')).current, 0, 'the other ticker did not move');
  await assertClean(page, logs);
});

test('ticker auto-advance (fake clock): every 5 s, not while paused or focused', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    `<button id="outside">outside</button>${hosts(`data-feed="${HOME}" data-layout="ticker" data-lang="en"`, [1200])}`,
    { ...VIEWPORT, clock: true },
  );
  await waitForState(page, '#w1200', 'ready');
  // Freeze time just after mount: from here only runFor() moves it. On a
  // loaded machine 50 ms may pass before pauseAt arrives: then try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.clock.pauseAt(await page.evaluate(() => Date.now() + 50));
      break;
    } catch (error) {
      if (attempt === 5 || !/to the past/.test(error.message)) throw error;
    }
  }
  assert.equal(await page.evaluate(() => window.__nwTimers.intervals), 1, 'one interval: the ticker');
  const current = async () => (await measure(page, 'w1200')).current;
  assert.equal(await current(), 0);
  await page.clock.runFor(4_000);
  assert.equal(await current(), 0, 'not before 5 s');
  await page.clock.runFor(1_100);
  assert.equal(await current(), 1, 'advanced after 5 s');
  await page.clock.runFor(5_000);
  assert.equal(await current(), 2, 'and again 5 s later');

  // Paused: nothing moves (focus is put outside, so only the pause holds it).
  const pause = inHost(page, '#w1200', '[data-action=pause]');
  await pause.click();
  assert.equal(await pause.getAttribute('aria-label'), 'Play headlines');
  await page.focus('#outside');
  await page.clock.runFor(15_000);
  assert.equal(await current(), 2, 'paused: no auto-advance');
  await pause.click();
  assert.equal(await pause.getAttribute('aria-label'), 'Pause headlines');
  await page.focus('#outside');
  await page.clock.runFor(5_000);
  assert.equal(await current(), 3, 'playing again');

  // Focus inside the widget holds it too.
  await inHost(page, '#w1200', 'li.current a').focus();
  await page.clock.runFor(15_000);
  assert.equal(await current(), 3, 'focused inside the widget: no auto-advance');
  await page.focus('#outside');
  await page.clock.runFor(5_000);
  assert.equal(await current(), 4);
  await assertClean(page, logs);
});

test('ticker with prefers-reduced-motion: reduce starts no timer and never moves', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(hosts(`data-feed="${HOME}" data-layout="ticker"`, [1200]), {
    ...VIEWPORT,
    clock: true,
    beforeContent: ({ page }) => page.emulateMedia({ reducedMotion: 'reduce' }),
  });
  await waitForState(page, '#w1200', 'ready');
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 50));
  assert.equal(await page.evaluate(() => window.__nwTimers.intervals), 0, 'no interval at all');
  await page.clock.runFor(30_000);
  assert.equal((await measure(page, 'w1200')).current, 0, 'no auto-advance');
  await inHost(page, '#w1200', '[data-action=next]').click();
  assert.equal((await measure(page, 'w1200')).current, 1, 'the controls still work');
  await assertClean(page, logs);
});

test('skeleton: layout-shaped while loading, host height barely moves when content arrives', { timeout: TEST_TIMEOUT }, async (t) => {
  const cases = [
    ['cards', 1200], ['cards', 280], ['list', 1200], ['magazine', 1200], ['ticker', 1200],
  ];
  const markup = cases.map(([layout, width]) =>
    `<div id="wrap-${layout}${width}" style="width:${width}px;margin:0 0 24px">` +
    `<div id="${layout}${width}" data-news-widget data-feed="${SLOW}" data-layout="${layout}" data-limit="4" data-theme="light"></div></div>`,
  ).join('') + LOADER;
  const { page, logs } = await e2e.blankPage(markup, { width: VIEWPORT.width, height: 3000 });
  const height = (id) => page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);

  const loading = {};
  for (const [layout, width] of cases) {
    const id = `${layout}${width}`;
    await waitForState(page, `#${id}`, 'loading');
    const skeleton = await page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      const list = root.querySelector('ul.skeleton');
      return list && { className: list.className, cards: list.children.length, heading: root.querySelectorAll('.bone.heading').length };
    }, id);
    assert.deepEqual(skeleton, { className: `${layout} skeleton`, cards: layout === 'ticker' ? 1 : 4, heading: 1 },
      `${id}: skeleton in the layout's shape`);
    loading[id] = await height(id);
  }
  await page.locator('#wrap-cards1200').screenshot({ path: path.join(ARTIFACTS, 'layout-skeleton-cards-1200.png') });

  const report = [];
  for (const [layout, width] of cases) {
    const id = `${layout}${width}`;
    await waitForState(page, `#${id}`, 'ready');
    const ready = await height(id);
    const change = Math.abs(ready - loading[id]) / ready;
    report.push({ id, loading: Math.round(loading[id]), ready: Math.round(ready), change: `${(change * 100).toFixed(1)}%` });
    if (layout === 'cards') {
      assert.ok(change < 0.15, `${id}: host height ${loading[id]}px loading → ${ready}px ready (${(change * 100).toFixed(1)}%)`);
    }
  }
  t.diagnostic(`skeleton → content host heights: ${JSON.stringify(report)}`);
  await assertClean(page, logs);
});
