"""Keras' side of the `mlp-epoch-10k`, `cnn-epoch-10k` and `cnn-predict-10k` speed rows.

The seed article's network — Dense(1024, relu) → Dropout(0.5) → Dense(512, relu) → Dropout(0.5) →
Dense(1, sigmoid), Adam(1e-3), binary cross-entropy — trained for one epoch (batch 32) on
make_classification(n_samples=10_000, n_features=20, random_state=0), TensorFlow limited to one thread.
Then the seed articles' CIFAR-10 CNN (Conv2D 32 → MaxPooling2D → Conv2D 64 → MaxPooling2D → Flatten →
Dense 64 → Dense 10 softmax, Adam, sparse categorical cross-entropy) on 10,000 random 32 × 32 × 3 images:
one training epoch of batch 64, and predict at batch 64. Prints the median times after a warm-up and the
throughput.

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
import numpy as np  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402


def cnn():
    rng = np.random.RandomState(0)
    images = rng.random_sample((10_000, 32, 32, 3)).astype("float32")
    labels = rng.randint(0, 10, 10_000)
    model = keras.Sequential([
        keras.Input((32, 32, 3)),
        keras.layers.Conv2D(32, (3, 3), activation="relu"), keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Conv2D(64, (3, 3), activation="relu"), keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(images, labels, epochs=1, batch_size=64, verbose=0)
    model.predict(images, batch_size=64, verbose=0)
    for name, step in (("train epoch", lambda: model.fit(images, labels, epochs=1, batch_size=64, verbose=0)),
                       ("predict", lambda: model.predict(images, batch_size=64, verbose=0))):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
        median = sorted(times)[1]
        print(f"cnn {name}: {median:.3f} s ({', '.join(f'{t:.3f}' for t in times)}), {10_000 / median:.0f} images/s")


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
    cnn()
