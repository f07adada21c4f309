/*! news-widget __VERSION__ | MIT */
// The ES module entry, for sites built with bundlers:
//   import { mount } from 'https://news.example.edu/widget/news-widget.mjs';
// It loads the classic loader next to it once (a page that also has the
// <script> tag shares the same runtime) and forwards the API to it.
const loaderUrl = new URL('./news-widget.js', import.meta.url).href;
let loading = null;

function runtime() {
  if (window.NewsWidget) return Promise.resolve(window.NewsWidget);
  loading = loading || new Promise((resolve, reject) => {
    const script = document.createElement('script');
    let src = loaderUrl;
    if (window.trustedTypes) {
      // Pages enforcing Trusted Types allow the policy named "news-widget" (SPEC §7).
      try {
        // One policy for the page (it may allow the name once): the loader
        // takes it over for feed HTML, which its builder parses inertly.
        const policy = window.trustedTypes.createPolicy('news-widget', {
          createScriptURL: (url) => url,
          createHTML: (html) => html,
        });
        src = policy.createScriptURL(loaderUrl);
        script.newsWidgetPolicy = policy;
      } catch (error) {
        reject(new Error(`news-widget: the Trusted Types policy "news-widget" is not available (${error.message})`));
        return;
      }
    }
    script.integrity = '__LOADER_INTEGRITY__';
    script.crossOrigin = 'anonymous';
    script.src = src;
    script.onload = () => (window.NewsWidget ? resolve(window.NewsWidget) : reject(new Error('news-widget: the loader did not start')));
    script.onerror = () => reject(new Error(`news-widget: could not load ${loaderUrl}`));
    document.head.append(script);
  });
  return loading;
}

export const version = '__VERSION__';
export const mount = (element, options) => runtime().then((api) => api.mount(element, options));
export const scan = (root) => runtime().then((api) => api.scan(root));
export const refresh = (element) => runtime().then((api) => api.refresh(element));
export const destroy = (element) => runtime().then((api) => api.destroy(element));
export default { mount, scan, refresh, destroy, version };
