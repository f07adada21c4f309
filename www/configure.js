// The configurator (configure.html): the form drives two live previews (real
// widgets, re-rendered when their data-* attributes change) and the snippet;
// the feed is checked with a CORS fetch and the widget's own parser. It
// speaks the webmaster's language (Simplified Chinese or English, from the
// browser, with a switch on the page); the snippet is the same in both.
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
    light: { bg: '#ffffff', accent: '#0a58a8', name: 'themeLightName' },
    dark: { bg: '#15181d', accent: '#7cb8ff', name: 'themeDarkName' },
  };
  var TEXT_DELAY = 400; // ms after the last keystroke in a text field
  var CHECK_TIMEOUT = 15000;

  // ------------------------------------------------------------------ languages

  /**
   * Every text of the page, one table per language (as the widget keeps its
   * own in core/src/i18n.rs). `{name}` is filled in by the code; text between
   * backticks is shown as code; an entry with `one`/`other` is chosen by the
   * language's plural rules. The HTML holds only the keys (data-i18n).
   */
  var STRINGS = {
    en: {
      pageTitle: 'Configure the news widget',
      skipLink: 'Skip to the snippet',
      heading: 'Configure the news widget',
      pageLanguage: 'Language of this page',
      intro: 'Pick a feed and how the widget should look. The two previews are the real widget, redrawn on every ' +
        'change, in a narrow and a wide column. Then copy the snippet into your page.',
      backToDemo: 'Back to the demo page',
      settings: 'Settings',
      feedLegend: 'Feed',
      feedLabel: 'Feed URL (JSON Feed)',
      demoHome: 'Demo: home page news',
      demoHome2: 'Demo: home page news, page 2',
      demoNoCors: 'Demo: a feed without CORS headers',
      demo404: 'Demo: a missing feed (HTTP 404)',
      feedHint: 'An absolute http(s) address. Its server must send `Access-Control-Allow-Origin`.',
      titleLegend: 'Heading above the list',
      titleFeed: 'The feed’s title',
      titleNone: 'No heading',
      titleCustom: 'My own heading:',
      titleText: 'Own heading text',
      titleHint: 'Typing here selects “My own heading”.',
      layoutLegend: 'Layout',
      layoutLabel: 'Layout',
      layoutCards: 'Cards (a grid)',
      layoutList: 'List (rows with a thumbnail)',
      layoutMagazine: 'Magazine (first item large)',
      layoutTicker: 'Ticker (one headline at a time)',
      limitLabel: 'Items shown',
      limitHint: '1–50; “Load more” shows as many again.',
      openLabel: 'Opening an item',
      openInline: 'Inline (the article replaces the list)',
      openModal: 'Modal dialog over the page',
      openLink: 'Link to the article’s own page',
      relatedLabel: 'Related articles',
      relatedHint: '0–20, under an open article; 0 hides them.',
      appearanceLegend: 'Appearance',
      themeLabel: 'Theme',
      themeAuto: 'Automatic (reader’s system)',
      themeLight: 'Light',
      themeDark: 'Dark',
      accentLabel: 'Accent colour',
      accentPick: 'Pick the accent colour',
      accentPlaceholder: 'theme’s',
      accentReset: 'Reset',
      accentResetLabel: 'Reset to the theme’s accent colour',
      accentHint: 'Any CSS colour, e.g. `#a0153e` or `teal`; empty uses the theme’s.',
      fontLabel: 'Font',
      fontPlaceholder: 'the page’s font',
      fontHint: 'A CSS font-family list; empty inherits your page’s font.',
      radiusLabel: 'Corner radius',
      radiusHint: 'A CSS length such as `0`, `4px` or `1rem`.',
      densityLabel: 'Density',
      densityComfortable: 'Comfortable',
      densityCompact: 'Compact',
      langLabel: 'Language',
      langAuto: 'Automatic (feed, then page)',
      showLegend: 'Shown on each item',
      showImage: 'Image',
      showSummary: 'Summary',
      showDate: 'Date',
      showSource: 'Source',
      showViews: 'Views',
      showSection: 'Section',
      showTags: 'Tags',
      showAuthor: 'Author',
      filtersLegend: 'Filters',
      tagLabel: 'Only items with the tag',
      tagPlaceholder: 'all items',
      tagHint: 'Suggestions come from the feed.',
      sectionLabel: 'Only items of the section',
      sectionPlaceholder: 'all sections',
      sectionHint: 'The item’s `_news.section`, or the feed’s.',
      loadingLegend: 'Loading',
      refreshLabel: 'Re-fetch every (seconds)',
      refreshHint: '0 never; otherwise at least 60.',
      timeoutLabel: 'Give up a request after (seconds)',
      timeoutHint: '1–60.',
      resetAll: 'Reset all settings',
      previewHeading: 'Preview',
      previewHint: 'The widget follows the width of the column it is placed in, not the window.',
      narrowColumn: 'Narrow column',
      wideColumn: 'Wide column',
      snippetHeading: 'Snippet to paste',
      snippetHint: 'Put this tag where the widget should appear. It holds only the settings that differ from the ' +
        'defaults.',
      noShiftLabel: 'No layout shift: load the loader without `async`',
      noShiftHint: 'Then the loader (7 KB compressed) draws the widget’s placeholder before the browser first shows ' +
        'your page, and nothing below the widget ever moves. With `async`, the page appears a moment earlier on a ' +
        'first visit and moves down once when the placeholder appears.',
      copy: 'Copy',
      copied: 'Copied',
      copyFailed: 'Could not copy automatically: the snippet is selected, press Ctrl+C (⌘C) to copy it.',
      integrityNote: 'The `integrity` hash makes browsers refuse a changed copy of the widget; the widget’s host must ' +
        'then send `Access-Control-Allow-Origin` for the script (`crossorigin="anonymous"`).',
      integrityMissing: 'The integrity hash could not be read from {url} ({error}); the snippet is shown without it.',
      originNote: 'The script address is where this page loads the widget from ({origin}). If you host dist/ ' +
        'elsewhere, change src and take the hash from that copy’s integrity.json.',
      linkModeNote: 'Link mode: on your site this card takes the reader to {url} (in the same tab). The preview ' +
        'stays here.',
      checkHeading: 'Feed check',
      checkHint: 'The feed is fetched as a partner page would fetch it, then read by the widget’s own parser.',
      recheck: 'Check the feed again',
      footer: 'Attributes, layouts and the JavaScript API are described in `docs/attributes.md`.',

      errorNumber: 'Enter a whole number from {min} to {max}.',
      errorRefresh: 'Use 0 (never) or at least 60 seconds.',
      errorFeedRequired: 'The feed URL is required.',
      errorFeedAbsolute: 'Enter an absolute address starting with https:// or http://.',
      errorAccent: '“{value}” is not a CSS colour; the theme’s is used.',
      errorFont: '“{value}” is not a CSS font-family list; the theme’s is used.',
      errorRadius: '“{value}” is not a CSS length; the theme’s is used.',
      errorShow: 'Choose at least one; with none the widget shows its default fields.',
      listSeparator: ', ',
      notApplied: 'Not applied until corrected: {fields}.',
      notAppliedFeed: 'Not applied until corrected: {fields} (the snippet keeps the last valid feed URL).',

      contrastOn: '{ratio}:1 on {theme}',
      contrastLow: 'Contrast of links: {ratios} — below the 4.5:1 that WCAG AA asks for text.',
      contrastOk: 'Contrast of links: {ratios} (WCAG AA asks for 4.5:1).',
      themeLightName: 'the light theme',
      themeDarkName: 'the dark theme',

      seeBelow: '{text} See “Feed check” below.',
      checking: 'Checking `{url}`…',
      checkingStatus: 'Checking the feed…',
      rowReach: 'Reach',
      rowCors: 'CORS',
      rowHttp: 'HTTP',
      rowFeed: 'Feed',
      rowItems: 'Items',
      rowCheck: 'Check',
      blockedHere: 'Blocked here',
      blockedDetail: 'This configurator page’s Content-Security-Policy (`connect-src`) does not allow `{origin}`, ' +
        'so neither this check nor the previews can read the feed here. That is this page’s own rule: on your ' +
        'site the widget can read any feed that sends `Access-Control-Allow-Origin` (if your pages send a CSP, ' +
        'its `connect-src` must list the feed’s origin).',
      blocked: 'Blocked',
      blockedSummary: 'This page’s CSP does not allow that origin.',
      noAnswer: 'No answer',
      noAnswerDetail: 'No answer within {seconds} seconds.',
      noAnswerSummary: 'The feed did not answer.',
      notAllowed: 'Not allowed',
      unreachable: 'The feed could not be fetched: the server is unreachable or the request failed.',
      noCorsDetail: 'The browser did not let this page read the feed. Most likely its server does not send ' +
        '`Access-Control-Allow-Origin` (it must be `*` or your site’s origin); an unreachable server looks the same ' +
        'from a page. Without it the widget cannot read the feed.',
      noCors: 'No CORS',
      noCorsSummary: 'The feed cannot be read from this page (Access-Control-Allow-Origin missing?).',
      sameOrigin: 'Same origin',
      sameOriginDetail: 'The feed is on this page’s origin, so CORS is not involved here. Partner sites on other ' +
        'origins need the feed to send `Access-Control-Allow-Origin`.',
      allowed: 'Allowed',
      allowedDetail: 'The feed’s server answers with `Access-Control-Allow-Origin` for this page’s origin ' +
        '(`{origin}`). If it names one origin rather than `*`, make sure it names your site.',
      httpError: 'The server answered `{status}` instead of the feed (Content-Type `{type}`).',
      httpErrorSummary: 'The server answered {status}.',
      contentType: 'Content-Type `{type}`.',
      contentTypeOdd: 'Content-Type `{type}`; a JSON Feed is usually served as application/feed+json or ' +
        'application/json.',
      noContentType: '(none)',
      notChecked: 'Not checked',
      notCheckedDetail: 'This build of the widget has no `NewsWidget.checkFeed`, so the items were not read by its ' +
        'parser here. The previews still show what the widget makes of the feed, and its console warnings name ' +
        'any item it drops.',
      reachable: 'Reachable',
      notCheckedSummary: 'The feed answers; its items were not checked.',
      notUsable: 'Not usable',
      notUsableDetail: 'The widget cannot use this document: `{error}`.',
      notUsableSummary: 'The feed is not a usable JSON Feed.',
      unknownError: 'unknown error',
      valid: 'Valid',
      usableWithProblems: 'Usable, with problems',
      feedItems: { one: 'A JSON Feed with {count} item the widget can show', other: 'A JSON Feed with {count} items the widget can show' },
      feedNoProblems: ', and no problems.',
      feedProblems: {
        one: '; {count} problem (the widget drops an item or ignores a field, as listed):',
        other: '; {count} problems (the widget drops an item or ignores a field, as listed):',
      },
      problems: 'Problems',
      problemsSummary: '{count} items usable, {problems} problems.',
      ok: 'OK',
      okSummary: '{count} items, no problems, CORS set.',
      okSummarySameOrigin: '{count} items, no problems, CORS not needed here.',
      failed: 'Failed',
      failedDetail: 'The check stopped: {error}',
      failedSummary: 'The check could not finish.',
      feedItself: 'The feed itself',
      item: 'Item {n}',
      itemId: ' · id “{id}”',
      itemTitle: ' · “{title}”',
      dropped: 'Dropped',
      ignored: 'Ignored',
    },
    'zh-CN': {
      pageTitle: '新闻小部件配置器',
      skipLink: '跳到嵌入代码',
      heading: '配置新闻小部件',
      pageLanguage: '页面语言',
      intro: '选择订阅源并设定小部件的外观。下方两个预览就是真实的小部件,分别放在窄栏和宽栏中,每次修改都会重新绘制。' +
        '设置完成后,将嵌入代码复制到您的网页中即可。',
      backToDemo: '返回演示页',
      settings: '设置',
      feedLegend: '订阅源',
      feedLabel: '订阅源地址(JSON Feed)',
      demoHome: '演示:主页新闻',
      demoHome2: '演示:主页新闻第 2 页',
      demoNoCors: '演示:未发送 CORS 响应头的订阅源',
      demo404: '演示:不存在的订阅源(HTTP 404)',
      feedHint: '须为 http(s) 绝对地址,其服务器必须发送 `Access-Control-Allow-Origin` 响应头。',
      titleLegend: '列表上方的标题',
      titleFeed: '使用订阅源的标题',
      titleNone: '不显示标题',
      titleCustom: '自定义标题:',
      titleText: '自定义标题文字',
      titleHint: '在此输入即选中“自定义标题”。',
      layoutLegend: '布局',
      layoutLabel: '布局',
      layoutCards: '卡片(网格排列)',
      layoutList: '列表(每行带缩略图)',
      layoutMagazine: '杂志(首条大图)',
      layoutTicker: '滚动(每次显示一条标题)',
      limitLabel: '显示条数',
      limitHint: '1–50;点击“加载更多”再显示同样条数。',
      openLabel: '条目打开方式',
      openInline: '页内打开(文章替换列表)',
      openModal: '在页面上方弹窗打开',
      openLink: '链接到文章原页面',
      relatedLabel: '相关文章',
      relatedHint: '0–20,显示在已打开的文章下方;0 表示不显示。',
      appearanceLegend: '外观',
      themeLabel: '主题',
      themeAuto: '自动(跟随读者系统设置)',
      themeLight: '浅色',
      themeDark: '深色',
      accentLabel: '强调色',
      accentPick: '选择强调色',
      accentPlaceholder: '主题默认',
      accentReset: '重置',
      accentResetLabel: '重置为主题默认的强调色',
      accentHint: '任意 CSS 颜色,例如 `#a0153e` 或 `teal`;留空则使用主题默认颜色。',
      fontLabel: '字体',
      fontPlaceholder: '沿用网页字体',
      fontHint: 'CSS font-family 字体列表;留空则沿用您网页的字体。',
      radiusLabel: '圆角半径',
      radiusHint: 'CSS 长度,例如 `0`、`4px` 或 `1rem`。',
      densityLabel: '疏密',
      densityComfortable: '宽松',
      densityCompact: '紧凑',
      langLabel: '语言',
      langAuto: '自动(先依据订阅源,再依据网页)',
      showLegend: '每个条目显示',
      showImage: '图片',
      showSummary: '摘要',
      showDate: '日期',
      showSource: '来源',
      showViews: '浏览量',
      showSection: '栏目',
      showTags: '标签',
      showAuthor: '作者',
      filtersLegend: '筛选',
      tagLabel: '仅显示带此标签的条目',
      tagPlaceholder: '全部条目',
      tagHint: '候选项取自订阅源。',
      sectionLabel: '仅显示此栏目的条目',
      sectionPlaceholder: '全部栏目',
      sectionHint: '即条目的 `_news.section`,没有时取订阅源的栏目。',
      loadingLegend: '加载',
      refreshLabel: '自动刷新间隔(秒)',
      refreshHint: '0 表示不刷新;否则至少为 60。',
      timeoutLabel: '请求超时(秒)',
      timeoutHint: '1–60。',
      resetAll: '全部恢复默认设置',
      previewHeading: '预览',
      previewHint: '小部件随所在栏目的宽度自适应,而不是随浏览器窗口。',
      narrowColumn: '窄栏',
      wideColumn: '宽栏',
      snippetHeading: '嵌入代码',
      snippetHint: '将这段代码放在网页中要显示小部件的位置。代码只包含与默认值不同的设置。',
      noShiftLabel: '避免布局偏移:不带 `async` 加载脚本',
      noShiftHint: '这样,加载脚本(压缩后 7 KB)会在浏览器首次显示您的网页之前绘制小部件的占位框,小部件下方的内容不会移动。' +
        '使用 `async` 时,首次访问的网页会稍早一点显示,但在占位框出现时整体下移一次。',
      copy: '复制',
      copied: '已复制',
      copyFailed: '无法自动复制:嵌入代码已选中,请按 Ctrl+C(⌘C)复制。',
      integrityNote: '`integrity` 哈希值使浏览器拒绝被篡改的小部件副本;因此托管小部件的服务器必须为脚本发送 ' +
        '`Access-Control-Allow-Origin` 响应头(`crossorigin="anonymous"`)。',
      integrityMissing: '无法从 {url} 读取 integrity 哈希值({error});下方嵌入代码不含该哈希值。',
      originNote: '脚本地址即本页加载小部件的位置({origin})。如果您将 dist/ 部署在其他位置,请修改 src,' +
        '并从该副本的 integrity.json 中获取哈希值。',
      linkModeNote: '链接模式:在您的网站上,点击此卡片会在当前标签页打开 {url}。预览停留在本页。',
      checkHeading: '订阅源检查',
      checkHint: '按合作网站网页的方式获取订阅源,再用小部件自身的解析器读取。',
      recheck: '重新检查订阅源',
      footer: '属性、布局和 JavaScript API 的说明见 `docs/attributes.zh-CN.md`。',

      errorNumber: '请输入 {min} 到 {max} 之间的整数。',
      errorRefresh: '请填 0(不刷新)或不少于 60 秒。',
      errorFeedRequired: '请填写订阅源地址。',
      errorFeedAbsolute: '请输入以 https:// 或 http:// 开头的绝对地址。',
      errorAccent: '“{value}”不是有效的 CSS 颜色;将使用主题默认值。',
      errorFont: '“{value}”不是有效的 CSS font-family 字体列表;将使用主题默认值。',
      errorRadius: '“{value}”不是有效的 CSS 长度;将使用主题默认值。',
      errorShow: '请至少选择一项;全部不选时小部件显示默认字段。',
      listSeparator: '、',
      notApplied: '以下设置更正前不会生效:{fields}。',
      notAppliedFeed: '以下设置更正前不会生效:{fields}(嵌入代码保留上一个有效的订阅源地址)。',

      contrastOn: '{theme}上为 {ratio}:1',
      contrastLow: '链接对比度:{ratios},低于 WCAG AA 对正文要求的 4.5:1。',
      contrastOk: '链接对比度:{ratios}(WCAG AA 要求正文达到 4.5:1)。',
      themeLightName: '浅色主题',
      themeDarkName: '深色主题',

      seeBelow: '{text}详见下方“订阅源检查”。',
      checking: '正在检查 `{url}`…',
      checkingStatus: '正在检查订阅源…',
      rowReach: '可访问性',
      rowCors: 'CORS',
      rowHttp: 'HTTP',
      rowFeed: '订阅源',
      rowItems: '条目',
      rowCheck: '检查',
      blockedHere: '本页受限',
      blockedDetail: '本配置页的内容安全策略(`connect-src`)不允许访问 `{origin}`,因此本页的检查和预览都无法读取该订阅源。' +
        '这只是本页自身的规则:在您的网站上,只要订阅源发送 `Access-Control-Allow-Origin` 响应头,小部件就能读取' +
        '(如果您的网页设置了 CSP,其 `connect-src` 必须包含订阅源的来源)。',
      blocked: '受限',
      blockedSummary: '本页的 CSP 不允许访问该来源。',
      noAnswer: '无响应',
      noAnswerDetail: '{seconds} 秒内没有响应。',
      noAnswerSummary: '订阅源没有响应。',
      notAllowed: '不允许',
      unreachable: '无法获取订阅源:服务器无法访问,或请求失败。',
      noCorsDetail: '浏览器不允许本页读取该订阅源。最可能的原因是其服务器没有发送 `Access-Control-Allow-Origin` 响应头' +
        '(其值须为 `*` 或您网站的来源);从网页看来,服务器无法访问时也是同样的表现。缺少该响应头,小部件就无法读取订阅源。',
      noCors: '缺少 CORS',
      noCorsSummary: '本页无法读取该订阅源(可能缺少 Access-Control-Allow-Origin)。',
      sameOrigin: '同源',
      sameOriginDetail: '订阅源与本页同源,所以此处不涉及 CORS。其他来源的合作网站需要订阅源发送 `Access-Control-Allow-Origin` 响应头。',
      allowed: '允许',
      allowedDetail: '订阅源的服务器为本页的来源(`{origin}`)返回了 `Access-Control-Allow-Origin` 响应头。' +
        '如果它指定的是某个来源而不是 `*`,请确认其中包含您的网站。',
      httpError: '服务器返回了 `{status}`,而不是订阅源(Content-Type 为 `{type}`)。',
      httpErrorSummary: '服务器返回了 {status}。',
      contentType: 'Content-Type 为 `{type}`。',
      contentTypeOdd: 'Content-Type 为 `{type}`;JSON Feed 通常以 application/feed+json 或 application/json 提供。',
      noContentType: '(无)',
      notChecked: '未检查',
      notCheckedDetail: '当前版本的小部件没有 `NewsWidget.checkFeed`,因此此处未用其解析器读取条目。' +
        '预览仍会显示小部件对订阅源的处理结果,被丢弃的条目会在控制台警告中列出。',
      reachable: '可访问',
      notCheckedSummary: '订阅源有响应,但未检查其条目。',
      notUsable: '无法使用',
      notUsableDetail: '小部件无法使用该文档:`{error}`。',
      notUsableSummary: '该订阅源不是可用的 JSON Feed。',
      unknownError: '未知错误',
      valid: '有效',
      usableWithProblems: '可用,但有问题',
      feedItems: { other: '这是一个 JSON Feed,小部件可显示其中 {count} 个条目' },
      feedNoProblems: ',没有发现问题。',
      feedProblems: { other: ';发现 {count} 个问题(小部件会丢弃条目或忽略字段,详见下列说明):' },
      problems: '有问题',
      problemsSummary: '可用条目 {count} 个,问题 {problems} 个。',
      ok: '正常',
      okSummary: '共 {count} 个条目,没有问题,已设置 CORS。',
      okSummarySameOrigin: '共 {count} 个条目,没有问题,此处无需 CORS。',
      failed: '失败',
      failedDetail: '检查中断:{error}',
      failedSummary: '检查未能完成。',
      feedItself: '订阅源本身',
      item: '第 {n} 个条目',
      itemId: ' · id“{id}”',
      itemTitle: ' · “{title}”',
      dropped: '已丢弃',
      ignored: '已忽略',
    },
  };
  var LANGUAGE_KEY = 'news-widget-configure-language';
  var language = chooseLanguage();

  /** The stored choice, else the browser's first zh or en language, else English. */
  function chooseLanguage() {
    try {
      var stored = localStorage.getItem(LANGUAGE_KEY);
      if (Object.prototype.hasOwnProperty.call(STRINGS, stored)) return stored;
    } catch (e) {
      // Storage may be blocked: the browser's languages decide.
    }
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < preferred.length; i += 1) {
      var tag = String(preferred[i] || '').toLowerCase();
      if (tag === 'zh' || tag.indexOf('zh-') === 0) return 'zh-CN';
      if (tag === 'en' || tag.indexOf('en-') === 0) return 'en';
    }
    return 'en';
  }

  /** The template of `key` in the current language, filled with `params`, as parts: [text, code, text, …]. */
  function parts(key, params) {
    var entry = STRINGS[language][key];
    if (typeof entry === 'object') {
      entry = entry[new Intl.PluralRules(language).select(params.count)] || entry.other;
    }
    return entry.split('`').map(function (part) {
      return part.replace(/\{(\w+)\}/g, function (whole, name) {
        return Object.prototype.hasOwnProperty.call(params || {}, name) ? String(params[name]) : whole;
      });
    });
  }

  /** A string as plain text (code marks dropped). */
  function t(key, params) {
    return parts(key, params).join('');
  }

  /** A string as nodes: the text between backticks in <code>. */
  function rich(key, params) {
    return parts(key, params).map(function (part, i) { return i % 2 ? code(part) : part; });
  }

  /** Fills every data-i18n element and attribute and marks the current language. */
  function applyLanguage() {
    document.documentElement.lang = language;
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.replaceChildren.apply(node, rich(node.getAttribute('data-i18n')).filter(Boolean));
    });
    ['aria-label', 'placeholder', 'label'].forEach(function (attribute) {
      document.querySelectorAll('[data-i18n-' + attribute + ']').forEach(function (node) {
        node.setAttribute(attribute, t(node.getAttribute('data-i18n-' + attribute)));
      });
    });
    document.querySelectorAll('.lang-switch button').forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.value === language));
    });
  }

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
  var integrityProblem = null; // {url, error} when the hash could not be read
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
    var range = t('errorNumber', { min: min, max: max });
    if (input.validity.badInput) return { error: range };
    if (raw === '') return { value: DEFAULTS[id] };
    if (!/^\d+$/.test(raw) || +raw < min || +raw > max) {
      return { error: range };
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
        ? t('errorFeedRequired')
        : t('errorFeedAbsolute');
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
      return n > 0 && n < 60 ? t('errorRefresh') : '';
    });
    if (refresh.error) errors.refresh = refresh.error;
    values.refresh = refresh.error ? DEFAULTS.refresh : refresh.value;

    [['accent', 'color', 'errorAccent'], ['font', 'font-family', 'errorFont'],
      ['radius', 'border-top-left-radius', 'errorRadius']].forEach(function (spec) {
      var value = $(spec[0]).value.trim();
      if (value === '') {
        values[spec[0]] = null;
      } else if (cssValue(spec[1], value)) {
        values[spec[0]] = value;
      } else {
        values[spec[0]] = null;
        errors[spec[0]] = t(spec[2], { value: value });
      }
    });

    var shown = SHOW_FIELDS.filter(function (name) { return $('show-' + name).checked; });
    if (shown.length === 0) {
      errors.show = t('errorShow');
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

  /** The fields that can be wrong, and the key of the label that names each. */
  var LABELS = {
    feed: 'feedLabel', limit: 'limitLabel', related: 'relatedLabel', accent: 'accentLabel', font: 'fontLabel',
    radius: 'radiusLabel', show: 'showLegend', refresh: 'refreshLabel', timeout: 'timeoutLabel',
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
    var problems = Object.keys(read.errors).map(function (id) { return t(LABELS[id]); });
    var summary = $('snippet-problems');
    summary.hidden = problems.length === 0;
    summary.textContent = problems.length === 0 ? ''
      : t(read.errors.feed ? 'notAppliedFeed' : 'notApplied', { fields: problems.join(t('listSeparator')) });

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
    var ratios = themes.map(function (name) {
      var theme = THEMES[name];
      var ratio = contrast(paint(values.accent, theme.bg), paint(theme.bg, theme.bg));
      return { name: t(theme.name), ratio: ratio };
    });
    var low = ratios.filter(function (p) { return p.ratio < 4.5; });
    hint.textContent = t(low.length ? 'contrastLow' : 'contrastOk', {
      ratios: ratios.map(function (p) {
        // Rounded down, as WCAG asks (4.49:1 does not pass as 4.5:1).
        return t('contrastOn', { ratio: (Math.floor(p.ratio * 10) / 10).toFixed(1), theme: p.name });
      }).join(t('listSeparator')),
    });
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
    var label = t('item', { n: index + 1 });
    var item = items && items[index];
    if (item && typeof item === 'object') {
      if (typeof item.id === 'string' || typeof item.id === 'number') label += t('itemId', { id: String(item.id).slice(0, 60) });
      if (typeof item.title === 'string' && item.title.trim()) label += t('itemTitle', { title: item.title.trim().slice(0, 80) });
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
        el('span', 'item-label', [key < 0 ? t('feedItself') : describeItem(key, items)]),
        el('ul', '', messages.map(function (msg) {
          var isDrop = / dropped\b/.test(msg);
          return el('li', '', [badge(isDrop ? 'problem' : 'warning', t(isDrop ? 'dropped' : 'ignored')), code(msg)]);
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
    var text = summary.details ? t('seeBelow', { text: summary.text }) : summary.text;
    status.replaceChildren(badge(summary.kind, summary.verdict), ' ' + text);
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
    checkResults.replaceChildren(el('p', 'checking', rich('checking', { url: url })));
    $('feed-status').textContent = t('checkingStatus');

    var rows = [];
    var target = new URL(url);
    var sameOrigin = target.origin === location.origin;
    try {
      var policies = await pagePolicies();
      if (stale()) return;
      if (!cspAllows(target, policies)) {
        rows.push(row(t('rowReach'), 'problem', t('blockedHere'), rich('blockedDetail', { origin: target.origin })));
        showResults(rows, { kind: 'problem', verdict: t('blocked'), text: t('blockedSummary'), details: true });
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
        rows.push(row(t('rowCors'), 'problem', t(timedOut ? 'noAnswer' : 'notAllowed'),
          timedOut ? rich('noAnswerDetail', { seconds: CHECK_TIMEOUT / 1000 })
            : rich(sameOrigin ? 'unreachable' : 'noCorsDetail')));
        showResults(rows, {
          kind: 'problem', verdict: t(timedOut ? 'noAnswer' : 'noCors'),
          text: t(timedOut ? 'noAnswerSummary' : 'noCorsSummary'), details: true,
        });
        return;
      }
      if (stale()) return;

      rows.push(sameOrigin
        ? row(t('rowCors'), 'note', t('sameOrigin'), rich('sameOriginDetail'))
        : row(t('rowCors'), 'ok', t('allowed'), rich('allowedDetail', { origin: location.origin })));

      var type = response.headers.get('content-type') || t('noContentType');
      var status = response.status + (response.statusText ? ' ' + response.statusText : '');
      if (!response.ok) {
        rows.push(row(t('rowHttp'), 'problem', 'HTTP ' + response.status, rich('httpError', { status: status, type: type })));
        showResults(rows, {
          kind: 'problem', verdict: 'HTTP ' + response.status, text: t('httpErrorSummary', { status: status }), details: true,
        });
        return;
      }
      var jsonType = /^application\/(feed\+)?json\b/i.test(type) || /\+json\b/i.test(type);
      rows.push(row(t('rowHttp'), jsonType ? 'ok' : 'warning', status, rich(jsonType ? 'contentType' : 'contentTypeOdd', { type: type })));

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
        rows.push(row(t('rowItems'), 'note', t('notChecked'), rich('notCheckedDetail')));
        showResults(rows, { kind: 'note', verdict: t('reachable'), text: t('notCheckedSummary'), details: true });
        return;
      }
      var report = await widget.checkFeed(text, response.url || target.href);
      if (stale()) return;
      var warnings = report && Array.isArray(report.warnings) ? report.warnings.map(String) : [];
      if (!report || !report.ok || report.error) {
        var reason = report && report.error ? String(report.error) : '';
        rows.push(row(t('rowFeed'), 'problem', t('notUsable'), rich('notUsableDetail', { error: reason || t('unknownError') })));
        if (warnings.length) rows[rows.length - 1].detail.append(itemList(warnings, parsed && parsed.items));
        showResults(rows, { kind: 'problem', verdict: t('notUsable'), text: reason || t('notUsableSummary'), details: true });
        return;
      }
      var count = Number(report.items) || 0;
      var itemsRow = row(t('rowFeed'), warnings.length ? 'warning' : 'ok', t(warnings.length ? 'usableWithProblems' : 'valid'), [
        t('feedItems', { count: count }) +
        (warnings.length ? t('feedProblems', { count: warnings.length }) : t('feedNoProblems')),
      ]);
      if (warnings.length) itemsRow.detail.append(itemList(warnings, parsed && parsed.items));
      rows.push(itemsRow);
      showResults(rows, warnings.length
        ? { kind: 'warning', verdict: t('problems'), text: t('problemsSummary', { count: count, problems: warnings.length }), details: true }
        : { kind: 'ok', verdict: t('ok'), text: t(sameOrigin ? 'okSummarySameOrigin' : 'okSummary', { count: count }) });
    } catch (error) {
      if (stale()) return;
      rows.push(row(t('rowCheck'), 'problem', t('failed'), rich('failedDetail', { error: error && error.message || error })));
      showResults(rows, { kind: 'problem', verdict: t('failed'), text: t('failedSummary'), details: true });
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
        integrityProblem = { url: url.href, error: error.message };
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
      announceCopy(t('copied'));
    } catch (error) {
      selectSnippet();
      announceCopy(t('copyFailed'));
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
      $('preview-note').textContent = t('linkModeNote', { url: link.href });
    });
  });

  // The frames' real widths (the wide one narrows with the window).
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      $('narrow-width').textContent = Math.round(hosts[0].getBoundingClientRect().width) + ' px';
      $('wide-width').textContent = Math.round(hosts[1].getBoundingClientRect().width) + ' px';
    }).observe(hosts[1]);
  }

  /** The notes under the snippet, in the current language. */
  function notes() {
    var note = $('integrity-note');
    if (integrityProblem) note.textContent = t('integrityMissing', integrityProblem);
    else note.replaceChildren.apply(note, rich('integrityNote').filter(Boolean));
    var origin = new URL(loaderSrc).origin;
    $('origin-note').textContent = origin === location.origin ? t('originNote', { origin: origin }) : '';
  }

  /** Switches the page to `next`, remembers the choice, and redoes the texts made by code. */
  function switchLanguage(next) {
    if (next === language || !Object.prototype.hasOwnProperty.call(STRINGS, next)) return;
    language = next;
    try {
      localStorage.setItem(LANGUAGE_KEY, next);
    } catch (e) {
      // Not remembered: the browser's languages decide next time.
    }
    applyLanguage();
    notes();
    $('copy-status').textContent = '';
    $('preview-note').textContent = '';
    checkedFeed = null; // the check's report is written again in the new language
    update();
  }

  document.querySelectorAll('.lang-switch button').forEach(function (button) {
    button.addEventListener('click', function () { switchLanguage(button.value); });
  });

  applyLanguage();
  notes();
  update();
  loadIntegrity().then(function () {
    notes();
    update();
  });
})();
