"""Writes what Keras prints for `model.summary()` of every functional golden model, for LearnNeural's
`ModelSummaryTests` (`Model.summary()` must print the same text).

Run (Keras venv from Benchmarks/Reference/keras_requirements.txt), without a terminal so that Keras' rich
console is 80 columns wide as in a pipe or a log:
    .venv-keras/bin/python Benchmarks/Interop/print_keras_summaries.py < /dev/null | cat
Reads Tests/LearnNeuralTests/Resources/keras_functional/NAME.h5 (load_model(compile=False)) and writes
Tests/LearnNeuralTests/Resources/keras_summaries/NAME.txt. (keras 3.15.1, tensorflow-cpu 2.21.0)
"""
import io
import os
import sys

os.environ.pop("COLUMNS", None)  # rich would size its console from it
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402

NAMES = ["residual_mlp", "two_branch", "residual_cnn", "nested_sequential", "shared_layer", "multi_output",
         "merge_zoo", "nested_functional"]

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "LearnNeuralTests", "Resources")


def main():
    out = os.path.join(ROOT, "keras_summaries")
    os.makedirs(out, exist_ok=True)
    for name in NAMES:
        model = keras.models.load_model(os.path.join(ROOT, "keras_functional", name + ".h5"), compile=False)
        lines = []
        model.summary(print_fn=lambda line, **_: lines.append(line))
        text = "\n".join(lines)
        with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text if text.endswith("\n") else text + "\n")
        print(f"{name}: {len(text.splitlines())} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
