# actorgraph: `make run` starts the server, `make test` runs every test.
# Both first install the one system package the build needs (libclang, for RocksDB's bindings);
# `make test` also installs the Python SPARQL clients its tests use.

CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint deps pydeps build

deps:
	@if ! dpkg -s libclang-dev >/dev/null 2>&1; then \
		echo "installing libclang-dev"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libclang-dev; \
	fi

# The Python SPARQL clients the integration tests run against a live server (tests/clients/).
pydeps:
	@PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check SPARQLWrapper rdflib

# One build for both commands: with --all-targets, dependency features are the
# same as for `cargo test`, so RocksDB (the long part) is compiled only once.
build: deps
	$(CARGO) build --release --all-targets

run: build
	target/release/actorgraph serve

test: build pydeps
	python3 ontology/check.py
	$(CARGO) test --release
	tests/schemathesis.sh
	@if [ -x scripts/eval.sh ]; then scripts/eval.sh; fi

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets -- -D warnings
