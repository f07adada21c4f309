// data-open: the modal dialog (mouse and keyboard, focus trap, scroll lock,
// ARIA), the inline article with the browser's Back/Forward, the #news-<id>
// deep link, and link mode (plain links to the item's page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOADER, TEST_TIMEOUT, assertClean, events, inHost, screenshot, setup, shadowFocus, waitForState,
} from './harness.mjs';
import { SEED } from './seed.mjs';

const e2e = setup({ relatedDelayMs: 300 });
const HOME = '__FEED_ORIGIN__/feeds/home.json';
const HOST = '#nw';
const FRAGMENT = `#news-${SEED.id}`;

async function widgetPage(attributes, { before = '', ...options } = {}) {
  const opened = await e2e.blankPage(
    `${before}<div id="nw" data-news-widget data-feed="${HOME}" ${attributes}></div>${LOADER}`,
    { width: 1200, height: 800, ...options },
  );
  await waitForState(opened.page, HOST, 'ready');
  return opened;
}

const seedCard = (page) => inHost(page, HOST, `[part=card] a[data-action=open][data-id="${SEED.id}"]`);
const hash = (page) => new URL(page.url()).hash;

/** Everything about the modal that the assertions need, read in one go. */
function modalState(page) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const root = host.shadowRoot;
    const frame = root.querySelector('[part=widget]');
    const modals = [...root.children].filter((el) => el.classList.contains('modal'));
    const modal = modals[0];
    const dialog = modal && modal.querySelector('.dialog');
    const labelledby = dialog && dialog.getAttribute('aria-labelledby');
    const labelled = labelledby && root.getElementById(labelledby);
    const active = root.activeElement;
    const listView = frame.querySelector('.list-view');
    return {
      modals: modals.length,
      modalInFrame: !!frame.querySelector('.modal'),
      backdrop: !!(modal && modal.querySelector(':scope > div.backdrop[data-action=close]')),
      role: dialog && dialog.getAttribute('role'),
      ariaModal: dialog && dialog.getAttribute('aria-modal'),
      labelledPart: labelled && labelled.getAttribute('part'),
      labelledText: labelled && labelled.textContent,
      articleInDialog: !!(dialog && dialog.querySelector('article[part=article] [part=article-title]')),
      listInert: listView.hasAttribute('inert'),
      listHidden: listView.hasAttribute('hidden'),
      overflow: document.documentElement.style.overflow,
      computedOverflow: getComputedStyle(document.documentElement).overflow,
      focus: active && (active.getAttribute('part') || active.getAttribute('data-id')),
      focusInDialog: !!(dialog && active && dialog.contains(active)),
      hostFocused: document.activeElement === host,
    };
  }, HOST);
}

async function assertModalOpen(page) {
  await inHost(page, HOST, '.modal [role=dialog]').waitFor();
  const m = await modalState(page);
  assert.deepEqual(m, {
    modals: 1,
    modalInFrame: false,
    backdrop: true,
    role: 'dialog',
    ariaModal: 'true',
    labelledPart: 'article-title',
    labelledText: SEED.title,
    articleInDialog: true,
    listInert: true,
    listHidden: false,
    overflow: 'hidden',
    computedOverflow: 'hidden',
    focus: 'article-title',
    focusInDialog: true,
    hostFocused: true,
  });
  assert.equal(await inHost(page, HOST, '.modal [part=article-title]').isVisible(), true);
}

async function assertModalClosed(page, overflow) {
  await inHost(page, HOST, '.modal').waitFor({ state: 'detached' });
  const m = await modalState(page);
  assert.equal(m.modals, 0);
  assert.equal(m.listInert, false, 'the list is no longer inert');
  assert.equal(m.overflow, overflow, 'the page scroll is restored');
  assert.equal(m.focus, SEED.id, 'focus back on the card that opened it');
  assert.equal(hash(page), '', 'no #news- fragment left');
}

