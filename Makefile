# PatrolHub: `make demo` and `make test` do everything on a fresh Debian machine (run as root).
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libzmq3-dev libprotobuf-c-dev protobuf-c-compiler protobuf-compiler libsqlite3-dev \
                zlib1g-dev pkg-config python3-venv tmux
VENV := .venv
PY_PACKAGES := pyzmq protobuf
# Only the benchmarks need these (LKH-3 and OR-Tools for the TSP comparison); `make test` does not install them.
BENCH_PY_PACKAGES := elkai ortools

.PHONY: deps build test demo protos bench chaos venv bench-venv clean

# Installs the Debian packages that are missing (apt-get needs root; the first run updates the lists).
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	fi

# Python for interoperability checks and benchmarks only (never the product path).
venv: deps
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import zmq, google.protobuf" 2>/dev/null || $(VENV)/bin/pip install -q $(PY_PACKAGES)

bench-venv: venv
	@$(VENV)/bin/python -c "import elkai, ortools" 2>/dev/null || $(VENV)/bin/pip install -q $(BENCH_PY_PACKAGES)

build: deps
	$(SWIFT) build -c release

test: deps venv
	$(SWIFT) build --build-tests
	# A bounded run: a test that hangs fails the suite instead of holding CI for its whole budget.
	PATROLHUB_PYTHON=$(CURDIR)/$(VENV)/bin/python timeout 1800 $(SWIFT) test --skip-build

demo: build
	.build/release/patrolsim run Missions/plaza --duration 1800 --seed 1 --compare

protos: deps
	Scripts/gen-protos.sh

bench: build venv bench-venv
	Benchmarks/run-all

chaos: build venv
	Benchmarks/chaos

clean:
	rm -rf .build
