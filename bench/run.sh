#!/usr/bin/env bash
# trustlint's benchmark, side by side in one run on the same generated repositories:
# trustlint at 1 and 2 jobs, the raw parse floors (bench/floor_*.cpp), cfn-lint, cdk-nag
# and HashiCorp's HCL parser (bench/peers/). Wall time and peak memory of each come
# from /usr/bin/time -v; the ratios that issue 11 sets targets for are printed as a
# markdown table and written to bench/out/results.md (docs/performance.md explains them).
# Speed is measured here, never in unit tests.
#
# Usage: bench/run.sh [BUILD_DIR]   (`make bench` builds the tools and the peers first)
# Knobs: BENCH_SIZES     CloudFormation repositories, in templates ("100 1000 10000")
#        BENCH_TF_SIZES  Terraform repositories, in MB ("1 10 100")
#        BENCH_PEERS=0   skip cfn-lint, cdk-nag and hcl2json
#        BENCH_REPEAT=N  run trustlint and the floors N times each and keep the fastest
#                        (for a shared machine, where single runs vary by tens of percent)
#        BENCH_PEER_LIMIT  seconds a peer may be predicted to take on a repository
#                        (from its time on the largest one it ran in full, scaled by
#                        the template count) before that scaled time is used instead (600)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$build/trustlint"
tools="$build/bench"  # bench/CMakeLists.txt: gen_repos and the floors
out=bench/out
sizes=${BENCH_SIZES:-100 1000 10000}
tf_sizes=${BENCH_TF_SIZES:-1 10 100}
peers=${BENCH_PEERS:-1}
peer_limit=${BENCH_PEER_LIMIT:-600}
large_tf_bytes=8000000  # under trustlint's 8 MiB cap on one Terraform file
mkdir -p "$out"
for tool in gen_repos floor_yaml floor_tree_sitter; do
  [ -x "$tools/$tool" ] || { echo "$tools/$tool is missing: run make bench (or cmake --build $build --target bench_tools)" >&2; exit 2; }
done

declare -A secs rss   # by row key: wall seconds, peak RSS in KiB
rows=()               # row keys in the order measured
declare -A row_label row_bytes row_note

