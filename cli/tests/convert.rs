//! Mapping RSS, Atom and JSON Feed sources to the widget's feed, ids,
//! related items and paging; every output read back by the widget's reader.
#![allow(clippy::restriction)] // a test may unwrap, index and panic: it fails loudly

use news_core::feed::{self, Content, Feed};
use news_feed::pages::{self, fnv1a64, hashed_id, rfc3339};
use news_feed::{check, source, Options};

const BASE: &str = "https://news.example.edu/rss.xml";

/// Converts `xml` and reads every page back with the widget's reader,
/// asserting it keeps every item without a warning; returns the pages' feeds.
fn convert(xml: &str, options: &Options) -> Vec<Feed> {
    let read = source::read(xml.as_bytes(), Some(BASE), options).expect("the source converts");
    let built = pages::build(read.feed, options.page_size).expect("the pages build");
    assert!(
        built
            .notes
            .iter()
            .all(|n| !n.contains("the widget will warn")),
        "{:?}",
        built.notes
    );
    built
        .pages
        .iter()
        .map(|page| {
            let url = format!("https://partner.example.org/feeds/{}", page.name);
            let parsed = feed::parse(&page.text, &url).expect("the widget reads the page");
            assert_eq!(parsed.warnings, Vec::<String>::new(), "{}", page.text);
            parsed.feed
        })
        .collect()
}

fn one(xml: &str) -> Feed {
    let mut pages = convert(xml, &Options::default());
    assert_eq!(pages.len(), 1);
    pages.remove(0)
}

const RSS2: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Campus &amp; City</title><link>https://news.example.edu/</link><language>zh-CN</language>
  <atom:link href="https://news.example.edu/rss.xml" rel="self" type="application/rss+xml"/>
  <item>
    <title>Teams visit Inner Mongolia</title>
    <link>https://news.example.edu/info/1002/12345.htm</link>
    <guid isPermaLink="false">2024-06-09-nmg</guid>
    <pubDate>Sun, 09 Jun 2024 08:52:00 +0800</pubDate>
    <dc:creator>Li Dong</dc:creator>
    <category>Cooperation</category><category>Research</category>
    <description><![CDATA[<p>A <b>short</b> summary.</p>]]></description>
    <content:encoded><![CDATA[<p>The body <img src="/images/a.jpg" alt=""> with a photo.</p>]]></content:encoded>
  </item>
  <item>
    <title>Second</title>
    <link>/info/2.htm</link>
    <pubDate>Sat, 08 Jun 2024 10:00:00 GMT</pubDate>
    <category>Research</category>
    <description>Plain &lt;i&gt;html&lt;/i&gt; description</description>
    <media:content url="https://cdn.example.edu/v.mp4" type="video/mp4">
      <media:thumbnail url="https://cdn.example.edu/t.jpg"/>
    </media:content>
  </item>
  <item>
    <description>Only a body</description>
  </item>
  <item><category>Nothing else</category></item>
</channel></rss>"#;

#[test]
fn rss2_fields_map_to_the_widget_feed() {
    let feed = one(RSS2);
    assert_eq!(feed.title.as_deref(), Some("Campus & City"));
    assert_eq!(
        feed.language.as_deref(),
        Some("zh-cn"),
        "feed-rs lower-cases it (BCP 47 ignores case)"
    );
    assert_eq!(
        feed.home_page_url.as_deref(),
        Some("https://news.example.edu/")
    );
    assert_eq!(
        feed.items.len(),
        3,
        "the entry with neither title nor body is left out"
    );
    let first = &feed.items[0];
    assert_eq!(first.id, "2024-06-09-nmg");
    assert_eq!(
        first.url.as_deref(),
        Some("https://news.example.edu/info/1002/12345.htm")
    );
    assert_eq!(first.summary.as_deref(), Some("A short summary."));
    assert_eq!(first.authors, ["Li Dong"]);
    assert_eq!(first.tags, ["Cooperation", "Research"]);
    assert_eq!(
        first.image.as_deref(),
        Some("https://news.example.edu/images/a.jpg")
    );
    assert!(matches!(&first.content, Content::Html(h) if h.contains("<img src=\"/images/a.jpg\"")));
    // 08:52 at +08:00 is 00:52 UTC.
    assert_eq!(
        first.published,
        news_core::date::parse_rfc3339("2024-06-09T00:52:00Z")
    );
    assert_eq!(first.related, ["https://news.example.edu/info/2.htm"]);
    let second = &feed.items[1];
    assert_eq!(
        second.id, "https://news.example.edu/info/2.htm",
        "no guid: the link is the id"
    );
    assert_eq!(
        second.image.as_deref(),
        Some("https://cdn.example.edu/t.jpg"),
        "a video's thumbnail"
    );
    assert!(matches!(&second.content, Content::Html(h) if h == "Plain <i>html</i> description"));
    assert_eq!(
        second.summary, None,
        "the description is the body, the widget excerpts it"
    );
    assert_eq!(second.related, ["2024-06-09-nmg"]);
    let third = &feed.items[2];
    assert!(
        third.id.starts_with("h-"),
        "no guid, no link: a hash of the content"
    );
    assert_eq!(third.title, None);
}

