"""Loads SwiftLearn's saved network (`my_model.h5`, written by the end-to-end test) with Keras and
compares Keras' predictions with SwiftLearn's on the same input (`my_model_predictions.json`).

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


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SWIFTLEARN_INTEROP_DIR", "/tmp/swiftlearn-interop")
    model = keras.models.load_model(os.path.join(folder, "my_model.h5"))
    with open(os.path.join(folder, "my_model_predictions.json")) as f:
        reference = json.load(f)
    x = np.asarray(reference["input"], dtype=np.float32)
    ours = np.asarray(reference["predictions"], dtype=np.float32).reshape(len(x), -1)
    theirs = model.predict(x, verbose=0)
    gap = float(np.abs(ours - theirs).max())
    print(f"keras {keras.__version__} loaded my_model.h5: {[layer.name for layer in model.layers]}, "
          f"optimizer {type(model.optimizer).__name__}; largest prediction gap {gap:.2e}")
    ok = gap <= 1e-5
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
