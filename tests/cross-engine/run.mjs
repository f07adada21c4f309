// Cross-engine end-to-end layer (SPEC §8): the scenarios of scenarios.mjs,
// written once against the driver interface of drivers.mjs, run in
// Chromium, Firefox ESR and WebKitGTK at the same time (one browser session
// per engine, each with its own www + feed server pair serving one snapshot
// of dist/). Every scenario ends with the cleanliness check: no uncaught
// error, no console error and no CSP violation, bar the errors a scenario
// declares as expected.
//
//   node tests/cross-engine/run.mjs [--engine firefox] [--only modal]
//
// Prints one line per scenario and engine, the time each engine took, and
// last `N passed, N failed` alone on a line; exits 1 on any failure (an engine
// that cannot start fails all its scenarios). A scenario marked `todo` (a
// known defect, with its reason) runs and reports but counts neither way.
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServers } from '../../scripts/serve.mjs';
import { ARTIFACTS, REPO, snapshotDist } from '../e2e/harness.mjs';
import { ENGINES } from './drivers.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { records } from './kit.mjs';

const LAUNCH_TIMEOUT = 60_000;
const SCENARIO_TIMEOUT = 45_000;
/** How late the dev server answers /feeds/related/…: long enough to see skeletons and loading lines. */
const RELATED_DELAY_MS = 1500;
/** Where the generated pages live in the served dist/ snapshot (URL /widget/xe/…). */
const PAGES = 'xe';
/** The first script of every page (recorder.js). */
const RECORDER = `<script src="/widget/${PAGES}/recorder.js"></script>`;

/** The recorder, a blank page and the demo page with the recorder first, in the snapshot. */
async function preparePages(root) {
  const dir = path.join(root, PAGES);
  await mkdir(dir, { recursive: true });
  await copyFile(fileURLToPath(new URL('recorder.js', import.meta.url)), path.join(dir, 'recorder.js'));
  await writeFile(path.join(dir, 'blank.html'), page('', ''));
  const demo = await readFile(path.join(REPO, 'www/index.html'), 'utf8');
  assert.ok(demo.includes('<head>'), 'www/index.html has a <head>');
  await writeFile(path.join(dir, 'demo.html'), demo.replace('<head>', `<head>${RECORDER}`));
}

/**
 * A whole document: the recorder runs first, then the page's own script file
 * if any; no favicon request (it would log a 404).
 */
function page(head, body, { css = '', script = '' } = {}) {
  return '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>cross-engine</title>' +
    `<link rel="icon" href="data:,">${RECORDER}${script ? `<script src="${script}"></script>` : ''}` +
    `${css ? `<link rel="stylesheet" href="${css}">` : ''}${head}</head><body>${body}</body></html>`;
}

