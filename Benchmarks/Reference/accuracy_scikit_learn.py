"""scikit-learn's side of the accuracy suite (Benchmarks/Reference/accuracy_scikit_learn.json).

Fits LogisticRegression and MLPClassifier on every classification set and LinearRegression, Ridge and
SGDRegressor on `regression`, all with scikit-learn's defaults (random_state=0 where there is one), on the
data of accuracy_datasets.py; records test metrics, fit and predict seconds (one thread) and, on the small
sets, 5-fold cross-validated accuracy on the training rows. `make reference` runs it.
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python Benchmarks/Reference/accuracy_scikit_learn.py OUT.json
"""
import json
import sys
import time
import warnings

import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge, SGDRegressor
from sklearn.model_selection import cross_val_score
from sklearn.neural_network import MLPClassifier

from accuracy_datasets import ORDER, classification_metrics, load, machine, regression_metrics, small

CLASSIFIERS = {"LogisticRegression": lambda: LogisticRegression(), "MLPClassifier": lambda: MLPClassifier(random_state=0)}
REGRESSORS = {"LinearRegression": lambda: LinearRegression(), "Ridge": lambda: Ridge(),
              "SGDRegressor": lambda: SGDRegressor(random_state=0)}


def run(dataset, model_name, make):
    x_train, x_test, y_train, y_test, task = load(dataset)
    model = make()
    start = time.perf_counter()
    model.fit(x_train, y_train)
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    predicted = model.predict(x_test)
    predict_seconds = time.perf_counter() - start
    metrics = classification_metrics(y_test, predicted) if task == "classification" else regression_metrics(y_test, predicted)
    row = {"dataset": dataset, "model": model_name, "task": task, "n_train": len(y_train), "n_test": len(y_test),
           "metrics": metrics, "fit_seconds": fit_seconds, "predict_seconds": predict_seconds}
    if task == "classification" and small(dataset):
        row["cv_accuracy"] = float(cross_val_score(make(), x_train, y_train, cv=5).mean())
    print(f"{dataset:16} {model_name:20} {metrics} {fit_seconds:.3f}s", file=sys.stderr)
    return row


def main(path):
    warnings.simplefilter("ignore", ConvergenceWarning)
    rows = []
    for dataset in ORDER:
        models = REGRESSORS if dataset == "regression" else CLASSIFIERS
        rows += [run(dataset, name, make) for name, make in models.items()]
    with open(path, "w") as f:
        json.dump({"library": "scikit-learn", "version": sklearn.__version__, "machine": machine(), "results": rows}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "accuracy_scikit_learn.json")
