//! Every string the widget shows, one table per language.
//!
//! Adding a language is one more [`Strings`] table and one arm in
//! [`Lang::from_tag`]. Dates and numbers are not here: the shell formats them
//! with the browser's `Intl` using [`Strings::locale`], so no locale data ships.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// A language the widget speaks.
pub enum Lang {
    /// Simplified Chinese (`zh-CN`).
    ZhCn,
    /// English (`en`).
    En,
}

/// Every text the widget shows, in one language.
pub struct Strings {
    /// BCP 47 tag for `Intl` and the `lang` attribute.
    pub locale: &'static str,
    /// The close button.
    pub close: &'static str,
    /// The related-articles heading.
    pub related: &'static str,
    /// The related list while it loads (the seed page's line).
    pub loading: &'static str,
    /// The skeleton's status for screen readers.
    pub loading_news: &'static str,
    /// The "load more" button.
    pub load_more: &'static str,
    /// The empty state.
    pub empty: &'static str,
    /// The breadcrumb's accessible name.
    pub breadcrumb: &'static str,
    /// The last breadcrumb entry, the article itself.
    pub article_crumb: &'static str,
    /// The source label of the article meta line.
    pub source: &'static str,
    /// The date label.
    pub date: &'static str,
    /// The views label.
    pub views: &'static str,
    /// The credit label for text.
    pub credit_text: &'static str,
    /// The credit label for photos.
    pub credit_photo: &'static str,
    /// The credit label for editing.
    pub credit_editor: &'static str,
    /// Between a label and its value, as in "来源:交大新闻网".
    pub label_separator: &'static str,
    /// Between names in a credits list.
    pub list_separator: &'static str,
    /// The error state's heading.
    pub error_title: &'static str,
    /// A date of less than a minute ago.
    pub just_now: &'static str,
    /// "{n} new articles", announced after a refresh; `{n}` is replaced.
    pub new_articles: &'static str,
    /// The ticker's pause button.
    pub pause: &'static str,
    /// The ticker's play button.
    pub play: &'static str,
    /// The ticker's previous button.
    pub previous: &'static str,
    /// The ticker's next button.
    pub next: &'static str,
    /// The error state's retry button.
    pub retry: &'static str,
    /// Announced when a background refresh fails and the shown news stays.
    pub refresh_failed: &'static str,
}

const ZH_CN: Strings = Strings {
    locale: "zh-CN",
    close: "关闭",
    related: "相关文章",
    loading: "读取内容中,请等待...",
    loading_news: "正在加载新闻",
    load_more: "加载更多",
    empty: "暂无新闻",
    breadcrumb: "当前位置",
    article_crumb: "正文",
    source: "来源",
    date: "日期",
    views: "浏览量",
    credit_text: "文字",
    credit_photo: "图片",
    credit_editor: "编辑",
    label_separator: ":",
    list_separator: ",",
    error_title: "新闻暂时无法显示",
    just_now: "刚刚",
    new_articles: "有 {n} 篇新文章",
    pause: "暂停滚动",
    play: "继续滚动",
    previous: "上一条",
    next: "下一条",
    retry: "重试",
    refresh_failed: "暂时无法更新,显示的是之前的新闻",
};

const EN: Strings = Strings {
    locale: "en",
    close: "Close",
    related: "Related articles",
    loading: "Loading, please wait…",
    loading_news: "Loading news",
    load_more: "Load more",
    empty: "No news to show yet.",
    breadcrumb: "You are here",
    article_crumb: "Article",
    source: "Source",
    date: "Date",
    views: "Views",
    credit_text: "Text",
    credit_photo: "Photos",
    credit_editor: "Editor",
    label_separator: ": ",
    list_separator: ", ",
    error_title: "The news cannot be shown right now",
    just_now: "just now",
    new_articles: "{n} new articles",
    pause: "Pause headlines",
    play: "Play headlines",
    previous: "Previous headline",
    next: "Next headline",
    retry: "Retry",
    refresh_failed: "Could not update; showing the news from before",
};

impl Strings {
    /// The "n new articles" notice with the count filled in.
    pub fn new_articles_notice(&self, count: usize) -> String {
        // A char pattern, not "{n}": a string pattern costs the wasm its
        // substring search.
        match self.new_articles.split_once('{') {
            Some((before, after)) => {
                format!(
                    "{before}{count}{}",
                    after.strip_prefix("n}").unwrap_or(after)
                )
            }
            None => self.new_articles.to_owned(),
        }
    }
}

impl Lang {
    /// Maps a BCP 47 tag (`zh-CN`, `zh-Hans`, `en-GB`, …) to a supported language.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language among the candidates (feed, page, browser), else English.
    pub fn first_supported<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Lang {
        candidates
            .into_iter()
            .flatten()
            .find_map(Lang::from_tag)
            .unwrap_or(Lang::En)
    }

    /// The string table of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::ZhCn => &ZH_CN,
            Lang::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_languages() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("ZH_hans"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag(" en-GB "), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn auto_takes_the_first_supported_candidate() {
        assert_eq!(
            Lang::first_supported([None, Some("de"), Some("zh-TW")]),
            Lang::ZhCn
        );
        assert_eq!(Lang::first_supported([Some("en"), Some("zh")]), Lang::En);
        assert_eq!(Lang::first_supported([None, Some("fr")]), Lang::En);
    }

    #[test]
    fn seed_page_strings_are_verbatim() {
        let zh = Lang::ZhCn.strings();
        assert_eq!(zh.close, "关闭");
        assert_eq!(zh.related, "相关文章");
        assert_eq!(zh.loading, "读取内容中,请等待...");
        assert_eq!(
            (zh.credit_text, zh.credit_photo, zh.credit_editor),
            ("文字", "图片", "编辑")
        );
    }

    #[test]
    fn counts_are_filled_in() {
        assert_eq!(Lang::ZhCn.strings().new_articles_notice(3), "有 3 篇新文章");
        assert_eq!(
            Lang::En.strings().new_articles_notice(12),
            "12 new articles"
        );
    }

    #[test]
    fn every_table_is_complete() {
        for lang in [Lang::ZhCn, Lang::En] {
            let s = lang.strings();
            let all = [
                s.locale,
                s.close,
                s.related,
                s.loading,
                s.loading_news,
                s.load_more,
                s.empty,
                s.breadcrumb,
                s.article_crumb,
                s.source,
                s.date,
                s.views,
                s.credit_text,
                s.credit_photo,
                s.credit_editor,
                s.label_separator,
                s.list_separator,
                s.error_title,
            ];
            assert!(all.iter().all(|text| !text.is_empty()), "{}", s.locale);
            assert_eq!(Lang::from_tag(s.locale), Some(lang));
        }
    }
}
