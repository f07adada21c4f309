// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) on the list, the
// inline article and the modal, light and dark, and on the list and ticker
// layouts; keyboard: one Tab stop per card, a visible focus ring, image alt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOADER, TEST_TIMEOUT, assertClean, axeRun, inHost, setup, shadowFocus, waitForState,
} from './harness.mjs';
import { SEED } from './seed.mjs';

const e2e = setup({ relatedDelayMs: 300 });
const HOME = '__FEED_ORIGIN__/feeds/home.json';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** A page with hosts `#<id>` for each [id, attributes], all ready. */
async function hostsPage(hosts, options = {}) {
  const opened = await e2e.blankPage(
    `${options.before || ''}${hosts.map(([id, attributes]) =>
      `<div id="${id}" data-news-widget data-feed="${HOME}" ${attributes}></div>`).join('')}${LOADER}`,
    { width: 1200, height: 900, ...options },
  );
  for (const [id] of hosts) await waitForState(opened.page, `#${id}`, 'ready');
  return opened;
}

/** Runs axe on one host (its open shadow tree included) and fails listing every violation. */
async function assertAxeClean(t, page, host, label) {
  // Let entrance animations (ticker headline) end: axe would see mid-fade colours.
  await page.evaluate((sel) => Promise.all(document.querySelector(sel).shadowRoot.getAnimations()
    .filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => {}))), host);
  const result = await axeRun(page, host, TAGS);
  const report = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${
    v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replaceAll('\n', '\n      ')}`).join('\n')}`).join('\n');
  assert.equal(result.violations.length, 0, `axe: ${label} has violations:\n${report}`);
  assert.ok(result.passes > 5, `axe really ran on ${label} (${result.passes} rules passed)`);
  t.diagnostic(`axe ${label}: 0 violations, ${result.passes} rules passed, needs review: ${JSON.stringify(result.incomplete)}`);
  return result;
}

test('axe: the cards list, light and dark', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page, logs } = await hostsPage([['light', 'data-theme="light"'], ['dark', 'data-theme="dark"']]);
  await assertAxeClean(t, page, '#light', 'cards, light');
  await assertAxeClean(t, page, '#dark', 'cards, dark');
  await assertClean(page, logs);
});

test('axe: the list and ticker layouts, light', { timeout: TEST_TIMEOUT }, async (t) => {
  // Reduced motion: the ticker neither steps nor animates while axe reads its colours.
  const { page, logs } = await hostsPage([
    ['list', 'data-layout="list" data-theme="light"'],
    ['ticker', 'data-layout="ticker" data-theme="light"'],
  ], { beforeContent: ({ page }) => page.emulateMedia({ reducedMotion: 'reduce' }) });
  await assertAxeClean(t, page, '#list', 'list layout');
  await assertAxeClean(t, page, '#ticker', 'ticker layout');
  await inHost(page, '#ticker', '[data-action=pause]').click();
  await assertAxeClean(t, page, '#ticker', 'ticker layout, paused');
  await assertClean(page, logs);
});

test('axe: the inline article, light and dark', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page, logs } = await hostsPage([['light', 'data-theme="light"'], ['dark', 'data-theme="dark"']]);
  for (const id of ['#light', '#dark']) {
    await inHost(page, id, `a[data-action=open][data-id="${SEED.id}"]`).click();
    await inHost(page, id, 'article [part=related-item]').first().waitFor();
  }
  await assertAxeClean(t, page, '#light', 'inline article, light');
  await assertAxeClean(t, page, '#dark', 'inline article, dark');
  await assertClean(page, logs);
});

test('axe: the modal dialog, light and dark', { timeout: TEST_TIMEOUT }, async (t) => {
  const { page, logs } = await hostsPage([
    ['light', 'data-theme="light" data-open="modal"'],
    ['dark', 'data-theme="dark" data-open="modal"'],
  ]);
  for (const [id, label] of [['#light', 'modal, light'], ['#dark', 'modal, dark']]) {
    await inHost(page, id, `a[data-action=open][data-id="${SEED.id}"]`).click();
    await inHost(page, id, '.modal [part=related-item]').first().waitFor();
    await assertAxeClean(t, page, id, label);
    await page.keyboard.press('Escape');
    await inHost(page, id, '.modal').waitFor({ state: 'detached' });
  }
  await assertClean(page, logs);
});

