// The batch builder, inlined into news-widget.js by scripts/compose-loader.mjs
// (the wasm tests load it from here too, with the same RULES).
//
// Builds what the wasm describes in one batch (src/shell/batch.rs): ops
// are [0 name] open a child element, [1 name text] set an attribute,
// [2 name name] set a constant attribute, [3 text] add a text node,
// [4] close, [5] keep the current element (build returns the kept ones,
// in order), [6 html base] add feed HTML through the allowlist, [7 html max]
// add a text node: the start of feed HTML's text, [8 kind value locale] add
// a text node and [9 name kind value locale] set an attribute: a value
// formatted by `format`. Names index the wasm's
// table of constant strings; texts are the slices of `text` with the UTF-16
// `lengths`. Only createElement, setAttribute and text nodes: a batch never
// inserts parsed markup.
var buildNames = { key: null, list: [] };
function build(parent, ops, lengths, text, table) {
  if (buildNames.key !== table) buildNames = { key: table, list: table.split('\n') };
  var name = buildNames.list;
  var texts = [];
  for (var t = 0, at = 0; t < lengths.length; at += lengths[t++]) texts.push(text.slice(at, at + lengths[t]));
  var stack = [parent];
  var node = parent;
  var kept = [];
  for (var i = 0; i < ops.length;) {
    switch (ops[i++]) {
      case 0: stack.push(node = node.appendChild(document.createElement(name[ops[i++]]))); break;
      case 1: node.setAttribute(name[ops[i]], texts[ops[i + 1]]); i += 2; break;
      case 2: node.setAttribute(name[ops[i]], name[ops[i + 1]]); i += 2; break;
      case 3: node.appendChild(document.createTextNode(texts[ops[i++]])); break;
      case 4: stack.pop(); node = stack[stack.length - 1]; break;
      case 5: kept.push(node); break;
      case 6: safeHtml(node, texts[ops[i]], texts[ops[i + 1]]); i += 2; break;
      case 7: node.appendChild(document.createTextNode(htmlStart(texts[ops[i]], ops[i + 1]))); i += 2; break;
      case 8: node.appendChild(document.createTextNode(format(ops[i], texts[ops[i + 1]], texts[ops[i + 2]]))); i += 3; break;
      default: node.setAttribute(name[ops[i]], format(ops[i + 1], texts[ops[i + 2]], texts[ops[i + 3]])); i += 4;
    }
  }
  return kept;
}

// The browser's Intl formats, made once per language and kind (creating one
// costs ~70 µs); `kind` is src/shell/batch.rs `Format`: 0 date, 1 date and
// time, 2 count, 3–5 minutes, hours, days ago, 6 ISO 8601 instant.
var formats = {};
function format(kind, value, locale) {
  if (kind === 6) return new Date(+value).toISOString();
  var made = formats[kind + locale];
  if (!made) {
    made = formats[kind + locale] = kind > 2 ? new Intl.RelativeTimeFormat(locale)
      : kind === 2 ? new Intl.NumberFormat(locale)
        : new Intl.DateTimeFormat(locale, kind ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });
  }
  return kind > 2 ? made.format(-value, ['minute', 'hour', 'day'][kind - 3]) : made.format(+value);
}

// Feed HTML, DOMPurify's way: the browser's own parser reads it into an
// inert document (no scripts, no loads, no handlers), and a walk creates
// fresh nodes in the page only from the core's allowlist (RULES.html,
// generated from core/src/sanitize.rs). Nothing parsed is inserted, nothing
// is serialized and parsed again, so what the walk allows is all there is.
var POLICY = RULES.html;
var XHTML = 'http://www.w3.org/1999/xhtml';
var SPACES = new RegExp(POLICY.whitespace + '+', 'g');
var EDGES = new RegExp('^' + POLICY.whitespace + '+|' + POLICY.whitespace + '+$', 'g');
// The Trusted Types policy "news-widget" (SPEC §7), made on first use; the
// loader hands over the one news-widget.mjs made, as a page allows only one.
var htmlPolicy;

