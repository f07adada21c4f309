// The configurator (configure.html): the form drives two live previews (real
// widgets, re-rendered when their data-* attributes change) and the snippet;
// the feed is checked with a CORS fetch and the widget's own parser.
// No framework, and nothing the strict CSP of SPEC §7 would block: no inline
// styles or scripts, no HTML strings (the DOM is built with createElement and
// textContent), fetches only to this origin and the feed's.
(function () {
  'use strict';

  /** SPEC §3 order: the snippet lists attributes in this order. */
  var ATTRIBUTES = ['feed', 'layout', 'limit', 'open', 'theme', 'accent', 'font', 'radius', 'density', 'lang',
    'show', 'related', 'tag', 'section', 'title', 'refresh', 'timeout'];
  /** Values the widget uses when the attribute is absent (docs/attributes.md). */
  var DEFAULTS = {
    layout: 'cards', limit: '6', open: 'inline', theme: 'auto', density: 'comfortable', lang: 'auto',
    show: 'image,summary,date,source', related: '5', refresh: '0', timeout: '10',
  };
  var SHOW_FIELDS = ['image', 'summary', 'date', 'source', 'views', 'section', 'tags', 'author'];
  /** The theme colours of src/shell/widget.css, for the accent contrast hint. */
  var THEMES = {
    light: { bg: '#ffffff', accent: '#0a58a8', name: 'the light theme' },
    dark: { bg: '#15181d', accent: '#7cb8ff', name: 'the dark theme' },
  };
  var TEXT_DELAY = 400; // ms after the last keystroke in a text field
  var CHECK_TIMEOUT = 15000;

  var $ = function (id) { return document.getElementById(id); };
  var form = $('config');
  var hosts = [$('preview-narrow'), $('preview-wide')];
  var feedInput = $('feed');
  var snippetCode = $('snippet');
  var checkResults = $('check-results');
  var loaderSrc = (function () {
    var script = document.querySelector('script[src*="news-widget.js"]');
    return script ? script.src : new URL('/widget/news-widget.js', location.href).href;
  })();
  var integrity = null; // sha384-… of news-widget.js, once loaded
  var integrityProblem = '';
  var lastGoodFeed = feedInput.defaultValue;
  var checkedFeed = null;
  var updateTimer = 0;
  var copyTimer = 0;

  // ---------------------------------------------------------------- DOM helpers

  /** createElement with a class and children (strings become text nodes). */
  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined && child !== '') {
        node.append(typeof child === 'string' ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function code(text) {
    return el('code', '', [text]);
  }

  function badge(kind, text) {
    return el('span', 'badge badge-' + kind, [text]);
  }

  /** Shows or clears the message under a control; marks it invalid for assistive tech. */
  function setError(id, message) {
    var box = $(id + '-error');
    var input = $(id);
    if (box) {
      box.textContent = message || '';
      box.hidden = !message;
    }
    if (input && input.tagName === 'INPUT') {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  // ------------------------------------------------------------ reading the form

  function cssValue(property, value) {
    // The same rule as the widget (src/config.rs): no declaration escapes, and CSS.supports.
    return !/[;{}<>]/.test(value) && value.length <= 200 && CSS.supports(property, value);
  }

  /** An integer field: '' → default; else a whole number in [min, max] (and `extra`). */
  function readNumber(id, min, max, extra) {
    var input = $(id);
    var raw = input.value.trim();
    if (input.validity.badInput) return { error: 'Enter a whole number from ' + min + ' to ' + max + '.' };
    if (raw === '') return { value: DEFAULTS[id] };
    if (!/^\d+$/.test(raw) || +raw < min || +raw > max) {
      return { error: 'Enter a whole number from ' + min + ' to ' + max + '.' };
    }
    var value = String(+raw);
    var problem = extra && extra(+raw);
    return problem ? { error: problem } : { value: value };
  }

  /**
   * The settings as attribute values (all of them, defaults included), plus
   * the problems found: {values: {name: string|null}, errors: {id: message}}.
   */
  function readForm() {
    var values = {};
    var errors = {};

    var feedText = feedInput.value.trim();
    var feedUrl = null;
    try {
      feedUrl = new URL(feedText);
    } catch (e) {
      feedUrl = null;
    }
    if (feedUrl && (feedUrl.protocol === 'http:' || feedUrl.protocol === 'https:')) {
      values.feed = feedUrl.href;
    } else {
      errors.feed = feedText === ''
        ? 'The feed URL is required.'
        : 'Enter an absolute address starting with https:// or http://.';
      values.feed = lastGoodFeed;
    }

    ['layout', 'open', 'theme', 'density', 'lang'].forEach(function (name) {
      values[name] = $(name).value;
    });

    [['limit', 1, 50], ['related', 0, 20], ['timeout', 1, 60]].forEach(function (spec) {
      var read = readNumber(spec[0], spec[1], spec[2]);
      if (read.error) errors[spec[0]] = read.error;
      values[spec[0]] = read.error ? DEFAULTS[spec[0]] : read.value;
    });
    var refresh = readNumber('refresh', 0, 86400, function (n) {
      return n > 0 && n < 60 ? 'Use 0 (never) or at least 60 seconds.' : '';
    });
    if (refresh.error) errors.refresh = refresh.error;
    values.refresh = refresh.error ? DEFAULTS.refresh : refresh.value;

    [['accent', 'color', 'a CSS colour'], ['font', 'font-family', 'a CSS font-family list'],
      ['radius', 'border-top-left-radius', 'a CSS length']].forEach(function (spec) {
      var value = $(spec[0]).value.trim();
      if (value === '') {
        values[spec[0]] = null;
      } else if (cssValue(spec[1], value)) {
        values[spec[0]] = value;
      } else {
        values[spec[0]] = null;
        errors[spec[0]] = '“' + value + '” is not ' + spec[2] + '; the theme’s is used.';
      }
    });

    var shown = SHOW_FIELDS.filter(function (name) { return $('show-' + name).checked; });
    if (shown.length === 0) {
      errors.show = 'Choose at least one; with none the widget shows its default fields.';
      values.show = DEFAULTS.show;
    } else {
      values.show = shown.join(',');
    }

    values.tag = $('tag').value.trim() || null;
    values.section = $('section').value.trim() || null;

    var mode = form.elements['title-mode'].value;
    // data-title="" hides the heading; no attribute uses the feed's title.
    // "My own heading" with nothing typed yet keeps the feed's title.
    var own = $('title').value.trim();
    values.title = mode === 'none' ? '' : mode === 'custom' && own ? own : null;

    return { values: values, errors: errors };
  }

  /** [name, value] pairs for the attributes that differ from the defaults (feed always). */
  function attributesOf(values) {
    var pairs = [];
    ATTRIBUTES.forEach(function (name) {
      var value = values[name];
      if (value === null || value === undefined) return;
      if (name !== 'feed' && Object.prototype.hasOwnProperty.call(DEFAULTS, name) && value === DEFAULTS[name]) return;
      pairs.push([name, value]);
    });
    return pairs;
  }

  // ------------------------------------------------------------------- applying

  /** Sets the wanted data-* attributes on a host and removes the others; untouched when equal. */
  function syncHost(host, pairs) {
    var want = new Map(pairs);
    ATTRIBUTES.forEach(function (name) {
      var attribute = 'data-' + name;
      if (want.has(name)) {
        if (host.getAttribute(attribute) !== want.get(name)) host.setAttribute(attribute, want.get(name));
      } else if (host.hasAttribute(attribute)) {
        host.removeAttribute(attribute);
      }
    });
  }

  function escapeAttribute(value) {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  /** The one-tag embed, wrapped like the examples in the docs. */
  function snippetOf(pairs) {
    var indent = '        ';
    var lines = ['<script ' + ($('no-shift').checked ? '' : 'async ') + 'src="' + escapeAttribute(loaderSrc) + '"'];
    var attributes = pairs.map(function (pair) { return 'data-' + pair[0] + '="' + escapeAttribute(pair[1]) + '"'; });
    if (integrity) {
      lines.push(indent + 'integrity="' + escapeAttribute(integrity) + '"');
      attributes.unshift('crossorigin="anonymous"');
    }
    var line = '';
    attributes.forEach(function (attribute) {
      if (line && (indent + line + ' ' + attribute).length > 84) {
        lines.push(indent + line);
        line = attribute;
      } else {
        line = line ? line + ' ' + attribute : attribute;
      }
    });
    if (line) lines.push(indent + line);
    lines[lines.length - 1] += '></script>';
    return lines.join('\n');
  }

  var LABELS = {
    feed: 'Feed URL', limit: 'Items shown', related: 'Related articles', accent: 'Accent colour', font: 'Font',
    radius: 'Corner radius', show: 'Shown on each item', refresh: 'Re-fetch every', timeout: 'Give up a request after',
  };

  function update() {
    clearTimeout(updateTimer);
    var read = readForm();
    var values = read.values;
    Object.keys(LABELS).forEach(function (id) { setError(id, read.errors[id]); });
    if (!read.errors.feed) lastGoodFeed = values.feed;

    var pairs = attributesOf(values);
    hosts.forEach(function (host) { syncHost(host, pairs); });

    var text = snippetOf(pairs);
    if (snippetCode.textContent !== text) {
      snippetCode.textContent = text;
      $('copy-status').textContent = '';
    }
    var problems = Object.keys(read.errors).map(function (id) { return LABELS[id]; });
    var summary = $('snippet-problems');
    summary.hidden = problems.length === 0;
    summary.textContent = problems.length === 0 ? '' : 'Not applied until corrected: ' + problems.join(', ') +
      (read.errors.feed ? ' (the snippet keeps the last valid feed URL).' : '.');

    accentHint(values);
    if (values.feed !== checkedFeed) checkFeed(values.feed);
  }

  function schedule(delay) {
    clearTimeout(updateTimer);
    updateTimer = setTimeout(update, delay);
  }

  // ------------------------------------------------------------------ accent

  var canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  var ctx = canvas.getContext('2d', { willReadFrequently: true });

  /** The sRGB colour `color` shows as over `bg` ([r, g, b], 0–255). */
  function paint(color, bg) {
    ctx.globalCompositeOperation = 'copy';
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, 1, 1);
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = '#000000';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    var d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2]];
  }

  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  function contrast(a, b) {
    var la = luminance(a);
    var lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  function hex(rgb) {
    return '#' + rgb.map(function (v) { return v.toString(16).padStart(2, '0'); }).join('');
  }

  function themesShown(theme) {
    if (theme === 'light' || theme === 'dark') return [theme];
    return ['light', 'dark'];
  }

  /** Keeps the colour picker in step with the text and says how readable the accent is. */
  function accentHint(values) {
    var hint = $('accent-contrast');
    var themes = themesShown(values.theme);
    var picker = $('accent-picker');
    if (!values.accent) {
      var dark = values.theme === 'dark' ||
        (values.theme === 'auto' && window.matchMedia('(prefers-color-scheme: dark)').matches);
      picker.value = THEMES[dark ? 'dark' : 'light'].accent;
      hint.textContent = '';
      return;
    }
    if (document.activeElement !== picker) picker.value = hex(paint(values.accent, '#ffffff'));
    var parts = themes.map(function (name) {
      var theme = THEMES[name];
      var ratio = contrast(paint(values.accent, theme.bg), paint(theme.bg, theme.bg));
      return { name: theme.name, ratio: ratio };
    });
    var low = parts.filter(function (p) { return p.ratio < 4.5; });
    hint.textContent = 'Contrast of links: ' + parts.map(function (p) {
      // Rounded down, as WCAG asks (4.49:1 does not pass as 4.5:1).
      return (Math.floor(p.ratio * 10) / 10).toFixed(1) + ':1 on ' + p.name;
    }).join(', ') + (low.length ? ' — below the 4.5:1 that WCAG AA asks for text.' : ' (WCAG AA asks for 4.5:1).');
  }

  // ------------------------------------------------------------------ feed check

  var cspSources = null; // Promise of the connect-src source lists of this page, or null

  /** The connect-src (or default-src) lists of every policy this page was served with. */
  function pagePolicies() {
    if (!cspSources) {
      cspSources = fetch(location.href.split('#')[0], { method: 'HEAD', cache: 'no-store' })
        .then(function (response) {
          var header = response.headers.get('content-security-policy');
          if (!header) return [];
          return header.split(',').map(function (policy) {
            var directives = {};
            policy.split(';').forEach(function (part) {
              var tokens = part.trim().split(/\s+/);
              var name = tokens.shift().toLowerCase();
              if (name && !(name in directives)) directives[name] = tokens;
            });
            return directives['connect-src'] || directives['default-src'] || null;
          }).filter(Boolean);
        })
        .catch(function () { return []; });
    }
    return cspSources;
  }

  /** Whether a CSP source expression lets this page fetch `url` (host, scheme and keyword sources). */
  function sourceMatches(source, url) {
    var s = source.toLowerCase();
    if (s === "'self'") return url.origin === location.origin;
    if (s === '*') return /^(https?|wss?):$/.test(url.protocol);
    if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return url.protocol === s || (s === 'http:' && url.protocol === 'https:');
    if (s.charAt(0) === "'") return false;
    var m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^:/]+)(?::(\d+|\*))?(\/.*)?$/.exec(s);
    if (!m) return false;
    var scheme = m[1] ? m[1] + ':' : location.protocol;
    if (url.protocol !== scheme && !(scheme === 'http:' && url.protocol === 'https:')) return false;
    var host = url.hostname.toLowerCase();
    if (m[2] === '*') {
      // any host
    } else if (m[2].indexOf('*.') === 0) {
      if (!host.endsWith(m[2].slice(1))) return false;
    } else if (host !== m[2]) {
      return false;
    }
    var port = url.port || (url.protocol === 'https:' ? '443' : '80');
    var want = m[3] || (scheme === 'https:' ? '443' : '80');
    if (want !== '*' && port !== want && !(!m[3] && scheme === 'http:' && url.protocol === 'https:' && port === '443')) {
      return false;
    }
    if (m[4] && m[4] !== '/') {
      return m[4].endsWith('/') ? url.pathname.indexOf(m[4]) === 0 : url.pathname === m[4];
    }
    return true;
  }

  function cspAllows(url, policies) {
    return policies.every(function (sources) {
      return sources.some(function (source) { return sourceMatches(source, url); });
    });
  }

  /** A row of the check list: what was checked, a verdict badge and the details. */
  function row(what, kind, verdict, details) {
    var detail = el('div', 'check-detail', [el('p', '', [badge(kind, verdict)].concat(details || []))]);
    return { li: el('li', 'check-row check-' + kind, [el('span', 'check-what', [what]), detail]), detail: detail, kind: kind };
  }

  function describeItem(index, items) {
    var label = 'Item ' + (index + 1);
    var item = items && items[index];
    if (item && typeof item === 'object') {
      if (typeof item.id === 'string' || typeof item.id === 'number') label += ' · id “' + String(item.id).slice(0, 60) + '”';
      if (typeof item.title === 'string' && item.title.trim()) label += ' · “' + item.title.trim().slice(0, 80) + '”';
    }
    return label;
  }

  /** The parser's warnings grouped per item: items[N]… under "Item N+1", the rest under "Feed". */
  function itemList(warnings, items) {
    var groups = new Map();
    warnings.forEach(function (message) {
      var m = /^items\[(\d+)\]/.exec(message);
      var key = m ? +m[1] : -1;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(message);
    });
    var keys = Array.from(groups.keys()).sort(function (a, b) { return a - b; });
    var list = el('ul', 'item-problems');
    keys.forEach(function (key) {
      var messages = groups.get(key);
      var dropped = messages.some(function (msg) { return / dropped\b/.test(msg); });
      var li = el('li', dropped ? 'dropped' : '', [
        el('span', 'item-label', [key < 0 ? 'The feed itself' : describeItem(key, items)]),
        el('ul', '', messages.map(function (msg) {
          var isDrop = / dropped\b/.test(msg);
          return el('li', '', [badge(isDrop ? 'problem' : 'warning', isDrop ? 'Dropped' : 'Ignored'), code(msg)]);
        })),
      ]);
      if (key >= 0) li.setAttribute('data-item', String(key));
      list.append(li);
    });
    return list;
  }

  /** Tag and section suggestions from the feed (convenience only: the widget parser decides). */
  function suggest(feed) {
    var tags = new Set();
    var sections = new Set();
    if (feed && feed._news && typeof feed._news.section === 'string') sections.add(feed._news.section);
    (feed && Array.isArray(feed.items) ? feed.items : []).forEach(function (item) {
      if (!item || typeof item !== 'object') return;
      if (Array.isArray(item.tags)) item.tags.forEach(function (t) { if (typeof t === 'string' && t.trim()) tags.add(t.trim()); });
      if (item._news && typeof item._news.section === 'string') sections.add(item._news.section);
    });
    [['tag-options', tags], ['section-options', sections]].forEach(function (pair) {
      var list = $(pair[0]);
      list.replaceChildren.apply(list, Array.from(pair[1]).slice(0, 200).map(function (value) {
        var option = document.createElement('option');
        option.value = value;
        return option;
      }));
    });
  }

  var checkRun = 0;
  var checkAbort = null;

  function showResults(rows, summary) {
    var list = el('ul', 'check-list', rows.map(function (r) { return r.li; }));
    checkResults.replaceChildren(list);
    checkResults.setAttribute('aria-busy', 'false');
    var status = $('feed-status');
    status.replaceChildren(summary.kind ? badge(summary.kind, summary.verdict) : '', summary.text);
  }

  async function checkFeed(url) {
    checkedFeed = url;
    var run = ++checkRun;
    if (checkAbort) checkAbort.abort();
    var abort = new AbortController();
    checkAbort = abort;
    var timer = setTimeout(function () { abort.abort(); }, CHECK_TIMEOUT);
    var stale = function () { return run !== checkRun; };
    checkResults.setAttribute('aria-busy', 'true');
    checkResults.replaceChildren(el('p', 'checking', ['Checking ', code(url), '…']));
    $('feed-status').textContent = 'Checking the feed…';

    var rows = [];
    var target = new URL(url);
    var sameOrigin = target.origin === location.origin;
    var seeBelow = ' See “Feed check” below.';
    try {
      var policies = await pagePolicies();
      if (stale()) return;
      if (!cspAllows(target, policies)) {
        rows.push(row('Reach', 'problem', 'Blocked here', [
          'This configurator page’s Content-Security-Policy (', code('connect-src'), ') does not allow ',
          code(target.origin), ', so neither this check nor the previews can read the feed here. ',
          'That is this page’s own rule: on your site the widget can read any feed that sends ',
          code('Access-Control-Allow-Origin'), ' (if your pages send a CSP, its ', code('connect-src'),
          ' must list the feed’s origin).',
        ]));
        showResults(rows, { kind: 'problem', verdict: 'Blocked', text: ' This page’s CSP does not allow that origin.' + seeBelow });
        return;
      }

      var response;
      try {
        response = await fetch(target.href, {
          mode: 'cors', credentials: 'omit', cache: 'no-store', redirect: 'follow', signal: abort.signal,
        });
      } catch (error) {
        if (stale()) return;
        var timedOut = abort.signal.aborted;
        rows.push(row('CORS', 'problem', timedOut ? 'No answer' : 'Not allowed',
          timedOut
            ? ['No answer within ' + CHECK_TIMEOUT / 1000 + ' seconds.']
            : sameOrigin
              ? ['The feed could not be fetched: the server is unreachable or the request failed.']
              : ['The browser did not let this page read the feed. Most likely its server does not send ',
                code('Access-Control-Allow-Origin'), ' (it must be ', code('*'), ' or your site’s origin); ',
                'an unreachable server looks the same from a page. Without it the widget cannot read the feed.']));
        showResults(rows, {
          kind: 'problem', verdict: timedOut ? 'No answer' : 'No CORS',
          text: timedOut ? ' The feed did not answer.' + seeBelow
            : ' The feed cannot be read from this page (Access-Control-Allow-Origin missing?).' + seeBelow,
        });
        return;
      }
      if (stale()) return;

      rows.push(sameOrigin
        ? row('CORS', 'note', 'Same origin', ['The feed is on this page’s origin, so CORS is not involved here. ',
          'Partner sites on other origins need the feed to send ', code('Access-Control-Allow-Origin'), '.'])
        : row('CORS', 'ok', 'Allowed', ['The feed’s server answers with ', code('Access-Control-Allow-Origin'),
          ' for this page’s origin (', code(location.origin), '). If it names one origin rather than ',
          code('*'), ', make sure it names your site.']));

      var type = response.headers.get('content-type') || '(none)';
      var status = response.status + (response.statusText ? ' ' + response.statusText : '');
      if (!response.ok) {
        rows.push(row('HTTP', 'problem', 'HTTP ' + response.status, ['The server answered ', code(status),
          ' instead of the feed (Content-Type ', code(type), ').']));
        showResults(rows, { kind: 'problem', verdict: 'HTTP ' + response.status, text: ' The server answered ' + status + '.' + seeBelow });
        return;
      }
      var jsonType = /^application\/(feed\+)?json\b/i.test(type) || /\+json\b/i.test(type);
      rows.push(row('HTTP', jsonType ? 'ok' : 'warning', status, ['Content-Type ', code(type),
        jsonType ? '.' : '; a JSON Feed is usually served as application/feed+json or application/json.']));

      var text = await response.text();
      if (stale()) return;
      var parsed = null;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        parsed = null;
      }
      suggest(parsed);

      var widget = window.NewsWidget;
      if (!widget || typeof widget.checkFeed !== 'function') {
        rows.push(row('Items', 'note', 'Not checked', ['This build of the widget has no ', code('NewsWidget.checkFeed'),
          ', so the items were not read by its parser here. The previews still show what the widget makes of ',
          'the feed, and its console warnings name any item it drops.']));
        showResults(rows, { kind: 'note', verdict: 'Reachable', text: ' The feed answers; its items were not checked.' + seeBelow });
        return;
      }
      var report = await widget.checkFeed(text, response.url || target.href);
      if (stale()) return;
      var warnings = report && Array.isArray(report.warnings) ? report.warnings.map(String) : [];
      if (!report || !report.ok || report.error) {
        rows.push(row('Feed', 'problem', 'Not usable', ['The widget cannot use this document: ',
          code(String(report && report.error || 'unknown error')), '.']));
        if (warnings.length) rows[rows.length - 1].detail.append(itemList(warnings, parsed && parsed.items));
        showResults(rows, { kind: 'problem', verdict: 'Not usable', text: ' ' + String(report && report.error || 'The feed is not a usable JSON Feed.') + seeBelow });
        return;
      }
      var count = Number(report.items) || 0;
      var itemsRow = row('Feed', warnings.length ? 'warning' : 'ok', warnings.length ? 'Usable, with problems' : 'Valid', [
        'A JSON Feed with ' + count + (count === 1 ? ' item' : ' items') + ' the widget can show' +
        (warnings.length ? '; ' + warnings.length + (warnings.length === 1 ? ' problem' : ' problems') +
          ' (the widget drops an item or ignores a field, as listed):' : ', and no problems.'),
      ]);
      if (warnings.length) itemsRow.detail.append(itemList(warnings, parsed && parsed.items));
      rows.push(itemsRow);
      showResults(rows, warnings.length
        ? { kind: 'warning', verdict: 'Problems', text: ' ' + count + ' items usable, ' + warnings.length + ' problems.' + seeBelow }
        : { kind: 'ok', verdict: 'OK', text: ' ' + count + ' items, no problems, CORS ' + (sameOrigin ? 'not needed here' : 'set') + '.' });
    } catch (error) {
      if (stale()) return;
      rows.push(row('Check', 'problem', 'Failed', ['The check stopped: ' + (error && error.message || error)]));
      showResults(rows, { kind: 'problem', verdict: 'Failed', text: ' The check could not finish.' + seeBelow });
    } finally {
      clearTimeout(timer);
    }
  }

  // ------------------------------------------------------------------ snippet

  function loadIntegrity() {
    var url = new URL('integrity.json', loaderSrc);
    return fetch(url.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (hashes) {
        var hash = hashes && hashes['news-widget.js'];
        if (typeof hash !== 'string' || !/^sha(256|384|512)-[A-Za-z0-9+/=]+$/.test(hash)) {
          throw new Error('no hash for news-widget.js');
        }
        integrity = hash;
      })
      .catch(function (error) {
        integrity = null;
        integrityProblem = 'The integrity hash could not be read from ' + url.href + ' (' + error.message +
          '); the snippet is shown without it.';
      });
  }

  function announceCopy(message) {
    var status = $('copy-status');
    clearTimeout(copyTimer);
    status.textContent = '';
    // A fresh text node after a pause, so a repeated "Copied" is announced again.
    copyTimer = setTimeout(function () { status.textContent = message; }, 100);
  }

  function selectSnippet() {
    var range = document.createRange();
    range.selectNodeContents(snippetCode);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  async function copySnippet() {
    var text = snippetCode.textContent;
    try {
      if (!navigator.clipboard || !navigator.clipboard.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      announceCopy('Copied');
    } catch (error) {
      selectSnippet();
      announceCopy('Could not copy automatically: the snippet is selected, press Ctrl+C (⌘C) to copy it.');
    }
  }

  // ------------------------------------------------------------------ wiring

  function isTyped(target) {
    return target.tagName === 'INPUT' && (target.type === 'text' || target.type === 'url');
  }

  form.addEventListener('input', function (event) {
    var target = event.target;
    if (target.id === 'title') form.elements['title-mode'].value = 'custom';
    if (target.id === 'accent-picker') {
      $('accent').value = target.value;
      schedule(150); // dragging across the picker fires many events
      return;
    }
    schedule(isTyped(target) ? TEXT_DELAY : 0);
  });
  form.addEventListener('change', function () { schedule(0); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    update();
  });
  form.addEventListener('reset', function () {
    setTimeout(update, 0); // the controls hold their defaults only after the event
  });
  $('accent-reset').addEventListener('click', function () {
    $('accent').value = '';
    update();
  });
  $('copy').addEventListener('click', copySnippet);
  $('no-shift').addEventListener('change', update);
  $('recheck').addEventListener('click', function () {
    checkedFeed = null; // update() checks the (last valid) feed again
    update();
  });

  // In "link" mode a card is a plain link: following it would leave the configurator.
  hosts.forEach(function (host) {
    host.addEventListener('click', function (event) {
      if ((host.getAttribute('data-open') || 'inline') !== 'link') return;
      var link = event.composedPath().find(function (node) { return node instanceof HTMLAnchorElement && node.href; });
      if (!link || link.target === '_blank' || event.defaultPrevented) return;
      event.preventDefault();
      $('preview-note').textContent = 'Link mode: on your site this card takes the reader to ' + link.href +
        ' (in the same tab). The preview stays here.';
    });
  });

  // The frames' real widths (the wide one narrows with the window).
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      $('narrow-width').textContent = Math.round(hosts[0].getBoundingClientRect().width) + ' px';
      $('wide-width').textContent = Math.round(hosts[1].getBoundingClientRect().width) + ' px';
    }).observe(hosts[1]);
  }

  var origin = new URL(loaderSrc).origin;
  $('origin-note').textContent = origin === location.origin
    ? 'The script address is where this page loads the widget from (' + origin + '). If you host dist/ ' +
      'elsewhere, change src and take the hash from that copy’s integrity.json.'
    : '';

  update();
  loadIntegrity().then(function () {
    if (integrityProblem) $('integrity-note').textContent = integrityProblem;
    update();
  });
})();
