"""Reference values for the generator paths that shared/spec/vectors does not cover
(`make_low_rank_matrix`, `make_regression(effective_rank=...)`).

Run: .venv-reference/bin/python Benchmarks/Reference/generator_reference.py
Writes Tests/LearnDataTests/Resources/generator_reference.json (numpy 2.4.6, scikit-learn 1.9.1).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_low_rank_matrix, make_regression

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnDataTests", "Resources", "generator_reference.json")


def hexes(a):
    return [[float(v).hex() for v in row] for row in np.atleast_2d(a)]


def main():
    cases = []
    for params in (dict(n_samples=20, n_features=8, effective_rank=3, tail_strength=0.3, random_state=0),
                   dict(n_samples=5, n_features=9, effective_rank=2, tail_strength=0.5, random_state=42)):
        cases.append({"function": "make_low_rank_matrix", "params": params, "X_hex": hexes(make_low_rank_matrix(**params))})
    for params in (dict(n_samples=30, n_features=6, n_informative=3, effective_rank=2, tail_strength=0.4, noise=0.2,
                        random_state=5),
                   dict(n_samples=12, n_features=4, n_informative=2, n_targets=2, effective_rank=1, bias=3.0,
                        shuffle=False, random_state=1)):
        X, y, coef = make_regression(coef=True, **params)
        cases.append({"function": "make_regression", "params": params, "X_hex": hexes(X),
                      "y_hex": hexes(y.reshape(len(y), -1)), "coef_hex": hexes(coef.reshape(params["n_features"], -1))})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"numpy_version": np.__version__, "sklearn_version": sklearn.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
