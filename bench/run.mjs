#!/usr/bin/env node
// `make bench`: size and speed of the built widget (dist/) in headless
// Chromium, side by side with a plain-JavaScript baseline (bench/baseline/).
// Prints a table and writes target/bench/report.json. Exit code 0 even when
// targets are missed (this is a report); non-zero only when the harness fails.
//
//   node bench/run.mjs            (BENCH_RUNS=N overrides the 7 runs per figure;
//                                  BENCH_PHONE_RUNS=N the 5 slow-phone pairs;
//                                  BENCH_DIST=<checkout>/dist measures another checkout's build)
import { chromium } from 'playwright-core';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServers } from '../scripts/serve.mjs';
import { startFeedServer } from './feed-server.mjs';
import { dirSizes, sizeOf, widgetFiles } from './sizes.mjs';
import { distModules } from './wasm-modules.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const OUT = path.join(REPO, 'target', 'bench');
const WWW = path.join(OUT, 'www');
const DIST = path.join(OUT, 'dist'); // snapshot of dist/, so a rebuild during the run cannot mix files
const SOURCE_DIST = path.resolve(process.env.BENCH_DIST || path.join(REPO, 'dist'));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 7);
const BLOCK_RUNS = Math.max(1, Math.min(RUNS, 5));
const SIZES = [6, 50, 200, 2000]; // feeds items-<n>.json
/** Warm scenarios: [cards shown, items in the feed]. */
const WARM = [[6, 6], [50, 50], [50, 200], [50, 2000], [2000, 2000]];
const warmKey = ([shown, items]) => `${shown}-of-${items}`;
const COLD_SIZES = [6, 50]; // a script tag's data-limit goes up to 50
/** A first visit on a phone: slow 4G, a 4× slower CPU, nothing cached (issue 11). */
const SLOW_PHONE = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750, cpuSlowdown: 4, runs: Math.max(1, Number(process.env.BENCH_PHONE_RUNS) || 5), feed: 'seed', limit: 6 };
/** Phases of a mount, in order; parse/validate/build come from the page's `news-widget:<phase>` measures. */
const PHASES = ['start', 'fetch', 'body', 'parse', 'validate', 'build', 'paint', 'other', 'total'];
const MEASURED_PHASES = ['parse', 'validate', 'build'];
const NOT_REPORTED = 'not reported by this build';
const MEMORY_WIDGETS = 20;
const MEMORY_FEEDS = ['items-50', 'seed']; // the target applies to the first: a full 50-item feed per widget
const TEN_MB = 10 * 1024 * 1024;
const ARTICLE_BYTES = 200 * 1024;
const ARTICLE_FIGURES = 100;
const TIMEOUT_MS = 60_000;
const KB = 1024;
const MB = 1024 * 1024;

