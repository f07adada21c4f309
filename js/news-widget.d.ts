// Types for news-widget.mjs and the global `NewsWidget` of news-widget.js.

/** Options use the attribute names without `data-` and the same rules (SPEC §3). */
export interface NewsWidgetOptions {
  feed?: string;
  layout?: 'cards' | 'list' | 'magazine' | 'ticker';
  /** 1–50 as an attribute; up to 2,000 through `mount`. */
  limit?: number | string;
  open?: 'inline' | 'modal' | 'link';
  theme?: 'light' | 'dark' | 'auto';
  accent?: string;
  font?: string;
  radius?: string;
  density?: 'comfortable' | 'compact';
  lang?: 'zh-CN' | 'en' | 'auto';
  show?: string | Array<'image' | 'summary' | 'date' | 'source' | 'views' | 'section' | 'tags' | 'author'>;
  related?: number | string;
  tag?: string;
  section?: string;
  title?: string;
  refresh?: number | string;
  timeout?: number | string;
}

/** A rejected mount: the widget shows its error state. */
export interface NewsWidgetError extends Error {
  kind: 'config' | 'network' | 'http' | 'feed';
}

export declare const version: string;
/**
 * Resolves with the element once the list (or the empty state) shows; rejects
 * with a `NewsWidgetError` when it ends in the error state, or with an Error
 * named `AbortError` (no `kind`: not an error state) when the widget is
 * destroyed first.
 */
export declare function mount<T extends HTMLElement>(element: T, options?: NewsWidgetOptions): Promise<T>;
/** Mounts every unmounted `[data-news-widget]` under `root`. */
export declare function scan(root?: ParentNode): Promise<HTMLElement[]>;
export declare function refresh(element?: HTMLElement): Promise<void>;
export declare function destroy(element?: HTMLElement): Promise<void>;
declare const NewsWidget: {
  readonly version: string;
  mount: typeof mount;
  scan: typeof scan;
  refresh: typeof refresh;
  destroy: typeof destroy;
};
export default NewsWidget;

export interface NewsWidgetEventMap {
  'news-widget:ready': CustomEvent<{ count: number }>;
  'news-widget:open': CustomEvent<{ id: string; url: string | null }>;
  'news-widget:close': CustomEvent<{ id: string }>;
  'news-widget:error': CustomEvent<{ kind: NewsWidgetError['kind']; message: string }>;
}

declare global {
  interface Window {
    NewsWidget: typeof NewsWidget;
  }
  interface HTMLElementEventMap extends NewsWidgetEventMap {}
  interface DocumentEventMap extends NewsWidgetEventMap {}
}
