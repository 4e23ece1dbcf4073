#!/usr/bin/env bash
# Packaging test (SPEC 10), run by `make test` on the release build:
#  1. `cmake --install BUILD --prefix TMP`: the binary, the man page, the bash and
#     zsh completions and the licence are where they belong; the page renders and
#     the bash completion parses; the installed binary runs.
#  2. `cpack -G DEB` in BUILD: the .deb's control fields (Depends names the packages
#     of the shared libraries the binary links), its file list, and the binary
#     extracted from it (dpkg-deb -x) runs `trustlint version`.
#  3. Only with TRUSTLINT_TEST_DPKG_INSTALL=1 (set by .ci/run on a CI machine as
#     root, which is thrown away afterwards): `dpkg -i` the .deb, run
#     /usr/bin/trustlint version, `man -w trustlint`, then `dpkg -r trustlint`.
#     Installing into the system of a developer's machine is not a test's business.
# Usage: tests/package/package_test.sh BUILD_DIR
set -euo pipefail

build=$(cd "${1:?usage: package_test.sh BUILD_DIR}" && pwd)
version=$(sed -n 's/^project(trustlint VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../../CMakeLists.txt")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_file() { [ -s "$1" ] || fail "missing or empty: ${1#"$work"/}"; }

echo "== cmake --install $build --prefix TMP"
cmake --build "$build" --target trustlint trustlint_reference >/dev/null
cmake --install "$build" --prefix "$work/prefix" >/dev/null
p=$work/prefix
expect_file "$p/bin/trustlint"
expect_file "$p/share/man/man1/trustlint.1"
expect_file "$p/share/bash-completion/completions/trustlint"
expect_file "$p/share/zsh/site-functions/_trustlint"
expect_file "$p/share/doc/trustlint/copyright"
[ "$("$p/bin/trustlint" version)" = "trustlint $version" ] || fail "installed trustlint version"
if command -v man >/dev/null && command -v groff >/dev/null; then
  MANWIDTH=80 man -l "$p/share/man/man1/trustlint.1" 2>"$work/man.err" | col -b >"$work/man.txt" || fail "man -l"
  [ ! -s "$work/man.err" ] || fail "man -l warned: $(cat "$work/man.err")"
  grep -q -- "--fail-on-possible" "$work/man.txt" || fail "the rendered man page lacks --fail-on-possible"
else
  # No man/groff: at least a troff page with a title and sections.
  grep -q '^\.TH TRUSTLINT 1' "$p/share/man/man1/trustlint.1" || fail "no .TH in the man page"
fi
bash -n "$p/share/bash-completion/completions/trustlint" || fail "bash -n on the completion"
if command -v zsh >/dev/null; then zsh -n "$p/share/zsh/site-functions/_trustlint" || fail "zsh -n"; fi

echo "== cpack -G DEB"
# cpack packages what is built: it must not build the rest of the tree first (it
# did, and compiled the whole test suite in CI to package one binary).
tests_before=$([ -e "$build/trustlint_tests" ] && echo built || echo absent)
(cd "$build" && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
if [ "$tests_before" = absent ] && [ -e "$build/trustlint_tests" ]; then
  fail "cpack built trustlint_tests (CMAKE_SKIP_INSTALL_ALL_DEPENDENCY is off?)"
fi
deb=$(ls "$build"/trustlint_"$version"_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
  fail "no trustlint_${version}_*.deb in $build"
else
  [ "$(dpkg-deb --field "$deb" Package)" = trustlint ] || fail "Package field"
  [ "$(dpkg-deb --field "$deb" Version)" = "$version" ] || fail "Version field"
  [ -n "$(dpkg-deb --field "$deb" Maintainer)" ] || fail "Maintainer field"
  [ "$(dpkg-deb --field "$deb" Section)" = devel ] || fail "Section field"
  depends=$(dpkg-deb --field "$deb" Depends)
  # Every shared library the binary needs is provided by a package Depends names.
  for lib in $(ldd "$build/trustlint" | awk '/=> \//{print $3}'); do
    owner=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -n 1 | cut -d: -f1) || owner=""
    [ -z "$owner" ] && owner=$(dpkg -S "$lib" 2>/dev/null | head -n 1 | cut -d: -f1) || true
    [ -z "$owner" ] && continue  # not from a package (the loader's own): nothing to depend on
    grep -qw -- "$owner" <<<"$depends" || fail "Depends ($depends) lacks $owner, which provides $lib"
  done
  dpkg-deb -c "$deb" | awk '{print $6}' >"$work/deb.files"
  for f in ./usr/bin/trustlint ./usr/share/man/man1/trustlint.1 ./usr/share/bash-completion/completions/trustlint \
           ./usr/share/zsh/site-functions/_trustlint ./usr/share/doc/trustlint/copyright; do
    grep -qx -- "$f" "$work/deb.files" || fail "the .deb lacks $f"
  done
  dpkg-deb -x "$deb" "$work/root"
  [ "$("$work/root/usr/bin/trustlint" version)" = "trustlint $version" ] || fail "trustlint version from the .deb"

  if [ "${TRUSTLINT_TEST_DPKG_INSTALL:-0}" = 1 ]; then
    echo "== dpkg -i $(basename "$deb")"
    dpkg -i "$deb" >/dev/null || fail "dpkg -i"
    [ "$(/usr/bin/trustlint version)" = "trustlint $version" ] || fail "/usr/bin/trustlint version after dpkg -i"
    if command -v man >/dev/null; then man -w trustlint >/dev/null || fail "man -w trustlint after dpkg -i"; fi
    dpkg -r trustlint >/dev/null || fail "dpkg -r"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "package test: $failures failure(s)" >&2
  exit 1
fi
echo "package test: ok ($(basename "${deb:-none}"))"
