// The loader and the JavaScript API of SPEC §5: window.NewsWidget at once,
// queued calls, idempotent mount and loading, scan, destroy, refresh,
// version, the ready event and the loading → ready transition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, TEST_TIMEOUT, events, inHost, loadScript, requestsSince, screenshot, setup, waitForState, waitUntil,
} from './harness.mjs';

const e2e = setup({ relatedDelayMs: 1500 });
const LOADER = '<script src="/widget/news-widget.js"></script>';
const CARGO_VERSION = /^version\s*=\s*"([^"]+)"/m.exec(await readFile(path.join(REPO, 'Cargo.toml'), 'utf8'))[1];
const WASM = /^\/widget\/news-widget\.[0-9a-f]+\.wasm$/;

/** Feed requests (exact URL, query included) since `from`. */
const feedHits = (from, url) => e2e.requests.slice(from).filter((r) => r.origin === 'feed' && r.url === url).length;

/** A route that holds the wasm download until release(). */
function wasmHold() {
  let held = null;
  let notify = () => {};
  return {
    async install({ page }) {
      await page.route((url) => WASM.test(url.pathname), (route) => {
        held = route;
        notify();
      });
    },
    seen: () => (held ? Promise.resolve() : new Promise((resolve) => { notify = resolve; })),
    release: () => held.continue(),
  };
}

/** Creates a div (not yet a [data-news-widget]) and mounts it; resolves to how mount settled. */
function mountNew(page, id, options) {
  return page.evaluate(([id, options]) => {
    const el = document.createElement('div');
    el.id = id;
    document.body.append(el);
    return window.NewsWidget.mount(el, options).then(
      (value) => ({ resolved: true, same: value === el }),
      (error) => ({ resolved: false, kind: error.kind, message: error.message }));
  }, [id, options]);
}

const widgetFrames = (page, host) => page.evaluate((sel) =>
  document.querySelector(sel).shadowRoot?.querySelectorAll('[part=widget]').length ?? 0, host);

test('NewsWidget is defined synchronously; a mount made before the wasm is ready is queued', { timeout: TEST_TIMEOUT }, async () => {
  const wasm = wasmHold();
  const { page, logs } = await e2e.blankPage(
    `<div id="early"></div>${LOADER}<script>
      window.__sync = {
        type: typeof window.NewsWidget,
        frozen: Object.isFrozen(window.NewsWidget),
        api: ['mount', 'scan', 'refresh', 'destroy'].map((f) => typeof window.NewsWidget[f]),
        version: window.NewsWidget.version,
      };
      window.__early = window.NewsWidget.mount(document.getElementById('early'), { feed: '__FEED_ORIGIN__/feeds/home.json' })
        .then((el) => el === document.getElementById('early'), (e) => 'rejected: ' + e.kind);
    </script>`,
    { beforeContent: (opened) => wasm.install(opened) },
  );
  assert.deepEqual(await page.evaluate(() => window.__sync), {
    type: 'object', frozen: true, api: ['function', 'function', 'function', 'function'], version: CARGO_VERSION,
  });
  await wasm.seen();
  // The wasm is still on its way: the call is queued, nothing is mounted yet.
  assert.equal(await page.getAttribute('#early', 'data-state'), null);
  assert.equal(await page.evaluate(() => document.getElementById('early').shadowRoot), null);
  await wasm.release();
  assert.equal(await page.evaluate(() => window.__early), true, 'the queued mount resolves with the element');
  assert.equal(await page.getAttribute('#early', 'data-state'), 'ready');
  assert.equal(await inHost(page, '#early', '[part=card]').count(), 6);
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(logs.errors, []);
});

