//! The kinds of failure a widget reports (SPEC §5): the `kind` of a
//! `news-widget:error` event and of a rejected `mount`. The list is a public
//! contract, so it lives here once; a test holds the TypeScript types, the
//! docs and the loader to it.

/// Why a widget ends in its error state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A bad or missing attribute that stops the widget.
    Config,
    /// No answer, a timeout, or CORS refused (the browser cannot tell these
    /// apart); also the widget's own files failing to load or run.
    Network,
    /// An answer with a status other than 2xx/304.
    Http,
    /// The body is not a usable JSON Feed: not JSON, truncated, too large,
    /// wrong shape.
    Feed,
}

impl ErrorKind {
    /// Every kind, in SPEC order.
    pub const ALL: [ErrorKind; 4] = [
        ErrorKind::Config,
        ErrorKind::Network,
        ErrorKind::Http,
        ErrorKind::Feed,
    ];

    /// The `kind` string pages see.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Config => "config",
            ErrorKind::Network => "network",
            ErrorKind::Http => "http",
            ErrorKind::Feed => "feed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorKind;
    use std::path::Path;

    fn names() -> Vec<&'static str> {
        ErrorKind::ALL.iter().map(|k| k.name()).collect()
    }

    fn read(relative: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The quoted words of `text` between `start` and the next `end`.
    fn kinds_in(text: &str, start: &str, end: &str, quote: char) -> Vec<String> {
        let from = text
            .find(start)
            .unwrap_or_else(|| panic!("{start:?} not found"));
        let rest = &text[from + start.len()..];
        let span = &rest[..rest.find(end).unwrap_or(rest.len())];
        span.split(quote)
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn the_types_name_exactly_these_kinds() {
        let types = read("../js/news-widget.d.ts");
        assert_eq!(kinds_in(&types, "kind:", ";", '\''), names());
    }

    #[test]
    fn the_spec_and_the_docs_name_exactly_these_kinds() {
        // The SPEC lives in shared/, beside the repository.
        let spec = read("../../shared/SPEC.md");
        assert_eq!(kinds_in(&spec, "with `kind` one of", "\n\n", '`'), names());
        let docs = read("../docs/attributes.md");
        assert_eq!(kinds_in(&docs, "`kind` is", "|", '`'), names());
    }

    #[test]
    fn the_loader_reports_only_these_kinds() {
        let loader = read("../js/loader.js");
        let calls = |name: &str| -> Vec<String> {
            loader
                .lines()
                .filter(|line| !line.contains("function "))
                .flat_map(|line| line.split(name).skip(1).map(str::to_owned))
                .collect()
        };
        let quoted = |call: &str| -> Vec<String> { call.split('\'').map(str::to_owned).collect() };
        // `breakAll(message, 'kind')` names the kind last, `failure('kind', message)` first.
        let (breaks, failures) = (calls("breakAll("), calls("failure("));
        let last = breaks
            .iter()
            .filter_map(|call| quoted(call).iter().rev().nth(1).cloned());
        let first = failures
            .iter()
            .filter(|call| call.starts_with('\''))
            .filter_map(|call| quoted(call).get(1).cloned());
        let reported: Vec<String> = last.chain(first).collect();
        assert!(
            reported.len() >= 3,
            "the loader's error calls were not found"
        );
        for kind in reported {
            assert!(
                names().contains(&kind.as_str()),
                "the loader reports kind {kind:?}"
            );
        }
    }
}
