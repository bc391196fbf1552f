#!/usr/bin/env bash
# Installs what the end-to-end test needs: Debian's Chromium and Chinese fonts (one with CJK
# Extension B), code-server 4.100.3 (VS Code 1.100.3 for the web) from npm, and playwright-core.
# code-server's plain install downloads from GitHub, so its native parts are rebuilt from the npm
# registry instead.
# Usage: setup.sh DIR   (code-server and playwright-core go into DIR)
set -euo pipefail
dir=$(realpath -m "${1:?usage: setup.sh DIR}")

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
fc-list 2>/dev/null | grep -qi "wenquanyi" || need_apt+=(fonts-wqy-microhei)
# A face with CJK Extension B (𠀀, U+20000): HanaMinB, named in the preview's font stack.
fc-list ':charset=20000' 2>/dev/null | grep -q . || need_apt+=(fonts-hanazono)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
# The native modules are compiled on the spot.
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing from Debian: ${need_apt[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}" >/dev/null
fi

mkdir -p "$dir"
cd "$dir"
if [ -x node_modules/.bin/code-server ] && [ -f .ready ]; then
  exit 0
fi
[ -f package.json ] || echo '{ "name": "nianbao-e2e", "private": true }' > package.json
npm install --no-audit --no-fund --ignore-scripts code-server@4.100.3 playwright-core@1
npm rebuild argon2
(
  cd node_modules/code-server/lib/vscode
  npm install --no-audit --no-fund --omit=dev --ignore-scripts
  npm_config_yes=true npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  ln -sfn node_modules node_modules.asar
  ln -sfn code-linux.sh bin/remote-cli/code-server
  ln -sfn browser-linux.sh bin/helpers/browser.sh
  cd extensions
  npm install --no-audit --no-fund --omit=dev --ignore-scripts
  node ./postinstall.mjs
)
touch .ready
