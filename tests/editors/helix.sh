#!/usr/bin/env bash
# Runs Helix, set up as editors/helix/README.md says, against the release binary, in a
# pseudo-terminal. Not part of CI (Helix cannot be installed there); needs `hx` on PATH or in
# $HX, and installs pyte from PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
hx=${HX:-$(command -v hx || true)}
if [ -z "$hx" ]; then
  echo "helix e2e: no hx on PATH and HX not set" >&2
  exit 2
fi
python3 -c 'import pyte' 2>/dev/null || python3 -m pip install --quiet pyte
cargo build --release --quiet --bin nianbao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
export PATH="$PWD/target/release:$PATH"
mkdir -p "$XDG_CONFIG_HOME/helix" "$tmp/reports"
editors/helix/install.sh
sed "s#/path/to/nianbao/grammar#$PWD/grammar#" editors/helix/languages.toml > "$XDG_CONFIG_HOME/helix/languages.toml"
"$hx" --health nianbao
cp examples/report-2025.txt "$tmp/reports/示例县2025年政府信息公开工作年度报告.txt"
cd "$tmp/reports"
timeout 120 python3 "$OLDPWD/tests/editors/helix_pty.py" "$hx" "$tmp/reports/示例县2025年政府信息公开工作年度报告.txt"
