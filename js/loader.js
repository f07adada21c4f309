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

  var src = (script && script.src) || document.baseURI;
  var wasmUrl = new URL('__WASM_FILE__', src);
  var broken = null; // why the wasm cannot run, once it cannot
  var brokenKind = 'network';

  // Every call into the wasm (exports and the closures the browser calls
  // back) goes through these wrappers: should the wasm ever trap, or a
  // broken host API throw through it, every widget shows its error state
  // and the host page sees no exception. scripts/compose-loader.mjs routes
  // the glue's exports through here.
  function guardExports(exports) {
    var guarded = {};
    Object.keys(exports).forEach(function (name) {
      var value = exports[name];
      guarded[name] = typeof value !== 'function' ? value : function () {
        if (broken) return undefined;
        try {
          return value.apply(this, arguments);
        } catch (error) {
          breakAll('stopped after an internal error (' + (error && error.message) + ')', 'internal');
          return undefined;
        }
      };
    });
    return guarded;
  }

  /*__GLUE__*/

  // Shows the error state on every host when the wasm cannot run at all.
  function breakAll(message, kind) {
    broken = message;
    brokenKind = kind;
    console.error('news-widget: ' + message);
    var hosts = document.querySelectorAll('[data-news-widget]');
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      var root = host.shadowRoot || host.attachShadow({ mode: 'open' });
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
    function () { return wasm_bindgen; },
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
        breakAll('stopped after an internal error (' + (error && error.message) + ')', 'internal');
        throw failure('internal', broken);
      }
    });
  }

  function scan(root) {
    return call(function (api) {
      var hosts = Array.prototype.slice.call(api.scanHosts(root || document));
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
  function autoScan() { scan(document).catch(function () {}); }
  autoScan();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', autoScan, { once: true });
  }
})();