// Issue 11's targets: ratios are widget / baseline medians of the same run.
const TARGETS = {
  brotliBytes: 40 * KB,
  brotliGoalBytes: 25 * KB,
  warmRatio: 1.0, // 50 of 200, 50 of 2,000 and 2,000 of 2,000 items
  coldRatio: 1.1,
  slowPhoneRatio: 1.1,
  articleRatio: 1.0,
  seedArticleMs: 16,
  longTask2000Ms: 50,
  longTask10MbMs: 50,
  wasmBytes: 4 * MB,
  wasmRegrowBytes: 64 * KB, // one wasm page: a second mount/destroy cycle must not grow memory more than this
};

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--js-flags=--expose-gc', '--enable-precise-memory-info',
  ],
};
const CONTEXT = { viewport: { width: 1200, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' };

const started = Date.now();
const loadStart = os.loadavg();
const log = (...args) => console.error('[bench]', ...args);
const warnings = [];
const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({
  median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length, samples: xs.map((x) => round(x)),
});
/** Median of per-run widget/baseline ratios (each pair ran back to back, under the same load). */
const paired = (w, b) => round(median(w.map((x, i) => (b[i] ? x / b[i] : null))), 3);
const round = (x, d = 2) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

// ---------------------------------------------------------------- fixtures

function writeJson(file, value) {
  const text = JSON.stringify(value);
  writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** A copy of a demo item with a unique id. */
function copyItem(item, n) {
  return { ...item, id: `${item.id}--${n}` };
}

function makeFixtures() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(WWW, { recursive: true });
  cpSync(SOURCE_DIST, DIST, { recursive: true });
  // The demo feeds (images, related feed, second page) keep the relative URLs of the items working.
  cpSync(path.join(REPO, 'www', 'feeds'), path.join(WWW, 'feeds'), { recursive: true });
  const home = JSON.parse(readFileSync(path.join(REPO, 'www', 'feeds', 'home.json'), 'utf8'));
  const { next_url: _next, feed_url: _self, ...head } = home;
  const demo = home.items;
  const seed = demo[0];
  const fixtures = {};
  const feed = (name, items, extra = {}) => {
    const bytes = writeJson(path.join(WWW, 'feeds', `${name}.json`), { ...head, ...extra, items });
    fixtures[name] = { items: items.length, bytes };
  };

  // Lists: the demo items cycled (the seed article among them, with its full body), unique ids.
  for (const n of SIZES) {
    feed(`items-${n}`, Array.from({ length: n }, (_, i) => copyItem(demo[i % demo.length], i)), { title: `${home.title} (${n})` });
  }

  // 10 MB: the demo items cycled, every third one carrying the seed's full body, up to 10 MiB.
  const big = [];
  let size = 200;
  for (let i = 0; size < TEN_MB; i++) {
    const item = copyItem(demo[i % demo.length], i);
    if (i % 3 === 1) item.content_html = seed.content_html;
    big.push(item);
    size += Buffer.byteLength(JSON.stringify(item)) + 1;
  }
  feed('big-10mb', big, { title: `${home.title} (10 MB)` });

  // A ~200 KB article with 100 figures: the seed's paragraphs in 100 sections, each ending in a figure.
  const paragraphs = seed.content_html.match(/<p>[\s\S]*?<\/p>/g);
  const captions = [...seed.content_html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].map((m) => m[1]);
  const images = ['neimenggu-1', 'neimenggu-2', 'neimenggu-3', 'neimenggu-4', 'neimenggu-5', 'baotou-lab',
    'silk-road-council', 'hydrogen-storage-lab', 'ai-forum-panel', 'campus-run'];
  const sections = Array.from({ length: ARTICLE_FIGURES }, (_, k) => ({
    head: `<h3>第${k + 1}部分 · ${captions[k % captions.length]}</h3>`,
    paras: [],
    figure: `<figure><img src="../images/${images[k % images.length]}.svg" alt="${captions[k % captions.length]}" width="1200" height="800">`
      + `<figcaption>图${k + 1} ${captions[k % captions.length]}</figcaption></figure>`,
  }));
  const html = () => sections.map((s) => s.head + s.paras.join('') + s.figure).join('');
  let total = Buffer.byteLength(html());
  for (let i = 0; total < ARTICLE_BYTES; i++) {
    const p = paragraphs[i % paragraphs.length];
    sections[i % ARTICLE_FIGURES].paras.push(p);
    total += Buffer.byteLength(p);
  }
  const body = html();
  const long = { ...seed, id: 'bench-200k', title: `${seed.title}(长文:${ARTICLE_FIGURES} 幅图)`, content_html: body };
  feed('article-200k', [long, ...demo.slice(1)], { title: `${home.title} (200 KB article)` });
  fixtures['article-200k'].article = { bytes: Buffer.byteLength(body), chars: [...body].length, figures: ARTICLE_FIGURES };

  // The seed feed: the demo feed as it is (first item = the seed article).
  feed('seed', demo);

  // The baseline, with the widget's own CSS inlined (as a constructable stylesheet).
  const css = readFileSync(path.join(SOURCE_DIST, '..', 'src', 'shell', 'widget.css'), 'utf8');
  const baseline = readFileSync(path.join(HERE, 'baseline', 'baseline.js'), 'utf8');
  if (!baseline.includes("/*__WIDGET_CSS__*/ ''")) throw new Error('bench/baseline/baseline.js lost its /*__WIDGET_CSS__*/ placeholder');
  mkdirSync(path.join(WWW, 'baseline'));
  writeFileSync(path.join(WWW, 'baseline', 'baseline.js'), baseline.replace("/*__WIDGET_CSS__*/ ''", JSON.stringify(css)));

  const page = (title, script) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,">
<style>body { margin: 0; font-family: system-ui, sans-serif; } #stage { max-width: 1100px; margin: 0 auto; }</style>
</head>
<body><main id="stage"></main>${script ? `\n<script src="${script}"></script>` : ''}</body>
</html>
`;
  writeFileSync(path.join(WWW, 'widget.html'), page('bench: widget', '/widget/news-widget.js'));
  writeFileSync(path.join(WWW, 'baseline.html'), page('bench: baseline', '/baseline/baseline.js'));
  writeFileSync(path.join(WWW, 'blank.html'), page('bench: cold start', null));
  return fixtures;
}

// ---------------------------------------------------------------- in-page helpers

// Runs before any page script: long-task observer, wasm memory capture
// (the loader keeps the wasm exports private, so WebAssembly.instantiate*
// are wrapped to keep the instance's memory), and the timing helpers.
function benchInit(timeoutMs) {
  const b = (window.__bench = { longtasks: [], memories: [], hosts: [] });
  performance.setResourceTimingBufferSize(100_000); // the default 250 entries fill up over a run
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    b.longtaskSupported = true;
  } catch {
    b.longtaskSupported = false;
  }
  const keep = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
    if (instance) {
      for (const value of Object.values(instance.exports)) {
        if (value instanceof WebAssembly.Memory) b.memories.push(value);
      }
    }
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  const plain = WebAssembly.instantiate;
  if (streaming) WebAssembly.instantiateStreaming = function () { return streaming.apply(this, arguments).then(keep); };
  WebAssembly.instantiate = function () { return plain.apply(this, arguments).then(keep); };

  const api = (impl) => (impl === 'widget' ? window.NewsWidget : window.BaselineWidget);
  const timeout = (promise, what) => Promise.race([promise, new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms: ${what}`)), timeoutMs))]);
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  b.twoFrames = () => frame().then(frame);
  b.sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  b.gc = () => { if (window.gc) { window.gc(); window.gc(); } };
  const whenReady = (target) => new Promise((resolve, reject) => {
    target.addEventListener('news-widget:ready', (e) => resolve(e.detail && e.detail.count), { once: true });
    target.addEventListener('news-widget:error', (e) => reject(new Error(`news-widget:error ${e.detail.kind}: ${e.detail.message}`)), { once: true });
  });
  const longest = (t0, t1) => {
    const hits = b.longtasks.filter((t) => t.start < t1 && t.start + t.duration > t0);
    return { longest: hits.reduce((m, t) => Math.max(m, t.duration), 0), longCount: hits.length, total: hits.reduce((s, t) => s + t.duration, 0) };
  };
  // setTimeout(0) loop: the longest gap between two turns is the longest stretch the page could not respond.
  const heartbeat = () => {
    let last = performance.now(), max = 0, on = true;
    const beat = () => {
      const now = performance.now();
      max = Math.max(max, now - last);
      last = now;
      if (on) setTimeout(beat, 0);
    };
    setTimeout(beat, 0);
    return () => { on = false; return Math.max(max, performance.now() - last); };
  };

  /**
   * Where the time from t0 (mount or tag insertion) to painted went: the
   * feed's Resource Timing (start = until the request was issued, fetch =
   * issued → first byte, body = first → last byte), the page's
   * `news-widget:<phase>` measures begun before ready (summed: a sliced
   * phase has one per slice; null when the build emits none), paint =
   * ready → two frames, other = what no phase claims.
   */
  b.phases = (t0, feed, tReady, tPainted, measured) => {
    const entry = performance.getEntriesByName(new URL(feed, location.href).href, 'resource').at(-1);
    const out = { total: tPainted - t0, paint: tPainted - tReady, start: null, fetch: null, body: null };
    if (entry) {
      out.start = entry.startTime - t0;
      out.fetch = entry.responseStart - entry.startTime;
      out.body = entry.responseEnd - entry.responseStart;
    }
    for (const phase of measured) {
      const hits = performance.getEntriesByName(`news-widget:${phase}`, 'measure').filter((e) => e.startTime >= t0 && e.startTime <= tReady);
      out[phase] = hits.length ? hits.reduce((sum, e) => sum + e.duration, 0) : null;
      out[`${phase}Measures`] = hits.length;
    }
    out.other = out.total - ['start', 'fetch', 'body', ...measured, 'paint'].reduce((sum, k) => sum + (out[k] ?? 0), 0);
    return out;
  };

  b.ready = () => (window.NewsWidget ? window.NewsWidget.scan() : Promise.resolve()).then(() => true);

  /** Mounts one widget on a fresh host; time from mount() to ready and to painted (ready + 2 frames). */
  const visible = () => {
    if (document.visibilityState !== 'visible') throw new Error('the page is hidden, so it gets no animation frames');
  };
  b.mount = async (impl, feed, limit, { beat = false, measured = [] } = {}) => {
    visible();
    const host = document.createElement('div');
    document.getElementById('stage').append(host);
    host.__impl = impl;
    b.hosts.push(host);
    const ready = whenReady(host);
    const stop = beat ? heartbeat() : null;
    const t0 = performance.now();
    api(impl).mount(host, { feed, limit }).catch(() => {});
    const count = await timeout(ready, `${impl} mount ${feed}`);
    const tReady = performance.now();
    const tPainted = await b.twoFrames();
    const gap = stop ? stop() : null;
    await b.sleep(30); // long-task entries arrive asynchronously
    const phases = b.phases(t0, feed, tReady, tPainted, measured);
    return { id: b.hosts.length - 1, count, readyMs: tReady - t0, paintedMs: tPainted - t0, gap, phases, ...longest(t0, tPainted) };
  };
  b.unmount = async (id) => {
    const host = b.hosts[id];
    if (!host) return;
    await api(host.__impl).destroy(host);
    host.remove();
    b.hosts[id] = null;
    b.gc();
    await b.twoFrames();
  };
  /** What the shadow root holds: elements per part name, and all elements. */
  b.parts = (id) => {
    const root = b.hosts[id].shadowRoot;
    const counts = { '*': root.querySelectorAll('*').length };
    for (const e of root.querySelectorAll('[part]')) counts[e.getAttribute('part')] = (counts[e.getAttribute('part')] || 0) + 1;
    return counts;
  };
  /** The shadow root's markup, without what differs by design (generated ids, the live view counter). */
  b.markup = (id) => b.hosts[id].shadowRoot.innerHTML
    .replace(/\b(nw|bw)-(title|related)-[a-z0-9]+/g, '$2-ID')
    .replace(/(class="views">)[\d,.]+</g, '$1N<');
  /** Click on a card to the article painted. */
  b.open = async (id, itemId) => {
    visible();
    const host = b.hosts[id];
    const root = host.shadowRoot;
    const link = root.querySelector(`a[data-action=open][data-id="${CSS.escape(itemId)}"]`);
    if (!link) throw new Error(`no card for ${itemId}`);
    let opened = false;
    host.addEventListener('news-widget:open', () => { opened = true; }, { once: true });
    await b.twoFrames();
    const t0 = performance.now();
    link.click();
    const tSync = performance.now();
    if (!opened || !root.querySelector('[part=article]')) throw new Error(`the article ${itemId} did not open synchronously`);
    // Frame work: from the frame's start (rAF) to the first task after it (style, layout, paint done).
    const render = await new Promise((resolve) => requestAnimationFrame(() => {
      const r = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now() - r);
      channel.port2.postMessage(0);
    }));
    const tPainted = await frame();
    await b.sleep(30);
    const lt = longest(t0, tPainted);
    return { syncMs: tSync - t0, renderMs: render, workMs: tSync - t0 + render, paintedMs: tPainted - t0, ...lt };
  };
  b.close = async (id) => {
    const root = b.hosts[id].shadowRoot;
    const button = root.querySelector('[part=close]');
    if (!button) throw new Error('no close button');
    button.click();
    // Closing may be asynchronous (e.g. through history.back() and popstate).
    for (const t0 = performance.now(); root.querySelector('[part=article]');) {
      if (performance.now() - t0 > 5000) throw new Error('the article did not close within 5 s');
      await frame();
    }
    b.gc();
    await b.twoFrames();
  };
  b.memory = () => {
    b.gc();
    return {
      jsHeap: performance.memory ? performance.memory.usedJSHeapSize : null,
      wasm: b.memories.reduce((sum, m) => sum + m.buffer.byteLength, 0),
      nodes: document.querySelectorAll('*').length,
    };
  };
  /** Mounts n widgets at once, then destroys them; memory before, mounted and after destroy. */
  b.memoryCycle = async (impl, feed, limit, n) => {
    await b.twoFrames();
    const before = b.memory();
    const stage = document.getElementById('stage');
    const hosts = Array.from({ length: n }, () => stage.appendChild(document.createElement('div')));
    await timeout(Promise.all(hosts.map((h) => api(impl).mount(h, { feed, limit }))), `${impl} mount ×${n}`);
    await b.twoFrames();
    await b.sleep(100);
    const mounted = b.memory();
    for (const h of hosts) {
      await api(impl).destroy(h);
      h.remove();
    }
    await b.twoFrames();
    await b.sleep(100);
    const destroyed = b.memory();
    return { before, mounted, destroyed };
  };
  b.measureUA = async () => {
    if (!performance.measureUserAgentSpecificMemory || !window.crossOriginIsolated) return null;
    return (await performance.measureUserAgentSpecificMemory()).bytes;
  };
}

