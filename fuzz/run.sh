#!/usr/bin/env bash
# Runs libFuzzer targets one after another over their corpora (fuzz/seeds.py).
#
# usage: fuzz/run.sh BUILD_DIR SECONDS TARGET...
# Each target runs SECONDS in one job (-jobs=1) inside BUILD_DIR: new inputs go to
# BUILD_DIR/corpus-<target>/, crashes, timeouts and OOMs to
# BUILD_DIR/artifacts-<target>/, the log to BUILD_DIR/fuzz-<target>.log (libFuzzer
# writes fuzz-0.log in its working folder: one folder per target, so that two
# targets may run at once).
# Bounded per input: at most 64 KiB, 10 s and 2 GiB (a slower or larger input is
# an artefact to judge: docs/fuzzing.md). Exits non-zero when any target found one.
set -uo pipefail
build=$(cd "${1:?usage: fuzz/run.sh BUILD_DIR SECONDS TARGET...}" && pwd)
seconds=${2:?seconds}
shift 2
status=0
for target in "$@"; do
  mkdir -p "$build/corpus-$target" "$build/artifacts-$target" "$build/work-$target"
  echo "== $target for ${seconds}s (log: $build/fuzz-$target.log)"
  (cd "$build/work-$target" && "$build/$target" -jobs=1 -max_total_time="$seconds" -max_len=65536 \
     -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$build/artifacts-$target/" "$build/corpus-$target" \
     >/dev/null 2>&1)
  mv "$build/work-$target/fuzz-0.log" "$build/fuzz-$target.log"
  tail -n 3 "$build/fuzz-$target.log"
  if [ -n "$(ls -A "$build/artifacts-$target")" ]; then
    echo "!! $target found inputs to look at:" && ls "$build/artifacts-$target"
    status=1
  fi
done
exit $status