test('mount called as soon as a dynamically appended loader has run is queued and works', { timeout: TEST_TIMEOUT }, async () => {
  const wasm = wasmHold();
  const { page, logs } = await e2e.blankPage('<div id="late"></div>', { beforeContent: (opened) => wasm.install(opened) });
  assert.equal(await page.evaluate(() => typeof window.NewsWidget), 'undefined');
  await page.evaluate((feed) => {
    const script = document.createElement('script');
    script.src = '/widget/news-widget.js';
    script.onload = () => {
      const el = document.getElementById('late');
      window.__late = window.NewsWidget.mount(el, { feed }).then((value) => value === el, (e) => 'rejected: ' + e.kind);
    };
    document.head.append(script);
  }, `${e2e.feedOrigin}/feeds/home.json`);
  await wasm.seen();
  await page.waitForFunction(() => window.__late instanceof Promise);
  assert.equal(await page.getAttribute('#late', 'data-state'), null, 'queued until the wasm is ready');
  await wasm.release();
  assert.equal(await page.evaluate(() => window.__late), true);
  assert.equal(await inHost(page, '#late', '[part=card]').count(), 6);
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(logs.errors, []);
});

test('mounting the same element twice returns the first mount', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(LOADER);
  const from = e2e.requests.length;
  const feed = `${e2e.feedOrigin}/feeds/home.json?twice`;
  const result = await page.evaluate(async (feed) => {
    const el = document.createElement('div');
    el.id = 'twice';
    document.body.append(el);
    const first = window.NewsWidget.mount(el, { feed });
    const second = window.NewsWidget.mount(el, { feed, limit: 2 });
    const [a, b] = await Promise.all([first, second]);
    const third = await window.NewsWidget.mount(el, { feed, limit: 3 });
    return { a: a === el, b: b === el, c: third === el };
  }, feed);
  assert.deepEqual(result, { a: true, b: true, c: true });
  assert.equal(await widgetFrames(page, '#twice'), 1, 'one widget in the shadow root');
  assert.equal(await inHost(page, '#twice', '[part=card]').count(), 6, 'the first mount\'s options win');
  assert.equal(feedHits(from, '/feeds/home.json?twice'), 1, 'the feed is fetched once');
  assert.deepEqual((await events(page, 'news-widget:ready')).map((e) => [e.host, e.detail]), [['twice', { count: 6 }]]);
  assert.deepEqual(logs.pageErrors, []);
});

test('loading the script twice mounts nothing twice', { timeout: TEST_TIMEOUT }, async () => {
  const from = e2e.requests.length;
  const { page, logs } = await e2e.blankPage(
    '<script src="/widget/news-widget.js" data-feed="__FEED_ORIGIN__/feeds/home.json?one-tag"></script>' +
    '<div id="placeholder" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json?placeholder" data-limit="3"></div>',
  );
  await page.waitForFunction(() => [...document.querySelectorAll('[data-news-widget]')]
    .every((host) => host.getAttribute('data-state') === 'ready') && document.querySelectorAll('[data-news-widget]').length === 2);
  assert.equal(await page.evaluate(() => document.querySelector('[data-news-widget]').nextElementSibling.tagName), 'SCRIPT');
  await page.evaluate(() => { window.__first = window.NewsWidget; });

  // A second copy of the loader, without data-feed.
  await loadScript(page, '/widget/news-widget.js');
  assert.equal(await page.evaluate(() => window.NewsWidget === window.__first), true, 'the first copy owns the page');
  assert.deepEqual(await page.evaluate(() => window.NewsWidget.scan().then((found) => found.length)), 0, 'nothing left to mount');

  // A third copy with data-feed only adds its own host.
  await page.evaluate((feed) => {
    const script = document.createElement('script');
    script.src = '/widget/news-widget.js';
    script.dataset.feed = feed;
    script.dataset.limit = '2';
    document.body.append(script);
  }, `${e2e.feedOrigin}/feeds/home.json?third`);
  await page.waitForFunction(() => document.querySelectorAll('[data-news-widget]').length === 3 &&
    document.querySelectorAll('[data-news-widget]')[2].getAttribute('data-state') === 'ready');

  const hosts = await page.evaluate(() => [...document.querySelectorAll('[data-news-widget]')].map((host) => ({
    frames: host.shadowRoot.querySelectorAll('[part=widget]').length,
    cards: host.shadowRoot.querySelectorAll('[part=card]').length,
    feed: new URL(host.getAttribute('data-feed')).search,
  })));
  assert.deepEqual(hosts, [
    { frames: 1, cards: 6, feed: '?one-tag' },
    { frames: 1, cards: 3, feed: '?placeholder' },
    { frames: 1, cards: 2, feed: '?third' },
  ]);
  assert.equal(feedHits(from, '/feeds/home.json?one-tag'), 1);
  assert.equal(feedHits(from, '/feeds/home.json?placeholder'), 1);
  assert.equal(feedHits(from, '/feeds/home.json?third'), 1);
  const www = requestsSince(e2e.requests, from, { origin: 'www' });
  assert.equal(www.filter((r) => r.url === '/widget/news-widget.js').length, 3, 'the loader really ran three times');
  assert.equal(www.filter((r) => WASM.test(r.url)).length, 1, 'the wasm is fetched and instantiated once');
  assert.deepEqual((await events(page, 'news-widget:ready')).map((e) => [e.index, e.detail.count]).sort((x, y) => x[0] - y[0]),
    [[0, 6], [1, 3], [2, 2]], 'one ready event per widget');
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(logs.errors, []);
});

