"""scikit-learn reference values for LearnSelection's folds and cross-validation.

Run: .venv-reference/bin/python Benchmarks/Reference/selection_reference.py
Writes Tests/LearnSelectionTests/Resources/selection_reference.json (numpy 2.4.6, scikit-learn 1.9.1).
Cross-validation uses estimators simple enough to mirror exactly in the tests (NearestCentroid,
LinearRegression) on data from make_classification / make_regression, which SwiftLearn reproduces.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score, cross_validate
from sklearn.neighbors import NearestCentroid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnSelectionTests", "Resources", "selection_reference.json")


def folds(splitter, n, y=None):
    X = np.zeros((n, 1))
    return [{"train": tr.tolist(), "test": te.tolist()} for tr, te in splitter.split(X, y)]


def main():
    y_multi = np.random.RandomState(4).randint(0, 3, 23)
    y_words = np.array(["b", "a", "c", "a", "b", "b", "c", "a", "a", "b", "c", "c", "a"])
    cases = [
        {"name": "kfold5_n17", "splitter": "KFold", "n_splits": 5, "n": 17, "folds": folds(KFold(5), 17)},
        {"name": "kfold3_shuffle_rs0_n10", "splitter": "KFold", "n_splits": 3, "shuffle": True, "random_state": 0, "n": 10,
         "folds": folds(KFold(3, shuffle=True, random_state=0), 10)},
        {"name": "stratified5_n23", "splitter": "StratifiedKFold", "n_splits": 5, "n": 23, "y": y_multi.tolist(),
         "folds": folds(StratifiedKFold(5), 23, y_multi)},
        {"name": "stratified3_shuffle_rs42_n23", "splitter": "StratifiedKFold", "n_splits": 3, "shuffle": True,
         "random_state": 42, "n": 23, "y": y_multi.tolist(),
         "folds": folds(StratifiedKFold(3, shuffle=True, random_state=42), 23, y_multi)},
        {"name": "stratified2_strings", "splitter": "StratifiedKFold", "n_splits": 2, "n": len(y_words), "y": y_words.tolist(),
         "folds": folds(StratifiedKFold(2), len(y_words), y_words)},
    ]
    X, y = make_classification(n_samples=120, n_features=6, n_informative=3, n_classes=3, random_state=0)
    cv = {
        "classification": {
            "data": "make_classification(n_samples=120, n_features=6, n_informative=3, n_classes=3, random_state=0)",
            "accuracy_cv5": cross_val_score(NearestCentroid(), X, y, cv=5).tolist(),
            "f1_macro_cv5": cross_val_score(NearestCentroid(), X, y, cv=5, scoring="f1_macro").tolist(),
            "accuracy_kfold4_shuffle_rs1": cross_val_score(
                NearestCentroid(), X, y, cv=KFold(4, shuffle=True, random_state=1)).tolist(),
        }
    }
    Xr, yr = make_regression(n_samples=60, n_features=4, noise=1.0, random_state=0)
    result = cross_validate(LinearRegression(), Xr, yr, cv=5, scoring=["r2", "neg_mean_squared_error"], return_train_score=True)
    cv["regression"] = {
        "data": "make_regression(n_samples=60, n_features=4, noise=1.0, random_state=0)",
        "r2_cv5": cross_val_score(LinearRegression(), Xr, yr, cv=5).tolist(),
        "test_r2": result["test_r2"].tolist(), "train_r2": result["train_r2"].tolist(),
        "test_neg_mean_squared_error": result["test_neg_mean_squared_error"].tolist(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"numpy_version": np.__version__, "sklearn_version": sklearn.__version__, "folds": cases,
                   "cross_validation": cv}, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
