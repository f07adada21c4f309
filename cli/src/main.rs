//! The `news-feed` command: argument parsing, printing and exit status
//! (0 done, 1 unusable input, 2 wrong usage). The work is in the library.

use clap::{Parser, Subcommand};
use news_feed::{check, convert, pages, Options, Outcome};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  # A news office's RSS feed, as pages the widget reads, every 10 minutes from cron:
  news-feed convert https://news.example.edu/rss.xml -o /var/www/html/feeds/news \\
      --site \"Example University News\" --section \"Campus\"

  # Gate publishing in CI: exit status 1 when the widget would show its error state.
  news-feed check public/feeds/news/feed.json

  # Check a published feed (and its next pages) as the widget will read it.
  news-feed check https://partner.example.org/feeds/news/feed.json

Exit status: 0 done, 1 the input is unusable (the message says why), 2 wrong usage.
More: docs/publishing.md";

/// Builds and checks the JSON Feed pages the news widget reads.
#[derive(Parser)]
#[command(name = "news-feed", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Turns an RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed source (URL or file)
    /// into DIR/feed.json, DIR/feed-2.json, … (JSON Feed 1.1 with _news).
    ///
    /// Writes are atomic and a failed run leaves DIR as it was. A URL source
    /// is fetched with the ETag/Last-Modified of the last run (kept in
    /// DIR/.news-feed-state.json): when it is unchanged, nothing is rewritten.
    #[command(after_help = EXAMPLES)]
    Convert {
        /// The source feed: an http(s) URL or a file.
        source: String,
        /// The output folder (created if missing).
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// The feed title (default: the source's).
        #[arg(long)]
        title: Option<String>,
        /// `_news.site`: the publisher's name, shown as the items' source.
        #[arg(long)]
        site: Option<String>,
        /// `_news.section` of the feed.
        #[arg(long)]
        section: Option<String>,
        /// `_news.source` of every item.
        #[arg(long = "source", id = "source_name", value_name = "SOURCE_NAME")]
        source_name: Option<String>,
        /// The URL the source is published at, for its relative links
        /// (default: SOURCE itself when it is a URL).
        #[arg(long, value_name = "URL")]
        base: Option<String>,
        /// Items per page.
        #[arg(long, default_value_t = pages::DEFAULT_PAGE_SIZE as u16,
              value_parser = clap::value_parser!(u16).range(1..=5000))]
        page_size: u16,
    },
    /// Checks a feed (URL or file) and its next pages with exactly the
    /// widget's rules; prints every dropped item and field with its reason.
    ///
    /// Exits 1 when the widget would show its error state (or a next page
    /// is unusable), 0 otherwise.
    #[command(after_help = EXAMPLES)]
    Check {
        /// The feed: an http(s) URL or a file.
        feed: String,
        /// For a file: the URL it will be served from (relative URLs
        /// resolve against it).
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version exit 0, usage errors 2, as clap decides.
        Err(error) => error.exit(),
    };
    match cli.command {
        Command::Convert {
            source,
            output,
            title,
            site,
            section,
            source_name,
            base,
            page_size,
        } => {
            let options = Options {
                title,
                site,
                section,
                source: source_name,
                base,
                page_size: usize::from(page_size),
            };
            run_convert(&source, &output, &options)
        }
        Command::Check { feed, url } => run_check(&feed, url.as_deref()),
    }
}

fn run_convert(source: &str, output: &std::path::Path, options: &Options) -> ExitCode {
    match convert(source, output, options) {
        Ok(Outcome::NotModified) => {
            println!("{source} is unchanged (304 Not Modified): nothing rewritten");
            ExitCode::SUCCESS
        }
        Ok(Outcome::Converted {
            items,
            pages,
            written,
            notes,
        }) => {
            // Notes go to stdout with the summary: a cron job that sends
            // stdout away hears only of failures.
            for note in &notes {
                println!("note: {note}");
            }
            let folder = output.display();
            let made = format!("{} in {}", counted(items, "item"), counted(pages, "page"));
            if written == 0 {
                println!("{made}, unchanged: nothing rewritten in {folder}");
            } else {
                println!("{made}; {} written to {folder}", counted(written, "page"));
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("news-feed: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(feed: &str, url: Option<&str>) -> ExitCode {
    let report = check::check(feed, url);
    for page in &report.pages {
        match &page.error {
            Some(error) => println!("{}: error: {error}", page.url),
            None => println!(
                "{}: {}, {}",
                page.url,
                counted(page.items, "item"),
                counted(page.warnings.len(), "warning")
            ),
        }
        for warning in &page.warnings {
            println!("  warning: {warning}");
        }
        for note in &page.notes {
            println!("  note: {note}");
        }
    }
    if report.failed() {
        eprintln!("news-feed: the widget would show its error state for {feed}");
        ExitCode::FAILURE
    } else {
        println!(
            "ok: the widget shows {} from {}",
            counted(report.items(), "item"),
            counted(report.pages.len(), "page")
        );
        ExitCode::SUCCESS
    }
}

/// "1 page", "3 pages".
fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
