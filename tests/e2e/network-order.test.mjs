// The network waits for nothing (issue 11): the loader starts each distinct
// feed's request as soon as it sees the host, in parallel with the wasm
// download, and the wasm takes that response over: one request per feed,
// made before the wasm has arrived. A feed no widget claims is cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  LOADER, TEST_TIMEOUT, assertClean, feedServer, jsonFeed, setup, waitForState, waitUntil,
} from './harness.mjs';

const e2e = setup({ relatedDelayMs: 0 });
const WASM_DELAY_MS = 800;

test('each feed is requested once, before the wasm has downloaded, and the widget renders that response', { timeout: TEST_TIMEOUT }, async () => {
  const requestedAt = new Map();
  const server = await feedServer((url) => {
    requestedAt.set(url, Date.now());
    return { body: jsonFeed([{ id: url, title: `Item of ${url}` }]) };
  });
  let wasmServedAt = 0;
  try {
    const { page, logs } = await e2e.blankPage(
      `<div id="a" data-news-widget data-feed="${server.origin}/a.json"></div>` +
      `<div id="b" data-news-widget data-feed="${server.origin}/a.json"></div>` +
      `<div id="c" data-news-widget data-feed=" ${server.origin}/c.json "></div>${LOADER}`,
      {
        // Hold the wasm back, as a slow network would.
        beforeContent: ({ context }) => context.route(/\.wasm$/, async (route) => {
          await new Promise((resolve) => setTimeout(resolve, WASM_DELAY_MS));
          wasmServedAt = Date.now();
          await route.continue();
        }),
      },
    );
    for (const id of ['#a', '#b', '#c']) await waitForState(page, id, 'ready');
    assert.deepEqual([...server.hits].sort(), ['/a.json', '/c.json'], 'one request per distinct feed');
    for (const [url, at] of requestedAt) {
      assert.ok(wasmServedAt > 0 && at < wasmServedAt, `${url} was requested ${wasmServedAt - at} ms before the wasm was served`);
    }
    const titles = await page.evaluate(() => ['a', 'c'].map((id) =>
      document.getElementById(id).shadowRoot.querySelector('[part=card-title]').textContent));
    assert.deepEqual(titles, ['Item of /a.json', 'Item of /c.json']);
    await assertClean(page, logs);
  } finally {
    await server.close();
  }
});

test('an early request no widget claims (its host was removed before the wasm came) is cancelled', { timeout: TEST_TIMEOUT }, async () => {
  // The held feed never answers; the test sees its connection close.
  let closedEarly = false;
  const held = http.createServer((req, res) => {
    res.on('close', () => { closedEarly = !res.writableEnded; });
  });
  await new Promise((resolve) => held.listen(0, '127.0.0.1', resolve));
  const heldUrl = `http://127.0.0.1:${held.address().port}/held.json`;
  const server = await feedServer(() => ({ body: jsonFeed([{ id: 'x', title: 'X' }]) }));
  try {
    const { page, logs } = await e2e.blankPage(
      // A page script removes the host before the wasm arrives: the loader's
      // early request for it is never claimed.
      `<div id="gone" data-news-widget data-feed="${heldUrl}"></div>` +
      `<div id="b" data-news-widget data-feed="${server.origin}/b.json"></div>${LOADER}` +
      `<script>document.getElementById('gone').remove();</script>`,
    );
    await waitForState(page, '#b', 'ready');
    await waitUntil(() => closedEarly, { message: 'the unclaimed request to be cancelled' });
    assert.deepEqual(server.hits, ['/b.json']);
    assert.deepEqual(logs.pageErrors, []);
  } finally {
    held.closeAllConnections();
    held.close();
    await server.close();
  }
});
