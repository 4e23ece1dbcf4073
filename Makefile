# trustlint — the two commands a new machine needs are `make demo` and `make test`.
# Every target installs what is missing first (Debian packages, then the pinned npm
# packages in grammars/), so a fresh clone needs nothing else.

APT_PACKAGES := libyaml-cpp-dev nlohmann-json3-dev libcli11-dev doctest-dev libz3-dev zlib1g-dev cmake g++ make
# Only `make test` needs these: the audit report is rendered in a real browser.
TEST_APT_PACKAGES := chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan
CLANG_BUILD ?= build-clang
FUZZ_BUILD ?= build-fuzz
# clang 14 and its tools: only the clang build, `make tidy` and `make fuzz` need them.
CLANG_APT_PACKAGES := clang-14 clang-tidy-14 libclang-rt-14-dev
# `make test` runs clang-tidy on the files the last commit changed.
TIDY_APT_PACKAGES := clang-tidy-14
SCAN ?= examples/
NPM_STAMP := grammars/node_modules/.trustlint-stamp
# Validators only the tests run (SARIF Multitool): a separate npm folder, so that
# `make demo` and the build never download them.
VALIDATORS_STAMP := tools/validators/node_modules/.trustlint-stamp
# The peers `make bench` measures trustlint against (cdk-nag, @cdktf/hcl2json): a
# separate npm folder that only `make bench` installs.
BENCH_PEERS_STAMP := bench/peers/node_modules/.trustlint-stamp
SARIF_MULTITOOL := tools/validators/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool

.PHONY: all deps test-tools fuzz-deps tidy-deps validators build build-tests build-asan build-clang build-fuzz test tidy fuzz demo check docs goldens bench bench-hostile install package clean

all: build

# Debian packages that are missing, then the npm packages pinned by grammars/package-lock.json.
# Installs those of the Debian packages $(1) that are missing.
define apt_install_missing
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

deps: $(NPM_STAMP)
	$(call apt_install_missing,$(APT_PACKAGES) $(if $(shell command -v npm 2>/dev/null),,npm))

# Everything `make test` needs beyond the build: its Debian packages in one apt call.
test-tools: $(VALIDATORS_STAMP)
	$(call apt_install_missing,$(TEST_APT_PACKAGES) $(TIDY_APT_PACKAGES))

$(NPM_STAMP): grammars/package.json grammars/package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; }
	cd grammars && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# npm does not keep the executable bit of a package's files (only of its `bin`
# entries), and --ignore-scripts skips any script that would set it.
$(VALIDATORS_STAMP): tools/validators/package.json tools/validators/package-lock.json | deps
	cd tools/validators && npm ci --ignore-scripts --no-audit --no-fund
	chmod +x $(SARIF_MULTITOOL)
	@touch $@

validators: $(VALIDATORS_STAMP)

# Release at -O2 (what docs/performance.md measured) without debug information,
# which costs a third of the compile time; configure a build folder of your own
# with -DCMAKE_BUILD_TYPE=RelWithDebInfo to profile.
$(BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" "-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG"

# The binary with its man page and completions: what `make demo`, `make install` and the
# packaging test need. The test executable is built where `make test` runs it, in the
# sanitizer tree (`make build-tests` builds it here too, for running it without sanitizers).
build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS) --target trustlint trustlint_reference

build-tests: build
	cmake --build $(BUILD) -j $(JOBS) --target trustlint_tests