# Runs a command under /usr/bin/time -v and records its wall time and peak RSS: of the
# fastest of measure_repeat runs (BENCH_REPEAT; peers run once), the highest peak.
measure_repeat=${BENCH_REPEAT:-1}
measure() {  # key label bytes command...
  local key=$1 label=$2 bytes=$3
  shift 3
  local log status=0 run
  log=$(mktemp)
  unset 'secs[$key]' 'rss[$key]'
  for ((run = 0; run < measure_repeat; ++run)); do
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || status=$?
    local wall s r
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    s=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    if [ -z "${secs[$key]:-}" ] || awk -v a="$s" -v b="${secs[$key]}" 'BEGIN { exit !(a < b) }'; then secs[$key]=$s; fi
    if [ -z "${rss[$key]:-}" ] || [ "$r" -gt "${rss[$key]}" ]; then rss[$key]=$r; fi
    if grep -q 'Command terminated by signal' "$log"; then row_note[$key]="killed by a signal"; fi
  done
  rows+=("$key")
  row_label[$key]=$label
  row_bytes[$key]=$bytes
  printf '%-58s %9.2f s %9.1f MiB%s\n' "$label" "${secs[$key]}" "$(mib "${rss[$key]}")" \
    "$([ "$status" -ne 0 ] && echo "  (exit $status)")" >&2
  rm -f "$log"
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
size_of() { du -sb "$1" | awk '{print $1}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
has() { [ -n "${secs[$1]:-}" ]; }

# Generated repositories are kept between runs (the generator is deterministic).
generate() {  # dir kind amount
  if [ ! -f "$1/.generated" ] || [ "$(cat "$1/.generated")" != "$2 $3" ]; then
    rm -rf "$1"
    "$tools/gen_repos" "$2" "$1" "$3"
    echo "$2 $3" >"$1/.generated"
  fi
}

jobs_supported=0
if "$bin" check --help 2>&1 | grep -q -- --jobs; then jobs_supported=1; fi

# trustlint on one repository: at 1 and 2 jobs where --jobs exists, else once.
trustlint_runs() {  # key-prefix label dir
  local common=(check "$3" --fail-on never --format json --output /dev/null)
  if [ "$jobs_supported" = 1 ]; then
    measure "$1-j1" "trustlint --jobs 1: $2" "$(size_of "$3")" "$bin" "${common[@]}" --jobs 1
    measure "$1-j2" "trustlint --jobs 2: $2" "$(size_of "$3")" "$bin" "${common[@]}" --jobs 2
  else
    measure "$1-j1" "trustlint: $2" "$(size_of "$3")" "$bin" "${common[@]}"
  fi
}

# A peer on a repository of n templates; when its time on the largest repository it ran
# in full predicts more than peer_limit seconds, that time is scaled by the template
# count instead (the repositories' templates are the first ones of every larger one:
# the generator is deterministic, so the smaller repository is a sample of the larger).
declare -A peer_last_n peer_last_key
peer_run() {  # peer key label n dir command-with-DIR...
  local peer=$1 key=$2 label=$3 n=$4 dir=$5
  shift 5
  local last=${peer_last_key[$peer]:-}
  if [ -n "$last" ] && awk -v s="${secs[$last]}" -v m="${peer_last_n[$peer]}" -v n="$n" -v lim="$peer_limit" \
    'BEGIN { exit !(s / m * n > lim) }'; then
    local m=${peer_last_n[$peer]}
    secs[$key]=$(awk -v s="${secs[$last]}" -v m="$m" -v n="$n" 'BEGIN { printf "%.2f", s / m * n }')
    rss[$key]=${rss[$last]}
    rows+=("$key")
    row_label[$key]="$label (scaled)"
    row_bytes[$key]=$(size_of "$dir")
    row_note[$key]="scaled: ${secs[$last]} s on the first $m templates x $n/$m (predicted over ${peer_limit} s); peak memory of that run"
    echo "$label: scaled from the first $m templates to ${secs[$key]} s" >&2
    return
  fi
  local measure_repeat=1  # a peer runs once: minutes each
  measure "$key" "$label" "$(size_of "$dir")" "${@/DIR/$dir}"
  peer_last_n[$peer]=$n
  peer_last_key[$peer]=$key
}

echo "trustlint benchmark: $("$bin" version 2>/dev/null | head -1), $(nproc) cores; --jobs $([ "$jobs_supported" = 1 ] && echo supported || echo 'not supported (jobs rows n/a)')" >&2
cfn_lint=$(command -v cfn-lint || true)
node_peers=bench/peers/node_modules
if [ "$peers" != 0 ] && [ ! -d "$node_peers/cdk-nag" ]; then
  echo "bench/peers is not installed (make bench installs it): cdk-nag and hcl2json are skipped" >&2
fi

# ---- CloudFormation: 100 / 1,000 / 10,000 templates
largest_n=0
for n in $sizes; do
  generate "$out/cfn-$n" cfn "$n"
  largest_n=$n
done
for n in $sizes; do
  dir="$out/cfn-$n"
  measure "yaml-$n" "yaml-cpp floor: $n templates" "$(size_of "$dir")" "$tools/floor_yaml" "$dir"
  trustlint_runs "cfn-$n" "$n templates" "$dir"
  if [ "$peers" != 0 ] && [ -n "$cfn_lint" ]; then
    # cfn-lint expands quoted globs itself: one process for the whole repository.
    peer_run cfn-lint "cfnlint-$n" "cfn-lint: $n templates" "$n" "$dir" "$cfn_lint" 'DIR/*.yaml' 'DIR/*.json'
  fi
  if [ "$peers" != 0 ] && [ -d "$node_peers/cdk-nag" ]; then
    peer_run cdk-nag "cdknag-$n" "cdk-nag: $n templates" "$n" "$dir" node bench/peers/cdk-nag-check.js DIR
  fi
done
# What two cores give this machine at all: two `--jobs 1` scans of the same repository
# side by side (the largest of at most 1,000 templates), against one alone. On a machine
# whose cores slow each other down (shared caches, memory bandwidth, a busy host), this
# ceiling is below 2x, and `--jobs 2` can only be judged against it.
pair_n=0
for n in $sizes; do [ "$n" -le 1000 ] && pair_n=$n; done
if [ "$jobs_supported" = 1 ] && [ "$pair_n" -gt 0 ]; then
  pair_cmd="'$bin' check '$out/cfn-$pair_n' --fail-on never --format json --output /dev/null --jobs 1"
  measure "pair-$pair_n" "two trustlint --jobs 1 side by side: $pair_n templates each" \
    "$(( 2 * $(size_of "$out/cfn-$pair_n") ))" bash -c "$pair_cmd & $pair_cmd; wait"
fi
# The largest single template of the largest repository, alone.
if [ "$largest_n" -gt 0 ]; then
  largest=$(find "$out/cfn-$largest_n" -type f \( -name '*.yaml' -o -name '*.json' \) -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2)
  rm -rf "$out/cfn-largest" && mkdir -p "$out/cfn-largest" && cp "$largest" "$out/cfn-largest/"
  measure "cfn-largest" "trustlint: largest template alone ($(basename "$largest"))" "$(size_of "$out/cfn-largest")" \
    "$bin" check "$out/cfn-largest" --fail-on never --format json --output /dev/null
  # The largest template with an identity pool: its proofs start the solver (a Z3
  # context is some 20 MB), which a template without one never needs.
  largest_pool=$(grep -rlE 'AWS::Cognito::IdentityPool("|$)' "$out/cfn-$largest_n" |
    xargs -r stat -c '%s %n' | sort -n | tail -1 | cut -d' ' -f2)
  if [ -n "$largest_pool" ]; then
    rm -rf "$out/cfn-largest-pool" && mkdir -p "$out/cfn-largest-pool" && cp "$largest_pool" "$out/cfn-largest-pool/"
    measure "cfn-largest-pool" "trustlint: largest identity-pool template alone ($(basename "$largest_pool"))" \
      "$(size_of "$out/cfn-largest-pool")" "$bin" check "$out/cfn-largest-pool" --fail-on never --format json --output /dev/null
  fi
fi

# ---- Terraform: modules of 1 / 10 / 100 MB, and one ~8 MB file
for mb in $tf_sizes; do
  dir="$out/tf-${mb}mb"
  generate "$dir" tf "$mb"
  measure "ts-$mb" "tree-sitter floor: ${mb} MB of modules" "$(size_of "$dir")" "$tools/floor_tree_sitter" "$dir"
  trustlint_runs "tf-$mb" "${mb} MB of modules" "$dir"
  if [ "$peers" != 0 ] && [ -d "$node_peers/@cdktf/hcl2json" ]; then
    measure "hcl2json-$mb" "hcl2json: ${mb} MB of modules" "$(size_of "$dir")" node bench/peers/hcl2json-parse.js "$dir"
  fi
done
mkdir -p "$out/tf-large" "$out/empty"
if [ ! -f "$out/tf-large/main.tf" ] || [ "$(stat -c %s "$out/tf-large/main.tf")" -gt "$large_tf_bytes" ]; then
  "$tools/gen_repos" tf-file "$out/tf-large/main.tf" "$large_tf_bytes"
fi
large_bytes=$(stat -c %s "$out/tf-large/main.tf")
measure "ts-large" "tree-sitter floor: one $(awk -v b="$large_bytes" 'BEGIN {printf "%.1f", b/1e6}') MB file" "$large_bytes" "$tools/floor_tree_sitter" "$out/tf-large"
measure "tf-large" "trustlint: the same file alone" "$large_bytes" "$bin" check "$out/tf-large" --fail-on never --format json --output /dev/null
measure "empty" "trustlint: an empty folder" 0 "$bin" check "$out/empty" --fail-on never --format json --output /dev/null

# Real templates, for reference (not generated; no ratio).
if [ -d ../shared/corpus ]; then
  measure "corpus" "trustlint: the shared corpus (../shared/corpus)" "$(size_of ../shared/corpus)" \
    "$bin" check ../shared/corpus --fail-on never --format json --output /dev/null
fi

# ---- Tables
rate() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0 && b > 0) printf "%.2f", b / 1e6 / s; else print "-" }'; }
{
  echo "### Ratios"
  echo
  echo "| figure | measured | target |"
  echo "| --- | --- | --- |"
  for n in $sizes; do
    echo "| trustlint / yaml-cpp floor, $n templates (time) | $(ratio "${secs[cfn-$n-j1]}" "${secs[yaml-$n]}")x | <= 1.5x |"
  done
  for n in $sizes; do
    if has "cfnlint-$n"; then
      echo "| cfn-lint / trustlint, $n templates (time)$([ -n "${row_note[cfnlint-$n]:-}" ] && echo ' (cfn-lint scaled, see below)') | $(ratio "${secs[cfnlint-$n]}" "${secs[cfn-$n-j1]}")x | >= 50x |"
    fi
  done
  for n in $sizes; do
    if has "cdknag-$n"; then
      echo "| cdk-nag / trustlint, $n templates (time)$([ -n "${row_note[cdknag-$n]:-}" ] && echo ' (cdk-nag scaled, see below)') | $(ratio "${secs[cdknag-$n]}" "${secs[cfn-$n-j1]}")x | - |"
    fi
  done
  for mb in $tf_sizes; do
    b=${row_bytes[tf-$mb-j1]}
    echo "| HCL throughput trustlint / tree-sitter, $mb MB of modules | $(ratio "$(rate "$b" "${secs[tf-$mb-j1]}")" "$(rate "$b" "${secs[ts-$mb]}")")x ($(rate "$b" "${secs[tf-$mb-j1]}") vs $(rate "$b" "${secs[ts-$mb]}") MB/s) | >= 0.7x |"
  done
  for mb in $tf_sizes; do
    if has "hcl2json-$mb"; then
      b=${row_bytes[tf-$mb-j1]}
      echo "| HCL throughput trustlint / hcl2json, $mb MB of modules | $(ratio "$(rate "$b" "${secs[tf-$mb-j1]}")" "$(rate "$b" "${secs[hcl2json-$mb]}")")x ($(rate "$b" "${secs[hcl2json-$mb]}") MB/s for hcl2json) | - |"
    fi
  done
  echo "| bytes of memory per byte of the largest .tf file ($large_bytes bytes) | $(awk -v a="${rss[tf-large]}" -v e="${rss[empty]}" -v b="$large_bytes" 'BEGIN { printf "%.1f", (a - e) * 1024 / b }') | <= 25 |"
  if [ "$largest_n" -gt 0 ]; then
    echo "| peak RSS, $largest_n templates / largest template alone | $(ratio "${rss[cfn-$largest_n-j1]}" "${rss[cfn-largest]}")x ($(mib "${rss[cfn-$largest_n-j1]}") / $(mib "${rss[cfn-largest]}") MiB) | <= 2x |"
    if [ -n "${rss[cfn-largest-pool]:-}" ]; then
      echo "| peak RSS, $largest_n templates / largest identity-pool template alone | $(ratio "${rss[cfn-$largest_n-j1]}" "${rss[cfn-largest-pool]}")x ($(mib "${rss[cfn-$largest_n-j1]}") / $(mib "${rss[cfn-largest-pool]}") MiB) | <= 2x |"
      has "cfn-$largest_n-j2" && echo "| peak RSS, $largest_n templates at --jobs 2 / largest identity-pool template alone | $(ratio "${rss[cfn-$largest_n-j2]}" "${rss[cfn-largest-pool]}")x ($(mib "${rss[cfn-$largest_n-j2]}") MiB) | <= 2x |"
    fi
  fi
  for n in $sizes; do
    echo "| trustlint time per template, $n templates | $(awk -v s="${secs[cfn-$n-j1]}" -v n="$n" 'BEGIN { printf "%.2f ms", s * 1000 / n }') | linear |"
  done
  for n in $sizes; do
    echo "| --jobs 2 speed-up, $n templates | $(has "cfn-$n-j2" && ratio "${secs[cfn-$n-j1]}" "${secs[cfn-$n-j2]}" || echo n/a)$(has "cfn-$n-j2" && echo x) | >= 1.7x |"
  done
  if has "pair-$pair_n"; then
    echo "| this machine's two-core ceiling, $pair_n templates (2 x one --jobs 1 scan / two side by side) | $(ratio "$(awk -v s="${secs[cfn-$pair_n-j1]}" 'BEGIN { print 2 * s }')" "${secs[pair-$pair_n]}")x | - |"
    echo "| --jobs 2 speed-up / that ceiling, $pair_n templates | $(ratio "${secs[pair-$pair_n]}" "$(awk -v s="${secs[cfn-$pair_n-j2]}" 'BEGIN { print 2 * s }')") | - |"
  fi
  for mb in $tf_sizes; do
    echo "| --jobs 2 speed-up, $mb MB of modules | $(has "tf-$mb-j2" && ratio "${secs[tf-$mb-j1]}" "${secs[tf-$mb-j2]}" || echo n/a)$(has "tf-$mb-j2" && echo x) | >= 1.7x |"
  done
  echo
  echo "### Measurements"
  echo
  echo "| run | input MB | wall s | peak MiB | MB/s |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for key in "${rows[@]}"; do
    echo "| ${row_label[$key]} | $(awk -v b="${row_bytes[$key]}" 'BEGIN { printf "%.2f", b / 1e6 }') | ${secs[$key]} | $(mib "${rss[$key]}") | $(rate "${row_bytes[$key]}" "${secs[$key]}") |"
  done
  notes=0
  for key in "${rows[@]}"; do
    if [ -n "${row_note[$key]:-}" ]; then
      [ "$notes" = 0 ] && echo && notes=1
      echo "- ${row_label[$key]}: ${row_note[$key]}"
    fi
  done
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end$([ "$measure_repeat" -gt 1 ] && echo "; trustlint and the floors: the fastest of $measure_repeat runs each"); trustlint $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $($cfn_lint --version 2>/dev/null || echo 'no cfn-lint')."
} | tee "$out/results.md"
