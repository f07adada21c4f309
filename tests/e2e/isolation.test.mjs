// Style isolation (SPEC §2, §6): the same widget (cards, the demo feed, a
// 900 px container) on a clean page and on a hostile one must lay out the
// same inside its shadow root, and the widget's CSS must never reach the
// host page. The host page may style the host box itself (shadow DOM allows
// it), so boxes are compared relative to the shadow frame [part=widget].
// Inherited properties (font-family, color, font-size, line-height, …) do
// cross the shadow boundary from the host; they are tested apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOADER, TEST_TIMEOUT, loadScript, setup, waitForState } from './harness.mjs';

const e2e = setup({ relatedDelayMs: 1000 });

/** The hostile page of the brief: global resets of everything. */
const HOSTILE = `
  * { all: unset !important; box-sizing: content-box !important; font-size: 40px !important; line-height: 3 !important; color: red !important }
  div, img, a, li, ul, h2, h3, p { display: inline !important; margin: 50px !important; padding: 30px !important; border: 5px solid lime !important }
  html { font-size: 40px }
  body { font: 40px serif }`;
/** The same, with the root font size given back (html beats * among !important rules). */
const HOSTILE_BUT_ROOT = `${HOSTILE}\n  html { font-size: 16px !important }`;
/** Both pages pin the container, so the widget gets the same 900 px whatever the resets do to it. */
const CONTAINER = '#box { display: block !important; width: 900px !important; margin: 0 !important; padding: 0 !important; border: 0 !important }';

const NON_INHERITED = ['display', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right',
  'padding-bottom', 'padding-left', 'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width'];
const INHERITED = ['font-size', 'color', 'line-height', 'font-family'];
/** More inherited text properties a host page may set around the widget. */
const TEXT = ['letter-spacing', 'word-spacing', 'text-transform', 'font-style', 'font-weight', 'text-indent', 'white-space', 'text-shadow'];

/**
 * Opens a page with `css`, the widget in #box and `extra` markup, waits for
 * it to be ready (images need not have loaded: their boxes are fixed by
 * aspect-ratio, and lazy ones far down never load), and describes every element of the
 * shadow root: a selector-like name, the box relative to [part=widget] and
 * the computed `props`.
 */
async function snapshot(css, props, { extra = '', attrs = '' } = {}) {
  const opened = await e2e.blankPage(
    `<style>${css}\n${CONTAINER}</style>${extra}` +
    `<div id="box"><div id="iso" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json" data-layout="cards" ${attrs}></div></div>${LOADER}`,
    { width: 1200, height: 1000 },
  );
  const { page } = opened;
  await waitForState(page, '#iso', 'ready');
  await page.waitForLoadState('networkidle');
  // The cards have content-visibility: auto: off-screen ones take their
  // contain-intrinsic-size, not their real one. The resets push the widget
  // far down the hostile page, so bring it into view on both pages and wait
  // until its size holds still.
  await page.evaluate(() => new Promise((resolve) => {
    const frame = document.getElementById('iso').shadowRoot.querySelector('[part=widget]');
    frame.scrollIntoView({ block: 'start' });
    let last = -1;
    let still = 0;
    const tick = () => {
      const height = frame.getBoundingClientRect().height;
      still = height === last ? still + 1 : 0;
      last = height;
      if (still >= 5) resolve();
      else requestAnimationFrame(tick);
    };
    tick();
  }));
  const elements = await page.evaluate((props) => {
    const host = document.getElementById('iso');
    const frame = host.shadowRoot.querySelector('[part=widget]').getBoundingClientRect();
    return [...host.shadowRoot.querySelectorAll('*')].map((el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      const part = el.getAttribute('part');
      const cls = el.getAttribute('class');
      return {
        name: `${el.tagName.toLowerCase()}${part ? `[part=${part}]` : ''}${cls ? `.${cls.trim().split(/\s+/).join('.')}` : ''}`,
        box: [r.x - frame.x, r.y - frame.y, r.width, r.height],
        style: Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])),
      };
    });
  }, props);
  return { ...opened, elements };
}

/** Two computed values are the same, lengths within 1 px. */
function same(a, b) {
  if (a === b) return true;
  const na = a.split(/\s+/);
  const nb = b.split(/\s+/);
  return na.length === nb.length && na.every((x, i) => {
    const [mx, my] = [/^(-?[\d.]+)px$/.exec(x), /^(-?[\d.]+)px$/.exec(nb[i])];
    return x === nb[i] || (mx && my && Math.abs(mx[1] - my[1]) <= 1);
  });
}

/** Differences between two snapshots: {boxes: [...], styles: {'prop: a → b': [element names]}}. */
function compare(clean, other) {
  assert.deepEqual(other.map((e) => e.name), clean.map((e) => e.name), 'the same elements in the same order');
  const boxes = [];
  const styles = {};
  clean.forEach((c, i) => {
    const o = other[i];
    if (c.box.some((v, j) => Math.abs(v - o.box[j]) > 1)) {
      boxes.push(`${c.name} [${c.box.map(Math.round)}] → [${o.box.map(Math.round)}]`);
    }
    for (const [prop, value] of Object.entries(c.style)) {
      if (!same(value, o.style[prop])) (styles[`${prop}: ${value} → ${o.style[prop]}`] ??= []).push(c.name);
    }
  });
  return { boxes, styles };
}