function inert(html) {
  if (htmlPolicy === undefined) {
    htmlPolicy = window.trustedTypes
      ? window.trustedTypes.createPolicy('news-widget', { createHTML: function (s) { return s; } })
      : null;
  }
  var doc = new DOMParser().parseFromString(htmlPolicy ? htmlPolicy.createHTML(html) : html, 'text/html');
  return doc.documentElement; // head and body: a leading <title> or <style> lands in head
}

function has(list, name) { return list.indexOf(name) >= 0; }

// An element of the allowlist (foreign ones, inside svg or math, never are).
function tagOf(element) { return element.namespaceURI === XHTML ? element.localName : ''; }

// Adds the allowed part of `html` to `parent`; URLs resolve against `base`.
function safeHtml(parent, html, base) {
  copy(inert(html), parent, { base: base || undefined, nodes: 0, depth: 0, link: false, figure: false });
}

// Copies the children of `from` into `to` by the policy.
function copy(from, to, at) {
  for (var n = from.firstChild; n && at.nodes < POLICY.maxNodes; n = n.nextSibling) {
    if (n.nodeType === 3) {
      if (to.lastChild && to.lastChild.nodeType === 3) to.lastChild.data += n.data;
      else { to.appendChild(document.createTextNode(n.data)); at.nodes++; }
      continue;
    }
    var tag = n.nodeType === 1 ? tagOf(n) : '';
    if (!tag || has(POLICY.dropped, tag)) continue;
    var deep = at.depth >= POLICY.maxDepth && !has(POLICY.void, tag);
    var nested = at.link && (tag === 'a' || has(POLICY.media, tag)); // links do not nest
    if (has(POLICY.media, tag) && !nested && !deep) media(n, to, at);
    else if (!has(POLICY.tags, tag) || deep || nested) copy(n, to, at); // unwrapped: its content stays
    else element(n, tag, to, at);
  }
}

function element(from, tag, to, at) {
  var el = document.createElement(tag);
  var src = null;
  POLICY.attributes.forEach(function (rule) {
    var value = from.getAttribute(rule[0]);
    if (value === null || (rule[1].length && !has(rule[1], tag))) return;
    value = checked(rule, value, at.base);
    if (value === null) return;
    if (rule[0] === 'src') src = value;
    else el.setAttribute(rule[0], value);
  });
  if (tag === 'img') {
    if (src === null) return; // an image without a usable address goes
    if (!at.figure && !el.hasAttribute('alt')) el.setAttribute('alt', ''); // in a figure: its caption, below
  }
  added(el, tag);
  // `src` last: an image starts loading when `src` is set, even detached.
  if (src !== null) el.setAttribute('src', src);
  to.appendChild(el);
  at.nodes++;
  inside(from, el, at, { link: at.link || tag === 'a', figure: at.figure || tag === 'figure' });
  if (tag === 'figure') captionAlt(el);
}

// Copies `from`'s children into `el` one level deeper, with `flags` in force.
function inside(from, el, at, flags) {
  var outer = { depth: at.depth, link: at.link, figure: at.figure };
  at.depth++;
  at.link = flags.link;
  at.figure = flags.figure;
  copy(from, el, at);
  at.depth = outer.depth;
  at.link = outer.link;
  at.figure = outer.figure;
}

function added(el, tag) {
  (POLICY.added[tag] || []).forEach(function (pair) { el.setAttribute(pair[0], pair[1]); });
}

// An attribute value by its rule ([name, tags, kind, max digits]); null drops it.
function checked(rule, value, base) {
  switch (rule[2]) {
    case 'link': return address(value, POLICY.link, base);
    case 'web': return webAddress(value, base);
    case 'digits':
      value = value.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
      return new RegExp('^[0-9]{1,' + rule[3] + '}$').test(value) ? value : null;
    default: return value;
  }
}

