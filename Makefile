# Every target installs what it needs first (scripts/setup.sh is idempotent).
.PHONY: test demo dist bench setup lint fuzz

setup:
	scripts/setup.sh test

dist:
	scripts/setup.sh build
	scripts/build.sh

demo: dist
	node scripts/serve.mjs

test: setup
	scripts/test.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

# dist installs the toolchain only; Chromium and the CJK fonts come with setup.sh test.
bench: dist
	scripts/setup.sh test
	node bench/run.mjs

# Coverage-guided fuzzing of the pure core (stable Rust, no sanitizer):
#   make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 60
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	cd fuzz && for target in feed_parse config_parse url_resolve sanitize feed_convert feed_check; do \
	  cargo fuzz run -s none -O $$target -- -max_total_time=$(FUZZ_SECONDS) || exit 1; done
