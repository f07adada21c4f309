//! Browser tests of the shell (wasm-bindgen-test in headless Chromium):
//! what only a real DOM can show. Feeds are served from `blob:` URLs, so
//! these tests need no server; the end-to-end suite covers real HTTP.
#![cfg(target_arch = "wasm32")]

use news_widget::shell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const SEED_BODY: &str = r#"<p>第一段。</p><h3>深化校地合作,共绘发展蓝图</h3>
<figure><img src="../images/a.svg" onerror="window.hacked=1" width="1200" height="800">
<figcaption>西安交通大学与内蒙古自治区人民政府签署战略合作协议</figcaption></figure>
<script>window.hacked=1</script><p style="color:red">最后<a href="javascript:alert(1)">一</a><a href="/x">段</a>。</p>"#;

fn feed_json(items: usize) -> String {
    let mut list = Vec::new();
    for i in 0..items {
        let body = if i == 0 {
            SEED_BODY.replace('"', "\\\"").replace('\n', "")
        } else {
            format!("<p>正文 {i}</p>")
        };
        list.push(format!(
            r#"{{"id":"item-{i}","title":"标题 {i}","url":"https://news.example.edu/articles/{i}.html",
                "date_published":"2024-06-0{d}T08:52:00+08:00","content_html":"{body}","tags":["t"],
                "_news":{{"source":"交大新闻网","views":2381,
                  "breadcrumb":[{{"title":"新闻网首页","url":"https://news.example.edu/"}},{{"title":"主页新闻"}}],
                  "credits":{{"text":["党委宣传部 李栋","内蒙古日报"],"photo":["党委宣传部 李栋"],"editor":["张玥"]}}}}}}"#,
            d = 9 - (i % 9)
        ));
    }
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"主页新闻","language":"zh-CN","items":[{}]}}"#,
        list.join(",")
    )
}

/// A `blob:` URL serving `text` as JSON.
fn blob_url(text: &str) -> String {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).expect("blob");
    web_sys::Url::create_object_url_with_blob(&blob).expect("url")
}

/// The loader's `request(url, owner, timeout, maxBytes)`, from its source
/// (the part of js/loader.js from the request options to the end of
/// `request`), for widgets mounted without the loader.
fn test_request() -> js_sys::Function {
    let loader = include_str!("../js/loader.js");
    let start = loader
        .find("  // Every request of the widget goes through here")
        .expect("the request part of js/loader.js");
    let end = loader
        .find("  function dropUnclaimed(")
        .expect("the end of the request part");
    let make = js_sys::Function::new_no_args(&format!("{}\nreturn request;", &loader[start..end]));
    make.call0(&JsValue::NULL)
        .expect("js/loader.js defines request")
        .into()
}

/// The loader's batch builder and URL resolver, from js/build.js, with the
/// sanitizer policy the build inlines into the loader's `RULES`.
fn builder() -> (js_sys::Function, js_sys::Function) {
    let make = js_sys::Function::new_no_args(&format!(
        "var RULES = {{ \"html\": {} }};\n{}\nreturn [build, resolveUrl];",
        news_widget::sanitize::policy_json(),
        include_str!("../js/build.js")
    ));
    let both: js_sys::Array = make
        .call0(&JsValue::NULL)
        .expect("js/build.js defines build and resolveUrl")
        .into();
    (both.get(0).into(), both.get(1).into())
}

/// Connects a stand-in loader: no stylesheet, skeletons recorded by
/// `painter`. The wasm imports the loader's functions by name (in
/// news-widget.js, from the loader's scope); here they are the window's.
fn connect_test_loader(painter: js_sys::Function) {
    let (build, resolve_url) = builder();
    let window = web_sys::window().expect("window");
    for (name, function) in [
        ("paintSkeleton", painter),
        ("request", test_request()),
        ("build", build),
        ("resolveUrl", resolve_url),
    ] {
        js_sys::Reflect::set(&window, &name.into(), &function).expect("a global");
    }
    shell::connect_loader(JsValue::NULL);
}

fn host(attrs: &[(&str, &str)]) -> HtmlElement {
    connect_test_loader(js_sys::Function::new_no_args(""));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let element: HtmlElement = document
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("html");
    element.set_attribute("data-news-widget", "").expect("attr");
    for (name, value) in attrs {
        element.set_attribute(name, value).expect("attr");
    }
    document
        .body()
        .expect("body")
        .append_child(&element)
        .expect("append");
    element
}

fn shadow(host: &HtmlElement) -> ShadowRoot {
    host.shadow_root().expect("an open shadow root")
}

