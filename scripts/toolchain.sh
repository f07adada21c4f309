# Sourced by the build and test scripts: `wasm_cargo <subcommand> [args]` runs
# cargo for wasm32-unknown-unknown on this machine. rustup's wasm32 target
# when it is installed; else Debian's rustc-web, whose std ships as source
# and is built here with -Zbuild-std.
if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  wasm_target_dir=target/wasm-rustup
  wasm_env=()
  wasm_flags=(--target wasm32-unknown-unknown)
  wasm_release_rustflags=""
else
  wasm_target_dir=target/wasm-debian
  wasm_env=(PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1)
  wasm_flags=(--target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
  # Building std ourselves allows dropping the panic machinery (messages,
  # formatting, hooks), Debug formatting and panic locations from the shipped
  # wasm: a panic just traps, which the loader catches. -7.4 KB brotli.
  # Tests keep normal panics for their messages.
  wasm_release_rustflags="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
fi
wasm_cargo() {
  local subcommand=$1
  shift
  env "${wasm_env[@]}" CARGO_TARGET_DIR="$wasm_target_dir" cargo "$subcommand" "${wasm_flags[@]}" "$@"
}
