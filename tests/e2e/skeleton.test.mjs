// SPEC §2: the skeleton has exactly the size of the list that replaces it,
// for any feed. Many hosts on one page, each with its own feed URL on a
// feed server of this file's own that holds every answer until told: the
// skeleton is measured while all requests are held, then all are released
// and the ready list is measured. Cases: each layout at 280, 700 and
// 1200 px, with an empty feed, fewer items than the limit, exactly as many
// and more; long and short titles, with and without images and summaries,
// zh-CN and en, no heading, compact density, dark theme.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOADER, TEST_TIMEOUT, assertClean, feedServer, jsonFeed, screenshot, setup, waitUntil,
} from './harness.mjs';

const e2e = setup();

const LAYOUTS = ['cards', 'list', 'magazine', 'ticker'];
const WIDTHS = [280, 700, 1200];
/** Items in the feed, from the limit. */
const SIZES = { empty: () => 0, fewer: (limit) => limit - 2, exact: (limit) => limit, more: (limit) => 2 * limit + 1 };

const LONG_ZH = '西安交通大学与内蒙古自治区签署全面合作协议,共建能源化工、新材料和现代农业牧业创新平台,推动科技成果转化落地'.repeat(3);
const LONG_EN = 'Xi’an Jiaotong University and the Inner Mongolia Autonomous Region sign a broad agreement on energy, materials and farming research platforms '.repeat(3);
const UNBROKEN = 'Supercalifragilisticexpialidocious'.repeat(8);

/**
 * How the hosts differ besides layout, width and feed size: the attributes
 * and what the feed's items carry. Each (layout, width, size) gets one of
 * these, in rotation: as 4 sizes and 5 variants share no factor, every
 * variant meets every layout, width and size.
 */
const VARIANTS = [
  { name: 'zh-long-images', attrs: { lang: 'zh-CN', limit: 6, theme: 'light' }, title: () => LONG_ZH, summary: () => LONG_ZH, image: () => true },
  { name: 'en-short-bare', attrs: { lang: 'en', limit: 4, theme: 'dark' }, title: () => 'A', summary: () => null, image: () => false },
  { name: 'en-no-image-summary-no-heading-compact', attrs: { lang: 'en', limit: 6, show: 'date,source', title: '', density: 'compact' }, title: () => LONG_EN, summary: () => LONG_EN, image: () => true },
  { name: 'zh-mixed-all-fields-dark-compact', attrs: { lang: 'zh-CN', limit: 5, theme: 'dark', density: 'compact', title: LONG_ZH, show: 'image,summary,date,source,views,section,author' },
    title: (i) => (i % 2 ? '短' : LONG_ZH), summary: (i) => (i % 3 ? LONG_ZH : null), image: (i) => i % 2 === 0 },
  { name: 'en-untitled-feed-unbroken-words', attrs: { lang: 'en', limit: 3 }, feedTitle: null, title: (i) => (i % 2 ? UNBROKEN : 'Hi'), summary: (i) => (i % 2 ? null : UNBROKEN), image: (i) => i % 2 === 1 },
];

function feedFor(variant, count, imageBase) {
  const items = Array.from({ length: count }, (_, i) => {
    const item = {
      id: `item-${i}`,
      title: variant.title(i),
      content_text: 'Body.',
      date_published: `2024-06-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`,
      authors: [{ name: variant.attrs.lang === 'en' ? 'Someone With A Long Name, Press Office' : '新闻中心记者 张三 李四 王五' }],
      _news: { source: variant.attrs.lang === 'en' ? 'Xi’an Jiaotong University News Network' : '交大新闻网', section: '主页新闻', views: 123456 + i },
    };
    const summary = variant.summary(i);
    if (summary) item.summary = summary;
    if (variant.image(i)) item.image = `${imageBase}/feeds/images/${i % 2 ? 'campus-run' : 'ai-forum'}.svg`;
    return item;
  });
  const extra = { language: variant.attrs.lang };
  if ('feedTitle' in variant) {
    const feed = jsonFeed(items, extra);
    delete feed.title;
    return feed;
  }
  return jsonFeed(items, { ...extra, title: variant.attrs.lang === 'en' ? 'Campus news' : '主页新闻' });
}

/** Every host of the page: id, attributes, the feed it is served, what the ready list must show. */
function cases(imageBase) {
  const all = [];
  let turn = 0;
  for (const layout of LAYOUTS) {
    for (const width of WIDTHS) {
      for (const [size, count] of Object.entries(SIZES)) {
        const variant = VARIANTS[turn++ % VARIANTS.length];
        const items = count(variant.attrs.limit);
        all.push({
          id: `${layout}-${width}-${size}`,
          layout, width, size, variant: variant.name, limit: variant.attrs.limit, items,
          attrs: { ...variant.attrs, layout },
          feed: feedFor(variant, items, imageBase),
        });
      }
    }
  }
  return all;
}

/**
 * Feed servers that hold every answer until releaseAll(). A browser opens at
 * most six connections per origin, so each server serves a few hosts only.
 */
const HOSTS_PER_SERVER = 5;
const servers = [];
const feeds = new Map();
const held = [];
const releaseAll = () => held.splice(0).forEach((release) => release());
async function heldServers(count) {
  while (servers.length < count) {
    servers.push(await feedServer((url) => new Promise((resolve) => {
      const feed = feeds.get(new URL(url, 'http://x').pathname);
      held.push(() => resolve(feed ? { body: feed } : { status: 404, body: 'not found' }));
    })));
  }
  return servers;
}
after(() => Promise.all(servers.map((server) => server.close())));

