#!/usr/bin/env bash
# Writes the starting corpora of the fuzzers into CORPUS/<target>/ (see Docs/Fuzzing.md).
# usage: Fuzz/make-seeds.sh CORPUS [FUZZ_SEEDS_BINARY]
# The CLI (`swiftlearn`, root package, debug) makes the CSV and CLI-fitted models; fuzz-seeds (the Fuzz
# package, built by `make fuzz-build`) writes one file per persisted class and two Keras networks.
set -euo pipefail
corpus=${1:?usage: make-seeds.sh CORPUS [FUZZ_SEEDS_BINARY]}
root=$(cd "$(dirname "$0")/.." && pwd)
seeds_tool=${2:-$root/Fuzz/.build/debug/fuzz-seeds}
mkdir -p "$corpus"
corpus=$(cd "$corpus" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

swift build --package-path "$root" --product swiftlearn >/dev/null
cli="$(swift build --package-path "$root" --show-bin-path)/swiftlearn"
cd "$scratch"
"$cli" make-classification --n-samples 60 --n-features 4 --random-state 1 --output d.csv >/dev/null
"$cli" fit --model logistic-regression --train d.csv --output lr.h5 >/dev/null
"$cli" fit --model linear-regression --train d.csv --output linear.h5 >/dev/null
"$cli" fit --model mlp --param hidden_layer_sizes=4 --param max_iter=5 --train d.csv --output mlp.h5 >/dev/null 2>&1
"$seeds_tool" "$scratch/classes" >/dev/null

mkdir -p "$corpus"/{fuzz-estimator-load,fuzz-keras-load,fuzz-inspect,fuzz-csv,fuzz-parameters}
cp lr.h5 linear.h5 mlp.h5 classes/*.h5 "$corpus/fuzz-estimator-load/"
cp classes/keras-*.h5 "$corpus/fuzz-keras-load/"
# Keras' own functional files (merge layers, shared layers, nested models), without and with optimizer state.
cp "$root"/Tests/LearnNeuralTests/Resources/keras_functional/{residual_mlp,shared_layer,nested_sequential,nested_functional}_initial.h5 \
  "$root"/Tests/LearnNeuralTests/Resources/keras_functional/multi_output.h5 "$corpus/fuzz-keras-load/"
cp lr.h5 classes/*.h5 "$corpus/fuzz-inspect/"
cp d.csv "$corpus/fuzz-csv/"
# One file per estimator's defaults (its parameters as `key=value` lines) and the issue's reproductions.
"$seeds_tool" --parameters "$corpus/fuzz-parameters" >/dev/null
printf 'class_weight=0,1,0,2\n' > "$corpus/fuzz-parameters/duplicate-class-weight"
printf 'class_weight=nan,1\n' > "$corpus/fuzz-parameters/nan-class-weight"
printf 'hidden_layer_sizes=1099511627776\nmax_iter=5\n' > "$corpus/fuzz-parameters/huge-layer"
ls "$corpus"/* | wc -l