test('modal with the mouse: opens on click; closes by button, backdrop and Escape', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widgetPage('data-open="modal" data-theme="light"');
  // A host page value of its own, to check it is restored (not just cleared).
  await page.evaluate(() => { document.documentElement.style.overflow = 'scroll'; });

  await seedCard(page).click();
  await assertModalOpen(page);
  assert.equal(hash(page), FRAGMENT);
  await inHost(page, HOST, '.modal [part=related-item]').first().waitFor();
  await screenshot(page, 'modal-1200');
  await inHost(page, HOST, '.modal button[part=close]').click();
  await assertModalClosed(page, 'scroll');

  await seedCard(page).click();
  await assertModalOpen(page);
  await inHost(page, HOST, '.modal .backdrop').click({ position: { x: 10, y: 10 } });
  await assertModalClosed(page, 'scroll');

  await seedCard(page).click();
  await assertModalOpen(page);
  await page.keyboard.press('Escape');
  await assertModalClosed(page, 'scroll');

  // The browser's Back button closes the modal too.
  await seedCard(page).click();
  await assertModalOpen(page);
  await page.goBack();
  await assertModalClosed(page, 'scroll');

  assert.deepEqual((await events(page, 'news-widget:open')).map((e) => e.detail.id), [SEED.id, SEED.id, SEED.id, SEED.id]);
  assert.deepEqual((await events(page, 'news-widget:close')).map((e) => e.detail.id), [SEED.id, SEED.id, SEED.id, SEED.id]);
  await assertClean(page, logs);
});

test('modal with the keyboard: Tab to the card, Enter, Tab and Shift+Tab stay in the dialog', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widgetPage('data-open="modal"', { before: '<button id="before">before</button>' });
  await page.focus('#before');
  await page.keyboard.press('Tab');
  assert.equal((await shadowFocus(page, HOST))?.id, SEED.id, 'Tab reaches the first card');
  await page.keyboard.press('Enter');
  await assertModalOpen(page);
  assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'hidden');
  // Wait for the related links, so the set of focusable elements is final.
  await inHost(page, HOST, '.modal [part=related-item] a').first().waitFor();

  const focusables = await page.evaluate((sel) => [...document.querySelector(sel).shadowRoot
    .querySelectorAll('[role=dialog] a[href], [role=dialog] button')].length, HOST);
  const where = () => page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const active = host.shadowRoot.activeElement;
    const dialog = host.shadowRoot.querySelector('[role=dialog]');
    return {
      inside: document.activeElement === host && !!active && dialog.contains(active),
      what: active ? `${active.tagName.toLowerCase()}:${(active.getAttribute('part') || active.textContent).slice(0, 24)}` : String(document.activeElement?.tagName),
    };
  }, HOST);
  for (const [key, label] of [['Tab', 'Tab'], ['Shift+Tab', 'Shift+Tab']]) {
    const seen = new Set();
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press(key);
      const at = await where();
      assert.ok(at.inside, `${label} #${i + 1} left the dialog: focus on ${at.what}`);
      seen.add(at.what);
    }
    assert.ok(seen.size >= Math.min(focusables, 3), `${label} cycles through the dialog (${seen.size} of ${focusables} reached)`);
  }
  await page.keyboard.press('Escape');
  await assertModalClosed(page, '');
  await assertClean(page, logs);
});

test('modal: Shift+Tab from the focused title goes to the link before it (the breadcrumb)', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { page, logs } = await widgetPage('data-open="modal"');
  await seedCard(page).click();
  await assertModalOpen(page);
  await inHost(page, HOST, '.modal [part=related-item] a').first().waitFor();
  await page.keyboard.press('Shift+Tab');
  const focus = await shadowFocus(page, HOST);
  assert.equal(focus?.text, SEED.breadcrumb.at(-1), `focus on ${JSON.stringify(focus)}`);
  await assertClean(page, logs);
});