/** Each host's height, and what its shadow root holds, for the assertions. */
function measure(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-news-widget]')].map((host) => {
    const root = host.shadowRoot;
    // What takes focus must be seen, and not hidden from assistive technology.
    const hiddenFocusable = [...root.querySelectorAll('a, button, input, select, textarea, [tabindex]')].filter((el) => {
      el.focus({ preventScroll: true });
      return root.activeElement === el &&
        (el.closest('[aria-hidden=true]') || el.getBoundingClientRect().height === 0);
    }).map((el) => el.outerHTML.slice(0, 80));
    root.activeElement?.blur();
    return {
      id: host.id,
      state: host.getAttribute('data-state'),
      height: host.getBoundingClientRect().height,
      cards: root.querySelectorAll('li[part=card]').length,
      more: root.querySelectorAll('button[part=more]').length,
      empty: root.querySelectorAll('[part=status].empty').length,
      skeleton: root.querySelectorAll('.skeleton').length,
      hiddenFocusable,
    };
  }));
}

/** A screenshot of one host, scrolled to the top of the viewport (a full-page one would lay out the page again). */
async function shoot(page, id, moment) {
  const clip = await page.evaluate((id) => {
    const host = document.getElementById(id);
    scrollTo(0, host.getBoundingClientRect().top + scrollY);
    const r = host.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: Math.min(r.height, innerHeight - r.y) };
  }, id);
  await screenshot(page, `skeleton-${id}-${moment}`, { clip });
}

test('skeleton: the host keeps its height from loading to ready, for any feed, layout and width', { timeout: 2 * TEST_TIMEOUT }, async (t) => {
  const started = Date.now();
  const all = cases(e2e.feedOrigin);
  for (const c of all) feeds.set(`/${c.id}.json`, c.feed);
  await heldServers(Math.ceil(all.length / HOSTS_PER_SERVER));
  const feedUrl = (c, i) => `${servers[Math.floor(i / HOSTS_PER_SERVER)].origin}/${c.id}.json`;
  const attr = (name, value) => ` data-${name}="${String(value).replaceAll('"', '&quot;')}"`;
  const markup = all.map((c, i) =>
    `<div style="width:${c.width}px;margin:0 0 16px"><div id="${c.id}" data-news-widget` +
    `${attr('feed', feedUrl(c, i))}${attr('timeout', 30)}` +
    `${Object.entries(c.attrs).map(([name, value]) => attr(name, value)).join('')}></div></div>`).join('') + LOADER;
  const { page, logs } = await e2e.blankPage(markup, { width: 1300, height: 1400 });

  // Every feed requested and every widget mounted (the wasm's loading line is
  // in the frame): each skeleton is the one the wasm drew from its configuration.
  const requested = () => servers.reduce((sum, server) => sum + new Set(server.hits).size, 0);
  await waitUntil(() => requested() >= all.length, { message: `${all.length} feed requests` });
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-news-widget]')]
    .filter((h) => h.shadowRoot?.querySelector('.nw > [part=status]')).length === n, all.length);
  const loading = await measure(page);
  const skeletonsAfter = Date.now() - started;
  assert.deepEqual(loading.filter((m) => m.state !== 'loading' || !m.skeleton).map((m) => m.id), [],
    'every host shows its skeleton while its feed is held');
  const shots = ['cards-700-more', 'list-280-fewer', 'ticker-700-empty'];
  for (const id of shots) await shoot(page, id, 'loading');

  releaseAll();
  const settled = () => page.evaluate(() => [...document.querySelectorAll('[data-news-widget]')]
    .filter((h) => !['ready', 'empty'].includes(h.getAttribute('data-state')))
    .map((h) => `${h.id}: ${h.getAttribute('data-state')} ${h.shadowRoot.textContent.slice(0, 120)}`));
  await waitUntil(async () => (await settled()).length === 0, { timeout: 30_000, interval: 100, message: 'every host ready or empty' })
    .catch(async (error) => assert.fail(`${error.message}: ${(await settled()).join('; ')}`));
  const ready = await measure(page);
  const readyAfter = Date.now() - started;
  for (const id of shots) await shoot(page, id, 'ready');

  // The cases are what they claim: the feed's items shown, "load more" when there are more.
  for (const [i, c] of all.entries()) {
    const m = ready[i];
    const shown = Math.min(c.items, c.limit);
    assert.equal(m.state, shown ? 'ready' : 'empty', `${c.id}: state`);
    assert.equal(m.cards, shown, `${c.id}: cards shown`);
    assert.equal(m.more, c.items > c.limit && c.layout !== 'ticker' ? 1 : 0, `${c.id}: "load more"`);
    assert.equal(m.empty, shown ? 0 : 1, `${c.id}: the empty message`);
    assert.deepEqual(m.hiddenFocusable, [], `${c.id}: nothing hidden can take focus`);
  }

  const rows = all.map((c, i) => ({
    id: c.id, variant: c.variant, loading: loading[i].height, ready: ready[i].height,
    diff: Math.round((ready[i].height - loading[i].height) * 10) / 10,
  }));
  const moved = rows.filter((r) => Math.abs(r.diff) > 1);
  t.diagnostic(`${all.length} hosts: skeletons measured at ${skeletonsAfter} ms, lists at ${readyAfter} ms; ` +
    `${moved.length} moved by more than 1 px`);
  for (const r of moved) t.diagnostic(`${r.id} (${r.variant}): ${r.loading.toFixed(1)} → ${r.ready.toFixed(1)} px (${r.diff > 0 ? '+' : ''}${r.diff})`);
  assert.deepEqual(moved.map((r) => `${r.id}: ${r.loading.toFixed(1)} → ${r.ready.toFixed(1)} px`), [],
    'the host height while loading equals its height when ready (±1 px)');
  await assertClean(page, logs);
});