#[test]
fn rss091_and_rss1_are_read() {
    let rss091 = r#"<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
      <link>https://old.example.com/</link><language>en-us</language>
      <item><title>Item &amp; more</title><link>https://old.example.com/1</link>
      <description>Text</description></item></channel></rss>"#;
    let feed = one(rss091);
    assert_eq!(feed.items[0].title.as_deref(), Some("Item & more"));
    assert_eq!(feed.items[0].id, "https://old.example.com/1");
    let rss1 = r#"<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
               xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://rdf.example.com/"><title>RDF news</title><link>https://rdf.example.com/</link></channel>
        <item rdf:about="https://rdf.example.com/a"><title>A</title><link>https://rdf.example.com/a</link>
          <dc:date>2024-05-01T10:00:00+02:00</dc:date><dc:creator>Ann</dc:creator></item>
      </rdf:RDF>"#;
    let feed = one(rss1);
    assert_eq!(feed.title.as_deref(), Some("RDF news"));
    assert_eq!(
        feed.items[0].url.as_deref(),
        Some("https://rdf.example.com/a")
    );
    assert_eq!(feed.items[0].authors, ["Ann"]);
    assert_eq!(
        feed.items[0].published,
        news_core::date::parse_rfc3339("2024-05-01T08:00:00Z")
    );
}

#[test]
fn atom_with_xml_base_html_titles_and_media() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"
          xml:base="https://blog.example.org/news/" xml:lang="fr">
      <title type="html">Les &lt;em&gt;nouvelles&lt;/em&gt;</title>
      <id>urn:example:feed</id><updated>2024-06-01T00:00:00Z</updated>
      <link rel="alternate" href="/"/>
      <entry>
        <id>urn:example:1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; title</title>
        <link rel="alternate" type="text/html" href="2024/first.html"/>
        <link rel="enclosure" href="audio.mp3" type="audio/mpeg"/>
        <published>2024-05-31T12:00:00Z</published><updated>2024-06-01T09:30:00Z</updated>
        <author><name>Jeanne</name></author>
        <category term="science" label="Science"/>
        <summary>Résumé court</summary>
        <content type="html">&lt;p&gt;Corps&lt;/p&gt;</content>
        <media:content url="https://img.example.org/p.png" type="image/png"/>
      </entry>
      <entry>
        <id>urn:example:2</id><title>Plain</title>
        <content type="text">Line one
Line two</content>
      </entry>
    </feed>"#;
    let feed = one(atom);
    assert_eq!(feed.title.as_deref(), Some("Les nouvelles"));
    assert_eq!(
        feed.home_page_url.as_deref(),
        Some("https://blog.example.org/")
    );
    let first = &feed.items[0];
    assert_eq!(first.id, "urn:example:1");
    assert_eq!(first.title.as_deref(), Some("Bold & title"));
    assert_eq!(
        first.url.as_deref(),
        Some("https://blog.example.org/news/2024/first.html")
    );
    assert_eq!(first.tags, ["Science"]);
    assert_eq!(first.summary.as_deref(), Some("Résumé court"));
    assert_eq!(
        first.image.as_deref(),
        Some("https://img.example.org/p.png")
    );
    assert_eq!(first.authors, ["Jeanne"]);
    assert_eq!(
        first.published,
        news_core::date::parse_rfc3339("2024-05-31T12:00:00Z")
    );
    assert_eq!(
        first.modified,
        news_core::date::parse_rfc3339("2024-06-01T09:30:00Z")
    );
    assert!(matches!(&feed.items[1].content, Content::Text(t) if t == "Line one\nLine two"));
}