test('modal: changing an attribute while it is open leaves one modal, which closes', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { page, logs } = await widgetPage('data-open="modal" data-theme="light"');
  await seedCard(page).click();
  await assertModalOpen(page);
  await page.evaluate(() => document.getElementById('nw').setAttribute('data-theme', 'dark'));
  await waitForState(page, HOST, 'ready');
  await inHost(page, HOST, '[part=card]').first().waitFor();
  const modals = () => page.evaluate(() => [...document.getElementById('nw').shadowRoot.children]
    .filter((el) => el.classList.contains('modal')).length);
  assert.ok(await modals() <= 1, `${await modals()} modals in the shadow root`);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.documentElement.style.overflow === '');
  assert.equal(await modals(), 0, 'no modal left over the page after Escape');
  await assertClean(page, logs);
});

test('inline: Back closes the article, Forward reopens it; close leaves no #news- in the URL', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widgetPage('');
  const article = inHost(page, HOST, 'article[part=article]');
  const title = inHost(page, HOST, 'article [part=article-title]');
  const start = await page.evaluate(() => history.length);

  await seedCard(page).click();
  await article.waitFor();
  assert.equal(hash(page), FRAGMENT);
  const state = await page.evaluate(() => history.state);
  assert.equal(state.id, SEED.id);
  assert.ok('newsWidget' in state, `history.state names the widget: ${JSON.stringify(state)}`);
  assert.equal(await page.evaluate(() => history.length), start + 1, 'one history entry pushed');

  await page.goBack();
  await article.waitFor({ state: 'detached' });
  assert.equal(hash(page), '');
  assert.equal(await inHost(page, HOST, '.list-view').isVisible(), true);
  assert.equal((await shadowFocus(page, HOST))?.id, SEED.id, 'focus back on the card');

  await page.goForward();
  await article.waitFor();
  assert.equal(await title.textContent(), SEED.title);
  assert.equal(hash(page), FRAGMENT);

  // A related article pushes its own entry; Back returns to the seed article.
  const related = inHost(page, HOST, 'article [part=related-item] a').first();
  await related.waitFor();
  const relatedId = await related.getAttribute('data-id');
  await related.click();
  await page.waitForFunction(([sel, want]) =>
    document.querySelector(sel).shadowRoot.querySelector('article [part=article-title]')?.textContent !== want, [HOST, SEED.title]);
  assert.equal(hash(page), `#news-${relatedId}`);
  await page.goBack();
  await page.waitForFunction(([sel, want]) =>
    document.querySelector(sel).shadowRoot.querySelector('article [part=article-title]')?.textContent === want, [HOST, SEED.title]);
  assert.equal(hash(page), FRAGMENT);

  // The close button goes back too: the list, and no fragment.
  await inHost(page, HOST, 'article button[part=close]').click();
  await article.waitFor({ state: 'detached' });
  assert.equal(hash(page), '');
  assert.ok(!page.url().includes('#news-'), page.url());
  assert.equal((await shadowFocus(page, HOST))?.id, SEED.id);

  assert.deepEqual((await events(page, 'news-widget:open')).map((e) => e.detail.id), [SEED.id, SEED.id, relatedId]);
  assert.deepEqual((await events(page, 'news-widget:close')).map((e) => e.detail.id), [SEED.id, relatedId, SEED.id]);
  await assertClean(page, logs);
});

