/*! news-widget __VERSION__ | MIT */
// The loader partners include with one <script> tag. A classic script (no
// type=module): it defines window.NewsWidget at once, queues calls until the
// wasm is ready, finds the wasm next to its own URL, instantiates it once per
// page and mounts every widget. Every call into the wasm is guarded so
// nothing can throw into the host page. The wasm-bindgen glue is inlined
// below by scripts/build.sh and stays private to this function.
(function () {
  'use strict';
  var script = document.currentScript;
  var existing = window.NewsWidget;

  // A script tag with data-feed mounts a host <div data-news-widget> just before itself.
  function adopt(tag) {
    if (!tag || tag.newsWidgetHost || !tag.hasAttribute('data-feed') || !tag.parentNode) return;
    var host = document.createElement('div');
    host.setAttribute('data-news-widget', '');
    for (var i = 0; i < tag.attributes.length; i++) {
      var attr = tag.attributes[i];
      if (attr.name.indexOf('data-') === 0) host.setAttribute(attr.name, attr.value);
    }
    tag.parentNode.insertBefore(host, tag);
    tag.newsWidgetHost = host;
  }

  // Loaded twice: the first copy owns the page; this one only adds its own tag.
  if (existing && existing.version) {
    adopt(script);
    existing.scan().catch(function () {});
    return;
  }

  // The widget's CSS (src/shell/widget.css, minified in by the build), one
  // constructable stylesheet shared by every shadow root: allowed under a
  // strict style-src, unlike <style> elements.
  var sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync('__STYLES__');
  } catch (error) {
    sheet = null; // a browser without constructable stylesheets: unstyled, still readable
  }

  function shadowOf(host) {
    var root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    if (sheet) root.adoptedStyleSheets = [sheet];
    return root;
  }

  function append(parent, tag, className) {
    var element = document.createElement(tag);
    element.className = className;
    parent.append(element);
    return element;
  }

  // Draws the skeleton: placeholder boxes in the shape of the layout, so the
  // host page does not move when the news arrives. `parts` names what the
  // cards show ("heading image summary tags "). The wasm calls this too, with
  // its validated configuration, so there is one skeleton; the list keeps
  // its cards as the reserved space of a short feed.
  function paintSkeleton(frame, layout, cards, parts) {
    var has = function (part) { return parts.split(' ').indexOf(part) >= 0; };
    if (has('heading')) append(frame, 'div', 'bone heading');
    var list = append(frame, 'ul', layout + ' skeleton');
    list.setAttribute('part', 'list');
    list.setAttribute('aria-hidden', 'true');
    for (var i = 0; i < cards; i++) {
      var card = append(list, 'li', i ? 'card' : 'card lead current');
      if (has('image')) append(card, 'div', 'card-image bone');
      append(card, 'div', 'bone title');
      if (has('summary')) append(card, 'div', 'bone summary');
      append(card, 'div', 'bone meta');
      if (has('tags')) append(card, 'div', 'bone tags');
    }
    // The row under the cards, which the list always has: the ticker's controls, or "load more".
    append(frame, 'div', layout === 'ticker' ? 'ticker-controls' : 'more-row');
  }

  // Every request of the widget goes through here: CORS, never credentials.
  var REQUEST = { method: 'GET', mode: 'cors', credentials: 'omit' };
  // How a request ended, the first entry of what `request` resolves to: the
  // numbers of `Ending` in src/shell/net.rs (a test there holds them to these).
  var BODY = 0, ABORTED = 1, TIMED_OUT = 2, NO_ANSWER = 3, STATUS = 4, TOO_LARGE = 5, BROKE_OFF = 6;
  // Feed requests started before the wasm arrives, by normalized URL: the
  // network waits for nothing. The wasm takes each over on its first request
  // for that URL; those no widget claims are cancelled after the first scan.
  var early = new Map();

  function start(url) {
    var controller = new AbortController();
    // `started`: the wasm's timeout counts from here.
    return { response: fetch(url, Object.assign({ signal: controller.signal }, REQUEST)), controller: controller, started: Date.now() };
  }

  function prefetch(url) {
    var key = resolveUrl(document.baseURI, url);
    // Unreadable (the wasm reports it as a config error), or not a scheme
    // the core fetches (url::WEB_SCHEMES, in RULES.html.web).
    if (key === undefined || early.has(key) || !has(RULES.html.web, protocol(key))) return;
    var entry = start(key);
    entry.response.catch(function () {}); // a failure is the wasm's to report, once it claims
    early.set(key, entry);
  }

  // The wasm's way to make a request, with all of its mechanics
  // (src/shell/net.rs decides what the outcome means and sets the limits):
  // the early request for this URL if there is one, else a new one; given up
  // `timeout` ms after it started; cancelled along with `owner` (the wasm's
  // AbortController), and once it failed; a body over `maxBytes` is not read
  // on. Resolves, never rejects, to [BODY, text] (UTF-8, stray bytes as
  // U+FFFD) or [ending, statusText, status, Retry-After] (the last three for
  // STATUS; the header only when the page may read it).
  function request(url, owner, timeout, maxBytes) {
    var key = url;
    try {
      key = new URL(url).href; // the browser's form, as the early request's key
    } catch (error) {
      // fetch() reports it
    }
    var entry = early.get(key) || start(url);
    early.delete(key);
    var controller = entry.controller;
    var answered = false;
    var timedOut = false;
    var timer = setTimeout(function () {
      timedOut = true;
      controller.abort();
    }, timeout - (Date.now() - entry.started));
    var cancel = function () { controller.abort(); };
    if (owner.signal.aborted) cancel();
    else owner.signal.addEventListener('abort', cancel, { once: true });
    var end = function (ending, text, status, retryAfter) {
      clearTimeout(timer);
      if (ending) cancel(); // not BODY: nothing more is wanted from this answer
      return [ending, text, status, retryAfter];
    };
    return entry.response.then(function (response) {
      answered = true;
      if (!response.ok) return end(STATUS, response.statusText, response.status, response.headers.get('retry-after'));
      if (response.headers.get('content-length') > maxBytes) return end(TOO_LARGE);
      // In chunks, up to the limit: a huge or endless answer never has to fit in memory.
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var text = '';
      var size = 0;
      var read = function () {
        return reader.read().then(function (chunk) {
          if (chunk.done) return end(BODY, text + decoder.decode());
          size += chunk.value.length;
          if (size > maxBytes) {
            reader.cancel().catch(function () {});
            return end(TOO_LARGE);
          }
          text += decoder.decode(chunk.value, { stream: true });
          return read();
        });
      };
      return read();
    }).catch(function (error) {
      return end(timedOut ? TIMED_OUT : error && error.name === 'AbortError' ? ABORTED : answered ? BROKE_OFF : NO_ANSWER);
    });
  }

  function dropUnclaimed(keys) {
    keys.forEach(function (key) {
      var entry = early.get(key);
      if (entry) entry.controller.abort();
      early.delete(key);
    });
  }

  // How the core reads attributes (core/src/config.rs), for the skeleton
  // drawn before the wasm runs: the values and defaults are generated from
  // the core by the build (core/examples/loader_rules.rs); the grammar below
  // is the core's, and an e2e test feeds both the same hostile values.
  var RULES = __RULES__;
  var SPACE = new RegExp('^' + RULES.whitespace + '+|' + RULES.whitespace + '+$', 'g');
  function trim(value) { return value.replace(SPACE, ''); }
  function asciiLower(value) { return value.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }
  function choice(value, names, fallback) {
    var key = value == null ? '' : asciiLower(trim(value));
    return names.indexOf(key) >= 0 ? key : fallback;
  }
  function number(value, range) {
    var match = value == null ? null : /^([+-]?)([0-9]+)$/.exec(trim(value));
    if (!match) return range.default;
    return match[1] === '-' ? range.min : Math.min(Math.max(Number(match[2]), range.min), range.max);
  }

  // build(parent, ops, lengths, text, names): js/build.js, inlined by the build.
  /*__BUILD__*/
  // A page that allows Trusted Types policies by name allows "news-widget"
  // once: news-widget.mjs, if it loaded this script, made it and hands it
  // over on the script element, for this closure only.
  if (script && script.newsWidgetPolicy) {
    htmlPolicy = script.newsWidgetPolicy;
    delete script.newsWidgetPolicy;
  }

  // The first skeleton, drawn as soon as the loader sees a host, long before
  // the wasm arrives. It reads the few attributes that shape it the way
  // src/config.rs does; the wasm redraws it from its validated configuration
  // (same shape unless an attribute is invalid).
  function drawEarlySkeleton(host) {
    if (host.shadowRoot && host.shadowRoot.firstChild) return; // mounted, or drawn already
    var feed = host.getAttribute('data-feed');
    if (feed) prefetch(feed.trim());
    var get = function (name) { return host.getAttribute('data-' + name); };
    var layout = choice(get('layout'), RULES.layouts, RULES.layout);
    var limit = number(get('limit'), RULES.limit);
    var shown = (get('show') || '').split(',').map(function (entry) { return asciiLower(trim(entry)); })
      .filter(function (entry) { return RULES.show.indexOf(entry) >= 0; });
    if (!shown.length) shown = RULES.defaultShow;
    var theme = choice(get('theme'), RULES.themes, RULES.theme);
    var density = choice(get('density'), RULES.densities, RULES.density);
    var frame = document.createElement('div');
    frame.setAttribute('part', 'widget');
    frame.className = 'nw ' + theme + (density === 'compact' ? ' compact' : '');
    var title = get('title');
    var parts = (title != null && !trim(title) ? '' : 'heading ') + shown.join(' ');
    paintSkeleton(frame, layout, layout === 'ticker' ? 1 : Math.min(limit, RULES.skeletonCards), parts);
    shadowOf(host).append(frame);
    host.setAttribute('data-state', 'loading');
  }

  function drawEarlySkeletons(root) {
    if (root.nodeType !== 1 && root.nodeType !== 9) return;
    var hosts = Array.prototype.slice.call(root.querySelectorAll('[data-news-widget]'));
    if (root.matches && root.matches('[data-news-widget]')) hosts.unshift(root);
    for (var i = 0; i < hosts.length; i++) {
      try {
        drawEarlySkeleton(hosts[i]);
      } catch (error) {
        // An element that cannot host a shadow root: the wasm reports it on mount.
      }
    }
  }

  var src = (script && script.src) || document.baseURI;
  var wasmUrl = new URL('__WASM_FILE__', src);
  var broken = null; // why the wasm cannot run, once it cannot
  var brokenKind = 'network';

  // Every call into the wasm (exports and the closures the browser calls
  // back) goes through these wrappers: should the wasm ever trap, or a
  // broken host API throw through it, every widget shows its error state
  // and the host page sees no exception. scripts/compose-loader.mjs routes
  // the glue's exports through here.
  // What a stopped export returns: the glue reads some results as a pair
  // (a Result's value and error flag, a string's pointer and length), and
  // [0, 0] reads as "no error" and "empty" there, and as 0 elsewhere.
  var STOPPED = [0, 0];

  function guardExports(exports) {
    var guarded = {};
    Object.keys(exports).forEach(function (name) {
      var value = exports[name];
      guarded[name] = typeof value !== 'function' ? value : function () {
        if (broken) return STOPPED;
        try {
          return value.apply(this, arguments);
        } catch (error) {
          breakAll('stopped after an internal error (' + (error && error.message) + ')', 'network');
          return STOPPED;
        }
      };
    });
    return guarded;
  }

  // The glue calls build, paintSkeleton, request and resolveUrl of this
  // scope by name: the wasm imports them (src/shell/ batch, render, net,
  // address).
  /*__GLUE__*/

  // Shows the error state on every host when the wasm cannot run at all.
  function breakAll(message, kind) {
    broken = message;
    brokenKind = kind;
    console.error('news-widget: ' + message);
    var hosts = document.querySelectorAll('[data-news-widget]');
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      var root = shadowOf(host);
      var p = document.createElement('p');
      p.setAttribute('part', 'status');
      p.setAttribute('role', 'alert');
      p.append(document.createTextNode(message));
      root.replaceChildren(p);
      host.setAttribute('data-state', 'error');
    }
  }

  function failure(kind, message) {
    var error = new Error(message);
    error.kind = kind;
    return error;
  }

  // The wasm is fetched with its Subresource Integrity hash (set by the
  // build), so a tampered or mismatched file is refused, never run.
  var wasmResponse = fetch(wasmUrl, { integrity: '__WASM_INTEGRITY__', credentials: 'omit' });
  // Resolves with the glue's API (its exports convert strings and values;
  // the raw wasm exports would not).
  var ready = wasm_bindgen({ module_or_path: wasmResponse }).then(
    function () {
      wasm_bindgen.connectLoader(sheet);
      return wasm_bindgen;
    },
    function (error) {
      breakAll('could not load ' + wasmUrl.href + ' (' + (error && error.message) + ')', 'network');
      throw failure('network', broken);
    }
  );

  // Runs fn(api) once the wasm is ready; a trap or throw becomes a rejection.
  function call(fn) {
    return ready.then(function (api) {
      if (broken) throw failure(brokenKind, broken);
      try {
        return fn(api);
      } catch (error) {
        breakAll('stopped after an internal error (' + (error && error.message) + ')', 'network');
        throw failure('network', broken);
      }
    });
  }

  function scan(root) {
    return call(function (api) {
      // A node to search under (an element, fragment or document), else the page.
      var under = root instanceof Node && root.querySelectorAll ? root : document;
      var hosts = Array.prototype.slice.call(api.scanHosts(Array.from(under.querySelectorAll('[data-news-widget]'))));
      var mounts = hosts.map(function (host) { return api.mount(host); });
      return Promise.allSettled(mounts).then(function () { return hosts; });
    });
  }

  window.NewsWidget = Object.freeze({
    version: '__VERSION__',
    mount: function (element, options) {
      return call(function (api) { return api.mount(element, options); });
    },
    scan: scan,
    refresh: function (element) {
      return call(function (api) { api.refresh(element); });
    },
    destroy: function (element) {
      return call(function (api) { api.destroy(element); });
    },
    // For the configurator: the widget's own verdict on a feed text.
    checkFeed: function (text, url) {
      return call(function (api) { return api.checkFeed(String(text), String(url)); });
    },
  });

  adopt(script);
  drawEarlySkeletons(document);
  // Widgets claim their early requests as they mount; what the scan left
  // (a host whose configuration the wasm refused) is cancelled.
  function autoScan() {
    var started = Array.from(early.keys());
    scan(document).then(function () { dropUnclaimed(started); }, function () {});
  }
  autoScan();
  if (document.readyState === 'loading') {
    // A loader in <head> sees each placeholder as the parser inserts it and
    // draws its skeleton before the browser first paints it: no shift at all.
    var parsing = new MutationObserver(function (records) {
      records.forEach(function (record) { record.addedNodes.forEach(drawEarlySkeletons); });
    });
    parsing.observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', function () {
      parsing.disconnect();
      autoScan();
    }, { once: true });
  }
})();
