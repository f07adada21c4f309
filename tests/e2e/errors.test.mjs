// Failures stay inside one widget: each error kind of SPEC §5 rejects mount
// with that kind, shows the error state and an alert, fires one error event,
// logs a console error, never throws into the host page, and leaves a
// healthy widget on the same page alone. Bad attributes only warn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TEST_TIMEOUT, events, inHost, pageSideErrors, requestsSince, screenshot, setup, waitForState, waitUntil,
} from './harness.mjs';

const e2e = setup({ relatedDelayMs: 1500 });
const HEALTHY = '#healthy';

/** A www-origin page with one healthy placeholder widget, ready. */
async function pageWithHealthyWidget() {
  const opened = await e2e.blankPage(
    '<div id="healthy" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json"></div>' +
    '<script src="/widget/news-widget.js"></script>',
  );
  await waitForState(opened.page, HEALTHY, 'ready');
  return opened;
}

/** Creates a host with document.createElement and mounts it; reports how the promise settled. */
function mountNew(page, id, options, attributes = {}) {
  return page.evaluate(async ([id, options, attributes]) => {
    const el = document.createElement('div');
    el.id = id;
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    document.body.append(el);
    try {
      const value = await window.NewsWidget.mount(el, options);
      return { resolved: true, same: value === el };
    } catch (error) {
      return { resolved: false, isError: error instanceof Error, kind: error.kind, message: error.message };
    }
  }, [id, options, attributes]);
}

/** Everything an error of `kind` must produce, for host `#id`. */
async function assertErrorState(page, logs, id, kind, outcome) {
  assert.equal(outcome.resolved, false, 'mount rejects');
  assert.equal(outcome.isError, true, 'with an Error');
  assert.equal(outcome.kind, kind);
  assert.ok(outcome.message && outcome.message.length > 5, `a readable message: ${outcome.message}`);

  assert.equal(await page.getAttribute(`#${id}`, 'data-state'), 'error');
  const alert = inHost(page, `#${id}`, '[part=widget] div[part=status][role=alert].error');
  assert.equal(await alert.isVisible(), true, 'the alert is visible');
  const text = await alert.textContent();
  assert.ok(text.includes(outcome.message), `alert shows the reason: ${text}`);
  assert.equal(await inHost(page, `#${id}`, '[part=card]').count(), 0);
  assert.equal(await inHost(page, `#${id}`, '.skeleton').count(), 0, 'no skeleton left behind');

  const mine = (await events(page)).filter((e) => e.host === id);
  assert.deepEqual(mine.map((e) => e.type), ['news-widget:error'], 'exactly one event: error');
  assert.deepEqual(mine[0].detail, { kind, message: outcome.message });
  assert.ok(mine[0].bubbles && mine[0].composed);

  const logged = () => logs.errors.filter((t) => t.startsWith('news-widget:') && t.includes(`(${kind}:`));
  await waitUntil(() => logged().length > 0, { message: `a console error for the ${kind} failure` });
  assert.equal(logged().length, 1, `one console error for the ${kind} failure: ${JSON.stringify(logs.errors)}`);

  assert.deepEqual(logs.pageErrors, [], 'no pageerror');
  assert.deepEqual(await pageSideErrors(page), { errors: [], rejections: [] }, 'window.onerror never fired');

  // The other widget on the page is untouched.
  assert.equal(await page.getAttribute(HEALTHY, 'data-state'), 'ready');
  assert.equal(await inHost(page, HEALTHY, '[part=card]').count(), 6);
  assert.equal(await inHost(page, HEALTHY, '[role=alert]').count(), 0);
}

test('missing feed → config error', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await pageWithHealthyWidget();
  const from = e2e.requests.length;
  const outcome = await mountNew(page, 'nofeed', {});
  await assertErrorState(page, logs, 'nofeed', 'config', outcome);
  assert.match(outcome.message, /feed/);
  const fetched = requestsSince(e2e.requests, from, { origin: 'feed' })
    .filter((r) => !r.url.startsWith('/feeds/images/')); // the healthy widget's lazy card images
  assert.deepEqual(fetched, [], 'nothing fetched');
});

