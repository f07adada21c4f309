// Media in an article (SPEC §7, issue 12): a `video` or `audio` of
// `content_html` reaches the reader as a link to its source (resolved
// against the item's url, new tab, no opener, no referrer), with its fallback
// text or else the file name; elements outside SPEC §7's drop list leave
// their text, and the raw text of `xmp` or `title` shows as text, never as
// markup.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOADER, TEST_TIMEOUT, assertClean, feedServer, inHost, jsonFeed, setup, waitForState,
} from './harness.mjs';

const e2e = setup();
let own = null;
after(() => own && own.close());

const BODY = '<p>Before.</p>' +
  '<video src="../media/talk.mp4" poster="javascript:alert(1)" controls onplay="alert(2)">Watch the <b>talk</b></video>' +
  '<p><audio controls><source src="javascript:alert(3)"><source src="/media/%E6%A0%A1%E6%AD%8C.mp3"></audio></p>' +
  '<video src="javascript:alert(4)">No usable video, this text stays.</video>' +
  '<canvas>Canvas fallback.</canvas>' +
  '<xmp><b>shown as typed</b> &amp;</xmp>' +
  '<title>A &amp; B</title>';

test('a video or audio in an article becomes a link to its source; other fallback and raw text stay text', {
  timeout: TEST_TIMEOUT,
}, async () => {
  own = await feedServer(() => ({
    body: jsonFeed([{
      id: 'media', title: 'Media item', url: 'https://news.example.edu/info/1002/1.htm', content_html: BODY,
    }]),
  }));
  const { page, logs } = await e2e.blankPage(
    `<div id="nw" data-news-widget data-feed="${own.origin}/feed.json" data-lang="en"></div>${LOADER}`,
  );
  await waitForState(page, '#nw', 'ready');
  await inHost(page, '#nw', 'a[data-id="media"]').click();
  const body = inHost(page, '#nw', '[part=article-body]');
  await body.waitFor();

  const links = await body.locator('a').evaluateAll((anchors) => anchors.map((a) => ({
    href: a.getAttribute('href'), text: a.textContent, target: a.target, rel: a.rel,
    bold: a.querySelector('b')?.textContent ?? null, attributes: a.getAttributeNames().sort(),
  })));
  const common = { target: '_blank', rel: 'noopener noreferrer', attributes: ['href', 'rel', 'target'] };
  assert.deepEqual(links, [
    { href: 'https://news.example.edu/info/media/talk.mp4', text: 'Watch the talk', bold: 'talk', ...common },
    { href: 'https://news.example.edu/media/%E6%A0%A1%E6%AD%8C.mp3', text: '校歌.mp3', bold: null, ...common },
  ]);
  assert.equal(await body.locator('video, audio, source, canvas, xmp, title').count(), 0, 'none of them is in the DOM');

  const text = await body.textContent();
  assert.ok(text.includes('No usable video, this text stays.'), text);
  assert.ok(text.includes('Canvas fallback.'), text);
  assert.ok(text.includes('<b>shown as typed</b> &amp;'), `xmp content is literal text: ${text}`);
  assert.ok(text.includes('A & B'), `title content is text with references decoded: ${text}`);
  assert.equal(await body.locator('b').count(), 1, 'only the fallback <b> of the video is an element');
  await assertClean(page, logs);
});