#[test]
fn json_feed_sources_keep_their_news_extension() {
    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
      {"id":7,"title":"Seven","url":"/7","_news":{"views":3,"credits":{"editor":["Zhang"]},
       "breadcrumb":[{"title":"Home","url":"/"}]}},
      {"title":"no id"}]}"#;
    let read = source::read(json.as_bytes(), Some(BASE), &Options::default()).expect("reads");
    assert_eq!(
        read.notes,
        ["items[1] dropped: it has no \"id\""],
        "the widget's own warning"
    );
    let feed = one(json);
    let item = &feed.items[0];
    assert_eq!(item.id, "7");
    assert_eq!(item.url.as_deref(), Some("https://news.example.edu/7"));
    assert_eq!(item.views, Some(3));
    assert_eq!(item.credits.editor, ["Zhang"]);
    assert_eq!(
        item.breadcrumb[0].url.as_deref(),
        Some("https://news.example.edu/")
    );
}

#[test]
fn options_name_the_site_section_source_and_title() {
    let options = Options {
        title: Some("主页新闻".into()),
        site: Some("交大新闻网".into()),
        section: Some("要闻".into()),
        source: Some("党委宣传部".into()),
        ..Options::default()
    };
    let pages = convert(RSS2, &options);
    let feed = &pages[0];
    assert_eq!(feed.title.as_deref(), Some("主页新闻"));
    assert_eq!(feed.site.as_deref(), Some("交大新闻网"));
    assert_eq!(feed.section.as_deref(), Some("要闻"));
    assert!(feed
        .items
        .iter()
        .all(|i| i.source.as_deref() == Some("党委宣传部")));
}

