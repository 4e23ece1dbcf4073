#!/usr/bin/env bash
# Time and peak memory of every hostile shape (tests/hostile/shapes.h, issue 8), one
# scan each, with what the scan ended with. Usage: bench/hostile.sh [BUILD_DIR]
# (a sanitizer build works too: its figures show what the ASan test run pays).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/trustlint"
out=bench/out/hostile
rm -rf "$out" && mkdir -p "$out"
"$build/write_hostile_shapes" "$out" >/dev/null
printf '%-30s %8s %10s  %s\n' "shape" "seconds" "peak MiB" "ended with"
for dir in "$out"/*/; do
  name=$(basename "$dir")
  log=$(mktemp)
  report=$(mktemp)
  status=0
  # A guard only: a shape that still hangs is killed and shows as such.
  /usr/bin/time -f '%e %M' -o "$log" timeout -s KILL 120 "$bin" check --fail-on never "$dir" >"$report" 2>&1 || status=$?
  read -r secs rss < <(tail -1 "$log")
  if [ "$status" -ne 0 ]; then
    ended="exit status $status (crash or killed)"
  elif grep -q ' TL001 ' "$report"; then
    ended="TL001:$(grep -m1 ' TL001 ' "$report" | sed 's/.*input-parse-error://' | cut -c1-90)"
  else
    ended="findings: $(grep -o ' TL[0-9]* ' "$report" | sort -u | tr -d ' ' | tr '\n' ' ')"
  fi
  printf '%-30s %8s %10.1f  %s\n' "$name" "$secs" "$(awk -v k="$rss" 'BEGIN {print k/1024}')" "$ended"
  rm -f "$log" "$report"
done
