#!/usr/bin/env bash
# Rewrites the generated blocks of README.md: the rules table and the example
# output (tests/readme_test.cpp checks both). Usage: scripts/update-readme.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/trustlint" rules > "$tmp/rules"
{
  echo '```console'
  echo '$ trustlint check examples/'
  cat tests/golden/examples-text/expected.out
  echo '```'
} > "$tmp/example"
replace_block() {  # name file
  awk -v name="$1" -v file="$2" '
    $0 == "<!-- " name ":begin -->" { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == "<!-- " name ":end -->" { skip = 0 }
    !skip { print }
  ' README.md > "$tmp/readme" && cp "$tmp/readme" README.md
}
replace_block rules "$tmp/rules"
replace_block example "$tmp/example"
