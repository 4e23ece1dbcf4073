# trustlint — the two commands a new machine needs are `make demo` and `make test`.
# Every target installs what is missing first (Debian packages, then the pinned npm
# packages in grammars/), so a fresh clone needs nothing else.

APT_PACKAGES := libyaml-cpp-dev nlohmann-json3-dev libcli11-dev doctest-dev libz3-dev cmake g++ make
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
ASAN_BUILD ?= build-asan
SCAN ?= examples/
NPM_STAMP := grammars/node_modules/.trustlint-stamp

.PHONY: all deps build build-asan test demo check docs goldens bench bench-hostile clean

all: build

# Debian packages that are missing, then the npm packages pinned by grammars/package-lock.json.
deps: $(NPM_STAMP)
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if ! command -v npm >/dev/null 2>&1; then missing="$$missing npm"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(NPM_STAMP): grammars/package.json grammars/package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; }
	cd grammars && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

$(ASAN_BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DTRUSTLINT_SANITIZE=ON

build-asan: deps $(ASAN_BUILD)/Makefile
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# Unit, fixture, golden and determinism tests, in the release build and again
# under AddressSanitizer + UndefinedBehaviorSanitizer.
test: build build-asan
	$(BUILD)/trustlint_tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  TRUSTLINT_TEST_BINARY=$(ASAN_BUILD)/trustlint $(ASAN_BUILD)/trustlint_tests

# Scan the bundled examples: they hold deliberate faults, so findings are expected
# and the exit status is 1; `make demo` itself succeeds.
demo: build
	@echo "== trustlint check examples/ =="
	-$(BUILD)/trustlint check examples/

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
goldens: build
	TRUSTLINT_REGENERATE=1 $(BUILD)/trustlint_tests -tc="golden*" >/dev/null

# Speed and memory of whole scans on generated inputs and the shared corpus.
bench: build
	bench/run.sh $(BUILD)

# Time and peak memory of each hostile input shape (issue 8), release build.
bench-hostile: build
	bench/hostile.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
