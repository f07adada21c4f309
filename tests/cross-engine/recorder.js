// The first script of every cross-engine page (a file on the page's own
// origin, so the strict CSP lets it run). It records, in window.__xe, what
// the tests must see in every engine, including WebKit, whose driver reports
// no console messages: console.error/warn calls, uncaught errors, unhandled
// rejections, CSP violations, and the widget's events as a listener on
// document sees them.
(() => {
  const log = { events: [], errors: [], consoleErrors: [], consoleWarnings: [], violations: [] };
  window.__xe = log;

  const describe = (value) => {
    if (value instanceof Error) return value.message;
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  };
  for (const [level, list] of [['error', log.consoleErrors], ['warn', log.consoleWarnings]]) {
    const original = console[level];
    console[level] = function (...args) {
      list.push(args.map(describe).join(' '));
      return original.apply(this, args);
    };
  }

  window.addEventListener('error', (event) => log.errors.push(`error: ${describe(event.error || event.message)}`));
  window.addEventListener('unhandledrejection', (event) => log.errors.push(`unhandled rejection: ${describe(event.reason)}`));
  document.addEventListener('securitypolicyviolation', (event) =>
    log.violations.push(`${event.effectiveDirective} ${event.blockedURI}`), true);

  for (const type of ['news-widget:ready', 'news-widget:open', 'news-widget:close', 'news-widget:error']) {
    document.addEventListener(type, (event) => {
      const hosts = [...document.querySelectorAll('[data-news-widget]')];
      log.events.push({
        type,
        host: event.target.id || `#${hosts.indexOf(event.target)}`,
        detail: JSON.parse(JSON.stringify(event.detail)),
        bubbles: event.bubbles,
        composed: event.composed,
      });
    });
  }
})();
