"""Loads every network SwiftLearn's tests saved for Keras (`NAME.h5` beside `NAME_predictions.json`,
e.g. `my_model.h5` from the end-to-end test, `functional_NAME.h5` from FunctionalKerasFileTests) with Keras
and compares Keras' predictions with SwiftLearn's on the same input (a list of arrays for a model of several
inputs; a list of predictions for several outputs), and the restored optimizer's iteration count when recorded.

Needs the Keras venv (Benchmarks/Reference/keras_requirements.txt), which `make test` does not build
(TensorFlow is a 600 MB download); run by hand or with `make interop-keras`:
    .venv-keras/bin/python Benchmarks/Interop/check_keras.py [/tmp/swiftlearn-interop]
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402


def check(folder, name):
    """Loads `name`.h5 with Keras; compares predictions and, when recorded, the optimizer's state."""
    model = keras.models.load_model(os.path.join(folder, name + ".h5"))
    with open(os.path.join(folder, name + "_predictions.json")) as f:
        reference = json.load(f)
    several_inputs = len(model.inputs) > 1
    if several_inputs:
        x = [np.asarray(part, dtype=np.float32).reshape((len(part),) + tuple(model.inputs[k].shape[1:]))
             for k, part in enumerate(reference["input"])]
    else:
        x = np.asarray(reference["input"], dtype=np.float32).reshape((-1,) + tuple(model.inputs[0].shape[1:]))
    rows = len(x[0]) if several_inputs else len(x)
    theirs = model.predict(x, verbose=0)
    if len(model.outputs) > 1:
        pairs = zip(reference["predictions"], theirs)
    else:
        pairs = [(reference["predictions"], theirs)]
    gap = max(float(np.abs(np.asarray(o, dtype=np.float32).reshape(rows, -1) - np.asarray(t).reshape(rows, -1)).max())
              for o, t in pairs)
    ok = gap <= 1e-5
    detail = ""
    if "iterations" in reference:
        iterations = int(model.optimizer.iterations.numpy())
        ok = ok and iterations == reference["iterations"]
        detail = f", optimizer iterations {iterations} (expected {reference['iterations']})"
    print(f"keras {keras.__version__} loaded {name}.h5: {[layer.name for layer in model.layers]}, "
          f"optimizer {type(getattr(model, 'optimizer', None)).__name__}{detail}; largest prediction gap {gap:.2e}")
    return ok


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SWIFTLEARN_INTEROP_DIR", "/tmp/swiftlearn-interop")
    names = sorted(f[: -len("_predictions.json")] for f in os.listdir(folder) if f.endswith("_predictions.json"))
    results = []
    for name in names:
        try:
            results.append(check(folder, name))
        except Exception as error:  # one unreadable file is one failure; the others are still checked
            print(f"keras failed on {name}.h5: {type(error).__name__}: {error}")
            results.append(False)
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if results and all(results) else 1)


if __name__ == "__main__":
    main()
