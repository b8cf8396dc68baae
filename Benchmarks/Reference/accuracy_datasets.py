"""The accuracy suite's datasets, shared by the reference scripts (SwiftLearn rebuilds them exactly:
its generators, splits and scaler are scikit-learn's).

Every dataset is split 80/20 with random_state 42 (stratified for the bundled ones) and standardised
with a StandardScaler fitted on the training rows (features only; regression targets stay as they are).
"""
import platform

import numpy as np
from sklearn.datasets import (load_breast_cancer, load_digits, load_iris, load_wine, make_blobs, make_circles,
                              make_classification, make_moons, make_regression)
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

GENERATED = {
    "seed-article": lambda: make_classification(n_samples=100, n_features=10, n_classes=2, random_state=42),
    "binary-100k": lambda: make_classification(n_samples=100_000, n_features=100, n_informative=20, random_state=0),
    "multiclass-50k": lambda: make_classification(n_samples=50_000, n_features=50, n_informative=30, n_classes=5, random_state=1),
    "moons": lambda: make_moons(n_samples=1000, noise=0.2, random_state=0),
    "circles": lambda: make_circles(n_samples=1000, noise=0.1, factor=0.5, random_state=0),
    "blobs": lambda: make_blobs(n_samples=1000, centers=4, cluster_std=1.5, random_state=0),
    "regression": lambda: make_regression(n_samples=1000, n_features=20, n_informative=10, noise=10.0, random_state=0),
}
BUNDLED = {
    "iris": load_iris, "wine": load_wine, "breast-cancer": load_breast_cancer, "digits": load_digits,
}
ORDER = ["seed-article", "binary-100k", "multiclass-50k", "moons", "circles", "blobs", "regression",
         "iris", "wine", "breast-cancer", "digits"]
QUICK = ["seed-article", "moons", "circles", "blobs", "regression", "iris", "wine", "breast-cancer", "digits"]


def load(name):
    """(x_train, x_test, y_train, y_test, task) of one dataset, standardised."""
    if name in BUNDLED:
        data = BUNDLED[name]()
        X, y = data.data, data.target
        split = train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
    else:
        X, y = GENERATED[name]()
        split = train_test_split(X, y, test_size=0.2, random_state=42)
    x_train, x_test, y_train, y_test = split
    scaler = StandardScaler().fit(x_train)
    task = "regression" if name == "regression" else "classification"
    return scaler.transform(x_train), scaler.transform(x_test), y_train, y_test, task


def digits_images():
    """(x_train, x_test, y_train, y_test): the digits as 8 × 8 × 1 images scaled to [0, 1], split as `digits`."""
    data = load_digits()
    images = (data.images / 16.0)[..., None].astype("float32")
    return train_test_split(images, data.target, test_size=0.2, random_state=42, stratify=data.target)


def small(name):
    """The sets the suite also cross-validates (5 folds)."""
    return name not in ("binary-100k", "multiclass-50k")


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            model = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model} ({platform.machine()})"


def classification_metrics(y_true, y_pred):
    from sklearn.metrics import accuracy_score, precision_recall_fscore_support
    precision, recall, f1, _ = precision_recall_fscore_support(y_true, y_pred, average="macro", zero_division=0)
    return {"accuracy": float(accuracy_score(y_true, y_pred)), "precision_macro": float(precision),
            "recall_macro": float(recall), "f1_macro": float(f1)}


def regression_metrics(y_true, y_pred):
    from sklearn.metrics import mean_squared_error, r2_score
    return {"r2": float(r2_score(y_true, y_pred)), "mse": float(mean_squared_error(y_true, y_pred))}


__all__ = ["ORDER", "QUICK", "load", "small", "machine", "classification_metrics", "regression_metrics", "np"]
