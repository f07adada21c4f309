// Shared end-to-end harness: one dev server pair (www + feed origin, ephemeral
// ports) and one headless Chromium per test file, fresh browser contexts per
// page, console/pageerror recording, shadow-root helpers and screenshots.
// The servers serve a snapshot of dist/ taken at start (see snapshotDist).
//
//   import { setup } from './harness.mjs';
//   const e2e = setup({ relatedDelayMs: 1500 });
//   test('…', async () => { const { page, logs } = await e2e.newPage(); … });
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServers } from '../../scripts/serve.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../..');
export const ARTIFACTS = path.join(HERE, 'artifacts');

/** Generous: the suite runs on a 2-core machine. */
export const TIMEOUT = 15_000;
/** Per-test budget for node:test. */
export const TEST_TIMEOUT = 60_000;

/** The loader tag for blankPage() markup (served from dist/ by the www origin). */
export const LOADER = '<script src="/widget/news-widget.js"></script>';

/** The events of SPEC §5, recorded by every page made with newPage(). */
export const EVENTS = ['news-widget:ready', 'news-widget:open', 'news-widget:close', 'news-widget:error'];

export const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// Runs in every page before its own scripts: records the widget events (they
// bubble and are composed, so the document sees them), window.onerror and
// unhandled rejections, so tests can assert nothing leaked into the host page.
function recorder(eventNames) {
  window.__nw = { events: [], errors: [], rejections: [] };
  const hostIndex = (el) => Array.prototype.indexOf.call(document.querySelectorAll('[data-news-widget]'), el);
  for (const type of eventNames) {
    document.addEventListener(type, (event) => {
      let detail = null;
      try {
        detail = JSON.parse(JSON.stringify(event.detail));
      } catch {
        detail = String(event.detail);
      }
      window.__nw.events.push({
        type,
        detail,
        host: event.target && event.target.id ? event.target.id : null,
        index: hostIndex(event.target),
        bubbles: event.bubbles,
        composed: event.composed,
        isCustom: event instanceof CustomEvent,
      });
    });
  }
  window.addEventListener('error', (event) => {
    window.__nw.errors.push(String(event.message || event.error));
  });
  window.addEventListener('unhandledrejection', (event) => {
    window.__nw.rejections.push(String(event.reason && (event.reason.message || event.reason)));
  });
}

// Playwright's fake clock (page.clock) numbers its timers from 1e12, which
// does not fit the WebIDL `long` that setTimeout returns: the wasm keeps
// handles as i32, so clearTimeout got a truncated id, the timer still fired
// and called a dropped Rust closure. This runs after the clock is installed
// and hands out small ids mapped to the clock's. It also counts the
// intervals started (window.__nwTimers.intervals).
function smallTimerIds() {
  const ids = new Map();
  let next = 1;
  window.__nwTimers = { intervals: 0 };
  const set = (original, interval) => function (handler, ms, ...args) {
    if (interval) window.__nwTimers.intervals += 1;
    const id = next++;
    ids.set(id, original.call(window, handler, ms, ...args));
    return id;
  };
  const clear = (original) => function (id) {
    const real = ids.get(id);
    ids.delete(id);
    return original.call(window, real === undefined ? id : real);
  };
  window.setTimeout = set(window.setTimeout, false);
  window.setInterval = set(window.setInterval, true);
  window.clearTimeout = clear(window.clearTimeout);
  window.clearInterval = clear(window.clearInterval);
}

/**
 * Copies dist/ to a temporary directory and serves that copy, so a rebuild
 * running meanwhile (make dist rewrites dist/ and renames the hashed wasm)
 * cannot hand a test a loader whose wasm is gone. Retries until the copy is
 * consistent: the loader and the wasm file it names.
 */
