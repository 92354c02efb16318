# actorgraph: `make run` starts the server, `make test` runs every test.
# Both first install the one system package the build needs (libclang, for RocksDB's bindings).

CARGO ?= cargo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint deps build

deps:
	@if ! dpkg -s libclang-dev >/dev/null 2>&1; then \
		echo "installing libclang-dev"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y libclang-dev; \
	fi

# One build for both commands: with --all-targets, dependency features are the
# same as for `cargo test`, so RocksDB (the long part) is compiled only once.
build: deps
	$(CARGO) build --release --all-targets

run: build
	target/release/actorgraph serve

test: build
	$(CARGO) test --release
	tests/schemathesis.sh
	@if [ -x scripts/eval.sh ]; then scripts/eval.sh; fi

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets -- -D warnings
