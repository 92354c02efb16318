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

build: deps
	$(CARGO) build --release

run: build
	$(CARGO) run --release -- serve

test: deps
	$(CARGO) build --release --all-targets
	$(CARGO) test --release
	@if [ -x scripts/eval.sh ]; then scripts/eval.sh; fi

lint:
	$(CARGO) fmt --check
	$(CARGO) clippy --release --all-targets -- -D warnings