test('scan() mounts placeholders inserted late, under the given root only', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    `<div id="first" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json"></div>${LOADER}`,
  );
  await waitForState(page, '#first', 'ready');
  await page.evaluate((feed) => {
    const box = document.createElement('section');
    box.id = 'box';
    box.innerHTML = `<div id="inner" data-news-widget data-feed="${feed}" data-limit="2"></div>`;
    const outer = document.createElement('div');
    outer.id = 'outer';
    outer.setAttribute('data-news-widget', '');
    outer.setAttribute('data-feed', feed);
    outer.setAttribute('data-limit', '1');
    document.body.append(box, outer);
  }, `${e2e.feedOrigin}/feeds/home.json`);

  const scannedBox = await page.evaluate(() =>
    window.NewsWidget.scan(document.getElementById('box')).then((found) => found.map((el) => el.id)));
  assert.deepEqual(scannedBox, ['inner']);
  await waitForState(page, '#inner', 'ready');
  assert.equal(await inHost(page, '#inner', '[part=card]').count(), 2);
  assert.equal(await page.evaluate(() => document.getElementById('outer').shadowRoot), null, 'outside the root: not mounted');
  assert.equal(await page.getAttribute('#outer', 'data-state'), null);

  const scannedAll = await page.evaluate(() => window.NewsWidget.scan().then((found) => found.map((el) => el.id)));
  assert.deepEqual(scannedAll, ['outer'], 'already mounted widgets are skipped');
  await waitForState(page, '#outer', 'ready');
  assert.equal(await inHost(page, '#outer', '[part=card]').count(), 1);
  assert.deepEqual(await page.evaluate(() => window.NewsWidget.scan().then((found) => found.length)), 0);
  assert.deepEqual((await events(page, 'news-widget:ready')).map((e) => [e.host, e.detail.count]),
    [['first', 6], ['inner', 2], ['outer', 1]]);
  assert.equal(await widgetFrames(page, '#first'), 1);
  assert.deepEqual(logs.pageErrors, []);
});

