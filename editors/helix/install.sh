#!/bin/sh
# Compiles the tree-sitter grammar into Helix's user runtime and copies the highlight queries
# there: $XDG_CONFIG_HOME/helix/runtime (default ~/.config/helix/runtime), or the directory
# given as the first argument. Needs a C compiler (cc). Run again after updating nianbao.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
grammar="$here/../../grammar"
runtime=${1:-${XDG_CONFIG_HOME:-$HOME/.config}/helix/runtime}
case "$(uname -s)" in
  Darwin) ext=dylib ;;
  *) ext=so ;;
esac
mkdir -p "$runtime/grammars" "$runtime/queries/nianbao"
${CC:-cc} -O2 -shared -fPIC -I "$grammar/src" "$grammar/src/parser.c" -o "$runtime/grammars/nianbao.$ext"
cp "$here/queries/nianbao/highlights.scm" "$runtime/queries/nianbao/highlights.scm"
echo "installed the nianbao grammar and queries in $runtime"