fn numbered_rss(count: usize) -> String {
    let mut xml = String::from(r#"<rss version="2.0"><channel><title>Many</title>"#);
    for n in 0..count {
        xml.push_str(&format!(
            "<item><title>Item {n}</title><description>Body {n}</description><category>t{}</category></item>",
            n % 3
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

#[test]
fn pages_are_chained_by_next_url_and_checked_as_a_chain() {
    let options = Options {
        page_size: 2,
        ..Options::default()
    };
    let read = source::read(numbered_rss(5).as_bytes(), None, &options).expect("reads");
    let built = pages::build(read.feed, 2).expect("builds");
    let names: Vec<&str> = built.pages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["feed.json", "feed-2.json", "feed-3.json"]);
    let dir = std::env::temp_dir().join(format!("news-feed-paging-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for page in &built.pages {
        std::fs::write(dir.join(&page.name), &page.text).expect("write");
    }
    let report = check::check(dir.join("feed.json").to_str().expect("utf-8 path"), None);
    std::fs::remove_dir_all(&dir).expect("clean up");
    let urls: Vec<&str> = report.pages.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://feed.invalid/feed.json",
            "https://feed.invalid/feed-2.json",
            "https://feed.invalid/feed-3.json"
        ]
    );
    assert_eq!(report.items(), 5);
    assert!(!report.failed());
    // Related ids cross pages: item 0 shares "t0" with item 3 only.
    let first = convert(&numbered_rss(5), &options).remove(0);
    assert_eq!(first.items[0].related.len(), 1);
}

#[test]
fn ids_are_stable_across_runs_and_orders() {
    let xml = numbered_rss(4);
    let ids = |xml: &str| -> Vec<String> { one(xml).items.into_iter().map(|i| i.id).collect() };
    let first = ids(&xml);
    assert_eq!(first, ids(&xml));
    // The same entries in another order keep their ids.
    let reversed = {
        let items: Vec<&str> = xml.split("<item>").skip(1).collect();
        let mut out = String::from(r#"<rss version="2.0"><channel><title>Many</title>"#);
        for item in items.iter().rev() {
            out.push_str("<item>");
            out.push_str(item.trim_end_matches("</channel></rss>"));
        }
        out.push_str("</channel></rss>");
        out
    };
    let mut again = ids(&reversed);
    again.reverse();
    assert_eq!(first, again);
    // The hash is FNV-1a 64 (its published test vectors), a NUL after each part.
    assert_eq!(fnv1a64(*b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(*b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(*b"foobar"), 0x8594_4171_f739_67e8);
    assert_eq!(
        hashed_id(&["a", ""]),
        format!("h-{:016x}", fnv1a64(*b"a\0\0"))
    );
}

#[test]
fn duplicate_ids_keep_the_first_entry() {
    let xml = r#"<rss version="2.0"><channel><title>D</title>
      <item><guid>same</guid><title>One</title></item>
      <item><guid>same</guid><title>Two</title></item></channel></rss>"#;
    let read = source::read(xml.as_bytes(), None, &Options::default()).expect("reads");
    let built = pages::build(read.feed, 50).expect("builds");
    assert_eq!(built.items, 1);
    assert_eq!(
        built.notes,
        ["entry 2 left out: its id \"same\" is used by an earlier entry"]
    );
}

#[test]
fn an_empty_or_foreign_source_is_an_error_with_the_reason() {
    let empty = r#"<rss version="2.0"><channel><title>E</title></channel></rss>"#;
    let read = source::read(empty.as_bytes(), None, &Options::default()).expect("reads");
    let error = pages::build(read.feed, 50).expect_err("nothing to publish");
    assert!(error.contains("nothing to publish"), "{error}");
    let html = "<!doctype html><html><body>Not a feed</body></html>";
    let error = source::read(html.as_bytes(), None, &Options::default()).expect_err("not a feed");
    assert!(error.contains("not an RSS, Atom or JSON Feed"), "{error}");
    let json = r#"{"version":"1","items":[]}"#;
    let error =
        source::read(json.as_bytes(), None, &Options::default()).expect_err("not JSON Feed");
    assert!(error.contains("not a JSON Feed version"), "{error}");
}

#[test]
fn dates_are_written_as_the_widget_reads_them() {
    assert_eq!(rfc3339(0).as_deref(), Some("1970-01-01T00:00:00Z"));
    assert_eq!(
        rfc3339(1_717_894_320_000).as_deref(),
        Some("2024-06-09T00:52:00Z")
    );
    assert_eq!(
        rfc3339(951_782_400_123).as_deref(),
        Some("2000-02-29T00:00:00.123Z")
    );
    assert_eq!(
        rfc3339(-62_135_596_800_000).as_deref(),
        Some("0001-01-01T00:00:00Z")
    );
    assert_eq!(rfc3339(253_402_300_800_000), None, "year 10000");
}

#[test]
fn latin1_bytes_under_a_utf8_label_convert_with_a_note() {
    let mut xml = br#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><item><title>Caf"#.to_vec();
    xml.push(0xe9);
    xml.extend_from_slice(b"</title></item></channel></rss>");
    let read = source::read(&xml, None, &Options::default()).expect("converts");
    assert_eq!(read.feed.items[0].title.as_deref(), Some("Caf\u{fffd}"));
    assert!(
        read.notes[0].contains("is not valid UTF-8"),
        "{:?}",
        read.notes
    );
    // Under another label the bytes are that encoding's, never "repaired".
    let latin1 = String::from_utf8_lossy(&xml)
        .replace("utf-8", "iso-8859-1")
        .replace('\u{fffd}', "");
    let mut bytes = latin1.into_bytes();
    let at = bytes.windows(3).position(|w| w == b"Caf").expect("title") + 3;
    bytes.insert(at, 0xe9);
    let read = source::read(&bytes, None, &Options::default()).expect("converts");
    assert_eq!(read.feed.items[0].title.as_deref(), Some("Café"));
    assert!(read.notes.is_empty());
}
