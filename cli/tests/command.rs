//! The `news-feed` binary as a cron job or CI step sees it: exit status 0
//! done, 1 unusable input (with the reason on stderr), 2 wrong usage, and a
//! `--help` with examples.
#![allow(clippy::restriction)] // a test may unwrap, index and panic: it fails loudly

use std::process::{Command, Output};

fn news_feed(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_news-feed"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("news-feed-cmd-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn help_has_examples_and_usage_errors_exit_2() {
    let help = news_feed(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let help = text(&help.stdout);
    assert!(
        help.contains("Examples:") && help.contains("news-feed convert https://"),
        "{help}"
    );
    for wrong in [
        &[][..],
        &["convert"],
        &["convert", "a.xml"],
        &["frobnicate"],
        &["convert", "a.xml", "-o", "d", "--page-size", "0"],
    ] {
        let output = news_feed(wrong);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{wrong:?}: {}",
            text(&output.stderr)
        );
    }
}

#[test]
fn convert_then_check_exit_0_and_bad_input_exits_1_with_the_reason() {
    let dir = temp_dir("flow");
    let source = dir.join("rss.xml");
    std::fs::write(
        &source,
        r#"<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://e.example/a</link></item><item/></channel></rss>"#,
    )
    .expect("write");
    let out = dir.join("out");
    let convert = news_feed(&[
        "convert",
        source.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(convert.status.code(), Some(0), "{}", text(&convert.stderr));
    assert_eq!(
        text(&convert.stdout),
        format!("note: entry 2 skipped: it has no title and no body\n1 item in 1 page; 1 page written to {}\n", out.display())
    );
    let check = news_feed(&["check", out.join("feed.json").to_str().expect("path")]);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        text(&check.stdout),
        "https://feed.invalid/feed.json: 1 item, 0 warnings\nok: the widget shows 1 item from 1 page\n"
    );

    // A feed the widget drops parts of: exit 0, each drop printed as the console does.
    let partial = dir.join("partial.json");
    std::fs::write(&partial, r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"a","title":"A","image":"javascript:x"},{"title":"no id"}]}"#).expect("write");
    let check = news_feed(&[
        "check",
        partial.to_str().expect("path"),
        "--url",
        "https://news.example.edu/f.json",
    ]);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        text(&check.stdout),
        "https://news.example.edu/f.json: 1 item, 2 warnings\n  warning: items[0].image ignored: \"javascript:x\" is not an http(s) URL\n  warning: items[1] dropped: it has no \"id\"\nok: the widget shows 1 item from 1 page\n"
    );

    // The widget's error state: exit 1 and the reason.
    let check = news_feed(&["check", source.to_str().expect("path")]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        text(&check.stdout).contains("error: the feed is not valid JSON"),
        "{}",
        text(&check.stdout)
    );
    assert!(text(&check.stderr).contains("would show its error state"));

    let convert = news_feed(&[
        "convert",
        partial.to_str().expect("path"),
        "-o",
        dir.join("x").to_str().expect("path"),
    ]);
    assert_eq!(
        convert.status.code(),
        Some(0),
        "a JSON Feed source converts: {}",
        text(&convert.stderr)
    );
    let missing = news_feed(&[
        "convert",
        "no-such-file.xml",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("cannot read the source file no-such-file.xml"));
    std::fs::remove_dir_all(&dir).expect("clean up");
}
