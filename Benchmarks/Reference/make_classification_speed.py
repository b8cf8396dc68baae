"""scikit-learn's side of the `make-classification-1m` speed row.

Times `make_classification(n_samples=1_000_000, n_features=20, random_state=2)` (median of 5 after a
warm-up, single-threaded) and, when given the path of a `swiftlearn bench speed --json` report, prints
SwiftLearn's row beside it with the speed-up. Run (after `make reference`, which creates the venv):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv-reference/bin/python \\
        Benchmarks/Reference/make_classification_speed.py [speed.json]
"""
import json
import statistics
import sys
import time

import sklearn
from sklearn.datasets import make_classification


def main():
    make_classification(n_samples=1_000_000, n_features=20, random_state=2)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        make_classification(n_samples=1_000_000, n_features=20, random_state=2)
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    print(f"scikit-learn {sklearn.__version__} make_classification 1m x 20: {seconds:.3f} s (median of 5)")
    if len(sys.argv) > 1:
        with open(sys.argv[1]) as f:
            rows = {row["name"]: row for row in json.load(f)["results"]}
        ours = rows["make-classification-1m"]["seconds"]
        print(f"SwiftLearn makeClassification 1m x 20: {ours:.3f} s -> {seconds / ours:.2f}x faster than scikit-learn")


if __name__ == "__main__":
    main()
