"""Writes a small Keras legacy .h5 model and its predictions, for LearnNeural's load test.

Run (Keras venv from Benchmarks/Reference/keras_requirements.txt):
    .venv-keras/bin/python Benchmarks/Interop/make_keras_model.py
Writes Tests/LearnNeuralTests/Resources/keras_model.h5 and keras_model_predictions.json
(keras 3.15.1, tensorflow-cpu 2.21.0).
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnNeuralTests", "Resources")


def main():
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((4,)),
        keras.layers.Dense(8, activation="relu"), keras.layers.Dropout(0.25),
        keras.layers.Dense(6, activation="tanh"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    rng = np.random.RandomState(1)
    x = rng.randn(64, 4).astype("float32")
    y = rng.randint(0, 3, 64)
    model.fit(x, y, epochs=3, batch_size=16, verbose=0)
    model.save(os.path.join(OUT, "keras_model.h5"))
    probe = rng.randn(5, 4).astype("float32")
    with open(os.path.join(OUT, "keras_model_predictions.json"), "w") as f:
        json.dump({"keras_version": keras.__version__, "input": probe.tolist(),
                   "predictions": model.predict(probe, verbose=0).tolist()}, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