const summary = ({ boxes, styles }) =>
  `${boxes.length} boxes differ (first: ${boxes.slice(0, 3).join('; ')}); styles: ` +
  Object.entries(styles).map(([k, names]) => `${k} on ${[...new Set(names)].slice(0, 4).join(', ')}${names.length > 4 ? ` (+${names.length - 4})` : ''}`).join(' | ');

// The clean page is the reference of every comparison: taken once.
let cleanSnapshot = null;
const clean = async () => (cleanSnapshot ??= (await snapshot('', [...NON_INHERITED, ...INHERITED, ...TEXT])).elements);

test('hostile page (global resets, html font-size 40px): boxes and non-inherited styles inside the shadow root match the clean page', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const reference = await clean();
  const hostile = await snapshot(HOSTILE, [...NON_INHERITED, ...INHERITED, ...TEXT]);
  const diff = compare(reference, hostile.elements);
  const nonInherited = Object.fromEntries(Object.entries(diff.styles).filter(([k]) => NON_INHERITED.includes(k.split(':')[0])));
  console.log(`# hostile page vs clean: ${summary(diff)}`);
  assert.equal(await hostile.page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '40px', 'the root font size is the hostile one');
  assert.deepEqual(diff.boxes, [], 'every box inside the shadow root is where it is on the clean page');
  assert.deepEqual(nonInherited, {}, 'non-inherited styles are the same');
});

test('hostile page with the root font size left alone: every box and non-inherited style inside the shadow root matches', { timeout: TEST_TIMEOUT }, async () => {
  const reference = await clean();
  const hostile = await snapshot(HOSTILE_BUT_ROOT, [...NON_INHERITED, ...INHERITED, ...TEXT]);
  // The resets really hit the host page, the host element included.
  assert.deepEqual(await hostile.page.evaluate(() => {
    const host = getComputedStyle(document.getElementById('iso'));
    return {
      root: getComputedStyle(document.documentElement).fontSize,
      host: [host.display, host.marginTop, host.paddingTop, host.borderTopWidth, host.borderTopColor, host.fontSize, host.color, host.boxSizing],
    };
  }), { root: '16px', host: ['inline', '50px', '30px', '5px', 'rgb(0, 255, 0)', '40px', 'rgb(255, 0, 0)', 'content-box'] });
  const diff = compare(reference, hostile.elements);
  console.log(`# hostile page (root 16px) vs clean: ${summary(diff)}`);
  assert.deepEqual(diff.boxes, [], 'every box inside the shadow root, relative to [part=widget], is the same');
  const nonInherited = Object.fromEntries(Object.entries(diff.styles).filter(([k]) => NON_INHERITED.includes(k.split(':')[0])));
  assert.deepEqual(nonInherited, {}, 'display, margins, paddings and borders are the widget\'s own');
  // Inside the frame even the inherited font-size, color and line-height are the widget's (set on .nw).
  const insideFrame = Object.fromEntries(Object.entries(diff.styles)
    .map(([k, names]) => [k, names.filter((n) => !n.startsWith('p[part=status].visually-hidden'))])
    .filter(([, names]) => names.length));
  assert.deepEqual(insideFrame, {}, 'no style differs on any element of the widget frame');
});

test('inherited properties: what crosses the shadow boundary from the host (documents current behaviour)', { timeout: TEST_TIMEOUT }, async () => {
  const reference = await clean();
  // Inherited properties set on the host's container, the root font size untouched.
  const styled = await snapshot(
    '#box { font-family: "Courier New", monospace; font-size: 40px; line-height: 3; color: rgb(255, 0, 0) }', INHERITED);
  const diff = compare(reference.map((e) => ({ ...e, style: Object.fromEntries(INHERITED.map((p) => [p, e.style[p]])) })), styled.elements);
  console.log(`# inherited from the host: ${summary({ boxes: [], styles: diff.styles })}`);
  const byProp = {};
  for (const [k, names] of Object.entries(diff.styles)) {
    const prop = k.split(':')[0];
    for (const n of names) (byProp[prop] ??= new Set()).add(n);
  }
  const all = styled.elements.map((e) => e.name);
  const live = 'p[part=status].visually-hidden';
  // font-family inherits everywhere: SPEC §3, data-font defaults to the host's font.
  assert.deepEqual([...(byProp['font-family'] ?? [])].sort(), [...new Set(all)].sort(), 'font-family is the host\'s on every element');
  assert.ok(styled.elements.every((e) => e.style['font-family'] === '"Courier New", monospace'));
  // font-size, line-height and color are reset on .nw: only the live region,
  // a sibling of the frame (visually hidden), inherits them from the host.
  for (const prop of ['font-size', 'line-height', 'color']) {
    assert.deepEqual([...(byProp[prop] ?? [])], [live], `${prop} reaches only the live region`);
  }
});

