"""scikit-learn's side of the speed rows that have a scikit-learn counterpart.

Times, single-threaded, median of several runs after a warm-up, on the same data SwiftLearn uses:
  make-classification-1m   make_classification(n_samples=1_000_000, n_features=20, random_state=2)
  train-test-split-100k    train_test_split(X, y, test_size=0.2, random_state=42, stratify=y) on
                           make_classification(n_samples=100_000, n_features=100, random_state=0)
  classification-report-1m classification_report(y_true, y_pred), 1,000,000 labels of 10 classes
                           (y_true = randint(10), y_pred = y_true with 30% redrawn; RandomState(0))
  logreg-fit-100k          LogisticRegression().fit on make_classification(n_samples=100_000,
                           n_features=100, n_informative=20, random_state=0)
  logreg-fit-multiclass-50k LogisticRegression().fit on make_classification(n_samples=50_000,
                           n_features=50, n_informative=30, n_classes=5, random_state=1)
Given the path of a `swiftlearn bench speed --json` report, prints SwiftLearn's rows beside them.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv-reference/bin/python \\
        Benchmarks/Reference/scikit_learn_speed.py [speed.json]
"""
import json
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import train_test_split


def median_seconds(fn, runs):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    rows = {}
    rows["make-classification-1m"] = median_seconds(
        lambda: make_classification(n_samples=1_000_000, n_features=20, random_state=2), 5)
    X, y = make_classification(n_samples=100_000, n_features=100, random_state=0)
    rows["train-test-split-100k"] = median_seconds(
        lambda: train_test_split(X, y, test_size=0.2, random_state=42, stratify=y), 7)
    rng = np.random.RandomState(0)
    y_true = rng.randint(0, 10, 1_000_000)
    redraw = rng.random_sample(1_000_000)
    other = rng.randint(0, 10, 1_000_000)
    y_pred = np.where(redraw < 0.3, other, y_true)
    rows["classification-report-1m"] = median_seconds(lambda: classification_report(y_true, y_pred), 7)
    accuracy = {}
    for name, kwargs in (("logreg-fit-100k", dict(n_samples=100_000, n_features=100, n_informative=20, random_state=0)),
                         ("logreg-fit-multiclass-50k", dict(n_samples=50_000, n_features=50, n_informative=30, n_classes=5,
                                                            random_state=1))):
        X, y = make_classification(**kwargs)
        rows[name] = median_seconds(lambda: LogisticRegression().fit(X, y), 5)
        model = LogisticRegression().fit(X, y)
        accuracy[name] = (model.score(X, y), int(model.n_iter_[0]))
    ours = {}
    if len(sys.argv) > 1:
        with open(sys.argv[1]) as f:
            ours = {row["name"]: row["seconds"] for row in json.load(f)["results"]}
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    print(f"{'row':<26}{'scikit-learn s':>16}{'SwiftLearn s':>14}{'speed-up':>10}")
    for name, seconds in rows.items():
        mine = ours.get(name)
        mine_text = f"{mine:14.4f}{seconds / mine:9.2f}x" if mine else ""
        print(f"{name:<26}{seconds:16.4f}{mine_text}")
    for name, (score, iterations) in accuracy.items():
        print(f"{name}: scikit-learn train accuracy {score:.4f}, {iterations} iterations")


if __name__ == "__main__":
    main()
