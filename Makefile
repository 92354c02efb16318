# actorgraph: `make run` starts the server, `make test` runs every test.
# Both first install the one system package the build needs (libclang, for RocksDB's bindings);
# `make test` also installs the Python SPARQL clients its tests use, Chromium for the
# web UI's end-to-end test, and Virtuoso for the remote-backend tests. Both build the web UI
# (web/, with npm) when its sources changed.

CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint deps pydeps build web e2e browser screenshots

deps:
	@if ! dpkg -s libclang-dev >/dev/null 2>&1; then \
		echo "installing libclang-dev"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libclang-dev; \
	fi

# The Python SPARQL clients the integration tests run against a live server (tests/clients/).
pydeps:
	@PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check SPARQLWrapper rdflib

# The web UI: npm installs the locked packages when the lock file changed, and vite bundles
# web/src into web/dist when a source changed; build.rs then embeds web/dist in the binary.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.js

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html

# One build for both commands: with --all-targets, dependency features are the
# same as for `cargo test`, so RocksDB (the long part) is compiled only once.
build: deps web
	$(CARGO) build --release --all-targets

run: build
	target/release/actorgraph serve

# The Rust tests run the core tests on both backends: the embedded store and a
# throw-away Virtuoso (scripts/virtuoso.sh, installed with apt-get when missing),
# started on loopback in a temporary folder and stopped afterwards, pass or fail.
test: build pydeps browser
	python3 ontology/check.py
	@dir=$$(mktemp -d /tmp/actorgraph-virtuoso.XXXXXX); \
	scripts/virtuoso.sh start "$$dir" || exit 1; \
	. "$$dir/env"; status=0; \
	$(CARGO) test --release || status=$$?; \
	scripts/virtuoso.sh stop "$$dir"; rm -rf "$$dir"; exit $$status
	tests/schemathesis.sh
	@if [ -x scripts/eval.sh ]; then scripts/eval.sh; fi
	cd web && node e2e/e2e.mjs

# Debian's Chromium, which the end-to-end test drives with playwright-core.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "installing chromium"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; \
	fi

# The web UI's end-to-end test alone (needs `make build` first).
e2e: web browser
	cd web && node e2e/e2e.mjs

# Refreshes the screenshots shown in the README (docs/screenshots/).
screenshots: web browser
	cd web && SCREENSHOTS=../docs/screenshots node e2e/e2e.mjs

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets -- -D warnings
