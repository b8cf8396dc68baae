"""scikit-learn reference fits for MLPClassifier / MLPRegressor (Tests/LearnNeuralTests/Resources/mlp_reference.json).

The datasets come from scikit-learn's generators, which SwiftLearn reproduces exactly, so the tests
rebuild them. Run with the venv of Benchmarks/Reference/requirements.txt:
    python Benchmarks/Reference/mlp_reference.py Tests/LearnNeuralTests/Resources/mlp_reference.json
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.datasets import make_classification, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

CASES = [
    {"name": "binary", "kind": "classifier", "data": {"n_samples": 500, "n_features": 10, "random_state": 0},
     "params": {"hidden_layer_sizes": [32], "max_iter": 60, "random_state": 0}},
    {"name": "multiclass_tanh", "kind": "classifier",
     "data": {"n_samples": 400, "n_features": 8, "n_informative": 5, "n_classes": 3, "random_state": 1},
     "params": {"hidden_layer_sizes": [16, 8], "activation": "tanh", "max_iter": 80, "batch_size": 50, "random_state": 3}},
    {"name": "binary_sgd_logistic", "kind": "classifier", "data": {"n_samples": 300, "n_features": 6, "random_state": 2},
     "params": {"hidden_layer_sizes": [12], "activation": "logistic", "solver": "sgd", "learning_rate_init": 0.1, "max_iter": 40,
                "random_state": 5}},
    {"name": "binary_early_stopping", "kind": "classifier", "data": {"n_samples": 600, "n_features": 10, "random_state": 4},
     "params": {"hidden_layer_sizes": [32], "early_stopping": True, "max_iter": 200, "random_state": 0}},
    {"name": "regression", "kind": "regressor", "data": {"n_samples": 300, "n_features": 6, "noise": 5.0, "random_state": 2},
     "params": {"hidden_layer_sizes": [32], "learning_rate_init": 0.01, "max_iter": 150, "random_state": 1}},
]


def main(path):
    results = []
    for case in CASES:
        params = dict(case["params"])
        params["hidden_layer_sizes"] = tuple(params["hidden_layer_sizes"])
        if case["kind"] == "classifier":
            X, y = make_classification(**case["data"])
            model = MLPClassifier(**params)
        else:
            X, y = make_regression(**case["data"])
            model = MLPRegressor(**params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(X, y)
        results.append({**case, "loss_curve": [float(v) for v in model.loss_curve_], "n_iter": int(model.n_iter_),
                        "score": float(model.score(X, y)),
                        "first_coef": np.asarray(model.coefs_[0][:2]).tolist()})
    with open(path, "w") as f:
        json.dump({"sklearn_version": sklearn.__version__, "cases": results}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "mlp_reference.json")
