# Every target installs what it needs first (scripts/setup.sh is idempotent).
.PHONY: test demo dist bench setup test-native test-wasm test-e2e lint

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