async function runEngine(engine, { dist, scenarios }) {
  const t0 = Date.now();
  const report = { engine, version: '(did not start)', passed: 0, failed: 0, todo: 0, ms: 0 };
  const say = (line) => console.log(`${engine.padEnd(8)} ${line}`);
  const servers = await startServers({ wwwPort: 0, feedPort: 0, quiet: true, relatedDelayMs: RELATED_DELAY_MS, distDir: dist });
  let driver = null;
  try {
    driver = await within(ENGINES[engine](), LAUNCH_TIMEOUT, `starting ${engine}`);
    report.version = driver.version;
    say(`${driver.version} started in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (error) {
    say(`cannot start: ${error.message}`);
    report.failed = scenarios.filter((s) => !s.todo).length;
    report.ms = Date.now() - t0;
    await servers.close();
    return report;
  }

  let pageCount = 0;
  let expected = [];
  let onPage = false;
  /** Leaves the current scenario page only after checking it is clean. */
  const navigate = async (url) => {
    if (onPage) await assertClean(driver, expected);
    onPage = true;
    await driver.goto(url);
  };
  const context = {
    engine,
    page: driver,
    www: servers.wwwOrigin,
    feed: servers.feedOrigin,
    requests: servers.requests,
    /**
     * Writes a page into the snapshot and opens it; returns its URL. `css`
     * is its stylesheet, `script` a function run before anything else on
     * the page but the recorder (both as files: the strict CSP allows no inline).
     */
    async open(body, { head = '', css = '', script = null } = {}) {
      const name = `${engine}-${++pageCount}`;
      const dir = path.join(dist, PAGES);
      if (css) await writeFile(path.join(dir, `${name}.css`), css);
      if (script) await writeFile(path.join(dir, `${name}.js`), `(${script})();\n`);
      await writeFile(path.join(dir, `${name}.html`),
        page(head, body, { css: css && `${name}.css`, script: script && `${name}.js` }));
      const url = `${servers.wwwOrigin}/widget/${PAGES}/${name}.html`;
      await navigate(url);
      return url;
    },
    /** The demo page (www/index.html with the recorder), optionally with a fragment. */
    async demo(hash = '') {
      const url = `${servers.wwwOrigin}/widget/${PAGES}/demo.html${hash}`;
      await navigate(url);
      return url;
    },
    /** tests/e2e/artifacts/cross-engine-<engine>-<name>.png */
    async screenshot(name) {
      await mkdir(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `cross-engine-${engine}-${name}.png`);
      await driver.screenshot(file);
      return path.relative(REPO, file);
    },
  };

  for (const scenario of scenarios) {
    const s0 = Date.now();
    let failure = null;
    try {
      // Each scenario starts on a blank www page with the session copy of the feeds cleared.
      await driver.goto(`${servers.wwwOrigin}/widget/${PAGES}/blank.html`);
      await driver.evaluate(() => sessionStorage.clear());
      expected = scenario.expectedErrors ?? [];
      onPage = false;
      await within((async () => {
        await scenario.run(context);
        await assertClean(driver, expected);
      })(), SCENARIO_TIMEOUT, scenario.name);
    } catch (error) {
      failure = error;
    }
    const title = `${scenario.name} (${((Date.now() - s0) / 1000).toFixed(1)} s)`;
    if (scenario.todo) {
      report.todo += 1;
      say(failure
        ? `todo ${title}: fails, a known defect: ${scenario.todo}\n${indent(failure.message)}`
        : `todo ${title}: passes now, remove its todo mark (${scenario.todo})`);
    } else if (failure) {
      report.failed += 1;
      say(`FAIL ${title}\n${indent(failure)}`);
    } else {
      report.passed += 1;
      say(`ok   ${title}`);
    }
  }
  await driver.close().catch((error) => say(`closing: ${error.message}`));
  await servers.close();
  report.ms = Date.now() - t0;
  return report;
}

/**
 * Nothing went wrong in the page: no uncaught error or rejection, no CSP
 * violation, no console error or warning, except those matching one of
 * `expected` (each scenario states why it expects them).
 */
async function assertClean(driver, expected) {
  const seen = await records(driver);
  const unexpected = (list) => list.filter((text) => !expected.some((pattern) => pattern.test(text)));
  assert.deepEqual(seen.errors, [], 'uncaught errors or rejections in the page');
  assert.deepEqual(seen.violations, [], 'CSP violations');
  assert.deepEqual(unexpected(seen.consoleErrors), [], 'console.error calls in the page');
  assert.deepEqual(unexpected(seen.consoleWarnings), [], 'console.warn calls in the page');
  const native = driver.consoleErrors();
  if (native) assert.deepEqual(unexpected(native), [], 'console errors reported by the browser');
}

/** Rejects when `promise` takes longer than `ms`. */
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function indent(error) {
  return String(error && error.stack || error).split('\n').slice(0, 12).map((l) => `           ${l}`).join('\n');
}

async function main() {
  const { values: options } = parseArgs({
    options: { engine: { type: 'string', multiple: true }, only: { type: 'string' } },
  });
  const engines = options.engine?.flatMap((e) => e.split(',')) ?? Object.keys(ENGINES);
  for (const name of engines) {
    if (!ENGINES[name]) {
      console.error(`unknown engine ${name}: choose among ${Object.keys(ENGINES).join(', ')}`);
      process.exit(2);
    }
  }
  const scenarios = SCENARIOS.filter((s) => !options.only || s.name.includes(options.only));

  const dist = await snapshotDist();
  await preparePages(dist);
  const started = Date.now();
  const reports = await Promise.all(engines.map((name) => runEngine(name, { dist, scenarios })));
  await rm(dist, { recursive: true, force: true });

  console.log('');
  for (const r of reports) {
    console.log(`${r.engine.padEnd(8)} ${r.version}: ${r.passed} passed, ${r.failed} failed, ${r.todo} todo in ${(r.ms / 1000).toFixed(1)} s`);
  }
  const passed = reports.reduce((n, r) => n + r.passed, 0);
  const failed = reports.reduce((n, r) => n + r.failed, 0);
  console.log(`(all engines in parallel: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

// A signal ends the run through process.exit, so the drivers' exit hooks stop their browsers.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) process.once(signal, () => process.exit(code));
await main();
