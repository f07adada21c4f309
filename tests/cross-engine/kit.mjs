// Engine-neutral helpers for the scenarios, built only on the driver
// interface (evaluate, click, press). They look at the widget from outside:
// host elements, data-state, the open shadow root, `part` names, roles,
// events and the page-side recorder (recorder.js), never at internals.
// Functions passed to evaluate() run in the page: they must be self-contained.

/** Generous: three browsers share a 2-core machine. */
export const WAIT = 15_000;

/** Polls `fn(arg)` in the page until it returns something truthy, and returns that. */
export async function waitFor(page, fn, arg, message, { timeout = WAIT, describe = null } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > end) {
      const seen = describe ? ` (seen: ${JSON.stringify(await page.evaluate(describe, arg))})` : '';
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${message}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a host shows: its data-state and the start of its shadow text. */
function hostSummary({ host }) {
  const el = document.querySelector(host);
  return el && { state: el.getAttribute('data-state'), text: el.shadowRoot?.textContent.slice(0, 200) ?? null };
}

/** Waits until the host matching `host` has data-state `state`. */
export function waitForState(page, host, state) {
  return waitFor(page, ({ host, state }) => document.querySelector(host)?.getAttribute('data-state') === state,
    { host, state }, `${host} data-state=${state}`, { describe: hostSummary });
}

/** Waits until `count` hosts exist and none of them is loading any more. */
export function waitForSettled(page, count) {
  return waitFor(page, (count) => {
    const hosts = [...document.querySelectorAll('[data-news-widget]')];
    return hosts.length === count && hosts.every((h) => ['ready', 'empty', 'error'].includes(h.getAttribute('data-state')));
  }, count, `${count} settled hosts`, {
    describe: () => [...document.querySelectorAll('[data-news-widget]')].map((h) => `${h.id}:${h.getAttribute('data-state')}`),
  });
}

/** window.__xe of the recorder: events, errors, console errors/warnings, CSP violations. */
export function records(page) {
  return page.evaluate(() => window.__xe ?? { missing: 'the recorder did not run in this page' });
}

/** The recorded widget events of one type. */
export async function eventsOf(page, type) {
  return (await records(page)).events.filter((e) => e.type === type);
}

/**
 * Finds an element in the host's shadow root (the first matching `selector`,
 * or the first whose trimmed text is `text`), scrolls it into the middle of
 * the viewport and returns the viewport point at its centre, after checking
 * that this point really hits it (nothing covers it).
 */
function locate({ host, selector, text }) {
  const root = document.querySelector(host)?.shadowRoot;
  if (!root) return { error: `${host} has no shadow root` };
  const el = [...root.querySelectorAll(selector)].find((e) => text === undefined || e.textContent.trim() === text);
  if (!el) return { error: `${host}: no ${selector}${text === undefined ? '' : ` with text ${text}`}` };
  el.scrollIntoView({ block: 'center', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  const x = r.left + Math.min(r.width / 2, 20);
  const y = r.top + r.height / 2;
  const hit = root.elementFromPoint(x, y);
  if (!hit || !(hit === el || el.contains(hit))) {
    return { error: `${host}: ${selector} at (${Math.round(x)}, ${Math.round(y)}) is covered by ${hit ? hit.outerHTML.slice(0, 80) : 'nothing'}` };
  }
  return { x, y };
}

/** A real mouse click on an element inside a host's shadow root. */
export async function clickIn(page, host, selector, text) {
  const point = await page.evaluate(locate, { host, selector, text });
  if (point.error) throw new Error(point.error);
  await page.click(point.x, point.y);
}

/** Gives keyboard focus to an element inside a host's shadow root (as Tab would). */
export async function focusIn(page, host, selector, text) {
  const focused = await page.evaluate(({ host, selector, text }) => {
    const root = document.querySelector(host).shadowRoot;
    const el = [...root.querySelectorAll(selector)].find((e) => text === undefined || e.textContent.trim() === text);
    el?.focus();
    return !!el && root.activeElement === el;
  }, { host, selector, text });
  if (!focused) throw new Error(`${host}: cannot focus ${selector} ${text ?? ''}`);
}

/**
 * Where the focus is, seen from the host page: whether the host has it, the
 * `part` and text of the focused element in its shadow root, and the title of
 * the card it belongs to (if any).
 */
export function focusOf(page, host) {
  return page.evaluate((host) => {
    const el = document.querySelector(host);
    const active = el.shadowRoot.activeElement;
    return {
      hostFocused: document.activeElement === el,
      part: active?.getAttribute('part') ?? null,
      text: active?.textContent.trim().slice(0, 60) ?? null,
      card: active?.closest('[part=card]')?.querySelector('[part=card-title]')?.textContent.trim() ?? null,
      inDialog: !!active?.closest('[role=dialog]'),
    };
  }, host);
}

/** Texts of the elements matching `selector` in the host's shadow root. */
export function textsIn(page, host, selector) {
  return page.evaluate(({ host, selector }) =>
    [...document.querySelector(host).shadowRoot.querySelectorAll(selector)].map((e) => e.textContent.trim()), { host, selector });
}
