# kzlg: `make run` builds the graph from the bundled tables and runs showcase queries;
# `make test` runs every check CI runs. Both work on a fresh machine with Rust and Python 3: the
# checks' Python packages go into a virtual environment under target/ (VENV), made from
# tests/python/requirements.txt on first use and again whenever that file changes, and the
# Debian packages they run (DEBIAN_PACKAGES) are installed with apt-get when missing.

SOURCES ?= ../shared/sources
KZLG := target/release/kzlg
CARGO ?= cargo
FUZZ_SECONDS ?= 60
VENV ?= target/venv
REQUIREMENTS := tests/python/requirements.txt
# The stamp: a copy of the requirements the venv was made from.
VENV_STAMP := $(VENV)/requirements.txt
PYTHON := $(VENV)/bin/python3
# The peers of `make bench` (pyoxigraph, igraph), apart from the checks' venv.
BENCH_VENV ?= target/bench-venv
BENCH_VENV_STAMP := $(BENCH_VENV)/requirements.txt
BENCH_PYTHON := $(BENCH_VENV)/bin/python3

.PHONY: run test check-store check-evidence check-coverage check-shacl check-roundtrip docs docs-check catalogue-expected bench clean check-exports check-quickstatements check-civic picture fuzz \
	venv debian-packages check-catalogue-rdflib check-publish serve check-serve bench-serve bench-build

$(KZLG): Cargo.toml Cargo.lock $(shell find src ontology -type f)
	$(CARGO) build --release --locked

## Build dist/ from extracted/ and run a few catalogue queries.
run: $(KZLG)
	$(KZLG) build --out dist
	@for q in who-appoints-akims accountability-without-dismissal action-plans; do \
	  if [ -f queries/$$q.rq ]; then echo; echo "== kzlg query $$q --labels"; $(KZLG) query $$q --labels --format table; fi; \
	done
	@echo; echo "== kzlg query who-appoints-akims --as-of 2002 --labels (the system of 2002)"
	@$(KZLG) query who-appoints-akims --as-of 2002 --labels --format table
	@echo; echo "== kzlg timeline akim-rural-district"
	@$(KZLG) timeline akim-rural-district --format table
	@echo; echo "== kzlg query who-held-a-post-in-a-year --param post='Zhambyl akim' --param year=2002 --labels"
	@$(KZLG) query who-held-a-post-in-a-year --param post='Zhambyl akim' --param year=2002 --labels --format table
	@echo; echo "== kzlg show 'Zhambyl district akim' --as-of 2002 (who held it, and how we know)"
	@$(KZLG) show 'Zhambyl district akim' --as-of 2002 | head -40
	@echo; echo "Browse it all: make serve, then open http://127.0.0.1:7878/"

## Formatting, lints, unit and integration tests, generated docs, evidence, the Python checks, and
## the on-disk store (check-store, last). The Rust tests that start Python (tests/cli/federation.rs)
## get the venv's: first on PATH, and named by KZLG_TEST_PYTHON.
test: $(VENV_STAMP) debian-packages
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --locked -- -D warnings
	$(CARGO) clippy --all-targets --locked --features shacl -- -D warnings
	PATH="$(abspath $(VENV))/bin:$$PATH" KZLG_TEST_PYTHON="$(abspath $(PYTHON))" $(CARGO) test --locked
	$(CARGO) test --locked --features shacl --lib validate::
	$(MAKE) docs-check
	$(MAKE) check-evidence
	$(MAKE) check-coverage
	$(MAKE) check-exports
	$(MAKE) check-quickstatements
	$(MAKE) check-civic
	$(MAKE) check-shacl
	$(MAKE) check-roundtrip
	$(MAKE) check-catalogue-rdflib
	$(MAKE) check-publish
	$(MAKE) check-serve
	$(MAKE) check-store

## The on-disk store, the cargo feature `rocksdb`, is built in the release profile only, with clang
## (RocksDB's 337 C++ files: about half an hour on 2 cores, a quarter less than with g++), so that
## its tests and `make bench` share one build. The feature's binary is kept as $(KZLG_STORE); the
## default one, without RocksDB, stays $(KZLG). STORE_CXX must stay the same from build to build:
## RocksDB is compiled anew when it changes.
STORE_CXX ?= clang++-14
STORE_CARGO = CXX=$(STORE_CXX) $(CARGO)
KZLG_STORE := target/release/kzlg-store

## `kzlg validate` needs the cargo feature `shacl` (rudof's SHACL engine, a quarter of the crates of a
## clean build, left out of the default one): check-shacl runs it from $(KZLG_SHACL), built with the
## feature; the default $(KZLG) is built again after it, as for the store.
KZLG_SHACL := target/release/kzlg-shacl