test('deep link: the demo page with #news-<id> opens the seed article in the first widget', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.newPage({ width: 1200, height: 900 });
  const first = '.main-column [data-news-widget]';
  const second = 'aside [data-news-widget]';
  await page.goto(`${e2e.wwwOrigin}/${FRAGMENT}`);
  await waitForState(page, first, 'ready');
  await waitForState(page, second, 'ready');
  const title = inHost(page, first, 'article[part=article] [part=article-title]');
  await title.waitFor();
  assert.equal(await title.textContent(), SEED.title);
  assert.equal(await title.isVisible(), true);
  assert.equal(await inHost(page, first, '.list-view').isVisible(), false);
  assert.equal(await inHost(page, second, 'article').count(), 0, 'only the first widget that has the item opens it');
  assert.deepEqual((await events(page, 'news-widget:open')).map((e) => [e.index, e.detail.id]), [[0, SEED.id]]);
  const length = await page.evaluate(() => history.length);

  await inHost(page, first, 'article button[part=close]').click();
  await inHost(page, first, 'article').waitFor({ state: 'detached' });
  assert.equal(hash(page), '', 'closing removes the fragment');
  assert.equal(new URL(page.url()).pathname, '/', 'the page did not navigate');
  assert.equal(await page.evaluate(() => history.length), length, 'replaceState: no history entry added');
  assert.equal(await inHost(page, first, '[part=card]').count(), 6);
  assert.deepEqual((await events(page, 'news-widget:close')).map((e) => [e.index, e.detail.id]), [[0, SEED.id]]);
  await assertClean(page, logs);
});

test('link mode: cards are plain links to the item url, same tab', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widgetPage('data-open="link"');
  const links = await inHost(page, HOST, '[part=card-title] a').evaluateAll((as) => as.map((a) => ({
    href: a.getAttribute('href'),
    action: a.getAttribute('data-action'),
    target: a.getAttribute('target'),
  })));
  assert.equal(links.length, 6);
  for (const link of links) {
    assert.match(link.href, new RegExp(`^${e2e.feedOrigin}/feeds/articles/[\\w-]+\\.html$`), 'absolute item URL on the feed origin');
    assert.equal(link.action, null, 'no data-action');
    assert.equal(link.target, null, 'same tab');
  }
  const url = `${e2e.feedOrigin}/feeds/articles/${SEED.id}.html`;
  assert.equal(links[0].href, url);
  await Promise.all([page.waitForURL(url), inHost(page, HOST, `[part=card-title] a[href="${url}"]`).click()]);
  assert.equal(page.url(), url);
  assert.equal(await page.evaluate(() => document.querySelector('[data-news-widget]')), null, 'left the widget page');
  assert.deepEqual(logs.pageErrors, []);
});

test('close leaves the reader: after two related articles in the modal, one Escape returns to the list; Back steps one article', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await widgetPage('data-open="modal"');
  const start = await page.evaluate(() => history.length);
  const title = inHost(page, HOST, '.modal [part=article-title]');
  const followRelated = async () => {
    const before = await title.textContent();
    const related = inHost(page, HOST, '.modal [part=related-item] a').first();
    await related.waitFor();
    await related.click();
    await page.waitForFunction(([sel, was]) =>
      document.querySelector(sel).shadowRoot.querySelector('.modal [part=article-title]')?.textContent !== was, [HOST, before]);
  };
  await seedCard(page).click();
  await title.waitFor();
  await followRelated();
  await followRelated();
  assert.equal(await page.evaluate(() => history.length), start + 3, 'one entry per article');

  // Back steps back one article at a time.
  const third = await title.textContent();
  await page.goBack();
  await page.waitForFunction(([sel, was]) =>
    document.querySelector(sel).shadowRoot.querySelector('.modal [part=article-title]')?.textContent !== was, [HOST, third]);
  await followRelated();

  await page.keyboard.press('Escape');
  await inHost(page, HOST, '.modal').waitFor({ state: 'detached' });
  const state = await modalState(page);
  assert.equal(state.modals, 0, 'one Escape closed every article');
  assert.equal(state.listInert, false);
  assert.equal(state.focus, SEED.id, 'focus on the card that opened the first article');
  assert.equal(state.overflow, '', 'scrolling given back');
  await page.waitForFunction(() => !location.hash);
  const closed = (await events(page, 'news-widget:close')).map((e) => e.detail.id);
  assert.equal(closed.at(-1), SEED.id, 'the first article closes last');
  await assertClean(page, logs);
});
