#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS each, 25 by default) on stable Rust,
# seeded from the fixtures, with a dictionary of the template's labels. Prints the executions
# each target ran. Longer runs: FUZZ_SECONDS=3600 fuzz/run-ci.sh, or one target with
#   cargo fuzz run -s none TARGET fuzz/corpus/TARGET fuzz/seeds/TARGET -- -dict=fuzz/template.dict
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-25}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --version 0.13.2

# Seeds: the fixtures and examples for the text targets, a few frames for the reader.
seeds=fuzz/seeds
mkdir -p "$seeds"/{check_bytes,report_features,incremental_edits,frames}
for f in examples/*.txt tests/fixtures/*.txt tests/fixtures/kinds/*.txt tests/fixtures/real/*.txt; do
  [ -f "$f" ] || continue
  n=$(basename "$f")
  cp "$f" "$seeds/check_bytes/$n"
  cp "$f" "$seeds/report_features/$n"
  head -c 4000 "$f" > "$seeds/incremental_edits/$n"
done
printf '\x05Content-Length: 30\r\n\r\n{"jsonrpc":"2.0","method":"a"}' > "$seeds/frames/one"
printf '\x01Content-Length: 31\r\n\r\n{"jsonrpc":"2.0","method":"a"}Content-Length: 2\r\n\r\n{}' > "$seeds/frames/long"
printf '\x03Content-Length: abc\r\n\r\n{}\r\nContent-Length: 4\r\n\r\nnull' > "$seeds/frames/bad"
printf '\x07Content-Length: 99999999999\r\n\r\n{"a":"\\ud800"}Content-Length: 7\r\n\r\n"\\udc00"' > "$seeds/frames/huge"

# The dictionary: the template's labels (hans and hant), ordinals and the frame's words.
dict=fuzz/template.dict
# libFuzzer reads only ASCII in a dictionary: every byte is written as \xNN.
esc() { printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' ' ' | awk '{s=""; for (i = 1; i <= NF; i++) s = s "\\x" $i; print "\"" s "\""}'; }
{
  grep -o '\(hans\|hant\) = "[^"]*"' template/template.toml | sed 's/^[a-z]* = "//; s/"$//' | grep -v '^$' | sort -u |
    while IFS= read -r w; do esc "$w"; done
  for w in '一、' '（一）' '（二）' '合计' '总计' '年' '|' 'Content-Length: ' '"jsonrpc":"2.0"' '"method":' '"id":' '\ud800'; do
    esc "$w"
  done
  esc "$(printf '\t')"
  esc "$(printf '\r\n\r\n.')"
} > "$dict"

total=0
for t in frames check_bytes report_features incremental_edits; do
  mkdir -p "fuzz/corpus/$t"
  log=$(mktemp)
  if ! cargo fuzz run -s none "$t" "fuzz/corpus/$t" "$seeds/$t" -- \
      -max_total_time="$seconds" -dict="$dict" -max_len=20000 -timeout=20 -rss_limit_mb=3000 \
      >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz target $t failed" >&2
    exit 1
  fi
  runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -n1)
  echo "fuzz $t: ${runs:-0} executions in ${seconds}s"
  total=$((total + ${runs:-0}))
  rm -f "$log"
done
echo "fuzz: $total executions in all"