$(ASAN_BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTRUSTLINT_SANITIZE=ON

build-asan: deps $(ASAN_BUILD)/Makefile
	cmake --build $(ASAN_BUILD) -j $(JOBS)

fuzz-deps:
	$(call apt_install_missing,$(CLANG_APT_PACKAGES))

tidy-deps:
	$(call apt_install_missing,$(TIDY_APT_PACKAGES))

# The whole tree, tests included, with clang 14 (warnings are errors there too):
# not part of `make test` (CI has no time for a second compiler); run it by hand
# after a change that may upset one compiler only, then $(CLANG_BUILD)/trustlint_tests.
$(CLANG_BUILD)/Makefile: CMakeLists.txt | deps fuzz-deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(CLANG_BUILD) -DCMAKE_BUILD_TYPE=Debug

build-clang: deps fuzz-deps $(CLANG_BUILD)/Makefile
	cmake --build $(CLANG_BUILD) -j $(JOBS)

# clang-tidy with .clang-tidy. TIDY_FILES empty: the whole of src/ (some 17 s of CPU a
# file, so over ten minutes on two cores: too long for CI); `make test` passes the .cpp
# files of the last commit.
TIDY_FILES ?=
tidy: build tidy-deps
	scripts/clang-tidy.sh $(BUILD) $(TIDY_FILES)

# The .cpp files under src/ that the last commit changed: none when there is no
# parent commit (a shallow clone) or the commit changed none.
CHANGED_CPP = $(shell git rev-parse -q --verify HEAD~1 >/dev/null 2>&1 && \
  git diff --name-only --diff-filter=d HEAD~1 -- 'src/*.cpp' 'src/**/*.cpp')

# The suite runs once, under AddressSanitizer + UndefinedBehaviorSanitizer: every
# test case, the CLI ones against the sanitizer build's binary. (It ran in the
# release build too until CI's 20 minutes ran out: building the tests twice and
# running them twice bought nothing the sanitizer run does not check.)
ASAN_RUN = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  TRUSTLINT_TEST_BINARY=$(CURDIR)/$(ASAN_BUILD)/trustlint $(ASAN_BUILD)/trustlint_tests
# Where the run splits the suite in two (test cases in doctest's file order, as
# `trustlint_tests -ltc` lists them): the first half ends just before the hostile
# shapes test (47 s under the sanitizers), after the golden CLI outputs, so that
# both take about as long (`--duration=true` on each half shows where time goes).
ASAN_SPLIT ?= 124

# clang-tidy on the .cpp files of the last commit; then unit, fixture, golden,
# determinism, CLI, browser and SARIF-validator tests under the sanitizers (the SARIF
# tests need the validators of tools/validators, the browser test chromium:
# test-tools); then the packaging test (cmake --install, cpack -G DEB) on the release build.
# The test tools (chromium, clang-tidy, the SARIF validators: downloads) install
# while the two trees build, one apt call after `deps` has released apt's lock.
test: deps
	@mkdir -p $(BUILD)
	@echo "== building $(BUILD) and $(ASAN_BUILD); meanwhile installing the test tools (log: $(BUILD)/test-tools.log)"
	@($(MAKE) --no-print-directory test-tools >$(BUILD)/test-tools.log 2>&1; echo $$? >$(BUILD)/test-tools.status) & tools=$$!; \
	  $(MAKE) --no-print-directory build build-asan; built=$$?; \
	  wait $$tools; cat $(BUILD)/test-tools.log; \
	  test $$built = 0 && test "$$(cat $(BUILD)/test-tools.status)" = 0
	$(if $(strip $(CHANGED_CPP)),scripts/clang-tidy.sh $(BUILD) $(CHANGED_CPP),@echo "clang-tidy: no .cpp under src/ changed by the last commit")
	@echo "== the suite under the sanitizers: two halves at once, one per core (logs in $(ASAN_BUILD)/shard-*.log)"
	@$(ASAN_RUN) --last=$(ASAN_SPLIT) >$(ASAN_BUILD)/shard-1.log 2>&1 & first=$$!; \
	  $(ASAN_RUN) --first=$$(($(ASAN_SPLIT) + 1)) >$(ASAN_BUILD)/shard-2.log 2>&1; second=$$?; \
	  wait $$first; first=$$?; \
	  cat $(ASAN_BUILD)/shard-1.log $(ASAN_BUILD)/shard-2.log; \
	  test $$first = 0 && test $$second = 0
	tests/package/package_test.sh $(BUILD)

# Scan the bundled examples: they hold deliberate faults, so findings are expected
# and the exit status is 1; `make demo` itself succeeds.
demo: build
	@echo "== trustlint check examples/ =="
	-$(BUILD)/trustlint check examples/

# Install the binary, man page and shell completions: make install PREFIX=~/.local
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# A Debian package of the same files: $(BUILD)/trustlint_<version>_<arch>.deb
package: build
	cd $(BUILD) && cpack -G DEB

# Scan a folder of your own: make check SCAN=infra/
check: build
	$(BUILD)/trustlint check $(SCAN)

# Regenerate docs/rules/*.md (from the rules' metadata and their fixtures) and README's
# generated blocks (tests check both; review the diff). Golden outputs are not docs:
# `make goldens` regenerates them, so that a docs run never rewrites what tests pin.
docs: build
	$(BUILD)/trustlint docs docs/rules
	scripts/update-readme.sh $(BUILD)

# Regenerate the golden outputs under tests/golden after an intended output change;
# every changed line of the diff must be explained by that change.
goldens: build-tests
	TRUSTLINT_REGENERATE=1 $(BUILD)/trustlint_tests -tc="golden*" >/dev/null

# Speed and memory of whole scans on generated inputs and the shared corpus.
# Side by side with the raw parse floors and the peers (docs/performance.md).
# BENCH_SIZES, BENCH_TF_SIZES and BENCH_PEERS=0 are bench/run.sh's knobs.
bench: build $(if $(filter 0,$(BENCH_PEERS)),,$(BENCH_PEERS_STAMP))
	cmake --build $(BUILD) --target bench_tools -j $(JOBS)
	bench/run.sh $(BUILD)

$(BENCH_PEERS_STAMP): bench/peers/package.json bench/peers/package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; }
	cd bench/peers && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# Time and peak memory of each hostile input shape (issue 8), release build.
bench-hostile: build
	bench/hostile.sh $(BUILD)

# libFuzzer (docs/fuzzing.md): builds the targets of fuzz/ with clang, seeds a
# corpus per target from the repository's inputs, then runs each target for
# FUZZ_SECONDS, one after another; not part of `make test`. No build type: asserts
# stay on (a failed one is a finding), line tables only (stack traces, quick builds).
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= fuzz_cloudformation fuzz_terraform fuzz_plan fuzz_policy
$(FUZZ_BUILD)/Makefile: CMakeLists.txt | deps fuzz-deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE= -DTRUSTLINT_FUZZ=ON -DTRUSTLINT_TESTS=OFF \
	  "-DCMAKE_C_FLAGS=-O1 -gline-tables-only" "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only"

build-fuzz: deps fuzz-deps $(FUZZ_BUILD)/Makefile
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS)

fuzz: build-fuzz
	python3 fuzz/seeds.py . $(FUZZ_BUILD)
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(CLANG_BUILD) $(FUZZ_BUILD)