test('destroy(el) removes the shadow content and data-state; the element can be mounted again', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    `<div id="keep" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json"></div>${LOADER}`,
  );
  await waitForState(page, '#keep', 'ready');
  const feed = `${e2e.feedOrigin}/feeds/home.json`;
  assert.deepEqual(await mountNew(page, 'gone', { feed, accent: 'rgb(1, 2, 3)' }), { resolved: true, same: true });
  assert.equal(await page.evaluate(() => document.getElementById('gone').style.getPropertyValue('--nw-accent')), 'rgb(1, 2, 3)');

  await page.evaluate(() => window.NewsWidget.destroy(document.getElementById('gone')));
  assert.deepEqual(await page.evaluate(() => {
    const el = document.getElementById('gone');
    return {
      children: el.shadowRoot ? el.shadowRoot.childNodes.length : 0,
      state: el.getAttribute('data-state'),
      accent: el.style.getPropertyValue('--nw-accent'),
    };
  }), { children: 0, state: null, accent: '' });
  assert.equal(await page.getAttribute('#keep', 'data-state'), 'ready', 'the other widget is untouched');
  assert.equal(await inHost(page, '#keep', '[part=card]').count(), 6);

  // Mounted again after destroy: a fresh widget, a fresh ready event.
  assert.deepEqual(await page.evaluate((feed) =>
    window.NewsWidget.mount(document.getElementById('gone'), { feed }).then((el) => el.id), feed), 'gone');
  assert.equal(await inHost(page, '#gone', '[part=card]').count(), 6);
  assert.equal(await widgetFrames(page, '#gone'), 1);
  assert.deepEqual((await events(page, 'news-widget:ready')).filter((e) => e.host === 'gone').length, 2);

  // destroy() with no argument removes every widget.
  await page.evaluate(() => window.NewsWidget.destroy());
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#keep, #gone')].map((el) =>
    [el.shadowRoot.childNodes.length, el.hasAttribute('data-state')])), [[0, false], [0, false]]);
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(logs.errors, []);
});

test('destroy() while the feed is loading: nothing renders later', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(LOADER);
  const slow = `${e2e.feedOrigin}/feeds/related/2024-06-09-neimenggu.json`;
  await page.evaluate((feed) => {
    for (const id of ['doomed', 'witness']) {
      const el = document.createElement('div');
      el.id = id;
      document.body.append(el);
      window[`__${id}`] = window.NewsWidget.mount(el, { feed }).then(() => 'resolved', (e) => `rejected:${e.kind}`);
    }
  }, slow);
  await waitForState(page, '#doomed', 'loading');
  await page.evaluate(() => window.NewsWidget.destroy(document.getElementById('doomed')));
  // The witness fetches the same delayed feed: once it is ready, the doomed fetch would have answered too.
  assert.equal(await page.evaluate(() => window.__witness), 'resolved');
  assert.deepEqual(await page.evaluate(() => {
    const el = document.getElementById('doomed');
    return { children: el.shadowRoot.childNodes.length, state: el.getAttribute('data-state') };
  }), { children: 0, state: null });
  assert.deepEqual((await events(page)).filter((e) => e.host === 'doomed'), [], 'no ready or error event after destroy');
  assert.deepEqual(logs.pageErrors, []);
});

