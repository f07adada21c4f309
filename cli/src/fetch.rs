//! HTTP for sources and feeds: one GET with a timeout, a size cap and a few
//! redirects, conditional when the last run left validators, and errors that
//! name the URL and what was expected.

use serde::{Deserialize, Serialize};
use std::time::Duration;
use ureq::ResponseExt;

/// A whole request (connect, redirects, body) gives up after this long.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// Larger bodies are refused: no news feed is this big, a runaway server is.
pub const MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;
/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 5;

/// What a server said about the version it sent, for the next request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Validators {
    /// `ETag`, sent back as `If-None-Match`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `Last-Modified`, sent back as `If-Modified-Since`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// The answer to a GET.
#[derive(Debug)]
pub enum Fetched {
    /// 304: the version named by the validators is still current.
    NotModified,
    /// 2xx: the document.
    Body {
        /// The body, as sent (feed-rs decodes the XML's own encoding).
        bytes: Vec<u8>,
        /// After redirects: the base of the document's relative URLs.
        final_url: String,
        /// For the next run's conditional request.
        validators: Validators,
        /// The `Access-Control-Allow-Origin` header, if any.
        cors: Option<String>,
    },
}

/// `http://` or `https://` (any case): fetched, not read from disk.
pub fn is_url(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// GETs `url`, with `If-None-Match`/`If-Modified-Since` from `known`.
pub fn get(url: &str, known: Option<&Validators>) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!("news-feed/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent.get(url).header(
        "Accept",
        "application/feed+json, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8",
    );
    if let Some(known) = known {
        if let Some(etag) = &known.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &known.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let mut response = request.call().map_err(|e| failure(url, &e))?;
    let status = response.status();
    if status.as_u16() == 304 && known.is_some() {
        return Ok(Fetched::NotModified);
    }
    if !status.is_success() {
        return Err(format!(
            "GET {url} answered {status}; expected 200 with the feed{}",
            match status.as_u16() {
                404 | 410 => " (is the address right?)",
                401 | 403 => " (the feed must be public)",
                500..=599 => " (the server failed: try again later)",
                _ => "",
            }
        ));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let cors = header("access-control-allow-origin");
    let final_url = response.get_uri().to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => format!(
                "GET {url}: the answer is larger than {} MB; expected a feed",
                MAX_BODY_BYTES / (1024 * 1024)
            ),
            other => failure(url, &other),
        })?;
    Ok(Fetched::Body {
        bytes,
        final_url,
        validators,
        cors,
    })
}

fn failure(url: &str, error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => format!(
            "GET {url} timed out after {} s; is the server up?",
            TIMEOUT.as_secs()
        ),
        ureq::Error::HostNotFound => {
            format!("GET {url}: the host name is unknown (check the address)")
        }
        ureq::Error::TooManyRedirects => {
            format!("GET {url}: more than {MAX_REDIRECTS} redirects; expected the feed")
        }
        ureq::Error::BadUri(reason) => format!("{url} is not a usable URL: {reason}"),
        other => format!("GET {url} failed: {other}"),
    }
}