fn all(root: &ShadowRoot, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("selector");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

fn one(root: &ShadowRoot, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("selector")
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// Waits (up to about 2 s) until `done` holds, letting the browser run in between.
async fn until(done: impl Fn() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            let window = web_sys::window().expect("window");
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .expect("timer");
        });
        JsFuture::from(tick).await.expect("tick");
    }
    panic!("condition not reached");
}

async fn mounted(host: &HtmlElement) -> Result<JsValue, JsValue> {
    JsFuture::from(shell::mount(host.clone().into(), JsValue::UNDEFINED)).await
}

#[wasm_bindgen_test]
async fn renders_limit_cards_in_a_shadow_root_and_reports_ready() {
    let url = blob_url(&feed_json(9));
    let el = host(&[
        ("data-feed", &url),
        ("data-limit", "4"),
        ("data-lang", "zh-CN"),
    ]);
    let ready = js_sys::Array::new();
    let listener = Closure::<dyn FnMut(web_sys::CustomEvent)>::new({
        let ready = ready.clone();
        move |event: web_sys::CustomEvent| {
            ready.push(&js_sys::Reflect::get(&event.detail(), &"count".into()).unwrap_or_default());
        }
    });
    el.add_event_listener_with_callback("news-widget:ready", listener.as_ref().unchecked_ref())
        .expect("listen");
    // The loader paints the skeleton; record what the wasm asks it for.
    let skeletons = js_sys::Array::new();
    let painter = Closure::<dyn FnMut(JsValue, JsValue, JsValue, JsValue)>::new({
        let skeletons = skeletons.clone();
        move |frame: JsValue, layout: JsValue, cards: JsValue, parts: JsValue| {
            let frame_is_mine = frame
                .dyn_ref::<Element>()
                .is_some_and(|f| f.get_attribute("part").as_deref() == Some("widget"));
            skeletons.push(&js_sys::Array::of4(
                &frame_is_mine.into(),
                &layout,
                &cards,
                &parts,
            ));
        }
    });
    connect_test_loader(painter.as_ref().unchecked_ref::<js_sys::Function>().clone());
    painter.forget();
    let pending = shell::mount(el.clone().into(), JsValue::UNDEFINED);
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("loading"));
    assert_eq!(
        js_sys::JSON::stringify(&skeletons)
            .ok()
            .and_then(|s| s.as_string())
            .as_deref(),
        Some(r#"[[true,"cards",4,"heading image summary "]]"#),
        "the skeleton is painted in the widget's frame with the validated configuration"
    );
    let resolved = JsFuture::from(pending).await.expect("mount resolves");
    assert!(resolved
        .dyn_ref::<Element>()
        .is_some_and(|e| e.is_same_node(Some(&el))));
    let root = shadow(&el);
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("ready"));
    assert_eq!(all(&root, "[part=card]").len(), 4);
    assert_eq!(text(&one(&root, "[part=heading]")), "主页新闻");
    assert!(text(&one(&root, "[part=card-meta] time")).contains("2024年6月9日"));
    assert_eq!(
        one(&root, "[part=card-meta] time")
            .get_attribute("datetime")
            .as_deref(),
        Some("2024-06-09T00:52:00.000Z")
    );
    assert_eq!(ready.to_vec(), vec![JsValue::from(4)]);
    // Mounting again returns the first mount, not a second widget.
    let again = mounted(&el).await.expect("second mount resolves");
    assert!(again
        .dyn_ref::<Element>()
        .is_some_and(|e| e.is_same_node(Some(&el))));
    assert_eq!(all(&shadow(&el), "[part=widget]").len(), 1);
    shell::destroy(el.clone().into());
    el.remove();
}