## One rule for both feature binaries: target/release/kzlg-NAME is built by FEATURE_CARGO_NAME
## with FEATURE_NAME, copied aside, and the default binary is built again over it.
FEATURE_store = rocksdb
FEATURE_CARGO_store = $(STORE_CARGO)
FEATURE_shacl = shacl
FEATURE_CARGO_shacl = $(CARGO)
$(KZLG_STORE): | debian-packages
$(KZLG_STORE) $(KZLG_SHACL): target/release/kzlg-%: Cargo.toml Cargo.lock $(shell find src ontology -type f)
	$(FEATURE_CARGO_$*) build --release --locked --features $(FEATURE_$*)
	cp target/release/kzlg $@.tmp && mv $@.tmp $@
	$(CARGO) build --release --locked

## Lints and tests the store (tests/cli/store.rs) with the feature, in the release profile.
check-store: debian-packages
	$(STORE_CARGO) clippy --release --all-targets --locked --features rocksdb -- -D warnings
	$(STORE_CARGO) test --release --locked --features rocksdb --test cli store::
	$(CARGO) build --release --locked

## The Python packages of the checks, in $(VENV): made anew when the requirements differ from
## the copy kept in the venv (a newer file with the same text only refreshes the copy's date).
venv: $(VENV_STAMP)
$(VENV_STAMP): $(REQUIREMENTS) | debian-packages
	@if [ -f $@ ] && cmp -s $< $@; then touch $@; else \
	  echo "venv: making $(VENV) from $<"; \
	  rm -rf $(VENV) && python3 -m venv $(VENV) && \
	  $(PYTHON) -m pip install --quiet --disable-pip-version-check --no-input -r $< && \
	  cp $< $@; fi

## Debian packages the checks need, installed when missing (apt-get as root, else through sudo;
## `apt-get update` first, once): Graphviz (dot, gvpr), Virtuoso Open Source (virtuoso-t, isql-vt, for
## check-publish), Chromium and its driver (for check-serve's browser test), clang and libclang
## (to compile RocksDB for the store: clang, and libclang for its bindings) and, when python3 cannot
## make a venv, python3-venv.
DEBIAN_PACKAGES = $(if $(shell command -v dot && command -v gvpr),,graphviz) \
	$(if $(shell command -v $(STORE_CXX)),,clang-14) \
	$(if $(wildcard /usr/lib/llvm-*/lib/libclang.so),,libclang-dev) \
	$(if $(shell command -v virtuoso-t && command -v isql-vt),,virtuoso-opensource) \
	$(if $(shell command -v chromium && command -v chromedriver),,chromium chromium-driver) \
	$(if $(shell python3 -c 'import ensurepip, venv' 2>/dev/null && echo ok),,python3-venv)
debian-packages:
	@missing="$(strip $(DEBIAN_PACKAGES))"; if [ -n "$$missing" ]; then \
	  echo "debian-packages: installing $$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then apt=apt-get; else apt="sudo apt-get"; fi; \
	  $$apt update -qq && DEBIAN_FRONTEND=noninteractive $$apt install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

## The graph conforms to ontology/shapes.ttl, and pySHACL agrees with kzlg validate on it and on broken graphs.
check-shacl: $(KZLG_SHACL) $(VENV_STAMP)
	$(KZLG_SHACL) validate
	$(PYTHON) tests/python/shacl_cross_check.py $(KZLG_SHACL)

## rdflib reads kzlg.ttl, kzlg.nq and kzlg.jsonld as the same graph; the ontology declares what the data uses.
check-roundtrip: $(KZLG) $(VENV_STAMP)
	$(PYTHON) tests/python/roundtrip.py $(KZLG)

## A second SPARQL engine: rdflib's answers to every catalogue query (but SERVICE ones) are kzlg's.
check-catalogue-rdflib: $(KZLG) $(VENV_STAMP)
	$(PYTHON) tests/python/catalogue_rdflib.py $(KZLG)

## kzlg publish into a real Virtuoso that the check starts on loopback (its own folder under target/, its
## own ports): counts, a sample of triples, replace-not-double, and a wrong password; and the w3id.org
## rules (w3id/kzlg/.htaccess) read as mod_rewrite would, offline. Standard library only.
check-publish: $(KZLG) debian-packages
	timeout 900 python3 tests/python/check_publish.py $(KZLG) extracted
	python3 tests/python/check_w3id.py w3id/kzlg/.htaccess

