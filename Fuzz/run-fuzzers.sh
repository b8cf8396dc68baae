#!/usr/bin/env bash
# `make fuzz` / `make fuzz-smoke`: builds the fuzzers (ASan + libFuzzer), writes the seed corpora, runs each
# target for SECONDS, prints its final stats line, and fails if any target left a crash/timeout/oom artifact.
# usage: Fuzz/run-fuzzers.sh SECONDS [TARGET...]   (default: every target)
#        FUZZ_RUNS=N stops each target after N executions (or SECONDS, whichever comes first).
set -uo pipefail
seconds=${1:?usage: run-fuzzers.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-estimator-load fuzz-keras-load fuzz-inspect fuzz-csv fuzz-parameters)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/.build/fuzz
# Everything gets ASan and coverage; libFuzzer is linked into the fuzz targets by Fuzz/Package.swift.
flags=(-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
# LeakSanitizer is on: a leak is a finding like a crash (libFuzzer writes a leak-* artifact).
# libhdf5's own leaks on corrupt headers are suppressed (Fuzz/lsan-suppressions.txt says why).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/Fuzz/lsan-suppressions.txt:print_suppressions=0}
runs=()
[ -z "${FUZZ_RUNS:-}" ] || runs=(-runs="$FUZZ_RUNS")

mkdir -p "$work"
set -e
for product in "${targets[@]}" fuzz-seeds; do
  echo "fuzz: building $product"
  # Tried twice: after files are added to the root package, the nested package's first incremental build
  # still compiles the old file list (SwiftPM 6.3 caches its path dependency's sources); the second sees them.
  build() { swift build --package-path "$root/Fuzz" -c debug --product "$product" "${flags[@]}" > "$work/build-$product.log" 2>&1; }
  build || build || { grep -v "Cannot export local symbol" "$work/build-$product.log" | tail -30; exit 1; }
done
"$root/Fuzz/make-seeds.sh" "$work/corpus" "$root/Fuzz/.build/debug/fuzz-seeds" > /dev/null
set +e

failed=0
for target in "${targets[@]}"; do
  crashes=$work/crashes/$target
  mkdir -p "$crashes" "$work/corpus/$target"
  log=$work/$target.log
  "$root/Fuzz/.build/debug/$target" -max_total_time="$seconds" "${runs[@]}" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$work/corpus/$target" > "$log" 2>&1
  status=$?
  echo "fuzz: $target (exit $status, log $log)"
  grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1
  grep -E '^stat::number_of_executed_units' "$log" | tail -1
  if [ -n "$(ls -A "$crashes")" ]; then
    echo "fuzz: $target wrote artifacts:"; ls "$crashes" | sed "s|^|  $crashes/|"
    grep -m1 -A12 -E '^==[0-9]+==ERROR|Fatal error|SUMMARY' "$log" | head -20
    failed=1
  elif [ $status -ne 0 ]; then
    echo "fuzz: $target exited $status without an artifact"; tail -20 "$log"; failed=1
  fi
done
exit $failed
