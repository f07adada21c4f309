// Writes the placeholder images of the demo feeds to www/feeds/images/.
//
//   node scripts/make-images.mjs
//
// Every image a feed under www/feeds names (an item's `image`, an <img> in its
// `content_html`) gets a 1200×800 SVG: a calm gradient picked from the file
// name, and the caption drawn in the middle: the figure's alt text, or the
// item's title for a card image. The output depends only on the feeds.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../www/feeds');
const OUT = path.join(FEEDS, 'images');
const BASE = 'http://feeds.invalid/';

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unhtml = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Map of image file name → caption, for every image under images/ that a feed names. */
function collectCaptions() {
  const figures = new Map();
  const cards = new Map();
  const imageName = (url) => {
    const { pathname } = new URL(url);
    return pathname.startsWith('/images/') ? pathname.slice('/images/'.length) : null;
  };
  const files = readdirSync(FEEDS, { recursive: true }).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const feedUrl = new URL(file.split(path.sep).join('/'), BASE);
    for (const item of JSON.parse(readFileSync(path.join(FEEDS, file), 'utf8')).items) {
      const itemUrl = new URL(item.url ?? '', feedUrl);
      for (const [tag] of (item.content_html ?? '').matchAll(/<img\b[^>]*>/g)) {
        const attr = (n) => unhtml(new RegExp(`\\s${n}="([^"]*)"`).exec(tag)?.[1] ?? '');
        const name = imageName(new URL(attr('src'), itemUrl));
        if (name) figures.set(name, attr('alt') || item.title);
      }
      const name = item.image && imageName(new URL(item.image, feedUrl));
      if (name && !cards.has(name)) cards.set(name, item.title);
    }
  }
  return new Map([...cards, ...figures].sort(([a], [b]) => a.localeCompare(b)));
}

/** FNV-1a: a stable hue per file name. */
function hue(name) {
  let h = 0x811c9dc5;
  for (const c of name) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
  return h % 360;
}

function hsl(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const f = (n) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** Splits text into balanced lines of at most `max` em; CJK is 1 em, the rest about half. */
function wrap(text, max) {
  const width = (c) => (/[\u2e80-\uffef]/.test(c) ? 1 : 0.55);
  const chars = [...text];
  const total = chars.reduce((sum, c) => sum + width(c), 0);
  const target = total / Math.ceil(total / max);
  const lines = [''];
  let w = 0;
  for (const c of chars) {
    // Closing punctuation never starts a line.
    if (w + width(c) > target + 0.5 && !/[,。、,.;:!?”’)》」]/.test(c)) {
      lines.push('');
      w = 0;
    }
    lines[lines.length - 1] += c;
    w += width(c);
  }
  return lines;
}

function svg(name, caption) {
  const h = hue(name);
  const size = 52;
  const lines = wrap(caption, 19);
  const top = 400 - ((lines.length - 1) * size * 1.4) / 2 + size * 0.35;
  const tspans = lines
    .map((line, i) => `<tspan x="600" y="${Math.round(top + i * size * 1.4)}">${xml(line)}</tspan>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800" role="img" aria-label="${xml(caption)}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${hsl(h, 0.45, 0.86)}"/><stop offset="1" stop-color="${hsl((h + 40) % 360, 0.4, 0.68)}"/></linearGradient></defs>
<rect width="1200" height="800" fill="url(#g)"/>
<rect x="60" y="60" width="1080" height="680" rx="24" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="4"/>
<text font-family="Noto Sans CJK SC, sans-serif" font-size="${size}" fill="#1f2a36" text-anchor="middle">${tspans}</text>
<text x="600" y="700" font-family="Noto Sans CJK SC, sans-serif" font-size="26" fill="#1f2a36" fill-opacity="0.6" text-anchor="middle">交大新闻网 · 示意图</text>
</svg>
`;
}

mkdirSync(OUT, { recursive: true });
const captions = collectCaptions();
for (const [name, caption] of captions) writeFileSync(path.join(OUT, name), svg(name, caption));
console.log(`wrote ${captions.size} images to ${path.relative(process.cwd(), OUT) || '.'}`);