## Every quote of extracted/ is in its source (when the sources folder is beside the repo).
check-evidence: $(KZLG)
	@if [ -d "$(SOURCES)" ]; then $(KZLG) check-evidence --sources $(SOURCES); \
	else echo "check-evidence: $(SOURCES) not found, skipped"; fi

## Every paragraph of the sources that holds a fact is cited by a row (coverage/exempt.csv lists the others).
check-coverage: $(KZLG)
	@if [ -d "$(SOURCES)" ]; then $(KZLG) coverage --sources $(SOURCES) --uncovered; \
	else echo "check-coverage: $(SOURCES) not found, skipped"; fi

## The column reference in extracted/README.md is generated from the schema.
## Fuzz the table loader and the query input for FUZZ_SECONDS each (needs cargo-fuzz; the
## sanitizer flags are nightly features, allowed on stable by RUSTC_BOOTSTRAP). Seeds: the fixture
## tables (first byte: the table's place in the sorted file names) and the queries of tests/ and queries/.
fuzz:
	command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz
	mkdir -p fuzz/corpus/load_table fuzz/corpus/query_input
	i=0; for t in $$(cd tests/fixtures/good && LC_ALL=C ls *.csv); do \
	  { printf "\\$$(printf %03o $$i)"; cat tests/fixtures/good/$$t; } > fuzz/corpus/load_table/seed-$${t%.csv}; \
	  i=$$((i + 1)); done
	for q in $$(find queries tests -name '*.rq' 2>/dev/null); do cp $$q fuzz/corpus/query_input/seed-$$(basename $$q); done
	cd fuzz && for target in load_table query_input; do \
	  RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run -O $$target corpus/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=65536 || exit 1; \
	done

docs: $(KZLG) $(VENV_STAMP)
	$(KZLG) schema > /tmp/kzlg-schema.md
	$(PYTHON) tools/splice_schema.py extracted/README.md /tmp/kzlg-schema.md

docs-check: $(KZLG) $(VENV_STAMP)
	$(KZLG) schema > /tmp/kzlg-schema.md
	$(PYTHON) tools/splice_schema.py --check extracted/README.md /tmp/kzlg-schema.md

clean:
	rm -rf dist target bench/out

