"""Keras' side of the accuracy suite (Benchmarks/Reference/accuracy_keras.json): the seed article's network
on every classification set of accuracy_datasets.py, and the seed CNN (Conv2D 32 → MaxPooling 2 → Dense 64
→ softmax, 20 epochs) on the digits images.

Dense(1024, relu) → Dropout(0.5) → Dense(512, relu) → Dropout(0.5) → Dense(1, sigmoid) with binary
cross-entropy (Dense(k, softmax) with sparse categorical cross-entropy for k > 2 classes), Adam(1e-3),
10 epochs of batch 32, TensorFlow on one thread. Small sets (fewer than 5,000 test rows) average three
seeds, whose spread would otherwise dominate; the large ones use seed 0. Needs the venv of
keras_requirements.txt; `make reference-keras` runs it.
    python Benchmarks/Reference/accuracy_keras.py OUT.json
"""
import json
import os
import sys
import time

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

from accuracy_datasets import ORDER, classification_metrics, digits_images, load, machine  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)


def network(classes):
    head = [keras.layers.Dense(1, activation="sigmoid")] if classes == 2 else [keras.layers.Dense(classes, activation="softmax")]
    return keras.Sequential([keras.layers.Dense(1024, activation="relu"), keras.layers.Dropout(0.5),
                             keras.layers.Dense(512, activation="relu"), keras.layers.Dropout(0.5)] + head)


def run(dataset):
    x_train, x_test, y_train, y_test, task = load(dataset)
    classes = len(np.unique(y_train))
    seeds = (0, 1, 2) if len(y_test) < 5000 else (0,)
    metrics, fits, predicts = [], [], []
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model = network(classes)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                      loss="binary_crossentropy" if classes == 2 else "sparse_categorical_crossentropy")
        start = time.perf_counter()
        model.fit(x_train.astype("float32"), y_train, epochs=10, batch_size=32, verbose=0)
        fits.append(time.perf_counter() - start)
        start = time.perf_counter()
        output = model.predict(x_test.astype("float32"), batch_size=32, verbose=0)
        predicts.append(time.perf_counter() - start)
        predicted = (output[:, 0] > 0.5).astype(int) if classes == 2 else output.argmax(axis=1)
        metrics.append(classification_metrics(y_test, predicted))
    mean = {key: float(np.mean([m[key] for m in metrics])) for key in metrics[0]}
    print(f"{dataset:16} MLP {mean} {np.mean(fits):.1f}s", file=sys.stderr)
    return {"dataset": dataset, "model": "MLP", "task": task, "n_train": len(y_train), "n_test": len(y_test), "seeds": list(seeds),
            "metrics": mean, "fit_seconds": float(np.mean(fits)), "predict_seconds": float(np.mean(predicts))}


def cnn_network():
    return keras.Sequential([keras.layers.Conv2D(32, (3, 3), activation="relu"), keras.layers.MaxPooling2D((2, 2)),
                             keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
                             keras.layers.Dense(10, activation="softmax")])


def run_cnn():
    """The CNN on the digits images (8 × 8 × 1, pixels / 16), same stratified split, 20 epochs, three seeds."""
    x_train, x_test, y_train, y_test = digits_images()
    metrics, fits, predicts = [], [], []
    for seed in (0, 1, 2):
        keras.utils.set_random_seed(seed)
        model = cnn_network()
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy")
        start = time.perf_counter()
        model.fit(x_train, y_train, epochs=20, batch_size=32, verbose=0)
        fits.append(time.perf_counter() - start)
        start = time.perf_counter()
        predicted = model.predict(x_test, batch_size=32, verbose=0).argmax(axis=1)
        predicts.append(time.perf_counter() - start)
        metrics.append(classification_metrics(y_test, predicted))
    mean = {key: float(np.mean([m[key] for m in metrics])) for key in metrics[0]}
    print(f"digits           CNN {mean} {np.mean(fits):.1f}s", file=sys.stderr)
    return {"dataset": "digits", "model": "CNN", "task": "classification", "n_train": len(y_train), "n_test": len(y_test),
            "seeds": [0, 1, 2], "metrics": mean, "fit_seconds": float(np.mean(fits)), "predict_seconds": float(np.mean(predicts))}


def main(path, only=None):
    """All rows, or (only="CNN" / "MLP") recompute one model's rows and keep the file's others."""
    rows = []
    if only is not None:
        with open(path) as f:
            rows = [row for row in json.load(f)["results"] if row["model"] != only]
    if only in (None, "MLP"):
        rows += [run(dataset) for dataset in ORDER if dataset != "regression"]
    if only in (None, "CNN"):
        rows.append(run_cnn())
    with open(path, "w") as f:
        json.dump({"library": "keras", "version": keras.__version__, "backend": f"tensorflow {tf.__version__}", "machine": machine(),
                   "results": rows}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "accuracy_keras.json", sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--only" else None)