export async function snapshotDist() {
  const dist = path.join(REPO, 'dist');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const copy = await mkdtemp(path.join(tmpdir(), 'news-widget-e2e-'));
    try {
      await cp(dist, copy, { recursive: true });
      const loader = await readFile(path.join(copy, 'news-widget.js'), 'utf8');
      const wasm = /news-widget\.[0-9a-f]+\.wasm/.exec(loader)?.[0];
      if (wasm && (await readdir(copy)).includes(wasm)) return copy;
    } catch {
      // dist/ missing or being rewritten: try again
    }
    await rm(copy, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error('dist/ is missing or inconsistent: run `make dist` first');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Registers before/after hooks for the calling test file and returns the
 * shared state. `relatedDelayMs` is passed to the dev server.
 */
export function setup({ relatedDelayMs = 1500 } = {}) {
  const state = {
    servers: null,
    browser: null,
    contexts: [],
    get wwwOrigin() {
      return state.servers.wwwOrigin;
    },
    get feedOrigin() {
      return state.servers.feedOrigin;
    },
    /** Every request the dev servers saw: {origin: 'www'|'feed', method, url, time}. */
    get requests() {
      return state.servers.requests;
    },
    newPage,
    blankPage,
    documentPage,
  };

  let distCopy = null;
  before(async () => {
    distCopy = await snapshotDist();
    state.servers = await startServers({ wwwPort: 0, feedPort: 0, quiet: true, relatedDelayMs, distDir: distCopy });
    state.browser = await chromium.launch(LAUNCH);
  });

  after(async () => {
    for (const context of state.contexts) await context.close().catch(() => {});
    await state.browser?.close().catch(() => {});
    await state.servers?.close();
    if (distCopy) await rm(distCopy, { recursive: true, force: true });
  });

  /**
   * A page in a fresh context (Asia/Shanghai, en-US browser language) that
   * records console errors and warnings, page errors and the widget events.
   * `init` (a function, or [function, arg]) is one more init script, run in
   * every document before its own scripts (after the recorder).
   */
  async function newPage({ width = 1200, height = 900, locale = 'en-US', bypassCSP = false, init = null } = {}) {
    const context = await state.browser.newContext({
      timezoneId: 'Asia/Shanghai',
      locale,
      bypassCSP,
      viewport: { width, height },
    });
    state.contexts.push(context);
    context.setDefaultTimeout(TIMEOUT);
    await context.addInitScript(recorder, EVENTS);
    if (init) await context.addInitScript(...(Array.isArray(init) ? init : [init]));
    const page = await context.newPage();
    const logs = { errors: [], warnings: [], pageErrors: [], all: [] };
    page.on('console', (message) => {
      const entry = `${message.type()}: ${message.text()}`;
      logs.all.push(entry);
      if (message.type() === 'error') logs.errors.push(message.text());
      if (message.type() === 'warning') logs.warnings.push(message.text());
    });
    page.on('pageerror', (error) => logs.pageErrors.push(String(error && error.stack || error)));
    return { page, context, logs };
  }

  /**
   * A page of our own on the www origin, without editing www/: it opens
   * www/feeds/index.html (a plain page with no scripts, served by the real
   * www server, so the page really lives on the www origin and loopback
   * address space) and replaces its document with `html` via setContent
   * (document.open/write: parser-inserted scripts run in order, the URL and
   * origin stay). The markup may use __FEED_ORIGIN__ like the demo page;
   * `options.beforeContent({page, context})` runs just before (to install routes);
   * `options.clock: true` installs Playwright's fake clock (page.clock) first,
   * with timer ids the wasm can hold (see smallTimerIds).
   * (A Playwright-fulfilled document would not do: Chromium's local network
   * access checks then block its fetches to the 127.0.0.1 feed origin.)
   */
  async function blankPage(html = '', options = {}) {
    const opened = await newPage(options);
    // feeds/index.html names no icon: answer the browser's /favicon.ico so no 404 is logged.
    await opened.context.route(`${state.wwwOrigin}/favicon.ico`, (route) => route.fulfill({ status: 204 }));
    await opened.page.goto(`${state.wwwOrigin}/feeds/index.html`);
    assert.equal(await opened.page.evaluate(() => document.scripts.length), 0, 'the blank page has no scripts of its own');
    if (options.clock) await opened.page.clock.install();
    if (options.beforeContent) await options.beforeContent(opened);
    // document.open() erases the listeners the init script added, so the
    // recorder runs again as the new document's first script.
    await opened.page.setContent(
      `<!doctype html><html lang="${options.lang || 'zh-CN'}"><head><meta charset="utf-8">` +
      `<title>e2e</title><script>(${recorder})(${JSON.stringify(EVENTS)})</script>` +
      (options.clock ? `<script>(${smallTimerIds})()</script>` : '') + '</head>' +
      `<body>${html.replaceAll('__FEED_ORIGIN__', state.feedOrigin)}</body></html>`,
    );
    return opened;
  }

  /**
   * A whole document of our own, really navigated to: `html` is written into
   * the served dist/ snapshot (never into dist/ itself) as
   * /widget/e2e-pages/<n>.html on the www origin, so the browser parses it as
   * it parses a partner's page (<head> scripts, async/defer, DOMContentLoaded,
   * layout-shift entries from navigation on). The www server substitutes
   * __FEED_ORIGIN__ and sends the strict CSP of SPEC §7 with it, like the demo
   * page: no inline scripts or styles unless `options.bypassCSP`. The
   * recorder and `options.init` run as init scripts; `options.beforeContent`
   * runs before the navigation (to install routes); `options.files` are
   * more files written next to the page ({ name: text }: scripts, which the
   * strict CSP allows from the www origin only). Resolves once `load` fired
   * (`options.waitUntil` to change).
   */
  let documentCount = 0;
  async function documentPage(html, options = {}) {
    const dir = path.join(distCopy, 'e2e-pages');
    await mkdir(dir, { recursive: true });
    const name = `${++documentCount}.html`;
    await writeFile(path.join(dir, name), html);
    for (const [file, text] of Object.entries(options.files || {})) await writeFile(path.join(dir, file), text);
    const opened = await newPage(options);
    await opened.context.route(`${state.wwwOrigin}/favicon.ico`, (route) => route.fulfill({ status: 204 }));
    if (options.beforeContent) await options.beforeContent(opened);
    const url = `${state.wwwOrigin}/widget/e2e-pages/${name}`;
    await opened.page.goto(url, { waitUntil: options.waitUntil || 'load' });
    return { ...opened, url };
  }

  return state;
}

/** Locator inside a host's open shadow root (Playwright CSS pierces it). */
export function inHost(page, host, selector) {
  return page.locator(`${host} ${selector}`);
}

/** Waits until the host matching `host` has data-state=`value`. */
export async function waitForState(page, host, value, timeout = TIMEOUT) {
  try {
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.getAttribute('data-state') === want,
      [host, value],
      { timeout },
    );
  } catch (error) {
    // Say what the widget shows instead, so a failure explains itself.
    const seen = await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      return el && { state: el.getAttribute('data-state'), text: el.shadowRoot?.textContent.slice(0, 300) };
    }, host).catch(() => null);
    error.message += `\n${host} never reached data-state=${value}; it shows ${JSON.stringify(seen)}`;
    throw error;
  }
}