test('refresh() re-fetches the feed and keeps the widget ready', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    '<div id="one" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json?refresh-one"></div>' +
    `<div id="two" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json?refresh-two"></div>${LOADER}`,
  );
  await waitForState(page, '#one', 'ready');
  await waitForState(page, '#two', 'ready');
  assert.equal(feedHits(0, '/feeds/home.json?refresh-one'), 1);
  // Mark the rendered lists: an unchanged feed must leave them in place (no flashing).
  const mark = () => page.evaluate(() => ['one', 'two'].forEach((id) => {
    document.getElementById(id).shadowRoot.querySelector('.list-view').__old = true;
  }));
  const kept = (id) => page.evaluate((id) => {
    const lists = document.getElementById(id).shadowRoot.querySelectorAll('.list-view');
    return lists.length === 1 && lists[0].__old === true && lists[0].querySelectorAll('[part=card]').length === 6;
  }, id);
  // The re-fetched body has been handled once the widget is idle again: no request pending.
  const settled = () => page.waitForLoadState('networkidle');

  await mark();
  await page.evaluate(() => window.NewsWidget.refresh(document.getElementById('one')));
  assert.equal(await page.getAttribute('#one', 'data-state'), 'ready', 'what is shown stays while re-fetching');
  assert.equal(await inHost(page, '#one', '.skeleton').count(), 0);
  await waitUntil(() => feedHits(0, '/feeds/home.json?refresh-one') === 2, { message: 'a second request for feed one' });
  await settled();
  assert.equal(await kept('one'), true, 'an unchanged feed keeps the rendered list');
  assert.equal(feedHits(0, '/feeds/home.json?refresh-two'), 1, 'refresh(el) touches that widget only');

  await mark();
  await page.evaluate(() => window.NewsWidget.refresh());
  await waitUntil(() => feedHits(0, '/feeds/home.json?refresh-one') === 3 && feedHits(0, '/feeds/home.json?refresh-two') === 2,
    { message: 'refresh() re-fetching both feeds' });
  await settled();
  assert.equal(await kept('one'), true);
  assert.equal(await kept('two'), true);
  assert.equal(await widgetFrames(page, '#one'), 1);
  assert.equal(await page.getAttribute('#two', 'data-state'), 'ready');
  assert.deepEqual((await events(page, 'news-widget:ready')).map((e) => e.host).sort(), ['one', 'two'],
    'ready fires once per mount, not per refresh');
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(logs.errors, []);
});

test('version is the crate version', { timeout: TEST_TIMEOUT }, async () => {
  const { page } = await e2e.blankPage(LOADER);
  const version = await page.evaluate(() => window.NewsWidget.version);
  assert.equal(typeof version, 'string');
  assert.match(version, /^\d+\.\d+\.\d+$/);
  assert.equal(version, CARGO_VERSION);
});

test('data-state goes loading → ready, with a skeleton while the feed is slow', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(LOADER, { width: 800, height: 900 });
  await page.evaluate((feed) => {
    const el = document.createElement('div');
    el.id = 'slow';
    window.__states = [];
    new MutationObserver(() => window.__states.push(el.getAttribute('data-state')))
      .observe(el, { attributes: true, attributeFilter: ['data-state'] });
    document.body.append(el);
    window.__slow = window.NewsWidget.mount(el, { feed, limit: 4 });
  }, `${e2e.feedOrigin}/feeds/related/2024-06-09-neimenggu.json`);

  await waitForState(page, '#slow', 'loading');
  const skeleton = inHost(page, '#slow', '[part=widget] > ul[part=list].cards.skeleton[aria-hidden=true]');
  assert.equal(await skeleton.count(), 1);
  assert.equal(await skeleton.locator('li').count(), 4, 'one skeleton card per item to come');
  const status = inHost(page, '#slow', '[part=widget] > p[part=status][role=status]');
  assert.ok((await status.textContent()).length > 0, 'the status line says it is loading');
  const box = await status.boundingBox();
  assert.ok(box && box.width <= 1 && box.height <= 1, `status is visually hidden: ${JSON.stringify(box)}`);
  assert.equal(await inHost(page, '#slow', '[part=card]').count(), 0);
  const loadingHeight = await page.evaluate(() => document.getElementById('slow').getBoundingClientRect().height);
  assert.ok(loadingHeight > 150, `the skeleton reserves height: ${loadingHeight}px`);
  await screenshot(page, 'skeleton');

  await waitForState(page, '#slow', 'ready');
  assert.equal(await skeleton.count(), 0, 'the skeleton is replaced');
  assert.equal(await inHost(page, '#slow', '[part=card]').count(), 4);
  assert.deepEqual(await page.evaluate(() => window.__states), ['loading', 'ready']);
  assert.deepEqual((await events(page, 'news-widget:ready')).map((e) => [e.host, e.detail]), [['slow', { count: 4 }]]);
  const readyHeight = await page.evaluate(() => document.getElementById('slow').getBoundingClientRect().height);
  assert.ok(Math.abs(readyHeight - loadingHeight) / readyHeight < 0.5,
    `the page does not jump much: ${loadingHeight}px loading, ${readyHeight}px ready`);
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(logs.errors, []);
});