// An image or media address: not blank (that would fetch the base document).
function webAddress(value, base) {
  return /^[\u0000-\u0020]*$/.test(value) ? null : address(value, POLICY.web, base);
}

// The wasm's URL parser (feed and item links, `data-feed`): the absolute
// address of `value` against `base`, or undefined. The core decides which
// are allowed.
function resolveUrl(base, value) {
  try {
    return new URL(value, base).href;
  } catch (error) {
    return undefined;
  }
}

// The scheme of an absolute address, with its colon ("https:"), as the
// policy lists schemes.
function protocol(href) { return href.slice(0, href.indexOf(':') + 1); }

// `value` resolved by the browser's URL parser, if its scheme is allowed.
function address(value, schemes, base) {
  if (value.length > POLICY.maxUrl) return null;
  var href = resolveUrl(base, value);
  return href !== undefined && has(schemes, protocol(href)) && href.length <= POLICY.maxUrl ? href : null;
}

// A video or audio: a link to its first usable address (its own `src`, then
// its sources'), with its fallback as the text, else the file name; with no
// usable address its fallback stays as text.
function media(from, to, at) {
  var href = null;
  var candidates = [from].concat(Array.prototype.slice.call(from.getElementsByTagName(POLICY.source)));
  for (var c = 0; c < candidates.length && href === null; c++) {
    var src = candidates[c].getAttribute('src');
    if (src !== null) href = webAddress(src, at.base);
  }
  if (href === null) return copy(from, to, at);
  var link = document.createElement('a');
  to.appendChild(link);
  at.nodes++;
  inside(from, link, at, { link: true, figure: at.figure });
  if (!textOf(link) && at.nodes < POLICY.maxNodes) {
    link.appendChild(document.createTextNode(fileName(href)));
    at.nodes++;
  }
  link.setAttribute('href', href);
  added(link, 'a');
}

// The last non-empty path segment, percent-decoded when that is UTF-8, else the host.
function fileName(href) {
  var url = new URL(href);
  var segments = url.pathname.split('/').filter(Boolean);
  var last = segments[segments.length - 1];
  if (!last) return url.host;
  try {
    return decodeURIComponent(last);
  } catch (error) {
    return last;
  }
}

// Images of a figure without alt get the text of its own figcaption (or "").
function captionAlt(figure) {
  var caption = Array.prototype.filter.call(figure.querySelectorAll('figcaption'), function (c) {
    return c.parentNode.closest('figure') === figure;
  })[0];
  var alt = caption ? textOf(caption) : '';
  Array.prototype.forEach.call(figure.querySelectorAll('img:not([alt])'), function (img) { img.setAttribute('alt', alt); });
}

// The text of built nodes: whitespace collapsed, block elements separate words.
function textOf(node) {
  return words(node, function (tag) { return tag; });
}

// Whitespace runs to one space, trimmed; `block(tag)` says whether an
// element separates words (null: skip it with its content).
function words(root, kind) {
  var parts = [];
  (function visit(parent) {
    for (var n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) parts.push(n.data);
      if (n.nodeType !== 1) continue;
      var tag = kind(tagOf(n));
      if (tag === null) continue;
      var block = !!tag && !has(POLICY.inline, tag);
      if (block) parts.push(' ');
      visit(n);
      if (block) parts.push(' ');
    }
  })(root);
  return parts.join('').replace(SPACES, ' ').replace(EDGES, '');
}

// The start of feed HTML's text, as the sanitized body reads, cut to `max`
// characters with an ellipsis (core/src/view.rs `excerpt`). Read from the
// inert document, so no image of the body loads for a card.
function htmlStart(html, max) {
  var text = words(inert(html), function (tag) {
    if (!tag || has(POLICY.dropped, tag)) return null; // foreign or dropped: skipped
    if (has(POLICY.media, tag)) return 'a'; // becomes a link
    return has(POLICY.tags, tag) ? tag : ''; // unwrapped ones do not separate words
  });
  var chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('').replace(EDGES, '') + '\u2026';
}
