// Baseline for `make bench`: the same cards and article as the news widget,
// written the plain way in vanilla JavaScript (no framework, no build step),
// so the benchmark can report widget / baseline ratios. It renders the same
// shadow-root markup (same `part` names, the widget's own CSS, inlined by
// bench/run.mjs as a constructable stylesheet), sanitizes content_html with
// DOMParser + an allowlist walk, and fires `news-widget:ready` {count} like
// the widget. Classic script; defines window.BaselineWidget.
(function () {
  'use strict';
  var WIDGET_CSS = /*__WIDGET_CSS__*/ '';
  var STRINGS = {
    'zh-CN': { close: '关闭', related: '相关文章', loading: '读取内容中,请等待...', loadingNews: '正在加载新闻',
      empty: '暂无新闻', more: '加载更多', breadcrumb: '当前位置', current: '正文', source: '来源', date: '日期', views: '浏览量',
      text: '文字', photo: '图片', editor: '编辑', sep: ':', list: ',', error: '新闻暂时无法显示' },
    en: { close: 'Close', related: 'Related articles', loading: 'Loading, please wait…', loadingNews: 'Loading news',
      empty: 'No news to show yet.', more: 'Load more', breadcrumb: 'You are here', current: 'Article', source: 'Source', date: 'Date',
      views: 'Views', text: 'Text', photo: 'Photos', editor: 'Editor', sep: ': ', list: ', ', error: 'The news cannot be shown right now' },
  };
  var ALLOWED = 'p h2 h3 h4 h5 h6 strong em b i u s sub sup br hr blockquote ul ol li a img figure figcaption table thead tbody tr th td span div pre code'.split(' ');
  var DROPPED = 'script style template iframe frame object embed svg math noscript textarea select form title'.split(' ');
  var ATTRS = 'href src alt title width height colspan rowspan'.split(' ');
  var sheet = null;
  var widgets = new Map();

  function webUrl(value, base, mailto) {
    if (typeof value !== 'string' || !value.trim()) return null;
    try {
      var url = new URL(value.trim(), base || undefined);
      var ok = url.protocol === 'http:' || url.protocol === 'https:' || (mailto && url.protocol === 'mailto:');
      return ok ? url.href : null;
    } catch (e) {
      return null;
    }
  }
  // The phases `make bench` reads, under the names the widget uses (news-widget:parse, …).
  function measured(phase, work) {
    var start = performance.now();
    try {
      return work();
    } finally {
      performance.measure('news-widget:' + phase, { start: start });
    }
  }
  function text(value) { return typeof value === 'string' && value.trim() ? value.trim() : null; }
  function list(value) {
    if (typeof value === 'string') return text(value) ? [value.trim()] : [];
    return Array.isArray(value) ? value.map(function (v) { return typeof v === 'number' ? String(v) : text(v); }).filter(Boolean) : [];
  }

  // JSON Feed 1.1 + _news: the fields the cards and the article show, URLs resolved against the feed URL.
  function readFeed(json, feedUrl) {
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('the feed is not a JSON Feed object');
    if (!/^https?:\/\/jsonfeed\.org\/version\/1(\.1)?$/.test(json.version)) throw new Error('not a JSON Feed version');
    if (!Array.isArray(json.items)) throw new Error('the feed has no "items" list');
    var news = json._news || {};
    var feed = { title: text(json.title), language: text(json.language), site: text(news.site), section: text(news.section),
      nextUrl: webUrl(json.next_url, feedUrl), items: [] };
    var seen = new Set();
    json.items.forEach(function (raw, index) {
      if (!raw || typeof raw !== 'object') return console.warn('baseline: items[' + index + '] dropped');
      var id = typeof raw.id === 'number' ? String(raw.id) : text(raw.id);
      var html = text(raw.content_html), plain = text(raw.content_text), title = text(raw.title);
      if (!id || (!title && !html && !plain) || seen.has(id)) return console.warn('baseline: items[' + index + '] dropped');
      seen.add(id);
      var n = raw._news && typeof raw._news === 'object' ? raw._news : {};
      var date = Date.parse(raw.date_published);
      var credits = n.credits || {};
      feed.items.push({
        id: id, title: title, html: html, plain: plain, summary: text(raw.summary),
        url: webUrl(raw.url, feedUrl), image: webUrl(raw.image, feedUrl),
        published: isNaN(date) ? null : date, tags: list(raw.tags),
        section: text(n.section), source: text(n.source), views: Number.isSafeInteger(n.views) ? n.views : null,
        viewsUrl: webUrl(n.views_url, feedUrl), relatedUrl: webUrl(n.related_url, feedUrl), related: list(n.related),
        breadcrumb: (Array.isArray(n.breadcrumb) ? n.breadcrumb : []).filter(function (c) { return c && text(c.title); })
          .map(function (c) { return { title: c.title.trim(), url: webUrl(c.url, feedUrl) }; }),
        credits: { text: list(credits.text), photo: list(credits.photo), editor: list(credits.editor) },
      });
    });
    return feed;
  }

  // content_html → fresh allowlisted nodes. DOMParser documents are inert (no scripts, no image loads).
  function sanitize(html, base) {
    var out = document.createDocumentFragment();
    copyChildren(new DOMParser().parseFromString(html, 'text/html').body, out, base, 0);
    return out;
  }
  function copyChildren(from, to, base, depth) {
    for (var node = from.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) { to.appendChild(document.createTextNode(node.data)); continue; }
      if (node.nodeType !== 1) continue;
      var tag = node.localName;
      if (DROPPED.indexOf(tag) >= 0) continue;
      if (ALLOWED.indexOf(tag) < 0 || depth >= 32) { copyChildren(node, to, base, depth); continue; }
      var el = document.createElement(tag);
      var src = null;
      for (var i = 0; i < ATTRS.length; i++) {
        var value = node.getAttribute(ATTRS[i]);
        if (value === null) continue;
        if (ATTRS[i] === 'href' || ATTRS[i] === 'src') value = webUrl(value, base, ATTRS[i] === 'href');
        if (value === null) continue;
        // src is set last, once loading=lazy is there (an img starts loading when src is set).
        if (ATTRS[i] === 'src') src = value; else el.setAttribute(ATTRS[i], value);
      }
      if (tag === 'a') { el.setAttribute('target', '_blank'); el.setAttribute('rel', 'noopener noreferrer'); }
      if (tag === 'img') {
        if (src === null) continue;
        if (!el.hasAttribute('alt')) el.setAttribute('alt', '');
        el.setAttribute('loading', 'lazy'); el.setAttribute('decoding', 'async'); el.setAttribute('referrerpolicy', 'no-referrer');
        el.setAttribute('src', src);
      }
      copyChildren(node, el, base, depth + 1);
      to.appendChild(el);
    }
  }
  function bodyText(item) {
    if (item.plain) return item.plain.replace(/\s+/g, ' ');
    return item.html ? sanitize(item.html, null).textContent.replace(/\s+/g, ' ').trim() : '';
  }
  function excerpt(s, max) { return s.length > max ? s.slice(0, max).trim() + '…' : s; }

  function el(tag, part, parent, content) {
    var e = document.createElement(tag);
    if (part) e.setAttribute('part', part);
    if (content != null) e.textContent = content;
    if (parent) parent.appendChild(e);
    return e;
  }
  function timeEl(parent, millis, format) {
    var t = el('time', '', parent, format.format(millis));
    t.setAttribute('datetime', new Date(millis).toISOString());
    return t;
  }

  function Widget(host, options) {
    this.host = host;
    this.options = options || {};
    this.controllers = [];
    this.stack = [];
    this.root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(WIDGET_CSS); }
    this.root.adoptedStyleSheets = [sheet];
    this.frame = el('div', 'widget');
    this.frame.className = 'nw auto';
    var live = el('p', 'status');
    live.setAttribute('role', 'status'); live.className = 'visually-hidden';
    this.root.replaceChildren(this.frame, live);
    this.onClick = this.click.bind(this);
    this.onKey = this.key.bind(this);
    this.onPop = this.popstate.bind(this);
    this.root.addEventListener('click', this.onClick);
    this.root.addEventListener('keydown', this.onKey);
    window.addEventListener('popstate', this.onPop);
    this.pushed = 0;
  }
  Widget.prototype.opt = function (name) {
    return this.options[name] != null ? String(this.options[name]) : this.host.getAttribute('data-' + name);
  };
  Widget.prototype.fetchText = function (url) {
    var controller = new AbortController();
    this.controllers.push(controller);
    return fetch(url, { mode: 'cors', credentials: 'omit', signal: controller.signal }).then(function (r) {
      if (!r.ok) throw new Error(url + ' answered HTTP ' + r.status);
      return r.text();
    });
  };
  Widget.prototype.start = function () {
    var self = this;
    var limitMax = this.options.limit != null ? 2000 : 50;
    this.limit = this.visible = Math.min(limitMax, Math.max(1, parseInt(this.opt('limit'), 10) || 6));
    this.feedUrl = webUrl(this.opt('feed'), document.baseURI);
    this.lang = this.pickLang(null);
    this.skeleton();
    this.host.setAttribute('data-state', 'loading');
    return this.fetchText(this.feedUrl).then(function (body) {
      var json = measured('parse', function () { return JSON.parse(body); });
      self.feed = measured('validate', function () { return readFeed(json, self.feedUrl); });
      self.lang = self.pickLang(self.feed.language);
      var count = measured('build', function () { return self.renderList(); });
      self.host.setAttribute('data-state', count ? 'ready' : 'empty');
      self.emit('news-widget:ready', { count: count });
      return self.host;
    }, null).catch(function (error) {
      if (self.destroyed) throw error;
      var box = el('div', 'status', null);
      box.setAttribute('role', 'alert'); box.className = 'error';
      el('p', '', box, STRINGS[self.lang].error).className = 'error-title';
      el('p', '', box, error.message).className = 'error-detail';
      self.frame.replaceChildren(box);
      self.host.setAttribute('data-state', 'error');
      self.emit('news-widget:error', { kind: 'feed', message: error.message });
      throw error;
    });
  };
  Widget.prototype.pickLang = function (feedLang) {
    var tags = [this.opt('lang'), feedLang, document.documentElement.lang, navigator.language];
    for (var i = 0; i < tags.length; i++) {
      var primary = (tags[i] || '').toLowerCase().split(/[-_]/)[0];
      if (primary === 'zh') return 'zh-CN';
      if (primary === 'en') return 'en';
    }
    return 'en';
  };
  Widget.prototype.emit = function (type, detail) {
    this.host.dispatchEvent(new CustomEvent(type, { detail: detail, bubbles: true, composed: true }));
  };
  Widget.prototype.skeleton = function () {
    var s = STRINGS[this.lang];
    var status = el('p', 'status', null, s.loadingNews);
    status.setAttribute('role', 'status'); status.className = 'visually-hidden';
    var ul = el('ul', 'list', null);
    ul.className = 'cards skeleton'; ul.setAttribute('aria-hidden', 'true');
    for (var i = 0; i < Math.min(this.limit, 12); i++) {
      var li = el('li', '', ul); li.className = 'card';
      ['card-image bone', 'bone title', 'bone summary', 'bone meta'].forEach(function (c) { el('div', '', li).className = c; });
    }
    this.frame.replaceChildren(status, ul);
  };
  Widget.prototype.renderList = function () {
    var s = STRINGS[this.lang], feed = this.feed;
    this.frame.setAttribute('lang', this.lang);
    var dates = new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium' });
    var view = el('div', '', null);
    view.className = 'list-view';
    if (feed.title) el('h2', 'heading', view, feed.title);
    var items = feed.items.slice(0, this.visible);
    if (!items.length) {
      var empty = el('p', 'status', view, s.empty);
      empty.setAttribute('role', 'status'); empty.className = 'empty';
    } else {
      var ul = el('ul', 'list', view);
      ul.className = 'cards';
      items.forEach(function (item) {
        var li = el('li', 'card', ul);
        li.className = 'card';
        var source = item.source || feed.site;
        if (item.image) {
          var img = el('img', 'card-image', li);
          img.loading = 'lazy'; img.decoding = 'async'; img.referrerPolicy = 'no-referrer';
          img.alt = ''; img.width = 640; img.height = 360; img.src = item.image;
        } else {
          var ph = el('div', 'card-image', li, source || '');
          ph.className = 'no-image'; ph.setAttribute('aria-hidden', 'true');
        }
        var a = el('a', '', el('h3', 'card-title', li), item.title || excerpt(bodyText(item), 60));
        a.href = '#news-' + encodeURIComponent(item.id);
        a.setAttribute('data-action', 'open'); a.setAttribute('data-id', item.id);
        el('p', 'card-summary', li, item.summary || (item.title ? excerpt(bodyText(item), 120) : ''));
        var meta = el('p', 'card-meta', li);
        if (source) el('span', '', meta, source).className = 'source';
        if (item.published != null) timeEl(meta, item.published, dates);
      });
      // The row under the cards is always there (it keeps the skeleton's height).
      var row = el('div', '', view);
      row.className = 'more-row';
      if (feed.items.length > items.length || feed.nextUrl) {
        var more = el('button', 'more', row, s.more);
        more.type = 'button'; more.setAttribute('data-action', 'more');
      }
    }
    this.listView = view;
    this.frame.replaceChildren(view);
    return items.length;
  };
  Widget.prototype.find = function (id) {
    var all = this.feed.items.concat(this.extra || []);
    for (var i = 0; i < all.length; i++) if (all[i].id === id) return all[i];
    return null;
  };
  Widget.prototype.click = function (event) {
    var actor = event.target.closest && event.target.closest('[data-action]');
    if (!actor) return;
    event.preventDefault();
    var action = actor.getAttribute('data-action');
    if (action === 'open') this.open(actor.getAttribute('data-id'));
    else if (action === 'more') this.more(actor);
    else if (this.stack.length && this.pushed) history.back(); // popstate closes it
    else this.close();
  };
  Widget.prototype.popstate = function () {
    if (this.pushed && this.stack.length) { this.pushed--; this.close(); }
  };
  // Load more: the next `limit` items, fetching next_url when the loaded ones run out.
  Widget.prototype.more = function (button) {
    var self = this, feed = this.feed;
    this.visible += this.limit;
    if (feed.items.length >= this.visible || !feed.nextUrl) return this.renderList();
    button.disabled = true; button.setAttribute('aria-busy', 'true');
    this.fetchText(feed.nextUrl).then(function (t) {
      var page = readFeed(JSON.parse(t), feed.nextUrl);
      var known = new Set(feed.items.map(function (i) { return i.id; }));
      feed.items = feed.items.concat(page.items.filter(function (i) { return !known.has(i.id); }));
      feed.nextUrl = page.nextUrl;
    }).catch(function (e) { console.warn('baseline: load more: ' + e.message); }).then(function () {
      if (!self.destroyed) self.renderList();
    });
  };
  Widget.prototype.key = function (event) {
    if (event.key !== 'Escape' || !this.stack.length) return;
    event.preventDefault();
    if (this.pushed) history.back(); else this.close();
  };
  Widget.prototype.open = function (id) {
    var item = this.find(id);
    if (!item) return;
    this.stack.push(id);
    this.showArticle(item);
    history.pushState({ baselineWidget: true, id: id }, '', '#news-' + encodeURIComponent(id));
    this.pushed++;
    this.emit('news-widget:open', { id: item.id, url: item.url });
  };
  Widget.prototype.close = function () {
    var closed = this.stack.pop();
    if (closed == null) return false;
    if (this.stack.length) {
      this.showArticle(this.find(this.stack[this.stack.length - 1]));
    } else {
      this.article.remove();
      this.article = null;
      this.listView.hidden = false;
      var link = this.listView.querySelector('[data-action=open][data-id="' + CSS_escape(closed) + '"]');
      if (link) link.focus();
    }
    this.emit('news-widget:close', { id: closed });
    return true;
  };
  function CSS_escape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s; }
  Widget.prototype.showArticle = function (item) {
    var self = this, s = STRINGS[this.lang], feed = this.feed, label = function (l) { return l + s.sep; };
    var article = el('article', 'article', null);
    article.className = 'article';
    var titleId = 'bw-title-' + Math.random().toString(36).slice(2);
    article.setAttribute('aria-labelledby', titleId);
    if (item.breadcrumb.length) {
      var nav = el('nav', 'breadcrumb', article);
      nav.setAttribute('aria-label', s.breadcrumb);
      var ol = el('ol', '', nav);
      item.breadcrumb.forEach(function (c) {
        var li = el('li', '', ol);
        if (!c.url) return li.appendChild(document.createTextNode(c.title));
        var a = el('a', '', li, c.title);
        a.href = c.url; a.target = '_blank'; a.rel = 'noopener noreferrer';
      });
      el('li', '', ol, s.current).setAttribute('aria-current', 'page');
    }
    var section = item.section || feed.section;
    if (section) el('p', '', article, section).className = 'section';
    var title = el('h2', 'article-title', article, item.title || excerpt(bodyText(item), 60));
    title.id = titleId; title.tabIndex = -1;
    var meta = el('p', 'article-meta', article);
    var source = item.source || feed.site;
    if (source) el('span', '', meta, label(s.source) + source);
    if (item.published != null) {
      timeEl(el('span', '', meta, label(s.date)), item.published, new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium', timeStyle: 'short' }));
    }
    var count = null;
    if (item.views != null || item.viewsUrl) {
      count = el('span', '', el('span', '', meta, label(s.views)));
      count.className = 'views';
      if (item.views != null) count.textContent = item.views.toLocaleString(this.lang);
    }
    var body = el('div', 'article-body', article);
    if (item.html) body.appendChild(sanitize(item.html, item.url || this.feedUrl));
    else (item.plain ? item.plain.split(/\n\s*\n/) : [item.summary || '']).forEach(function (p) { if (p.trim()) el('p', '', body, p.trim()); });
    var c = item.credits;
    if (c.text.length || c.photo.length || c.editor.length) {
      var footer = el('footer', 'credits', article);
      [[s.text, c.text], [s.photo, c.photo], [s.editor, c.editor]].forEach(function (line) {
        if (line[1].length) el('p', '', footer, label(line[0]) + line[1].join(s.list));
      });
    }
    var close = el('button', 'close', article, s.close);
    close.type = 'button'; close.setAttribute('data-action', 'close');
    this.related(article, item);
    if (this.article) this.article.remove();
    this.article = article;
    this.listView.hidden = true;
    this.frame.appendChild(article);
    title.focus();
    if (count && item.viewsUrl) {
      this.fetchText(item.viewsUrl).then(function (t) {
        var views = JSON.parse(t).views;
        if (Number.isSafeInteger(views)) count.textContent = views.toLocaleString(self.lang);
      }).catch(function () {});
    }
  };
  // Related: the items named in `related`, else related_url (fetched, with the loading line), else shared tag/section.
  Widget.prototype.related = function (article, item) {
    var self = this, feed = this.feed, s = STRINGS[this.lang], max = 5;
    var items = item.related.map(function (id) { return id === item.id ? null : self.find(id); }).filter(Boolean).slice(0, max);
    if (!items.length && !item.relatedUrl) {
      var own = item.section || feed.section;
      items = feed.items.filter(function (o) {
        return o.id !== item.id && (o.tags.some(function (t) { return item.tags.indexOf(t) >= 0; }) || (own && (o.section || feed.section) === own));
      }).sort(function (a, b) { return (b.published || -Infinity) - (a.published || -Infinity); }).slice(0, max);
      if (!items.length) return;
    }
    var section = el('section', 'related', article);
    var id = 'bw-related-' + Math.random().toString(36).slice(2);
    section.setAttribute('aria-labelledby', id);
    el('h3', '', section, s.related).id = id;
    var ul = el('ul', '', section);
    if (items.length) return this.fillRelated(ul, items);
    var status = el('p', 'status', section, s.loading);
    status.setAttribute('role', 'status');
    this.fetchText(item.relatedUrl).then(function (t) {
      var fetched = readFeed(JSON.parse(t), item.relatedUrl).items.filter(function (o) { return o.id !== item.id; }).slice(0, max);
      status.remove();
      if (!fetched.length) return section.remove();
      self.extra = (self.extra || []).concat(fetched);
      self.fillRelated(ul, fetched);
    }).catch(function () { section.remove(); });
  };
  Widget.prototype.fillRelated = function (ul, items) {
    var dates = new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium' });
    items.forEach(function (item) {
      var li = el('li', 'related-item', ul);
      var a = el('a', '', li, item.title || '');
      a.href = '#news-' + encodeURIComponent(item.id);
      a.setAttribute('data-action', 'open'); a.setAttribute('data-id', item.id);
      if (item.published != null) timeEl(li, item.published, dates);
    });
  };
  Widget.prototype.destroy = function () {
    this.destroyed = true;
    this.controllers.forEach(function (c) { c.abort(); });
    this.root.removeEventListener('click', this.onClick);
    this.root.removeEventListener('keydown', this.onKey);
    window.removeEventListener('popstate', this.onPop);
    this.root.replaceChildren();
    this.host.removeAttribute('data-state');
    this.feed = this.extra = this.article = this.listView = null;
  };

  function mount(host, options) {
    if (widgets.has(host)) return widgets.get(host).promise;
    var widget = new Widget(host, options);
    widget.promise = widget.start();
    widgets.set(host, widget);
    return widget.promise;
  }
  function destroy(host) {
    widgets.forEach(function (widget, key) {
      if (host && key !== host) return;
      widget.destroy();
      widgets.delete(key);
    });
  }
  window.BaselineWidget = { mount: mount, destroy: destroy };

  // One tag: <script src=baseline.js data-feed=…> mounts a host inserted just before itself.
  var tag = document.currentScript;
  if (tag && tag.hasAttribute('data-feed') && tag.parentNode) {
    var host = document.createElement('div');
    for (var i = 0; i < tag.attributes.length; i++) {
      if (tag.attributes[i].name.indexOf('data-') === 0) host.setAttribute(tag.attributes[i].name, tag.attributes[i].value);
    }
    tag.parentNode.insertBefore(host, tag);
    mount(host).catch(function () {});
  }
})();
