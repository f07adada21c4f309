// Validates the demo feeds: every JSON file under www/feeds.
//
//   node scripts/check-feeds.mjs
//
// Checks the JSON Feed 1.1 shape and the `_news` fields, and that every URL
// is relative (the demo feeds must work from any feed origin) and resolves,
// through a real dev server (scripts/serve.mjs), to a file or a known route.
// Exits 1 with one line per problem.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServers } from './serve.mjs';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../www');
const FEEDS = path.join(WWW, 'feeds');
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const problems = [];
const urls = new Map(); // absolute URL → where it was named

const files = (await readdir(FEEDS, { recursive: true }))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.split(path.sep).join('/'))
  .sort();
const feeds = new Map(); // file → parsed feed
const server = await startServers({ wwwPort: 0, feedPort: 0, root: WWW, relatedDelayMs: 0, quiet: true });
try {
  for (const file of files) {
    const where = `feeds/${file}`;
    let feed;
    try {
      feed = JSON.parse(await readFile(path.join(FEEDS, file), 'utf8'));
    } catch (err) {
      problems.push(`${where}: not JSON: ${err.message}`);
      continue;
    }
    feeds.set(file, feed);
    checkFeed(feed, where, new URL(`/feeds/${file}`, server.feedOrigin));
  }
  checkPagination();
  checkRelatedIds();
  await checkUrls();
  await checkImagesUsed();
} finally {
  await server.close();
}

if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  console.error(`${problems.length} problem(s) in ${files.length} feed(s).`);
  process.exit(1);
}
console.log(`✓ ${files.length} feeds, ${urls.size} URLs: all good.`);

function checkFeed(feed, where, feedUrl) {
  if (typeof feed !== 'object' || feed === null || Array.isArray(feed)) return problems.push(`${where}: not a JSON object`);
  if (feed.version !== 'https://jsonfeed.org/version/1.1') problems.push(`${where}: version is not JSON Feed 1.1`);
  if (!nonEmpty(feed.title)) problems.push(`${where}: no title`);
  if (!Array.isArray(feed.items) || feed.items.length === 0) return problems.push(`${where}: no items`);
  for (const key of ['home_page_url', 'feed_url', 'next_url']) {
    if (feed[key] !== undefined) url(feed[key], feedUrl, `${where} ${key}`);
  }

  const ids = new Set();
  let previous = Infinity;
  feed.items.forEach((item, i) => {
    const at = `${where} items[${i}]${nonEmpty(item?.id) ? ` (${item.id})` : ''}`;
    if (!nonEmpty(item?.id)) return problems.push(`${at}: no id`);
    if (ids.has(item.id)) problems.push(`${at}: duplicate id`);
    ids.add(item.id);
    if (![item.title, item.content_html, item.content_text].some(nonEmpty)) problems.push(`${at}: no title or content`);
    if (!nonEmpty(item.content_html) && !nonEmpty(item.content_text)) problems.push(`${at}: no content_html or content_text`);

    for (const key of ['date_published', 'date_modified']) {
      if (item[key] !== undefined && !(RFC3339.test(item[key]) && !Number.isNaN(Date.parse(item[key])))) {
        problems.push(`${at}: ${key} is not RFC 3339: ${item[key]}`);
      }
    }
    const time = Date.parse(item.date_published);
    if (time > previous) problems.push(`${at}: not newest first`);
    previous = time;
    if (item.tags !== undefined && !(Array.isArray(item.tags) && item.tags.every(nonEmpty))) {
      problems.push(`${at}: tags is not a list of strings`);
    }

    const itemUrl = item.url === undefined ? feedUrl : url(item.url, feedUrl, `${at} url`) ?? feedUrl;
    if (item.image !== undefined) url(item.image, feedUrl, `${at} image`);
    for (const [, attr, value] of (item.content_html ?? '').matchAll(/\s(src|href)="([^"]*)"/g)) {
      url(value.replace(/&amp;/g, '&'), itemUrl, `${at} content_html ${attr}`);
    }
    checkNews(item, at, feedUrl);
  });
}