// ---------------------------------------------------------------- measurements

async function newContext(browser) {
  const context = await browser.newContext(CONTEXT);
  await context.addInitScript(benchInit, TIMEOUT_MS);
  return context;
}

async function openPage(context, url, errors) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror ${url}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error ${url}: ${m.text()}`);
  });
  await page.goto(url);
  await page.evaluate(() => window.__bench.ready());
  return page;
}

/** Is a repeated fetch served from the HTTP cache, or does it go back to the server? */
async function cachingCheck(context, servers, feedServer) {
  const page = await openPage(context, `${servers.wwwOrigin}/blank.html`, warnings);
  const probe = async (origin, requests, match) => {
    const url = `${origin}/feeds/items-2000.json`;
    const before = requests.filter(match).length;
    const times = await page.evaluate(async (u) => {
      const out = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await (await fetch(u, { mode: 'cors', credentials: 'omit' })).text();
        out.push(performance.now() - t0);
      }
      return out;
    }, url);
    return { fetches: 3, requests: requests.filter(match).length - before, repeatMs: round(median(times.slice(1))) };
  };
  const dev = await probe(servers.feedOrigin, servers.requests, (r) => r.origin === 'feed' && r.url.endsWith('items-2000.json'));
  const bench = await probe(feedServer.origin, feedServer.requests, (r) => r.url.endsWith('items-2000.json'));
  await page.close();
  return { devServer: { ...dev, cacheControl: 'no-cache + ETag' }, benchFeedServer: { ...bench, cacheControl: 'public, max-age=3600' } };
}

async function warmCards(pages, feedUrl, feedServer) {
  const out = {};
  for (const scenario of WARM) {
    const [shown, items] = scenario;
    const key = warmKey(scenario);
    const feed = feedUrl(`items-${items}`);
    const samples = { widget: [], baseline: [] };
    // Warm-up: fills the HTTP cache and the JITs; also checks both render the same markup.
    const parts = {};
    const markup = {};
    for (const impl of ['widget', 'baseline']) {
      const r = await pages[impl].evaluate(([i, f, l]) => window.__bench.mount(i, f, l), [impl, feed, shown]);
      if (r.count !== shown) throw new Error(`${impl}: ${r.count} cards for a limit of ${shown}`);
      parts[impl] = await pages[impl].evaluate((id) => window.__bench.parts(id), r.id);
      markup[impl] = await pages[impl].evaluate((id) => window.__bench.markup(id), r.id);
      await pages[impl].evaluate((id) => window.__bench.unmount(id), r.id);
    }
    const sameMarkup = sameHtml(`cards, ${shown} of ${items} items`, markup);
    const requestsBefore = feedServer.requests.length;
    for (let run = 0; run < RUNS; run++) {
      for (const impl of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) {
        const url = await primedUrl(pages[impl], feed, `${key}-${run}-${impl}`);
        const r = await pages[impl].evaluate(([i, f, l, m]) => window.__bench.mount(i, f, l, { measured: m }), [impl, url, shown, MEASURED_PHASES]);
        await pages[impl].evaluate((id) => window.__bench.unmount(id), r.id);
        samples[impl].push(r);
      }
    }
    // Each run primes its own URL once; more requests would mean a cache miss while timed.
    const feedRequests = feedServer.requests.slice(requestsBefore).filter((r) => r.url.includes('/feeds/items-')).length - 2 * RUNS;
    if (feedRequests) warnings.push(`warm ${shown} of ${items} items: ${feedRequests} feed requests reached the server during timed runs`);
    out[key] = {
      shown, items, feedRequestsDuringRuns: feedRequests, sameMarkup, parts,
      pairedRatio: paired(samples.widget.map((r) => r.paintedMs), samples.baseline.map((r) => r.paintedMs)),
    };
    for (const impl of ['widget', 'baseline']) {
      out[key][impl] = {
        painted: stats(samples[impl].map((r) => r.paintedMs)),
        ready: stats(samples[impl].map((r) => r.readyMs)),
        longestTask: stats(samples[impl].map((r) => r.longest)),
        phases: phaseStats(samples[impl]),
      };
    }
    log(`warm ${shown} of ${items} items: widget ${fmtMs(out[key].widget.painted.median)}, baseline ${fmtMs(out[key].baseline.painted.median)}`);
  }
  return out;
}

/** Median of each phase over the runs; a phase no run reported is marked as such, never 0. */
function phaseStats(samples) {
  const out = {};
  for (const phase of PHASES) {
    const xs = samples.map((r) => r.phases?.[phase]).filter((x) => x != null);
    out[phase] = xs.length ? round(median(xs)) : NOT_REPORTED;
  }
  return out;
}

/**
 * A URL of its own for one timed run, already in the page's HTTP cache. The
 * widget keeps a parsed copy of each feed URL for 30 s (shared by the widgets
 * of a page); a fresh URL makes every run fetch from the HTTP cache and
 * parse, as the baseline does, instead of reusing that copy.
 */
async function primedUrl(page, feed, key) {
  const url = `${feed}?run=${key}`;
  await page.evaluate((u) => fetch(u, { mode: 'cors', credentials: 'omit' }).then((r) => r.text()), url);
  return url;
}

/** Do widget and baseline build the same shadow DOM? A difference is reported, not fatal. */
function sameHtml(what, markup) {
  if (markup.widget === markup.baseline) return true;
  const w = markup.widget.split('><'), b = markup.baseline.split('><');
  const i = w.findIndex((x, k) => x !== b[k]);
  warnings.push(`${what}: widget and baseline markup differ at <${w[i] ?? '(end)'}> vs <${b[i] ?? '(end)'}>`);
  return false;
}

/**
 * A first load: `<script async src data-feed data-limit>` inserted into a
 * loaded blank page of a fresh context (empty HTTP cache, no compiled code),
 * timed to the cards painted, with the phases and when each download ended.
 * `prepare(context, page)` may throttle the page before the tag goes in.
 */
async function firstLoad(browser, servers, codeOrigin, impl, feed, limit, prepare = null) {
  const src = impl === 'widget' ? `${codeOrigin}/widget/news-widget.js` : `${codeOrigin}/baseline/baseline.js`;
  const context = await newContext(browser);
  try {
    const page = await openPage(context, `${servers.wwwOrigin}/blank.html`, warnings);
    if (prepare) await prepare(context, page);
    const r = await page.evaluate(async ([src, feed, limit, timeoutMs, measured]) => {
      const ready = new Promise((resolve, reject) => {
        document.addEventListener('news-widget:ready', (e) => resolve(e.detail.count), { once: true });
        document.addEventListener('news-widget:error', (e) => reject(new Error(e.detail.message)), { once: true });
        setTimeout(() => reject(new Error(`cold start timed out: ${src}`)), timeoutMs);
      });
      await window.__bench.sleep(250); // let the fresh renderer settle
      await window.__bench.twoFrames();
      const tag = document.createElement('script');
      tag.async = true;
      tag.src = src;
      tag.setAttribute('data-feed', feed);
      tag.setAttribute('data-limit', String(limit));
      const t0 = performance.now();
      document.getElementById('stage').append(tag);
      const count = await ready;
      const tReady = performance.now();
      const tPainted = await window.__bench.twoFrames();
      // When each download finished, from the tag insertion (script, wasm, feed), and its bytes on the wire.
      const loaded = {};
      const wire = {};
      for (const e of performance.getEntriesByType('resource')) {
        const kind = e.name.endsWith('.wasm') ? 'wasm' : e.name === feed ? 'feed' : e.name === src ? 'script' : null;
        if (kind) {
          loaded[kind] = e.responseEnd - t0;
          wire[kind] = e.encodedBodySize;
        }
      }
      const phases = window.__bench.phases(t0, feed, tReady, tPainted, measured);
      return { count, readyMs: tReady - t0, paintedMs: tPainted - t0, loaded, wire, phases };
    }, [src, feed, limit, TIMEOUT_MS, MEASURED_PHASES]);
    if (r.count !== limit) throw new Error(`first load ${impl}: ${r.count} cards for a limit of ${limit}`);
    return r;
  } finally {
    await context.close();
  }
}

/** Median times and phases of first loads, widget and baseline alternated. */
async function firstLoads(runs, load) {
  const samples = { widget: [], baseline: [] };
  for (let run = 0; run < runs; run++) {
    for (const impl of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) samples[impl].push(await load(impl));
  }
  const out = { pairedRatio: paired(samples.widget.map((r) => r.paintedMs), samples.baseline.map((r) => r.paintedMs)) };
  for (const impl of ['widget', 'baseline']) {
    const loaded = {};
    for (const kind of ['script', 'wasm', 'feed']) {
      const xs = samples[impl].map((r) => r.loaded[kind]).filter((x) => x != null);
      if (xs.length) loaded[kind] = round(median(xs));
    }
    out[impl] = {
      painted: stats(samples[impl].map((r) => r.paintedMs)), ready: stats(samples[impl].map((r) => r.readyMs)),
      downloadedAtMs: loaded, bytesOnWire: samples[impl][0]?.wire, phases: phaseStats(samples[impl]),
    };
  }
  return out;
}

async function coldCards(browser, servers, codeOrigin, feedUrl) {
  const out = {};
  for (const n of COLD_SIZES) {
    out[n] = await firstLoads(RUNS, (impl) => firstLoad(browser, servers, codeOrigin, impl, feedUrl(`items-${n}`), n));
    log(`cold ${n} items: widget ${fmtMs(out[n].widget.painted.median)}, baseline ${fmtMs(out[n].baseline.painted.median)}`);
  }
  return out;
}

/** The cold load on an emulated slow phone (CDP network and CPU throttling, HTTP cache disabled). */
async function slowPhone(browser, servers, codeOrigin, feedUrl) {
  const p = SLOW_PHONE;
  const throttle = async (context, page) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: p.latencyMs, downloadThroughput: (p.downloadKbps * 1000) / 8, uploadThroughput: (p.uploadKbps * 1000) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpuSlowdown });
  };
  const out = await firstLoads(p.runs, (impl) => firstLoad(browser, servers, codeOrigin, impl, feedUrl(p.feed), p.limit, throttle));
  log(`slow phone: widget ${fmtMs(out.widget.painted.median)}, baseline ${fmtMs(out.baseline.painted.median)}`);
  return { conditions: p, ...out };
}

async function articleOpen(pages, feedUrl) {
  const out = {};
  for (const [name, feed, itemId] of [['seed', 'seed', '2024-06-09-neimenggu'], ['200k', 'article-200k', 'bench-200k']]) {
    out[name] = {};
    const samples = { widget: [], baseline: [] };
    const ids = {};
    const parts = {};
    const markup = {};
    for (const impl of ['widget', 'baseline']) {
      const r = await pages[impl].evaluate(([i, f]) => window.__bench.mount(i, f, 6), [impl, feedUrl(feed)]);
      ids[impl] = r.id;
      // Warm-up open: caches the related feed and the images, warms the JITs.
      await pages[impl].evaluate(([id, item]) => window.__bench.open(id, item), [r.id, itemId]);
      await pages[impl].evaluate((id) => window.__bench.sleep(300), r.id);
      parts[impl] = await pages[impl].evaluate((id) => window.__bench.parts(id), r.id);
      markup[impl] = await pages[impl].evaluate((id) => window.__bench.markup(id), r.id);
      await pages[impl].evaluate((id) => window.__bench.close(id), r.id);
    }
    out[name].sameMarkup = sameHtml(`article ${name}`, markup);
    for (let run = 0; run < RUNS; run++) {
      for (const impl of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) {
        samples[impl].push(await pages[impl].evaluate(([id, item]) => window.__bench.open(id, item), [ids[impl], itemId]));
        await pages[impl].evaluate((id) => window.__bench.close(id), ids[impl]);
      }
    }
    for (const impl of ['widget', 'baseline']) {
      await pages[impl].evaluate((id) => window.__bench.unmount(id), ids[impl]);
      const s = samples[impl];
      out[name][impl] = {
        work: stats(s.map((r) => r.workMs)), sync: stats(s.map((r) => r.syncMs)), render: stats(s.map((r) => r.renderMs)),
        painted: stats(s.map((r) => r.paintedMs)), longestTask: stats(s.map((r) => r.longest)),
      };
    }
    out[name].parts = parts;
    out[name].pairedRatio = paired(samples.widget.map((r) => r.workMs), samples.baseline.map((r) => r.workMs));
    log(`article ${name}: widget ${fmtMs(out[name].widget.work.median)} work / ${fmtMs(out[name].widget.painted.median)} painted, `
      + `baseline ${fmtMs(out[name].baseline.work.median)} / ${fmtMs(out[name].baseline.painted.median)}`);
  }
  return out;
}

async function blocking(pages, feedUrl) {
  const out = {};
  for (const [name, feed, limit] of [['render2000', 'items-2000', 2000], ['parse10mb', 'big-10mb', 6]]) {
    const samples = { widget: [], baseline: [] };
    for (const impl of ['widget', 'baseline']) { // warm-up: HTTP cache
      const r = await pages[impl].evaluate(([i, f, l]) => window.__bench.mount(i, f, l), [impl, feedUrl(feed), limit]);
      await pages[impl].evaluate((id) => window.__bench.unmount(id), r.id);
    }
    for (let run = 0; run < BLOCK_RUNS; run++) {
      for (const impl of run % 2 ? ['baseline', 'widget'] : ['widget', 'baseline']) {
        const url = await primedUrl(pages[impl], feedUrl(feed), `${name}-${run}-${impl}`);
        const r = await pages[impl].evaluate(([i, f, l]) => window.__bench.mount(i, f, l, { beat: true }), [impl, url, limit]);
        await pages[impl].evaluate((id) => window.__bench.unmount(id), r.id);
        samples[impl].push(r);
      }
    }
    out[name] = {};
    for (const impl of ['widget', 'baseline']) {
      const s = samples[impl];
      out[name][impl] = {
        longestTask: stats(s.map((r) => r.longest)), longTasks: stats(s.map((r) => r.longCount)),
        longTaskTotal: stats(s.map((r) => r.total)), maxGap: stats(s.map((r) => r.gap)),
        total: stats(s.map((r) => r.paintedMs)),
      };
    }
    log(`blocking ${name}: widget longest ${fmtMs(out[name].widget.longestTask.median)}, baseline ${fmtMs(out[name].baseline.longestTask.median)}`);
  }
  return out;
}

/** 20 widgets mounted at once, then destroyed, twice; a fresh page per implementation and feed. */
async function memory(contexts, servers, feedUrl) {
  const out = {};
  for (const feed of MEMORY_FEEDS) {
    out[feed] = {};
    for (const impl of ['widget', 'baseline']) {
      const page = await openPage(contexts[impl], `${servers.wwwOrigin}/${impl}.html`, warnings);
      const cycle = () => page.evaluate(([i, f, n]) => window.__bench.memoryCycle(i, f, 6, n), [impl, feedUrl(feed), MEMORY_WIDGETS]);
      const first = await cycle();
      const second = await cycle();
      out[feed][impl] = { first, second, measureUserAgentSpecificMemory: await page.evaluate(() => window.__bench.measureUA()) };
      await page.close();
    }
    log(`memory ${feed}: widget wasm ${fmtBytes(out[feed].widget.first.mounted.wasm)} after ${MEMORY_WIDGETS} widgets`);
  }
  return out;
}

// ---------------------------------------------------------------- output

const fmtMs = (x) => (x == null ? '—' : `${x.toFixed(1)} ms`);
const fmtBytes = (x) => (x == null ? '—' : x >= MB ? `${(x / MB).toFixed(2)} MB` : x >= KB ? `${(x / KB).toFixed(1)} KB` : `${x} B`);
const fmtInt = (x) => (x == null ? '—' : x.toLocaleString('en-US'));
const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));

function rows(r) {
  const out = [];
  const ratio = (w, b) => (w != null && b ? w / b : null);
  const add = (name, w, b, fmt, target, pass, note) => out.push({ name, widget: w, baseline: b, ratio: ratio(w, b), fmt, target, pass, note });
  const ratioRow = (name, c, limit) => add(name, c.widget.painted.median, c.baseline.painted.median, fmtMs,
    limit == null ? '' : `ratio ≤ ${limit}`, limit == null ? null : ratio(c.widget.painted.median, c.baseline.painted.median) <= limit);
  const targeted = new Set(['50-of-200', '50-of-2000', '2000-of-2000']);
  for (const scenario of WARM) {
    const key = warmKey(scenario);
    ratioRow(`Time to cards, warm, ${fmtInt(scenario[0])} of ${fmtInt(scenario[1])}`, r.warm[key], targeted.has(key) ? TARGETS.warmRatio : null);
  }
  for (const scenario of WARM) {
    const c = r.warm[warmKey(scenario)];
    add(`  mount → ready, ${fmtInt(scenario[0])} of ${fmtInt(scenario[1])}`, c.widget.ready.median, c.baseline.ready.median, fmtMs, '', null);
  }
  for (const n of COLD_SIZES) ratioRow(`Time to cards, cold, ${n} items (tag)`, r.cold[n], TARGETS.coldRatio);
  ratioRow(`Cold, slow phone, ${SLOW_PHONE.feed} (${SLOW_PHONE.limit} cards)`, r.slowPhone, TARGETS.slowPhoneRatio);
  const a = r.article;
  const articleRow = (name, c) => add(name, c.widget.work.median, c.baseline.work.median, fmtMs,
    `ratio ≤ ${TARGETS.articleRatio}`, ratio(c.widget.work.median, c.baseline.work.median) <= TARGETS.articleRatio);
  articleRow('Article open, seed: work', a.seed);
  add('  seed: work within one frame', a.seed.widget.work.median, a.seed.baseline.work.median, fmtMs,
    `< ${TARGETS.seedArticleMs} ms`, a.seed.widget.work.median < TARGETS.seedArticleMs);
  add('  seed: click → painted (2 rAF)', a.seed.widget.painted.median, a.seed.baseline.painted.median, fmtMs, '', null);
  articleRow('Article open, 200 KB/100 fig: work', a['200k']);
  add('  200 KB: click → painted (2 rAF)', a['200k'].widget.painted.median, a['200k'].baseline.painted.median, fmtMs, '', null);
  const bl = r.blocking;
  const lt = (x) => x.longestTask.median;
  add('Longest task, render 2,000 items', lt(bl.render2000.widget), lt(bl.render2000.baseline), fmtLong,
    `≤ ${TARGETS.longTask2000Ms} ms`, lt(bl.render2000.widget) <= TARGETS.longTask2000Ms);
  add('  longest main-thread gap (heartbeat)', bl.render2000.widget.maxGap.median, bl.render2000.baseline.maxGap.median, fmtMs, '', null);
  add('Longest task, parse 10 MB feed', lt(bl.parse10mb.widget), lt(bl.parse10mb.baseline), fmtLong,
    `≤ ${TARGETS.longTask10MbMs} ms`, lt(bl.parse10mb.widget) <= TARGETS.longTask10MbMs);
  add('  longest main-thread gap (heartbeat)', bl.parse10mb.widget.maxGap.median, bl.parse10mb.baseline.maxGap.median, fmtMs, '', null);
  add('  mount → painted, 10 MB feed', bl.parse10mb.widget.total.median, bl.parse10mb.baseline.total.median, fmtMs, '', null);
  const m = r.memory[MEMORY_FEEDS[0]];
  const w1 = m.widget.first, b1 = m.baseline.first, w2 = m.widget.second;
  const on = `${MEMORY_WIDGETS} × ${MEMORY_FEEDS[0]}`;
  add(`JS heap, ${on} mounted`, w1.mounted.jsHeap, b1.mounted.jsHeap, fmtBytes, '', null);
  add(`JS heap, after destroy`, w1.destroyed.jsHeap, b1.destroyed.jsHeap, fmtBytes, '', null);
  add(`Wasm memory, before mounting`, w1.before.wasm, null, fmtBytes, '', null);
  add(`Wasm memory, ${on} mounted`, w1.mounted.wasm, null, fmtBytes, `≤ ${fmtBytes(TARGETS.wasmBytes)}`, w1.mounted.wasm <= TARGETS.wasmBytes);
  add(`Wasm memory, after destroy`, w1.destroyed.wasm, null, fmtBytes, 'near start', w1.destroyed.wasm - w1.before.wasm <= TARGETS.wasmRegrowBytes,
    'linear memory never shrinks');
  add(`  growth on a 2nd mount+destroy cycle`, w2.destroyed.wasm - w1.destroyed.wasm, null, fmtBytes,
    `≤ ${fmtBytes(TARGETS.wasmRegrowBytes)}`, w2.destroyed.wasm - w1.destroyed.wasm <= TARGETS.wasmRegrowBytes, 'freed memory is reused');
  add(`JS heap + wasm, ${on} mounted`, w1.mounted.jsHeap + w1.mounted.wasm, b1.mounted.jsHeap, fmtBytes, '', null);
  for (const feed of MEMORY_FEEDS.slice(1)) {
    const x = r.memory[feed];
    add(`JS heap + wasm, ${MEMORY_WIDGETS} × ${feed} mounted`, x.widget.first.mounted.jsHeap + x.widget.first.mounted.wasm,
      x.baseline.first.mounted.jsHeap, fmtBytes, '', null);
    add(`  of which wasm memory`, x.widget.first.mounted.wasm, null, fmtBytes, '', null);
  }
  return out;
}

/** The wasm's bytes by owner (bench/wasm-modules.mjs). */
function moduleTable(modules) {
  if (modules.error) return [`Wasm bytes by module: not available (${modules.error})`];
  const lines = [`${pad('Wasm bytes by module (after wasm-opt)', 46)}${pad('bytes', 8, true)}${pad('share', 7, true)}${pad('brotli*', 9, true)}${pad('fns', 6, true)}`];
  for (const r of modules.rows) {
    lines.push(`  ${pad(r.owner, 44)}${pad(fmtInt(r.bytes), 8, true)}${pad(`${((100 * r.bytes) / modules.shippedBytes).toFixed(1)}%`, 7, true)}`
      + `${pad(r.brotliAlone == null ? '' : fmtInt(r.brotliAlone), 9, true)}${pad(r.functions ?? '', 6, true)}`);
  }
  lines.push(`  total ${fmtInt(modules.shippedBytes)} B (${fmtInt(modules.shippedBrotli)} B brotli) · code identical to dist/: ${modules.sameCodeAsShipped ? 'yes' : 'NO'}`
    + ` · *brotli of the group alone (parts do not add up to the whole)`);
  return lines;
}

/** Median ms per phase, per scenario, widget and baseline; "n/r" = not reported by this build. */
function phaseTable(results) {
  const cell = (x) => pad(typeof x === 'number' ? x.toFixed(1) : 'n/r', 9, true);
  const lines = [`${pad('Phases, median ms', 34)}${PHASES.map((p) => pad(p, 9, true)).join('')}`];
  const scenarios = [
    ...WARM.map((w) => [`warm ${w[0]} of ${w[1]}`, results.warm[warmKey(w)]]),
    ...COLD_SIZES.map((n) => [`cold ${n} items`, results.cold[n]]),
    ['slow phone, seed', results.slowPhone],
  ];
  for (const [name, c] of scenarios) {
    for (const impl of ['widget', 'baseline']) lines.push(`${pad(`${name} · ${impl}`, 34)}${PHASES.map((p) => cell(c[impl].phases[p])).join('')}`);
  }
  lines.push('start = tag/mount → feed request issued · fetch = issued → first byte · body = first → last byte (Resource Timing) ·');
  lines.push(`parse/validate/build = sum of the page's news-widget:<phase> measures (n/r = ${NOT_REPORTED}) · paint = ready → 2 frames · other = the rest`);
  return lines;
}