/** The widget events recorded in the page so far (optionally of one type). */
export async function events(page, type) {
  const all = await page.evaluate(() => window.__nw.events);
  return type ? all.filter((e) => e.type === type) : all;
}

/** window.onerror / unhandledrejection as seen by the page itself. */
export async function pageSideErrors(page) {
  return page.evaluate(() => ({ errors: window.__nw.errors, rejections: window.__nw.rejections }));
}

/** The element focused inside the host's shadow root, described. */
export async function shadowFocus(page, host) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)?.shadowRoot?.activeElement;
    if (!el) return null;
    return {
      tag: el.tagName.toLowerCase(),
      part: el.getAttribute('part'),
      id: el.getAttribute('data-id'),
      text: el.textContent.trim(),
      hostFocused: document.activeElement === document.querySelector(sel),
    };
  }, host);
}

/** Polls a Node-side condition (e.g. on the server's request log). */
export async function waitUntil(condition, { timeout = TIMEOUT, interval = 25, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Requests the dev servers saw since index `from`, filtered. */
export function requestsSince(requests, from, { origin, path: prefix } = {}) {
  return requests.slice(from).filter((r) =>
    (!origin || r.origin === origin) && (!prefix || r.url.split('?')[0].startsWith(prefix)));
}

/** Saves a screenshot to tests/e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page, name, options = {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** Asserts the page logged no console error and threw nothing into the host page. */
export async function assertClean(page, logs, { warnings = true } = {}) {
  assert.deepEqual(logs.pageErrors, [], 'pageerror fired');
  assert.deepEqual(logs.errors, [], 'console errors were logged');
  if (warnings) assert.deepEqual(logs.warnings, [], 'console warnings were logged');
  assert.deepEqual(await pageSideErrors(page), { errors: [], rejections: [] }, 'window.onerror / unhandledrejection fired');
}

/**
 * A tiny feed server of a test's own on an ephemeral loopback port, with
 * `Access-Control-Allow-Origin: *`. `answer(url, nth)` gets the request URL
 * (path and query) and how many times that exact URL was asked for (1 on the
 * first request) and returns `{status?, body}` (an object body is sent as
 * JSON). `hits` lists every URL requested; close() stops the server.
 */
export async function feedServer(answer) {
  const hits = [];
  const server = http.createServer(async (req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*' });
      return res.end();
    }
    hits.push(req.url);
    try {
      const { status = 200, body = '' } = await answer(req.url, hits.filter((u) => u === req.url).length);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { ...cors, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    } catch (error) {
      res.writeHead(500, cors);
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    hits,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** A JSON Feed 1.1 document with `items` (and any extra top-level fields). */
export function jsonFeed(items, extra = {}) {
  return { version: 'https://jsonfeed.org/version/1.1', title: 'Test feed', ...extra, items };
}

/** Appends `<script src>` to the page and resolves once it has loaded. */
export function loadScript(page, src) {
  return page.evaluate((url) => new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = resolve;
    script.onerror = reject;
    document.body.append(script);
  }), src);
}

/**
 * Runs axe-core (injected once from node_modules) on the element `selector`
 * names, or on the whole document when it is null, limited to `tags`.
 */
export async function axeRun(page, selector, tags) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js') });
  }
  return page.evaluate(async ([sel, only]) => {
    const target = sel ? document.querySelector(sel) : document;
    const { violations, passes, incomplete } = await window.axe.run(target, { runOnly: { type: 'tag', values: only } });
    return {
      passes: passes.length,
      incomplete: incomplete.map((r) => r.id),
      violations: violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.flat().join(' >>> '), summary: n.failureSummary })),
      })),
    };
  }, [selector, tags]);
}