test('HTTP 404 → http error', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await pageWithHealthyWidget();
  const outcome = await mountNew(page, 'notfound', { feed: `${e2e.feedOrigin}/status/404` });
  await assertErrorState(page, logs, 'notfound', 'http', outcome);
  assert.match(outcome.message, /404/);
});

test('feed without CORS headers → network error naming Access-Control-Allow-Origin', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await pageWithHealthyWidget();
  const from = e2e.requests.length;
  const outcome = await mountNew(page, 'nocors', { feed: `${e2e.feedOrigin}/nocors/home.json` });
  await assertErrorState(page, logs, 'nocors', 'network', outcome);
  assert.match(outcome.message, /Access-Control-Allow-Origin/);
  await screenshot(page, 'error-network', { fullPage: true });
  // The browser cannot tell a CORS refusal from a network failure, so the
  // widget treats it as transient: the first try and two retries with backoff.
  assert.equal(requestsSince(e2e.requests, from, { origin: 'feed', path: '/nocors/home.json' }).length, 3,
    'the server answered each time; the browser refused the body');
});

test('feed that does not answer within data-timeout → network error', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await pageWithHealthyWidget();
  // /feeds/related/* is delayed 1.5 s by the dev server; the timeout is 1 s.
  const outcome = await mountNew(page, 'slow', {}, {
    'data-feed': `${e2e.feedOrigin}/feeds/related/2024-06-09-neimenggu.json`,
    'data-timeout': '1',
  });
  await assertErrorState(page, logs, 'slow', 'network', outcome);
  assert.match(outcome.message, /1 s/);
});

test('a body that is not JSON → feed error', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await pageWithHealthyWidget();
  const outcome = await mountNew(page, 'html', { feed: `${e2e.feedOrigin}/feeds/articles/2024-06-09-neimenggu.html` });
  await assertErrorState(page, logs, 'html', 'feed', outcome);
});

test('JSON that is not a JSON Feed → feed error', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await pageWithHealthyWidget();
  // The views endpoint answers {"views": N}: valid JSON, no version, no items.
  const outcome = await mountNew(page, 'notfeed', { feed: `${e2e.feedOrigin}/api/views?id=x` });
  await assertErrorState(page, logs, 'notfeed', 'feed', outcome);
});

test('bad data-limit: one warning naming the attribute, widget still works', { timeout: TEST_TIMEOUT }, async () => {
  const { page, logs } = await pageWithHealthyWidget();
  const unreadable = await mountNew(page, 'abc', {}, {
    'data-feed': `${e2e.feedOrigin}/feeds/home.json`,
    'data-limit': 'abc',
  });
  assert.deepEqual(unreadable, { resolved: true, same: true });
  assert.equal(await page.getAttribute('#abc', 'data-state'), 'ready');
  assert.equal(await inHost(page, '#abc', '[part=card]').count(), 6, 'falls back to the default limit');
  await waitUntil(() => logs.warnings.some((t) => t.includes('data-limit')), { message: 'the data-limit warning' });
  const abc = logs.warnings.filter((t) => t.includes('data-limit'));
  assert.equal(abc.length, 1, `one warning: ${JSON.stringify(logs.warnings)}`);
  assert.match(abc[0], /abc/, 'the warning names the value');

  // Out of range is clamped (0 → 1), with its own warning.
  const zero = await mountNew(page, 'zero', {}, {
    'data-feed': `${e2e.feedOrigin}/feeds/home.json`,
    'data-limit': '0',
  });
  assert.deepEqual(zero, { resolved: true, same: true });
  assert.equal(await inHost(page, '#zero', '[part=card]').count(), 1, 'clamped to 1');
  await waitUntil(() => logs.warnings.filter((t) => t.includes('data-limit')).length === 2, { message: 'the data-limit=0 warning' });
  assert.match(logs.warnings.filter((t) => t.includes('data-limit'))[1], /\b0\b/);

  assert.deepEqual((await events(page, 'news-widget:ready')).map((e) => [e.host, e.detail.count]),
    [['healthy', 6], ['abc', 6], ['zero', 1]]);
  assert.deepEqual(logs.errors, []);
  assert.deepEqual(logs.pageErrors, []);
  assert.deepEqual(await pageSideErrors(page), { errors: [], rejections: [] });
});
