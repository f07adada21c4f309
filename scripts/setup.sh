#!/usr/bin/env bash
# Installs what `make test`, `make demo` and `make dist` need, skipping what is
# already there, so every target works on a fresh machine and is fast after.
#   usage: scripts/setup.sh [build|test]   (build: toolchain only; test: + browser, npm)
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-test}

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages, installed in one apt run when any is missing.
apt_missing=()
need_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' || apt_missing+=("$1"); }

# 1. A Rust toolchain that can build wasm32-unknown-unknown: rustup's target
#    when it is installed, else Debian's rustc-web with the std sources
#    (build.sh then uses -Zbuild-std).
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  for p in rustc-web cargo-web rust-web-src lld-22; do need_pkg "$p"; done
fi
need_pkg brotli
if [ "$want" = test ]; then
  # Chromium for every e2e test; Firefox ESR (driven over WebDriver BiDi) and
  # WebKitGTK (WebKitWebDriver + MiniBrowser, under Xvfb) for the cross-engine subset.
  for p in chromium chromium-driver fonts-noto-cjk firefox-esr webkit2gtk-driver xvfb xauth; do need_pkg "$p"; done
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${apt_missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# 2. wasm-bindgen-cli at exactly the version in Cargo.lock (the glue it writes
#    must match the library compiled into the wasm). Not --locked: its lockfile
#    pins a crate version the registry no longer offers.
[ -f Cargo.lock ] || cargo generate-lockfile --offline 2>/dev/null || cargo generate-lockfile
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  log "installing wasm-bindgen-cli $wb_version (about two minutes, once)"
  cargo install --quiet wasm-bindgen-cli --version "$wb_version"
fi

# 3. npm packages: wasm-opt (binaryen; Debian's is too old) and, for tests,
#    playwright-core, puppeteer-core, selenium-webdriver and axe-core. Never
#    `playwright install` or a puppeteer browser download: we drive Debian's browsers.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready"