function checkNews(item, at, feedUrl) {
  const news = item._news;
  if (news === undefined) return;
  if (typeof news !== 'object' || news === null) return problems.push(`${at}: _news is not an object`);
  for (const key of ['section', 'source']) {
    if (news[key] !== undefined && !nonEmpty(news[key])) problems.push(`${at}: _news.${key} is not a string`);
  }
  if (news.views !== undefined && !(Number.isSafeInteger(news.views) && news.views >= 0)) {
    problems.push(`${at}: _news.views is not a count`);
  }
  if (news.breadcrumb !== undefined) {
    if (!Array.isArray(news.breadcrumb)) problems.push(`${at}: _news.breadcrumb is not a list`);
    else news.breadcrumb.forEach((c, i) => {
      if (!nonEmpty(c?.title)) problems.push(`${at}: _news.breadcrumb[${i}] has no title`);
      if (c?.url !== undefined) url(c.url, feedUrl, `${at} _news.breadcrumb[${i}]`);
    });
  }
  if (news.views_url !== undefined) {
    const views = url(news.views_url, feedUrl, `${at} _news.views_url`);
    if (views && views.searchParams.get('id') !== item.id) problems.push(`${at}: _news.views_url names another id`);
  }
  if (news.related_url !== undefined) url(news.related_url, feedUrl, `${at} _news.related_url`);
  if (news.credits !== undefined) {
    for (const [role, names] of Object.entries(news.credits)) {
      if (!Array.isArray(names) || !names.every(nonEmpty)) problems.push(`${at}: _news.credits.${role} is not a list of names`);
    }
  }
  if (news.related !== undefined && !(Array.isArray(news.related) && news.related.every(nonEmpty))) {
    problems.push(`${at}: _news.related is not a list of ids`);
  }
}

/** Ids stay unique along each next_url chain (the widget appends the pages). */
function checkPagination() {
  const next = (file) => {
    const href = feeds.get(file)?.next_url;
    return typeof href === 'string' ? new URL(href, `http://x/${file}`).pathname.slice(1) : null;
  };
  const linked = new Set([...feeds.keys()].map(next));
  for (const first of feeds.keys()) {
    if (linked.has(first)) continue; // a later page: checked from its first page
    const seen = new Set();
    for (let file = first; feeds.has(file) && !seen.has(file); file = next(file)) {
      seen.add(file);
      for (const item of feeds.get(file).items ?? []) {
        if (seen.has(`id:${item?.id}`)) problems.push(`feeds/${file}: id ${item.id} also on an earlier page of feeds/${first}`);
        seen.add(`id:${item?.id}`);
      }
    }
  }
}

/** `_news.related` names ids that some feed holds. */
function checkRelatedIds() {
  const all = new Set([...feeds.values()].flatMap((f) => (f.items ?? []).map((i) => i?.id)));
  for (const [file, feed] of feeds) {
    for (const item of feed.items ?? []) {
      for (const id of item?._news?.related ?? []) {
        if (!all.has(id)) problems.push(`feeds/${file} (${item.id}): _news.related names unknown id ${id}`);
      }
    }
  }
}

/** Resolves a feed URL, which must be relative; records it for checkUrls(). */
function url(value, base, where) {
  if (!nonEmpty(value)) {
    problems.push(`${where}: not a URL string`);
    return null;
  }
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(value)) {
    problems.push(`${where}: not relative: ${value}`);
    return null;
  }
  const resolved = new URL(value, base);
  if (!urls.has(resolved.href)) urls.set(resolved.href, where);
  return resolved;
}

/** Every recorded URL must answer 200 from the dev server. */
async function checkUrls() {
  await Promise.all([...urls].map(async ([href, where]) => {
    const res = await fetch(href, { method: 'HEAD', redirect: 'manual' });
    if (res.status !== 200) problems.push(`${where}: ${new URL(href).pathname}${new URL(href).search} answers ${res.status}`);
  }));
}

/** Every file in feeds/images/ is named by some feed (no stale placeholders). */
async function checkImagesUsed() {
  const used = new Set([...urls.keys()].map((href) => decodeURIComponent(new URL(href).pathname)));
  for (const name of await readdir(path.join(FEEDS, 'images')).catch(() => [])) {
    if (!used.has(`/feeds/images/${name}`)) problems.push(`feeds/images/${name}: not used by any feed`);
  }
}

function nonEmpty(v) {
  return typeof v === 'string' && v.trim() !== '';
}
