// Feed HTML read by the browser's parser (issue 11): the builder parses
// `content_html` in an inert document and rebuilds it through the core's
// allowlist. What that changes for a reader: every one of HTML's named
// character references decodes (the core's own tokenizer knew 36), a card
// whose title or summary comes from the body reads the same text without
// loading anything of the body, and it all works under the strict CSP with
// Trusted Types, also when the ES module entry made the page's one
// "news-widget" policy.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOADER, TEST_TIMEOUT, assertClean, feedServer, inHost, jsonFeed, setup, waitForState,
} from './harness.mjs';

const e2e = setup();
let own = null;
after(() => own && own.close());

// Named references the core's tokenizer did not know, and a body image.
const BODY = '<p>Caf&eacute; &amp; cr&egrave;me: 5&euro; &rarr; 4&euro;&hellip; &laquo;fin&raquo;&nbsp;&copy;</p>' +
  '<figure><img src="photo.jpg"><figcaption>Le caf&eacute;</figcaption></figure>' +
  '<p>Second&nbsp;paragraph with <b>bold</b> text.<script>window.__xss(1)</script></p>';
// The text a card reads: whitespace runs (no-break spaces too, as Rust's
// char::is_whitespace says) collapse to one space; blocks separate words.
const TEXT = 'Café & crème: 5€ → 4€… «fin» © Le café Second paragraph with bold text.';

test('named character references decode everywhere; a title and summary made from the body load nothing of it', {
  timeout: TEST_TIMEOUT,
}, async () => {
  own = await feedServer(() => ({
    body: jsonFeed([
      { id: 'untitled', url: `${own.origin}/info/1002/7.htm`, content_html: BODY },
      { id: 'unsummarized', title: 'Titled', url: `${own.origin}/info/1002/8.htm`, content_html: BODY },
    ]),
  }));
  const { page, logs } = await e2e.blankPage(
    `<div id="nw" data-news-widget data-feed="${own.origin}/feed.json" data-lang="en"></div>${LOADER}`,
  );
  await waitForState(page, '#nw', 'ready');
  const titles = await inHost(page, '#nw', '[part=card-title]').allTextContents();
  const summaries = await inHost(page, '#nw', '[part=card-summary]').allTextContents();
  // 60 characters of the body's text, then an ellipsis (core/src/view.rs TITLE_CHARS).
  assert.deepEqual(titles, [`${[...TEXT].slice(0, 60).join('').trimEnd()}…`, 'Titled']);
  // The untitled card has no summary (its body is its title already); 120 characters fit all.
  assert.deepEqual(summaries, ['', TEXT]);
  assert.ok(!own.hits.some((hit) => hit.includes('photo.jpg')), `the cards loaded nothing of the body: ${own.hits}`);

  await inHost(page, '#nw', 'a[data-id="untitled"]').click();
  const body = inHost(page, '#nw', '[part=article-body]');
  await body.waitFor();
  assert.equal(await inHost(page, '#nw', '[part=article-title]').textContent(), titles[0]);
  const paragraphs = await body.locator('p').allTextContents();
  assert.deepEqual(paragraphs, ['Café & crème: 5€ → 4€… «fin»\u00a0©', 'Second\u00a0paragraph with bold text.']);
  const image = await body.locator('figure img').evaluate((img) => ({
    src: img.getAttribute('src'), alt: img.alt, loading: img.loading, referrer: img.referrerPolicy,
  }));
  assert.deepEqual(image, {
    src: `${own.origin}/info/1002/photo.jpg`, alt: 'Le café', loading: 'lazy', referrer: 'no-referrer',
  }, 'resolved against the item, alt from the caption');
  assert.equal(await body.locator('script').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing ran');
  await assertClean(page, logs);
});

test('under the strict CSP with Trusted Types, the ES module hands its "news-widget" policy to the loader: articles build', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const { page, logs } = await e2e.documentPage(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>module</title>' +
    '<script type="module" src="module-entry.mjs"></script></head><body>' +
    '<div id="m" data-feed="__FEED_ORIGIN__/feeds/home.json"></div></body></html>',
    {
      files: {
        'module-entry.mjs': "import { mount } from '/widget/news-widget.mjs';\n" +
          "const host = document.getElementById('m');\n" +
          'mount(host, { feed: host.dataset.feed, limit: 2, lang: "en" });\n',
      },
    },
  );
  await waitForState(page, '#m', 'ready');
  await inHost(page, '#m', '[part=card-title] a').first().click();
  const body = inHost(page, '#m', '[part=article-body]');
  await body.waitFor();
  assert.ok(await body.locator('p').count() > 2, 'the body was parsed and rebuilt');
  assert.ok(await body.locator('h3').count() >= 1, 'with its subheads');
  await assertClean(page, logs);
  const enforced = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return false;
    } catch (error) {
      return error instanceof TypeError;
    }
  });
  assert.equal(enforced, true, 'the page enforces Trusted Types, so a second "news-widget" policy would throw');
});