#[wasm_bindgen_test]
async fn opens_a_sanitized_article_and_closes_back_to_its_card() {
    let url = blob_url(&feed_json(3));
    let el = host(&[("data-feed", &url), ("data-lang", "zh-CN")]);
    mounted(&el).await.expect("mounted");
    let root = shadow(&el);
    let link: HtmlElement = one(&root, "[part=card-title] a").dyn_into().expect("link");
    link.click();
    let article = one(&root, "[part=article]");
    assert_eq!(text(&one(&root, "[part=article-title]")), "标题 0");
    assert!(root
        .active_element()
        .is_some_and(|e| e.get_attribute("part").as_deref() == Some("article-title")));
    assert!(one(&root, ".list-view").has_attribute("hidden"));
    let crumbs: Vec<String> = all(&root, "[part=breadcrumb] li")
        .iter()
        .map(text)
        .collect();
    assert_eq!(crumbs, ["新闻网首页", "主页新闻", "正文"]);
    let meta = text(&one(&root, "[part=article-meta]"));
    assert!(
        meta.contains("来源:交大新闻网")
            && meta.contains("日期:2024")
            && meta.contains("浏览量:2,381"),
        "{meta}"
    );
    // The time of day is in the reader's zone (the e2e suite pins Asia/Shanghai and checks 08:52).
    let time = one(&root, "[part=article-meta] time");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2024-06-09T00:52:00.000Z")
    );
    assert!(
        text(&time).contains(':'),
        "the article date has the time of day"
    );
    let credits: Vec<String> = all(&root, "[part=credits] p").iter().map(text).collect();
    assert_eq!(
        credits,
        [
            "文字:党委宣传部 李栋,内蒙古日报",
            "图片:党委宣传部 李栋",
            "编辑:张玥"
        ]
    );
    // The body went through the sanitizer: structure kept, script and handlers gone, URLs resolved.
    let body = one(&root, "[part=article-body]");
    assert_eq!(
        text(&one(&root, "[part=article-body] h3")),
        "深化校地合作,共绘发展蓝图"
    );
    let image = one(&root, "[part=article-body] figure img");
    assert_eq!(
        image.get_attribute("src").as_deref(),
        Some("https://news.example.edu/images/a.svg")
    );
    assert_eq!(
        image.get_attribute("alt").as_deref(),
        Some("西安交通大学与内蒙古自治区人民政府签署战略合作协议")
    );
    assert_eq!(image.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(
        image.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert!(!image.has_attribute("onerror"));
    assert!(all(&root, "script, [style], [onerror]").is_empty());
    let links = all(&root, "[part=article-body] a");
    assert_eq!(links.len(), 2);
    assert!(
        !links[0].has_attribute("href"),
        "javascript: link loses its href"
    );
    assert_eq!(
        links[1].get_attribute("href").as_deref(),
        Some("https://news.example.edu/x")
    );
    assert_eq!(
        links[1].get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert!(text(&body).contains("最后一段。"));
    // Related by shared tag (no related/related_url in this feed).
    assert_eq!(all(&root, "[part=related-item]").len(), 2);
    assert!(
        js_sys::Reflect::get(&web_sys::window().expect("window"), &"hacked".into())
            .expect("get")
            .is_undefined()
    );

    let close: HtmlElement = one(&root, "[part=close]").dyn_into().expect("button");
    assert_eq!(text(&close), "关闭");
    close.click();
    // Closing goes Back in history; the popstate that follows closes the view.
    until(|| {
        root.query_selector("[part=article]")
            .ok()
            .flatten()
            .is_none()
    })
    .await;
    assert!(root
        .query_selector("[part=article]")
        .expect("query")
        .is_none());
    assert!(!article.is_connected());
    let focused = root.active_element().expect("focus returns to the card");
    assert_eq!(focused.get_attribute("data-id").as_deref(), Some("item-0"));
    shell::destroy(el.clone().into());
    el.remove();
}

#[wasm_bindgen_test]
async fn english_readers_get_english_labels_and_numbers() {
    let url = blob_url(&feed_json(2));
    let el = host(&[
        ("data-feed", &url),
        ("data-lang", "en"),
        ("data-show", "date,views"),
    ]);
    mounted(&el).await.expect("mounted");
    let root = shadow(&el);
    let meta = text(&one(&root, "[part=card-meta]"));
    assert!(
        meta.contains("Jun 9, 2024") && meta.contains("Views: 2,381"),
        "{meta}"
    );
    assert!(
        all(&root, "[part=card-image], [part=card-summary]").is_empty(),
        "data-show hides them"
    );
    let link: HtmlElement = one(&root, "[part=card-title] a").dyn_into().expect("link");
    link.click();
    let credits: Vec<String> = all(&root, "[part=credits] p").iter().map(text).collect();
    assert_eq!(credits[0], "Text: 党委宣传部 李栋, 内蒙古日报");
    assert_eq!(text(&one(&root, "[part=close]")), "Close");
    shell::destroy(el.clone().into());
    el.remove();
}

async fn expect_error(attrs: &[(&str, &str)], kind: &str, message_part: &str) {
    let el = host(attrs);
    let error = mounted(&el).await.expect_err("mount rejects");
    let got_kind = js_sys::Reflect::get(&error, &"kind".into())
        .expect("kind")
        .as_string();
    assert_eq!(got_kind.as_deref(), Some(kind));
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("error"));
    let alert = text(&one(&shadow(&el), "[role=alert]"));
    assert!(alert.contains(message_part), "{alert}");
    shell::destroy(el.clone().into());
    el.remove();
}

#[wasm_bindgen_test]
async fn bad_input_ends_in_the_error_state_with_a_reason() {
    expect_error(&[], "config", "data-feed is missing").await;
    expect_error(
        &[("data-feed", "javascript:alert(1)")],
        "config",
        "not an http(s) URL",
    )
    .await;
    expect_error(
        &[("data-feed", &blob_url("<html>not json"))],
        "feed",
        "not valid JSON",
    )
    .await;
    expect_error(
        &[("data-feed", &blob_url(r#"{"items":[]}"#))],
        "feed",
        "version",
    )
    .await;
    let revoked = blob_url("{}");
    web_sys::Url::revoke_object_url(&revoked).expect("revoke");
    expect_error(
        &[("data-feed", &revoked)],
        "network",
        "Access-Control-Allow-Origin",
    )
    .await;
}

#[wasm_bindgen_test]
async fn item_links_are_what_the_browser_makes_of_them() {
    // The browser's URL parser resolves (international hosts become
    // punycode, as the browser will request them); the core's policy drops
    // what is not http(s).
    let feed = r#"{"version":"https://jsonfeed.org/version/1.1","items":[
        {"id":"a","title":"A","url":"https://Bücher.Example/a/../b c?q=<1>"},
        {"id":"b","title":"B","url":"javascript:alert(1)"}]}"#;
    let el = host(&[("data-feed", &blob_url(feed)), ("data-open", "link")]);
    mounted(&el).await.expect("mount resolves");
    let links: Vec<String> = all(&shadow(&el), "[part=card] a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(
        links,
        ["https://xn--bcher-kva.example/b%20c?q=%3C1%3E", "#news-b"]
    );
    shell::destroy(el.clone().into());
    el.remove();
}

#[wasm_bindgen_test]
async fn an_empty_filter_shows_the_empty_state() {
    let el = host(&[
        ("data-feed", &blob_url(&feed_json(3))),
        ("data-tag", "nothing"),
        ("data-lang", "en"),
    ]);
    mounted(&el).await.expect("empty still resolves");
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("empty"));
    assert_eq!(
        text(&one(&shadow(&el), "[part=status].empty")),
        "No news to show yet."
    );
    shell::destroy(el.clone().into());
    el.remove();
}

#[wasm_bindgen_test]
async fn destroy_leaves_nothing_behind() {
    let el = host(&[
        ("data-feed", &blob_url(&feed_json(2))),
        ("data-accent", "#c00"),
    ]);
    mounted(&el).await.expect("mounted");
    assert_eq!(
        el.style().get_property_value("--nw-accent").ok().as_deref(),
        Some("#c00")
    );
    shell::destroy(el.clone().into());
    assert_eq!(shadow(&el).child_element_count(), 0);
    assert!(!el.has_attribute("data-state"));
    assert_eq!(
        el.style().get_property_value("--nw-accent").ok().as_deref(),
        Some("")
    );
    // The element can be mounted again afterwards.
    mounted(&el).await.expect("mounted again");
    assert_eq!(all(&shadow(&el), "[part=card]").len(), 2);
    shell::destroy(el.clone().into());
    el.remove();
}

#[wasm_bindgen_test]
async fn an_unreadable_accent_is_reported_and_gets_readable_text() {
    // Collect console warnings for the duration of the test.
    let install = js_sys::Function::new_no_args(
        "window.__warnings = []; window.__warn = console.warn; \
         console.warn = (m) => window.__warnings.push(String(m));",
    );
    install.call0(&JsValue::NULL).expect("wrap console.warn");
    let el = host(&[
        ("data-feed", &blob_url(&feed_json(2))),
        ("data-accent", "yellow"),
        ("data-theme", "light"),
    ]);
    mounted(&el).await.expect("mounted");
    let restore =
        js_sys::Function::new_no_args("console.warn = window.__warn; return window.__warnings;");
    let warnings: Vec<String> =
        js_sys::Array::from(&restore.call0(&JsValue::NULL).expect("restore"))
            .iter()
            .filter_map(|w| w.as_string())
            .collect();
    assert!(
        warnings.iter().any(|w| w.contains("data-accent=\"yellow\"")
            && w.contains("1.0:1")
            && w.contains("4.5:1")),
        "{warnings:?}"
    );
    assert_eq!(
        el.style()
            .get_property_value("--nw-on-accent")
            .ok()
            .as_deref(),
        Some("#000000")
    );
    shell::destroy(el.clone().into());
    assert_eq!(
        el.style()
            .get_property_value("--nw-on-accent")
            .ok()
            .as_deref(),
        Some("")
    );
    el.remove();
}