test('inherited text properties of the host page (letter-spacing, text-transform, white-space, …) do not reach the widget\'s text', {
  timeout: TEST_TIMEOUT,
}, async () => {
  const reference = await clean();
  const styled = await snapshot(
    '#box { letter-spacing: 3px; word-spacing: 10px; text-transform: uppercase; font-style: italic; font-weight: 700; ' +
    'text-indent: 50px; white-space: pre; text-shadow: rgb(255, 0, 0) 1px 1px 0px }', TEXT);
  const diff = compare(reference.map((e) => ({ ...e, style: Object.fromEntries(TEXT.map((p) => [p, e.style[p]])) })), styled.elements);
  const inFrame = Object.fromEntries(Object.entries(diff.styles)
    .map(([k, names]) => [k, [...new Set(names.filter((n) => !n.startsWith('p[part=status]')))]])
    .filter(([, names]) => names.length));
  console.log(`# text properties inherited into the frame: ${Object.entries(inFrame).map(([k, n]) => `${k} (${n.length} kinds of element)`).join(' | ')}; ` +
    `${diff.boxes.length} boxes moved`);
  assert.deepEqual(Object.keys(inFrame), [], 'no inherited text property of the host page changes the widget frame');
});

test('the widget\'s CSS never reaches the host page: look-alike classes, parts and tags outside keep their styles', { timeout: TEST_TIMEOUT }, async () => {
  // Page elements named like the widget's, in a fixed box so the widget's height cannot move them.
  const decoys = '<div id="decoys" style="position: absolute; left: 0; top: 0; width: 600px">' +
    '<div class="nw auto dark compact" part="widget"><h2 part="heading">Heading</h2>' +
    '<ul class="cards" part="list"><li class="card" part="card"><img part="card-image" class="card-image" alt="" width="10" height="10">' +
    '<h3 part="card-title"><a href="#x">Title</a></h3><p part="card-summary">Summary</p><p part="card-meta">Meta</p></li></ul>' +
    '<ul class="list"><li class="card">list</li></ul><ul class="magazine ticker skeleton"><li class="card lead current"><div class="bone title">b</div></li></ul>' +
    '<p class="visually-hidden" part="status">status</p><div class="error" part="status"><p class="error-title">e</p></div>' +
    '<button part="more" type="button">more</button><button part="close" type="button">close</button>' +
    '<div class="no-image">no image</div><div class="tags"><span>t</span></div><div class="article" part="article">' +
    '<div part="article-body"><p>body</p><blockquote>q</blockquote></div><div part="related"><span part="related-item">r</span></div></div>' +
    '<div class="modal"><div class="backdrop"></div><div class="dialog">d</div></div>' +
    '<div class="pulse-me" style="animation: pulse 1s infinite, rise 1s infinite">animated by name</div><p hidden>hidden</p></div></div>';
  const { page, logs } = await e2e.blankPage(
    `${decoys}<div style="position: absolute; top: 0; left: 700px; width: 400px; height: 300px; overflow: hidden">` +
    '<div id="w" data-news-widget data-feed="__FEED_ORIGIN__/feeds/home.json" data-theme="dark"></div></div>');
  const styles = () => page.evaluate(() => [document.documentElement, document.body, ...document.querySelectorAll('#decoys, #decoys *')].map((el) => {
    const cs = getComputedStyle(el);
    const out = {};
    for (let i = 0; i < cs.length; i++) out[cs[i]] = cs.getPropertyValue(cs[i]);
    return { el: `${el.tagName.toLowerCase()}${el.className ? `.${el.className.split(' ').join('.')}` : ''}`, style: out };
  }));
  const before = await styles();
  await loadScript(page, '/widget/news-widget.js');
  await waitForState(page, '#w', 'ready');
  await page.waitForLoadState('networkidle');
  const after = await styles();
  assert.equal(after.length, before.length);
  const changed = [];
  before.forEach((b, i) => {
    for (const [prop, value] of Object.entries(b.style)) {
      if (after[i].style[prop] !== value) changed.push(`${b.el} ${prop}: ${value} → ${after[i].style[prop]}`);
    }
  });
  assert.deepEqual(changed, [], 'no computed style of the host page changed when the widget mounted');
  // Sanity: the decoys really look like nothing the widget styles (clean defaults).
  assert.deepEqual(await page.evaluate(() => {
    const q = (sel) => getComputedStyle(document.querySelector(`#decoys ${sel}`));
    return {
      cardsDisplay: q('.cards').display, listStyle: q('.cards').listStyleType, cardBorder: q('.card').borderTopWidth,
      h2Margin: q('h2').marginTop !== '0px', hidden: q('p[hidden]').display, visuallyHidden: q('.visually-hidden').position,
      boxSizing: q('.nw').boxSizing, animations: document.querySelector('#decoys .pulse-me').getAnimations().length,
    };
  }), {
    cardsDisplay: 'block', listStyle: 'disc', cardBorder: '0px', h2Margin: true, hidden: 'none', visuallyHidden: 'static',
    boxSizing: 'content-box', animations: 0,
  });
  assert.deepEqual(logs.pageErrors, []);
});
