#!/usr/bin/env bash
# Builds the core for the browser: web/wasm (release, wasm32-unknown-unknown), then the
# bindings with wasm-bindgen into web/pkg/ (nianbao_wasm.js and nianbao_wasm_bg.wasm), then
# wasm-opt when the page's npm install provides it (web/node_modules/.bin, npm package binaryen).
# Installs what is missing: the rustup target, the wasm-bindgen CLI of the pinned version, and
# clang and lld (apt-get) for tree-sitter's C code.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# `--tools-only`: only the rustup target and the wasm-bindgen CLI (nothing from apt), so that CI
# can build them in the background while its first steps run.
tools_only=false
if [ "${1:-}" = "--tools-only" ]; then tools_only=true; shift; fi
out="${1:-$root/web/pkg}"
step() { printf '== %s\n' "$*" >&2; }

# The version wasm-bindgen is pinned to in Cargo.toml: the CLI must be the same.
version="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' "$here/Cargo.toml")"
[ -n "$version" ] || { echo "no pinned wasm-bindgen version in $here/Cargo.toml" >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  step "cargo install wasm-bindgen-cli --locked --no-default-features --version $version"
  # Without its default features: no TLS stack (it downloads nothing for this build).
  cargo install wasm-bindgen-cli --locked --no-default-features --version "$version"
fi
$tools_only && exit 0
if ! command -v clang >/dev/null 2>&1; then
  step "apt-get install clang lld"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang lld
fi

step "cargo build --release --target wasm32-unknown-unknown (web/wasm)"
export CC_wasm32_unknown_unknown="${CC_wasm32_unknown_unknown:-clang}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --manifest-path "$here/Cargo.toml" --release --target wasm32-unknown-unknown --locked
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/nianbao_wasm.wasm"

step "wasm-bindgen --target web --out-dir $out"
wasm-bindgen --target web --out-dir "$out" "$wasm"

opt="$root/web/node_modules/.bin/wasm-opt"
if [ -x "$opt" ]; then
  step "wasm-opt -Os"
  "$opt" -Os \
    "$out/nianbao_wasm_bg.wasm" -o "$out/nianbao_wasm_bg.wasm.opt"
  mv "$out/nianbao_wasm_bg.wasm.opt" "$out/nianbao_wasm_bg.wasm"
fi
size="$(wc -c < "$out/nianbao_wasm_bg.wasm")"
gz="$(gzip -9 -c "$out/nianbao_wasm_bg.wasm" | wc -c)"
step "$out/nianbao_wasm_bg.wasm: $size bytes ($gz gzipped)"