function fmtLong(x) {
  return x == null ? '—' : x === 0 ? '< 50 ms' : `${x.toFixed(0)} ms`;
}

function printTable(report) {
  const lines = [];
  const m = report.machine;
  lines.push('');
  lines.push(`news-widget benchmark · ${report.date} · ${report.chromium} · ${m.cpu} (${m.cores} cores) · median of ${RUNS} runs`);
  const busy = Math.max(...m.loadAverage.start.slice(0, 1), ...m.loadAverage.end.slice(0, 1));
  if (busy > m.cores) lines.push(`note: load average ${m.loadAverage.start[0]} → ${m.loadAverage.end[0]} on ${m.cores} cores: other work competed for the CPU, expect noise`);
  lines.push('');
  lines.push(`${pad('Bytes', 40)}${pad('raw', 10, true)}${pad('gzip -9', 10, true)}${pad('brotli 11', 11, true)}`);
  for (const f of report.bytes.files) lines.push(`  ${pad(`dist/${f.file}`, 38)}${pad(fmtInt(f.raw), 10, true)}${pad(fmtInt(f.gzip), 10, true)}${pad(fmtInt(f.brotli), 11, true)}`);
  const t = report.bytes.download;
  lines.push(`  ${pad('download (news-widget.js + wasm)', 38)}${pad(fmtInt(t.raw), 10, true)}${pad(fmtInt(t.gzip), 10, true)}${pad(fmtInt(t.brotli), 11, true)}`);
  const bs = report.bytes.baseline;
  lines.push(`  ${pad('baseline.js (incl. widget.css)', 38)}${pad(fmtInt(bs.raw), 10, true)}${pad(fmtInt(bs.gzip), 10, true)}${pad(fmtInt(bs.brotli), 11, true)}`);
  lines.push(`  target: download ≤ ${fmtInt(TARGETS.brotliBytes)} B brotli → ${t.brotli <= TARGETS.brotliBytes ? 'PASS' : `FAIL (${fmtInt(t.brotli - TARGETS.brotliBytes)} B over)`}`
    + `; goal ${fmtInt(TARGETS.brotliGoalBytes)} B → ${t.brotli <= TARGETS.brotliGoalBytes ? 'met' : `${fmtInt(t.brotli - TARGETS.brotliGoalBytes)} B to go`}`
    + `   ratio widget/baseline (brotli) ${(t.brotli / bs.brotli).toFixed(2)}`);
  lines.push('');
  lines.push(...moduleTable(report.bytes.modules));
  lines.push('');
  lines.push(`${pad('Measurement', 40)}${pad('widget', 11, true)}${pad('baseline', 11, true)}${pad('ratio', 7, true)}  ${pad('target', 13)}result`);
  for (const r of report.table) {
    const result = r.pass == null ? '' : r.pass ? 'PASS' : 'FAIL';
    lines.push(`${pad(r.name, 40)}${pad(r.fmt(r.widget), 11, true)}${pad(r.baseline == null ? '—' : r.fmt(r.baseline), 11, true)}`
      + `${pad(r.ratio == null ? '' : r.ratio.toFixed(2), 7, true)}  ${pad(r.target, 13)}${result}${r.note ? `  (${r.note})` : ''}`);
  }
  lines.push('');
  lines.push(...phaseTable(report.results));
  lines.push('');
  const f = report.fixtures;
  lines.push(`Feeds: ${Object.entries(f).map(([k, v]) => `${k} ${fmtInt(v.items)} items ${fmtBytes(v.bytes)}`).join(' · ')}`);
  lines.push(`Caching: dev server ${report.caching.devServer.requests}/${report.caching.devServer.fetches} fetches reached the server (no-cache → revalidation); `
    + `bench feed server ${report.caching.benchFeedServer.requests}/${report.caching.benchFeedServer.fetches} (max-age=3600)`);
  const same = [...WARM.map((w) => report.results.warm[warmKey(w)].sameMarkup), report.results.article.seed.sameMarkup, report.results.article['200k'].sameMarkup];
  lines.push(`Markup: widget and baseline shadow DOM ${same.every(Boolean) ? 'identical' : 'DIFFER'} for the ${WARM.length} lists and the 2 articles (generated ids and live view count aside)`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  lines.push(`Run time ${report.durationSeconds.toFixed(0)} s · report: ${path.relative(REPO, path.join(OUT, 'report.json'))}`);
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(SOURCE_DIST)) throw new Error(`${SOURCE_DIST} is missing: run \`make dist\` (or \`make bench\`, which builds it)`);
  widgetFiles(SOURCE_DIST); // fails early with a clear message
  log('fixtures →', path.relative(REPO, WWW));
  const fixtures = makeFixtures();
  const files = widgetFiles(DIST);
  const distFiles = dirSizes(DIST);
  const js = sizeOf(files.js), wasm = sizeOf(files.wasm);
  const bytes = {
    files: distFiles,
    download: { raw: js.raw + wasm.raw, gzip: js.gzip + wasm.gzip, brotli: js.brotli + wasm.brotli },
    baseline: sizeOf(path.join(WWW, 'baseline', 'baseline.js')),
  };
  bytes.budget = { brotli: TARGETS.brotliBytes, pass: bytes.download.brotli <= TARGETS.brotliBytes };
  log('wasm bytes by module (name-keeping twin build) …');
  try {
    bytes.modules = distModules(SOURCE_DIST, path.join(OUT, 'names'));
    if (!bytes.modules.sameCodeAsShipped) warnings.push('the name-keeping twin has other code than dist/\'s wasm: rebuild dist/ (make dist) for an exact breakdown');
  } catch (error) {
    bytes.modules = { error: error.message };
    warnings.push(`wasm bytes by module: ${error.message}`);
  }

  const servers = await startServers({ wwwPort: 0, feedPort: 0, root: WWW, distDir: DIST, quiet: true, relatedDelayMs: 0, strictPages: false });
  const feedServer = await startFeedServer({ root: WWW, code: { '/widget/': DIST, '/baseline/': path.join(WWW, 'baseline') } });
  const feedUrl = (name) => `${feedServer.origin}/feeds/${name}.json`;
  let browser;
  try {
    browser = await chromium.launch(LAUNCH);
    const chromiumVersion = `Chromium ${browser.version()}`;
    log(chromiumVersion, `· www ${servers.wwwOrigin} · feeds ${feedServer.origin}`);
    // One context (= one window) per implementation: a page in a background tab gets no frames.
    const contexts = { widget: await newContext(browser), baseline: await newContext(browser) };
    const caching = await cachingCheck(contexts.baseline, servers, feedServer);
    log('caching:', JSON.stringify(caching));
    const pages = {
      widget: await openPage(contexts.widget, `${servers.wwwOrigin}/widget.html`, warnings),
      baseline: await openPage(contexts.baseline, `${servers.wwwOrigin}/baseline.html`, warnings),
    };
    const longtaskSupported = await pages.widget.evaluate(() => window.__bench.longtaskSupported);
    const results = {};
    results.warm = await warmCards(pages, feedUrl, feedServer);
    results.article = await articleOpen(pages, feedUrl);
    results.blocking = await blocking(pages, feedUrl);
    await pages.widget.close();
    await pages.baseline.close();
    results.memory = await memory(contexts, servers, feedUrl);
    await contexts.widget.close();
    await contexts.baseline.close();
    results.cold = await coldCards(browser, servers, feedServer.origin, feedUrl);
    results.slowPhone = await slowPhone(browser, servers, feedServer.origin, feedUrl);

    const table = rows(results);
    const cpus = os.cpus();
    const report = {
      date: new Date().toISOString(),
      command: `node ${path.relative(REPO, fileURLToPath(import.meta.url))}${process.argv.slice(2).map((a) => ` ${a}`).join('')}`,
      chromium: chromiumVersion,
      node: process.version,
      machine: {
        cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, os: `${os.type()} ${os.release()} ${os.arch()}`, memoryBytes: os.totalmem(),
        loadAverage: { start: loadStart.map((x) => round(x)), end: os.loadavg().map((x) => round(x)) },
      },
      runs: RUNS,
      blockingRuns: BLOCK_RUNS,
      method: {
        warm: 'loader + wasm already running on the page, feed in the HTTP cache (fetched once first; served with max-age=3600, 0 requests during timed runs); NewsWidget.mount / BaselineWidget.mount on a fresh host',
        cold: 'fresh browser context per run (empty HTTP cache, no compiled code): insert <script async src=… data-feed data-limit> into a loaded blank page; the script (and the wasm) come compressed from the bench server\'s origin, as from a CDN (bytesOnWire), the feed uncompressed',
        painted: 'performance.now() at mount / tag insertion → news-widget:ready → two requestAnimationFrame callbacks',
        articleWork: 'click() → synchronous DOM build (incl. the focus() layout), plus the next frame from rAF to the first task after it (style, layout, paint)',
        longTasks: 'PerformanceObserver longtask (Chromium reports only tasks ≥ 50 ms; 0 = none); heartbeat = longest gap of a setTimeout(0) loop',
        memory: `performance.memory.usedJSHeapSize (--enable-precise-memory-info, after gc(); measureUserAgentSpecificMemory needs cross-origin isolation, which the dev server does not give), wasm = memory.buffer.byteLength captured by wrapping WebAssembly.instantiate*; ${MEMORY_WIDGETS} widgets (limit 6) mounted at once on a fresh page, then destroyed, twice; feeds ${MEMORY_FEEDS.join(', ')}`,
        images: 'cards and articles use the demo SVGs (www/feeds/images, copied), loaded lazily as in production',
        dist: 'dist/ is copied to target/bench/dist at start and served from there',
      },
      longtaskSupported,
      targets: TARGETS,
      caching,
      fixtures,
      bytes,
      results,
      table: table.map(({ fmt, ...row }) => ({ ...row, widget: round(row.widget), baseline: round(row.baseline), ratio: round(row.ratio, 3) })),
      warnings,
      durationSeconds: (Date.now() - started) / 1000,
    };
    writeFileSync(path.join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    printTable({ ...report, table });
  } finally {
    await browser?.close().catch(() => {});
    await feedServer.close();
    await servers.close();
  }
}

main().then(() => process.exit(0), (error) => {
  console.error(`bench: harness error: ${error.stack || error.message}`);
  process.exit(1);
});