test('the loader refuses a wasm that does not match its integrity hash: error state, no page error', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage('<div id="w" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json"></div>');
  await page.route('**/*.wasm', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 1] ^= 1; // one flipped bit
    await route.fulfill({ response, body });
  });
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.src = '/widget/news-widget.js';
    document.body.append(script);
  });
  await waitForState(page, '#w', 'error');
  const message = await page.evaluate(() => document.getElementById('w').shadowRoot.textContent);
  assert.match(message, /could not load .*news-widget\.[0-9a-f]+\.wasm/);
  const integrity = JSON.parse(await readFile(path.join(REPO, 'dist', 'integrity.json'), 'utf8'));
  assert.ok(integrity['news-widget.js']?.startsWith('sha384-'), 'integrity.json pins the loader');
  assert.ok(Object.keys(integrity).some((name) => /^news-widget\.[0-9a-f]+\.wasm$/.test(name)), 'and the wasm');
  assert.deepEqual(logs.pageErrors, []);
});

test('ES module entry: import { mount } from news-widget.mjs works, sharing the one runtime', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    '<div id="m"></div><div id="p" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json"></div>' +
    '<script type="module">' +
    "import NewsWidget, { mount, version } from '/widget/news-widget.mjs';" +
    "window.__module = { version, same: null };" +
    "mount(document.getElementById('m'), { feed: document.getElementById('p').dataset.feed, limit: 2 })" +
    "  .then((el) => { window.__module.mounted = el.id; window.__module.same = NewsWidget.mount === mount && window.NewsWidget !== undefined; });" +
    '</script>',
  );
  await page.waitForFunction(() => window.__module && window.__module.mounted === 'm');
  assert.equal(await inHost(page, '#m', '[part=card]').count(), 2);
  await waitForState(page, '#p', 'ready'); // the loader it brought also scanned the placeholder
  const info = await page.evaluate(() => ({ ...window.__module, loaders: document.querySelectorAll('script[src$="news-widget.js"]').length }));
  assert.match(info.version, /^\d+\.\d+\.\d+$/);
  assert.equal(info.same, true);
  assert.equal(info.loaders, 1, 'the module added the classic loader once');
  assert.deepEqual(logs.pageErrors, []);
});

test('a fault inside the wasm (a host API that throws through it) stops all widgets cleanly: error state, no window.onerror', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await e2e.blankPage(
    '<div id="a" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json"></div>' +
    `<div id="b" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json?b" data-lang="en"></div>${LOADER}`,
  );
  await waitForState(page, '#a', 'ready');
  await waitForState(page, '#b', 'ready');
  // Test-only fault: the page breaks a DOM setter the widget calls without a
  // catch, so the exception unwinds through the wasm like a trap would.
  await page.evaluate(() => {
    window.__onerror = [];
    window.addEventListener('error', (e) => window.__onerror.push(e.message));
    Object.defineProperty(Node.prototype, 'textContent', { set() { throw new Error('host page broke textContent'); }, configurable: true });
  });
  await inHost(page, '#a', '[part=card-title] a').first().click();
  await waitForState(page, '#a', 'error');
  await waitForState(page, '#b', 'error');
  const text = await page.evaluate(() => document.getElementById('b').shadowRoot.querySelector('[role=alert]').firstChild.data);
  assert.match(text, /stopped after an internal error \(host page broke textContent\)/);
  assert.deepEqual(await page.evaluate(() => window.__onerror), [], 'window.onerror never fires');
  assert.deepEqual(logs.pageErrors, []);
  // Further API calls are refused quietly.
  const refused = await page.evaluate(() => window.NewsWidget.refresh().then(() => 'resolved', (e) => e.kind));
  assert.equal(refused, 'network', 'a trap is reported with a SPEC kind');
});
