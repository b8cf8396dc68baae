# SwiftLearn — the two commands users run (`make bench`, `make test`) and their helpers.
#
# Every target that runs Swift code exports OPENBLAS_CORETYPE: Debian's OpenBLAS 0.3.21 does not
# recognise this CPU family and falls back to generic kernels ~6x slower. OpenBLAS picks its kernels
# when it loads, so the variable must be in the environment before the process starts.

SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

CPU_FLAGS := $(shell grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
ifeq ($(origin OPENBLAS_CORETYPE),undefined)
  ifneq ($(and $(findstring avx512f,$(CPU_FLAGS)),$(findstring avx512bw,$(CPU_FLAGS)),$(findstring avx512vl,$(CPU_FLAGS)),$(findstring avx512dq,$(CPU_FLAGS)),$(findstring avx512cd,$(CPU_FLAGS))),)
    OPENBLAS_CORETYPE := SkylakeX
  else ifneq ($(and $(findstring avx2,$(CPU_FLAGS)),$(findstring fma,$(CPU_FLAGS))),)
    OPENBLAS_CORETYPE := Haswell
  endif
endif
ifneq ($(OPENBLAS_CORETYPE),)
  export OPENBLAS_CORETYPE
endif

APT_PACKAGES := liblapacke-dev libopenblas-dev libhdf5-dev pkg-config
PKG_CONFIG_NAMES := openblas lapacke hdf5
REFERENCE_VENV ?= .venv-reference
INTEROP_VENV ?= .venv-interop
export SWIFTLEARN_INTEROP_DIR ?= $(CURDIR)/.build/interop
# The tests' scratch files go here (emptied on every run), not into the system's /tmp.
TEST_TMPDIR ?= $(CURDIR)/.build/test-tmp

.PHONY: all deps test interop interop-keras accuracy-quick docs bench bench-speed build release reference datasets clean \
        fuzz fuzz-smoke lint format

all: test

## deps: install the system libraries with apt-get when pkg-config cannot find them.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PKG_CONFIG_NAMES); then \
	  echo "deps: $(PKG_CONFIG_NAMES) found"; \
	else \
	  echo "deps: installing $(APT_PACKAGES)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	  pkg-config --exists $(PKG_CONFIG_NAMES) || { echo "deps: pkg-config still cannot find $(PKG_CONFIG_NAMES)" >&2; exit 1; }; \
	fi

## test: lint, build and run every test target (debug build), then check the HDF5 files they wrote with h5py.
test: deps lint
	swift build --build-tests
	rm -rf "$(SWIFTLEARN_INTEROP_DIR)" "$(TEST_TMPDIR)" && mkdir -p "$(SWIFTLEARN_INTEROP_DIR)" "$(TEST_TMPDIR)"
	# Tests run concurrently: one OpenBLAS thread each, or the thread pools fight (DESIGN §7).
	TMPDIR="$(TEST_TMPDIR)" OPENBLAS_NUM_THREADS=$${OPENBLAS_NUM_THREADS:-1} swift test --skip-build --disable-xctest
	$(MAKE) --no-print-directory interop
	$(MAKE) --no-print-directory accuracy-quick
	$(MAKE) --no-print-directory docs
	python3 Docs/module-graph.py --check

## lint: swift-format (the toolchain's) with .swift-format; fails on any formatting drift or lint warning.
## `make format` rewrites the files.
SWIFT_FORMAT ?= $(shell command -v swift-format 2>/dev/null || echo /opt/swift/usr/bin/swift-format)
FORMATTED = Sources Tests Fuzz/Sources Package.swift Fuzz/Package.swift
lint:
	$(SWIFT_FORMAT) lint --strict --recursive --parallel $(FORMATTED)
	@echo "lint: swift-format finds no drift"

format:
	$(SWIFT_FORMAT) format --in-place --recursive --parallel $(FORMATTED)

## fuzz: libFuzzer + ASan on the file readers (Fuzz/, Docs/Fuzzing.md), FUZZ_SECONDS per target; fails on
## any crash, timeout or out-of-memory artifact (in .build/fuzz/crashes/<target>/).
FUZZ_SECONDS ?= 300
fuzz: deps
	Fuzz/run-fuzzers.sh $(FUZZ_SECONDS)

## fuzz-smoke: the same for 30 seconds per target.
fuzz-smoke: deps
	Fuzz/run-fuzzers.sh 30

## docs: build the DocC documentation of every module (swift-docc-plugin); any warning fails.
docs:
	swift package generate-documentation > .build/docc.log 2>&1 || { cat .build/docc.log; exit 1; }
	@if grep -q "warning:" .build/docc.log; then grep -A3 "warning:" .build/docc.log; echo "docs: DocC warnings (above)"; exit 1; fi
	@echo "docs: DocC archives in .build/plugins/Swift-DocC/outputs, no warnings"

## accuracy-quick: the accuracy suite's quick subset (release build); fails when a model falls below its reference.
accuracy-quick: release
	.build/release/swiftlearn bench accuracy --quick --json .build/accuracy-quick/accuracy.json --markdown .build/accuracy-quick/accuracy.md

## interop: open every HDF5 file the tests wrote with h5py (a small venv, created when missing).
interop: $(INTEROP_VENV)/bin/python
	$(INTEROP_VENV)/bin/python Benchmarks/Interop/check_files.py "$(SWIFTLEARN_INTEROP_DIR)"

## interop-keras: load the network the tests saved with Keras itself (needs .venv-keras; TensorFlow is large).
interop-keras:
	@test -x .venv-keras/bin/python || { python3 -m venv .venv-keras && .venv-keras/bin/pip install -q -r Benchmarks/Reference/keras_requirements.txt; }
	.venv-keras/bin/python Benchmarks/Interop/check_keras.py "$(SWIFTLEARN_INTEROP_DIR)"

$(INTEROP_VENV)/bin/python:
	@python3 -m venv --help >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; }
	python3 -m venv $(INTEROP_VENV)
	$(INTEROP_VENV)/bin/pip install -q -r Benchmarks/Interop/requirements.txt

