#!/bin/sh
# Compiles the tree-sitter grammar into parser/nianbao.so and copies its highlight queries to
# queries/nianbao/, so that this folder on Neovim's runtimepath gives it both. Needs a C
# compiler (cc). Run again after updating nianbao.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
grammar="$here/../../grammar"
mkdir -p "$here/parser" "$here/queries/nianbao"
${CC:-cc} -O2 -shared -fPIC -I "$grammar/src" "$grammar/src/parser.c" -o "$here/parser/nianbao.so"
cp "$grammar/queries/highlights.scm" "$here/queries/nianbao/highlights.scm"
echo "built $here/parser/nianbao.so"
