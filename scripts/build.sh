#!/usr/bin/env bash
# Builds dist/: the wasm (size-tuned release, wasm-opt; flags in toolchain.sh) and news-widget.js
# (js/loader.js with the wasm-bindgen glue inlined). The wasm file name
# carries a content hash so it can be cached forever.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
# One build at a time in a work tree (make test, make demo, a second shell):
# they share target/ and the staging folder.
mkdir -p target && exec 9>target/.build.lock && flock 9

out=target/wasm-bindgen
RUSTFLAGS="$wasm_release_rustflags" wasm_cargo build --release --lib -p news-widget "${wasm_release_flags[@]}"
staging=target/dist-staging
rm -rf "$out" "$staging" && mkdir -p "$out" "$staging"
wasm-bindgen "${wasm_bindgen_flags[@]}" --out-dir "$out" --out-name news_widget \
  "$wasm_target_dir/wasm32-unknown-unknown/release/news_widget.wasm"
node_modules/.bin/wasm-opt "${wasm_opt_flags[@]}" --strip-debug --strip-producers --strip-target-features \
  "$out/news_widget_bg.wasm" -o "$out/news_widget.opt.wasm"
node scripts/shorten-imports.mjs "$out/news_widget.opt.wasm" "$out/news_widget.js"

hash=$(sha256sum "$out/news_widget.opt.wasm" | cut -c1-10)
wasm_file="news-widget.$hash.wasm"
cp "$out/news_widget.opt.wasm" "$staging/$wasm_file"
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sri() { node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha384-"+c.createHash("sha384").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"; }
wasm_sri=$(sri "$staging/$wasm_file")
# The core's attribute rules for the loader's early skeleton (native build of the core).
cargo run --quiet -p news-core --example loader_rules > "$staging/rules.json"
node scripts/compose-loader.mjs js/loader.js "$out/news_widget.js" src/shell/widget.css "$wasm_file" "$version" "$wasm_sri" "$staging/rules.json" \
  > "$staging/news-widget.js"
rm "$staging/rules.json"
loader_sri=$(sri "$staging/news-widget.js")
# The ES module entry (pins the loader it loads) and its TypeScript declarations.
sed -e "s|__VERSION__|$version|g" -e "s|__LOADER_INTEGRITY__|$loader_sri|g" js/module.mjs > "$staging/news-widget.mjs"
cp js/news-widget.d.ts "$staging/news-widget.d.ts"
# Subresource Integrity for partners who pin the loader or the module; the loader pins the wasm itself.
printf '{\n  "news-widget.js": "%s",\n  "news-widget.mjs": "%s",\n  "%s": "%s"\n}\n' \
  "$loader_sri" "$(sri "$staging/news-widget.mjs")" "$wasm_file" "$wasm_sri" > "$staging/integrity.json"
# Swap in one step, so a server reading dist/ never sees half a build.
rm -rf dist.old && { [ ! -d dist ] || mv dist dist.old; } && mv "$staging" dist && rm -rf dist.old
echo "dist/: $(ls dist | tr '\n' ' ')"