## Regenerate the expected results of the catalogue queries (review the diff before committing).
catalogue-expected: $(KZLG)
	@mkdir -p tests/catalogue
	@for q in queries/*.rq; do n=$$(basename $$q .rq); grep -q 'SERVICE <' $$q && continue; $(KZLG) query $$n --format csv > tests/catalogue/$$n.csv || exit 1; done

## Benchmarks beside peers at 10k, 100k and 1M tenure rows (BENCH_SIZES to choose), the serve
## benchmark first, in one report: bench/out/report.md, whose summary then replaces the README's
## performance section (bench/readme.py). The peers (pyoxigraph, igraph) go into $(BENCH_VENV).
## BENCH_CLEAN_BUILD=1 also times a clean release build first (bench-build).
bench: $(KZLG) $(KZLG_STORE) $(BENCH_VENV_STAMP)
	$(if $(filter 1,$(BENCH_CLEAN_BUILD)),$(MAKE) bench-build)
	$(CARGO) build --release --locked --example csv_read
	$(BENCH_PYTHON) bench/serve.py $(KZLG)
	KZLG=$(abspath $(KZLG_STORE)) $(BENCH_PYTHON) bench/bench.py
	python3 bench/readme.py

## kzlg serve beside pyoxigraph behind a minimal HTTP server: start time, requests/s and p99 (bench/out/serve.md).
bench-serve: $(KZLG) $(BENCH_VENV_STAMP)
	$(BENCH_PYTHON) bench/serve.py $(KZLG)

## A clean `cargo build --release --timings` in a scratch target directory (BENCH_BUILD_DIR), and what
## each direct dependency costs it (crates only it pulls, their compile seconds): bench/out/build.md.
BENCH_BUILD_DIR ?= $(or $(TMPDIR),/tmp)/kzlg-bench-build
bench-build:
	rm -rf $(BENCH_BUILD_DIR) && mkdir -p bench/out
	CARGO_TARGET_DIR=$(BENCH_BUILD_DIR) $(CARGO) build --release --locked --timings
	python3 bench/build_costs.py $(BENCH_BUILD_DIR)/cargo-timings/cargo-timing.html > bench/out/build.md
	cat bench/out/build.md
	rm -rf $(BENCH_BUILD_DIR)

## The peers of the benchmarks, in their own venv (made anew when bench/requirements.txt changes).
$(BENCH_VENV_STAMP): bench/requirements.txt
	@if [ -f $@ ] && cmp -s $< $@; then touch $@; else \
	  echo "bench: making $(BENCH_VENV) from $<"; \
	  rm -rf $(BENCH_VENV) && python3 -m venv $(BENCH_VENV) && \
	  $(BENCH_PYTHON) -m pip install --quiet --disable-pip-version-check --no-input -r $< && \
	  cp $< $@; fi

## Serve the bundled data at http://127.0.0.1:7878/ (SERVE_FLAGS adds flags: --cors, --as-of 2002, --bind ...).
serve: $(KZLG)
	$(KZLG) serve $(SERVE_FLAGS)

## kzlg serve with real clients: SPARQLWrapper runs the catalogue and the reconciliation answers meet
## the API's schemas; headless Chromium (Debian's, through Debian's chromedriver) browses and queries;
## 32 clients load it for 30 s with no error and steady memory.
check-serve: $(KZLG) $(VENV_STAMP) debian-packages
	$(PYTHON) tests/python/check_serve.py $(KZLG)
	$(PYTHON) tests/browser/check_serve_browser.py $(KZLG)
	$(PYTHON) tests/python/check_serve_load.py $(KZLG)

## Every export format read back by networkx, lxml (GraphML and GEXF schemas) and Graphviz, against the graph.
check-exports: $(KZLG) $(VENV_STAMP) debian-packages
	$(PYTHON) tests/python/check_exports.py $(KZLG) tests/fixtures/good tests/fixtures/chain tests/fixtures/time extracted

## The QuickStatements batches (with and without --create) parsed as the Wikidata help page
## describes the syntax, and their P39 statements derived again from the graph with SPARQL.
## Standard library only.
check-quickstatements: $(KZLG)
	python3 tests/python/check_quickstatements.py $(KZLG) tests/fixtures/quickstatements tests/fixtures/good tests/fixtures/time extracted

## FollowTheMoney and Popolo read back by the followthemoney package (every value kept, ftm validate)
## and the Popolo JSON schemas (tests/schemas/popolo, jsonschema), against the graph, at several dates.
check-civic: $(KZLG) $(VENV_STAMP)
	$(PYTHON) tests/python/check_civic.py $(KZLG) tests/fixtures/good tests/fixtures/time extracted

## The appointment and accountability system of the bundled data as pictures a newspaper can print
## (docs/pictures/: .dot, .svg, .png): the generic posts and bodies of docs/pictures/system.rq on the
## dataset's date, and the same as of 2002 beside it. Every line's tooltip cites its sources.
PICTURE_RELATIONS := appointedBy,electedBy,approvedBy,accountableTo
PICTURE_TITLE := Who appoints Kazakhstan's akims, and to whom they answer
PICTURE := $(KZLG) export dot --query docs/pictures/system.rq --relations $(PICTURE_RELATIONS) --title "$(PICTURE_TITLE)"
picture: $(KZLG) debian-packages
	$(PICTURE) --out docs/pictures/system.dot
	$(PICTURE) --as-of 2002 --beside 2026-12-01 --out docs/pictures/system-2002-2026.dot
	for f in system system-2002-2026; do \
	  dot -Tsvg docs/pictures/$$f.dot -o docs/pictures/$$f.svg && \
	  dot -Tpng -Gdpi=96 docs/pictures/$$f.dot -o docs/pictures/$$f.png || exit 1; done

## Install the binary, its man pages and its bash, zsh and fish completions under
## $(DESTDIR)$(PREFIX); the pages and completions are generated from the command line itself.
## FEATURES="shacl rocksdb" (either or both) installs a kzlg built with those cargo features (kzlg
## validate; the on-disk store), kept as target/release/kzlg-installed.
PREFIX ?= /usr/local
INSTALLED := $(if $(strip $(FEATURES)),target/release/kzlg-installed,$(KZLG))
.PHONY: install
install: $(KZLG)
	$(if $(strip $(FEATURES)),$(if $(filter rocksdb,$(FEATURES)),$(STORE_CARGO),$(CARGO)) build --release --locked --features "$(FEATURES)" && \
	  cp target/release/kzlg $(INSTALLED).tmp && mv $(INSTALLED).tmp $(INSTALLED) && $(CARGO) build --release --locked)
	rm -rf target/generated && $(INSTALLED) generate --out target/generated
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(INSTALLED) $(DESTDIR)$(PREFIX)/bin/kzlg
	install -m 644 target/generated/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 target/generated/kzlg.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kzlg
	install -m 644 target/generated/_kzlg $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_kzlg
	install -m 644 target/generated/kzlg.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/kzlg.fish
