#!/usr/bin/env bash
# The scan step of action.yml, kept out of the YAML so that tests/action runs it
# as the runner would. One scan writes every output the Action promises:
#   SARIF          -> $INPUT_SARIF_FILE, for github/codeql-action/upload-sarif
#   annotations    -> stdout (workflow commands, format github)
#   job summary    -> appended to $GITHUB_STEP_SUMMARY (format markdown)
#   findings=N     -> appended to $GITHUB_OUTPUT (from the JSON summary)
# and the step ends with trustlint's own exit status (0 clean, 1 findings at or
# above fail-on, 2 usage or configuration error).
#
# Environment: TRUSTLINT (the binary), INPUT_PATH, INPUT_FAIL_ON,
# INPUT_FAIL_ON_POSSIBLE, INPUT_BASELINE, INPUT_SARIF_FILE, INPUT_CONFIG, and the
# runner's GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT.
set -euo pipefail

trustlint=${TRUSTLINT:?TRUSTLINT must name the trustlint binary}
scan_path=${INPUT_PATH:-.}
fail_on=${INPUT_FAIL_ON:-error}
fail_on_possible=${INPUT_FAIL_ON_POSSIBLE:-false}
baseline=${INPUT_BASELINE:-}
sarif_file=${INPUT_SARIF_FILE:-trustlint.sarif}
config=${INPUT_CONFIG:-}

# Paths in the outputs are relative to the current directory, and code scanning
# resolves SARIF locations against the repository root: scan from there.
cd "${GITHUB_WORKSPACE:-.}"

args=(check "$scan_path" --fail-on "$fail_on")
case "$fail_on_possible" in
  true) args+=(--fail-on-possible) ;;
  false | "") ;;
  *)
    echo "::error title=trustlint::input fail-on-possible must be true or false, not '$fail_on_possible'"
    exit 2
    ;;
esac
if [ -n "$baseline" ]; then args+=(--baseline "$baseline"); fi
if [ -n "$config" ]; then args+=(--config "$config"); fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$sarif_file")"
# --output truncates its file, and the job summary may already hold earlier
# steps' text: the markdown goes to a file of our own and is appended below.
args+=(--format sarif --output "$sarif_file"
       --format markdown --output "$work/summary.md"
       --format json --output "$work/findings.json"
       --format github)

status=0
"$trustlint" "${args[@]}" || status=$?

if [ "$status" -gt 1 ]; then
  echo "::error title=trustlint::trustlint stopped with exit status $status (usage or configuration error): see the log above"
  exit "$status"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$work/summary.md" >>"$GITHUB_STEP_SUMMARY"; fi

# Unsuppressed, unbaselined findings of every severity: the JSON summary's counts.
count_findings() {
  if command -v jq >/dev/null 2>&1; then
    jq '.summary.errors + .summary.warnings + .summary.notes' "$1"
  else
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"]+s["warnings"]+s["notes"])' "$1"
  fi
}
findings=$(count_findings "$work/findings.json")
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "findings=$findings" >>"$GITHUB_OUTPUT"; fi

if [ "$status" -eq 1 ]; then
  echo "trustlint: $findings finding(s); at least one is at or above fail-on: $fail_on"
fi
exit "$status"
