//! Fetching and publishing: conditional requests, errors that name the URL,
//! redirects, and an output folder that is all-or-nothing and untouched when
//! nothing changed. A loopback HTTP server plays the news office.
#![allow(clippy::restriction)] // a test may unwrap, index and panic: it fails loudly

use news_feed::pages::Page;
use news_feed::publish::{publish, STATE_FILE};
use news_feed::{convert, Options, Outcome};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

const RSS: &str = r#"<rss version="2.0"><channel><title>Office</title><link>/</link>
  <item><title>One</title><link>news/1.htm</link><category>a</category></item>
  <item><title>Two</title><link>news/2.htm</link><category>a</category></item>
  <item><title>Three</title><link>news/3.htm</link></item></channel></rss>"#;

/// A loopback server: `/rss.xml` with an ETag (304 when it matches),
/// `/moved` redirecting to `/office/rss.xml`, anything else 404. Records
/// each request's path and `If-None-Match`.
struct Server {
    origin: String,
    seen: Seen,
}

/// Each request's path and `If-None-Match`, in order.
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

fn server() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let origin = format!("http://{}", listener.local_addr().expect("address"));
    let seen: Seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let path = line.split(' ').nth(1).unwrap_or("").to_owned();
            let mut etag = None;
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    if name.eq_ignore_ascii_case("if-none-match") {
                        etag = Some(value.trim().to_owned());
                    }
                }
            }
            log.lock().expect("log").push((path.clone(), etag.clone()));
            let (status, headers, body) = match path.as_str() {
                "/rss.xml" | "/office/rss.xml" if etag.as_deref() == Some("\"v1\"") => (
                    "304 Not Modified",
                    "ETag: \"v1\"\r\n".to_owned(),
                    String::new(),
                ),
                "/rss.xml" | "/office/rss.xml" => {
                    ("200 OK", "ETag: \"v1\"\r\n".to_owned(), RSS.to_owned())
                }
                "/moved" => (
                    "301 Moved Permanently",
                    "Location: /office/rss.xml\r\n".to_owned(),
                    String::new(),
                ),
                _ => ("404 Not Found", String::new(), "no".to_owned()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    Server { origin, seen }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("news-feed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every file of `dir` with its bytes and mtime.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let meta = e.metadata().expect("metadata");
                    let bytes = std::fs::read(e.path()).unwrap_or_default();
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        (bytes, meta.modified().expect("mtime")),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_unchanged_source_is_answered_304_and_nothing_is_rewritten() {
    let server = server();
    let dir = temp_dir("conditional");
    let url = format!("{}/rss.xml", server.origin);
    let first = convert(&url, &dir, &Options::default()).expect("converts");
    assert!(
        matches!(
            first,
            Outcome::Converted {
                items: 3,
                pages: 1,
                written: 1,
                ..
            }
        ),
        "{first:?}"
    );
    let feed = std::fs::read_to_string(dir.join("feed.json")).expect("feed.json");
    assert!(
        feed.contains(&format!("{}/news/1.htm", server.origin)),
        "links resolve against the source URL"
    );
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join(STATE_FILE)).expect("state")).expect("JSON");
    assert_eq!(state["source"], url.as_str());
    assert_eq!(state["etag"], "\"v1\"");
    let before = snapshot(&dir);
    let second = convert(&url, &dir, &Options::default()).expect("converts");
    assert_eq!(second, Outcome::NotModified);
    assert_eq!(snapshot(&dir), before, "nothing rewritten");
    let seen = server.seen.lock().expect("log").clone();
    assert_eq!(
        seen,
        [
            ("/rss.xml".to_owned(), None),
            ("/rss.xml".to_owned(), Some("\"v1\"".to_owned()))
        ]
    );
    // Other options: the source is the same, the output is not, so no
    // conditional request (and the state remembers the new settings).
    let renamed = Options {
        site: Some("Renamed office".to_owned()),
        ..Options::default()
    };
    let rebuilt = convert(&url, &dir, &renamed).expect("converts");
    assert!(
        matches!(rebuilt, Outcome::Converted { written: 1, .. }),
        "{rebuilt:?}"
    );
    assert_eq!(
        server.seen.lock().expect("log").last(),
        Some(&("/rss.xml".to_owned(), None))
    );
    assert!(std::fs::read_to_string(dir.join("feed.json"))
        .expect("feed")
        .contains("Renamed office"));
    assert_eq!(convert(&url, &dir, &renamed), Ok(Outcome::NotModified));
    // Without its feed.json the folder is rebuilt, not answered by 304.
    std::fs::remove_file(dir.join("feed.json")).expect("remove");
    let third = convert(&url, &dir, &Options::default()).expect("converts");
    assert!(
        matches!(third, Outcome::Converted { written: 1, .. }),
        "{third:?}"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn redirects_are_followed_and_the_final_url_is_the_base() {
    let server = server();
    let dir = temp_dir("redirect");
    convert(
        &format!("{}/moved", server.origin),
        &dir,
        &Options::default(),
    )
    .expect("converts");
    let feed = std::fs::read_to_string(dir.join("feed.json")).expect("feed.json");
    assert!(
        feed.contains(&format!("{}/office/news/2.htm", server.origin)),
        "{feed}"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn http_errors_name_the_url_and_the_status_and_leave_no_folder() {
    let server = server();
    let dir = temp_dir("missing");
    let url = format!("{}/gone.xml", server.origin);
    let error = convert(&url, &dir, &Options::default()).expect_err("404");
    assert!(
        error.contains(&url) && error.contains("404") && error.contains("expected"),
        "{error}"
    );
    assert!(!dir.exists());
    let error =
        convert("https://news.invalid/rss.xml", &dir, &Options::default()).expect_err("no host");
    assert!(error.contains("https://news.invalid/rss.xml"), "{error}");
    let error = convert("no/such/file.xml", &dir, &Options::default()).expect_err("no file");
    assert!(error.contains("no/such/file.xml"), "{error}");
    assert!(!dir.exists());
}

fn pages(texts: &[&str]) -> Vec<Page> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| Page {
            name: news_feed::pages::page_name(i + 1),
            text: (*text).to_owned(),
        })
        .collect()
}

#[test]
fn a_failed_write_leaves_the_folder_as_it_was() {
    let dir = temp_dir("atomic");
    publish(&dir, &pages(&["old 1", "old 2"]), None).expect("first publish");
    let before = snapshot(&dir);
    // A directory where the temporary copy of feed.json goes: its write fails
    // after feed-3.json and feed-2.json were staged.
    let blocker = dir.join(format!(".feed.json.{}.tmp", std::process::id()));
    std::fs::create_dir(&blocker).expect("blocker");
    let error = publish(&dir, &pages(&["new 1", "new 2", "new 3"]), None).expect_err("fails");
    assert!(
        error.contains("feed.json") && error.contains("left as it was"),
        "{error}"
    );
    std::fs::remove_dir(&blocker).expect("remove blocker");
    assert_eq!(
        snapshot(&dir),
        before,
        "no page replaced, no temporary file left"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn unchanged_pages_keep_their_mtime_and_stale_pages_go() {
    let dir = temp_dir("unchanged");
    assert_eq!(publish(&dir, &pages(&["1", "2", "3"]), None), Ok(3));
    let before = snapshot(&dir);
    assert_eq!(publish(&dir, &pages(&["1", "2", "3"]), None), Ok(0));
    assert_eq!(snapshot(&dir), before);
    assert_eq!(publish(&dir, &pages(&["1", "2 changed"]), None), Ok(1));
    let after = snapshot(&dir);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        ["feed-2.json", "feed.json"],
        "feed-3.json removed"
    );
    assert_eq!(
        after.get("feed.json"),
        before.get("feed.json"),
        "feed.json untouched"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn check_over_http_names_the_url_and_a_missing_cors_header() {
    let server = server();
    let url = format!("{}/rss.xml", server.origin);
    let report = news_feed::check::check(&url, None);
    assert!(report.failed());
    let page = &report.pages[0];
    assert!(
        page.error
            .as_deref()
            .is_some_and(|e| e.contains("not valid JSON")),
        "{page:?}"
    );
    assert!(
        page.notes
            .iter()
            .any(|n| n.contains("no Access-Control-Allow-Origin")),
        "{page:?}"
    );
    let gone = format!("{}/gone.json", server.origin);
    let report = news_feed::check::check(&gone, None);
    let error = report.pages[0].error.clone().unwrap_or_default();
    assert!(error.contains(&gone) && error.contains("404"), "{error}");
}