build: deps
	swift build

release: deps
	swift build -c release --product swiftlearn

## bench: the main job — the accuracy suite against scikit-learn and Keras. Reports go to BENCH_RESULTS
## (.build/bench, so a clone stays clean); `make bench BENCH_RESULTS=Benchmarks/Results` refreshes the
## committed ones the README quotes.
BENCH_RESULTS ?= .build/bench
bench: release
	mkdir -p $(BENCH_RESULTS)
	.build/release/swiftlearn bench accuracy --json $(BENCH_RESULTS)/accuracy.json \
	  --markdown $(BENCH_RESULTS)/accuracy.md --svg $(BENCH_RESULTS)/accuracy.svg
	@echo "bench: reports in $(BENCH_RESULTS)/accuracy.{json,md,svg}"

## bench-speed: the speed suite (kernels, generators, fits, the MLP epoch) against raw OpenBLAS, memcpy and the anchors.
bench-speed: release
	.build/release/swiftlearn bench speed

$(REFERENCE_VENV)/bin/python:
	python3 -m venv $(REFERENCE_VENV)
	$(REFERENCE_VENV)/bin/pip install -q -r Benchmarks/Reference/requirements.txt

## reference: regenerate the numpy/scipy reference data the tests compare against and the accuracy suite's
## scikit-learn and Keras results (Keras needs .venv-keras: TensorFlow, ~600 MB, created when missing).
reference: $(REFERENCE_VENV)/bin/python
	$(REFERENCE_VENV)/bin/python Benchmarks/Reference/core_reference.py
	cd Benchmarks/Reference && OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 ../../$(REFERENCE_VENV)/bin/python accuracy_scikit_learn.py accuracy_scikit_learn.json
	@test -x .venv-keras/bin/python || { python3 -m venv .venv-keras && .venv-keras/bin/pip install -q -r Benchmarks/Reference/keras_requirements.txt; }
	cd Benchmarks/Reference && OMP_NUM_THREADS=1 ../../.venv-keras/bin/python accuracy_keras.py accuracy_keras.json

## datasets: re-export the bundled datasets from the pinned scikit-learn.
datasets: $(REFERENCE_VENV)/bin/python
	$(REFERENCE_VENV)/bin/python Datasets/export_datasets.py

clean:
	rm -rf .build
