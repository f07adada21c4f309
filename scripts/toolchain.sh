# Sourced by the build and test scripts: `wasm_cargo <subcommand> [args]` runs
# cargo for wasm32-unknown-unknown on this machine. rustup's wasm32 target
# when it is installed; else Debian's rustc-web, whose std ships as source
# and is built here with -Zbuild-std.
if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  wasm_target_dir=target/wasm-rustup
  wasm_env=()
  wasm_flags=(--target wasm32-unknown-unknown)
  wasm_release_rustflags=""
  wasm_release_flags=()
else
  wasm_target_dir=target/wasm-debian
  wasm_env=(PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1)
  wasm_flags=(--target wasm32-unknown-unknown -Zbuild-std=std,panic_abort)
  # Building std ourselves allows dropping the panic machinery (messages,
  # formatting, hooks), Debug formatting and panic locations from the shipped
  # wasm: a panic just traps, which the loader catches. -7.4 KB brotli.
  # Tests keep normal panics for their messages.
  wasm_release_rustflags="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
  # Without reference-types, wasm-bindgen keeps JS objects in its JS-side
  # heap array instead of an externref table: no externref shims and no
  # table allocator in the wasm. -0.8 KB brotli (wasm -0.93, loader +0.14);
  # same glue semantics, and the wasm needs one browser feature fewer.
  wasm_release_rustflags+=" -Ctarget-feature=-reference-types"
  # std's own size switch (smaller algorithms, same results): -0.3 KB brotli.
  wasm_release_flags=(-Zbuild-std-features=optimize_for_size)
fi
# The wasm-bindgen and wasm-opt steps of the shipped wasm (scripts/build.sh;
# bench/wasm-modules.mjs builds a name-keeping twin with the same ones).
# --encode-into always: no TextEncoder.encodeInto polyfill in the glue (every
# supported browser has it; Safari since 14.1): -0.04 KB brotli.
wasm_bindgen_flags=(--target no-modules --no-typescript --encode-into always)
# --converge: -Oz again until the module stops shrinking: -0.08 KB brotli.
# --low-memory-unused: folds constant offsets into loads and stores, assuming
# the first 1 KiB of memory unused (it is the far end of the 1 MiB stack);
# only addresses that wrap past 4 GiB, never valid pointers, would differ:
# -0.12 KB brotli.
# --one-caller-inline-max-function-size 20: a function with one caller is
# inlined only when small (by default whatever its size): 1.7 KB more raw,
# but functions stay alike and compress better: -1.3 KB brotli. Inlining
# only, no change in semantics.
wasm_opt_flags=(-Oz --converge --low-memory-unused --one-caller-inline-max-function-size 20)
wasm_cargo() {
  local subcommand=$1
  shift
  env "${wasm_env[@]}" CARGO_TARGET_DIR="$wasm_target_dir" cargo "$subcommand" "${wasm_flags[@]}" "$@"
}
