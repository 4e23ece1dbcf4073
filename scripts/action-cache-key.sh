#!/usr/bin/env bash
# Prints "key=trustlint-build-<hash>" for action.yml's build cache: a hash of
# everything the binary is built from. hashFiles() cannot do this, because it only
# reads files under GITHUB_WORKSPACE and the Action's own files live elsewhere
# (actions/toolkit#1035). Usage: action-cache-key.sh ACTION_DIR [EXTRA]
# EXTRA (the runner image, say) goes into the key too: a binary is only reused on
# the system whose shared libraries it was linked against.
set -euo pipefail
cd "${1:?usage: action-cache-key.sh ACTION_DIR [EXTRA]}"
extra=${2:-}
hash=$( {
  printf '%s\n' "$extra"
  # The build reads src/, data/, cmake/, the generators in tools/ and the rule
  # fixtures (embedded in the rule pages); not tools/validators (tests only).
  { find src data cmake fixtures/rules -type f -print0; find tools -maxdepth 1 -type f -print0; } |
    LC_ALL=C sort -z | xargs -0 sha256sum
  sha256sum CMakeLists.txt Makefile grammars/package-lock.json
} | sha256sum | cut -c1-32)
echo "key=trustlint-build-$hash"