/** Whether an element draws a focus indicator: an outline or a box-shadow. */
const ring = (locator) => locator.evaluate((el) => {
  const s = getComputedStyle(el);
  return {
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : null,
    shadow: s.boxShadow !== 'none' ? s.boxShadow : null,
  };
});

test('keyboard: one Tab stop per card, a visible focus ring; images have alt', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await hostsPage([['nw', 'data-theme="light"']], { before: '<button id="before">before</button>' });
  const cards = inHost(page, '#nw', 'li[part=card]');
  const ids = await cards.locator('[part=card-title] a').evaluateAll((as) => as.map((a) => a.dataset.id));
  assert.equal(ids.length, 6);
  // Nothing else in a card can take focus.
  assert.deepEqual(await cards.evaluateAll((lis) => lis.map((li) =>
    li.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length)), [1, 1, 1, 1, 1, 1]);

  await page.focus('#before');
  const visited = [];
  for (let i = 0; i < ids.length; i += 1) {
    await page.keyboard.press('Tab');
    const focus = await shadowFocus(page, '#nw');
    visited.push(focus?.id);
    const card = cards.nth(i);
    const link = card.locator('[part=card-title] a');
    const rings = { link: await ring(link), card: await ring(card) };
    assert.ok(rings.link.outline || rings.link.shadow || rings.card.outline || rings.card.shadow,
      `card ${i + 1} shows where the focus is: ${JSON.stringify(rings)}`);
  }
  assert.deepEqual(visited, ids, 'Tab moves card to card, one stop each, in order');
  await page.keyboard.press('Tab');
  assert.equal((await shadowFocus(page, '#nw'))?.part, 'more', 'then "load more"');
  const more = await ring(inHost(page, '#nw', 'button[part=more]'));
  assert.ok(more.outline || more.shadow, `"load more" shows focus: ${JSON.stringify(more)}`);

  const images = await inHost(page, '#nw', 'img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')));
  assert.ok(images.length > 0);
  assert.ok(images.every((alt) => alt !== null), `every card image has alt: ${JSON.stringify(images)}`);
  // Back to the first card, open it: the article's images carry their captions as alt.
  for (let i = 0; i < ids.length; i += 1) await page.keyboard.press('Shift+Tab');
  assert.equal((await shadowFocus(page, '#nw'))?.id, SEED.id, 'Shift+Tab walks back to the first card');
  await page.keyboard.press('Enter');
  const bodyAlts = await inHost(page, '#nw', 'article [part=article-body] img').evaluateAll((imgs) => imgs.map((img) => img.alt));
  assert.equal(bodyAlts.length, 5);
  assert.ok(bodyAlts.every((alt) => alt.length > 0), 'article images have a text alternative');
  await assertClean(page, logs);
});

test('keyboard: the ticker controls are buttons with names and a visible focus ring', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await hostsPage([['nw', 'data-layout="ticker" data-theme="light" data-lang="en"']],
    { before: '<button id="before">before</button>' });
  await page.focus('#before');
  await page.keyboard.press('Tab');
  assert.equal((await shadowFocus(page, '#nw'))?.tag, 'a', 'first the headline link');
  const names = [];
  for (let i = 0; i < 3; i += 1) {
    await page.keyboard.press('Tab');
    const focused = inHost(page, '#nw', '.ticker-controls button:focus');
    names.push(await focused.getAttribute('aria-label'));
    const r = await ring(focused);
    assert.ok(r.outline || r.shadow, `${names.at(-1)} shows focus: ${JSON.stringify(r)}`);
  }
  assert.deepEqual(names, ['Previous headline', 'Pause headlines', 'Next headline']);
  await assertClean(page, logs);
});
