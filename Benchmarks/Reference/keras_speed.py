"""Keras' side of the coming `mlp-epoch-10k` speed row (issue: neural networks I).

The seed article's network — Dense(1024, relu) → Dropout(0.5) → Dense(512, relu) → Dropout(0.5) →
Dense(1, sigmoid), Adam(1e-3), binary cross-entropy — trained for one epoch (batch 32) on
make_classification(n_samples=10_000, n_features=20, random_state=0), TensorFlow limited to one thread.
Prints the epoch times after a warm-up epoch and the median samples per second.

    python3 -m venv .venv-keras && .venv-keras/bin/pip install -r Benchmarks/Reference/keras_requirements.txt
    .venv-keras/bin/python Benchmarks/Reference/keras_speed.py
"""
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["TF_NUM_INTRAOP_THREADS"] = "1"
os.environ["TF_NUM_INTEROP_THREADS"] = "1"

import tensorflow as tf  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)

import keras  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402


def main():
    X, y = make_classification(n_samples=10_000, n_features=20, random_state=0)
    X = X.astype("float32")
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Dense(1024, activation="relu"), keras.layers.Dropout(0.5),
        keras.layers.Dense(512, activation="relu"), keras.layers.Dropout(0.5),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(X, y, epochs=1, batch_size=32, verbose=0)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        model.fit(X, y, epochs=1, batch_size=32, verbose=0)
        times.append(time.perf_counter() - start)
    median = sorted(times)[1]
    print(f"keras {keras.__version__}, tensorflow {tf.__version__}: epoch {median:.3f} s "
          f"({', '.join(f'{t:.3f}' for t in times)}), {10_000 / median:.0f} samples/s")


if __name__ == "__main__":
    main()
