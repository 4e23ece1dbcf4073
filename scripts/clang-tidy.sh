#!/usr/bin/env bash
# clang-tidy (14) with the repository's .clang-tidy over a build's compile database.
#
# usage: scripts/clang-tidy.sh BUILD_DIR [FILES...]
#   BUILD_DIR  a configured build folder holding compile_commands.json (every build
#              of this project writes one: CMAKE_EXPORT_COMPILE_COMMANDS is ON)
#   FILES      .cpp files to check; none: every .cpp under src/
# Two files at a time (the machines this runs on have two cores); exits non-zero
# when any file has a warning (.clang-tidy makes every kept check an error).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/clang-tidy.sh BUILD_DIR [FILES...]}
shift
CLANG_TIDY=${CLANG_TIDY:-$(command -v clang-tidy-14 || command -v clang-tidy || true)}
if [ -z "$CLANG_TIDY" ]; then
  echo "clang-tidy-14 is not installed (Debian: apt-get install clang-tidy-14)" >&2
  exit 2
fi
if [ ! -f "$build/compile_commands.json" ]; then
  echo "$build/compile_commands.json is missing: configure the build first (make build)" >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  mapfile -t files < <(find src -name '*.cpp' | sort)
else
  files=("$@")
fi
if [ ${#files[@]} -eq 0 ]; then
  echo "clang-tidy: no files to check"
  exit 0
fi
echo "clang-tidy: ${#files[@]} file(s), 2 at a time"
# The generated sources (catalogue, page examples) must exist for the headers they
# feed; -quiet keeps the output to the warnings themselves.
printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P 2 "$CLANG_TIDY" -p "$build" -quiet --header-filter='^'"$PWD"'/src/'
