"""scikit-learn reference fits for LearnLinear.

Run: .venv-reference/bin/python Benchmarks/Reference/linear_reference.py
Writes Tests/LearnLinearTests/Resources/linear_reference.json (numpy 2.4.6, scikit-learn 1.9.1).

Logistic regression: every solver x penalty scikit-learn supports among lbfgs / newton-cholesky / saga,
fitted to tight tolerance on the seed article's data, a multiclass make_classification set and the
bundled iris / wine / breast cancer / digits (standardised with StandardScaler). Each fit records the
coefficients, intercepts, training predictions, the first rows of predict_proba and the objective
C * sum(loss) + (1 - l1_ratio)/2 ||W||^2 + l1_ratio ||W||_1. The unpenalised fits are kept only where
the optimum is finite (the data are not separable). Linear regression and ridge: coefficients and
intercepts on make_regression data and on the standardised diabetes-free bundled sets.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from scipy.special import logsumexp
from sklearn import datasets
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnLinearTests", "Resources", "linear_reference.json")


def hx(a):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        return [float(v).hex() for v in a]
    return [[float(v).hex() for v in row] for row in a]


def objective(model, X, y, C, l1_ratio):
    classes = model.classes_
    Z = X @ model.coef_.T + model.intercept_
    if len(classes) == 2:
        z = Z[:, 0]
        t = (y == classes[1]).astype(float)
        loss = np.sum(np.logaddexp(0, z) - t * z)
    else:
        idx = np.searchsorted(classes, y)
        loss = np.sum(logsumexp(Z, axis=1) - Z[np.arange(len(y)), idx])
    W = model.coef_
    if np.isinf(C):
        return float(loss)
    return float(C * loss + 0.5 * (1 - l1_ratio) * np.sum(W * W) + l1_ratio * np.sum(np.abs(W)))


def data():
    sets = {}
    X, y = make_classification(n_samples=100, n_features=10, n_classes=2, random_state=42)
    sets["article"] = (X, y, "make_classification(n_samples=100, n_features=10, n_classes=2, random_state=42)")
    X, y = make_classification(n_samples=300, n_features=8, n_informative=5, n_classes=4, random_state=7)
    sets["multiclass"] = (X, y, "make_classification(n_samples=300, n_features=8, n_informative=5, n_classes=4, random_state=7)")
    for name in ("iris", "wine", "breast_cancer", "digits"):
        bunch = getattr(datasets, "load_" + name)()
        sets[name] = (StandardScaler().fit_transform(bunch.data), bunch.target, f"StandardScaler().fit_transform(load_{name}().data)")
    return sets


COMBOS = [("lbfgs", "l2", 1.0, 0.0), ("lbfgs", "none", np.inf, 0.0),
          ("newton-cholesky", "l2", 1.0, 0.0), ("newton-cholesky", "none", np.inf, 0.0),
          ("saga", "l2", 1.0, 0.0), ("saga", "l1", 1.0, 1.0), ("saga", "elasticnet", 1.0, 0.5), ("saga", "none", np.inf, 0.0)]


def logistic_fits(sets):
    fits = []
    separable = {}
    for name, (X, y, _) in sets.items():
        probe = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10000).fit(X, y)
        separable[name] = bool(np.abs(probe.coef_).max() > 200 or probe.n_iter_[0] >= 10000)
    for name, (X, y, _) in sets.items():
        for solver, penalty, C, l1_ratio in COMBOS:
            if penalty == "none" and separable[name]:
                continue
            if solver == "saga" and name == "digits" and penalty in ("none",):
                continue
            tol = 1e-10 if solver != "saga" else 1e-9
            model = LogisticRegression(C=C, l1_ratio=l1_ratio, solver=solver, tol=tol, max_iter=100000, random_state=0).fit(X, y)
            fits.append({
                "dataset": name, "solver": solver, "penalty": penalty, "C": "inf" if np.isinf(C) else C, "l1_ratio": l1_ratio,
                "coef": hx(model.coef_), "intercept": hx(model.intercept_), "n_iter": int(model.n_iter_[0]),
                "predict": model.predict(X).tolist(), "proba_head": hx(model.predict_proba(X[:10])),
                "objective": float(objective(model, X, y, C, l1_ratio)).hex(),
            })
    return fits, separable


def least_squares_fits(sets):
    out = []
    Xr, yr = make_regression(n_samples=80, n_features=6, noise=3.0, bias=2.5, random_state=3)
    regression_sets = {"regression": (Xr, yr), "wine_alcohol": (sets["wine"][0][:, 1:], sets["wine"][0][:, 0])}
    for name, (X, y) in regression_sets.items():
        for fit_intercept in (True, False):
            lr = LinearRegression(fit_intercept=fit_intercept).fit(X, y)
            out.append({"dataset": name, "model": "LinearRegression", "fit_intercept": fit_intercept,
                        "coef": hx(lr.coef_), "intercept": float(lr.intercept_).hex(), "score": float(lr.score(X, y)).hex()})
            for alpha, solver in ((1.0, "cholesky"), (10.0, "svd"), (0.1, "cholesky")):
                r = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver=solver).fit(X, y)
                out.append({"dataset": name, "model": "Ridge", "alpha": alpha, "solver": solver, "fit_intercept": fit_intercept,
                            "coef": hx(r.coef_), "intercept": float(r.intercept_).hex(), "score": float(r.score(X, y)).hex()})
    return out, {"regression": "make_regression(n_samples=80, n_features=6, noise=3.0, bias=2.5, random_state=3)",
                 "wine_alcohol": "standardised wine, column 0 (alcohol) predicted from the other 12"}


def main():
    sets = data()
    fits, separable = logistic_fits(sets)
    ls, ls_data = least_squares_fits(sets)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"numpy_version": np.__version__, "sklearn_version": sklearn.__version__,
                   "datasets": {k: v[2] for k, v in sets.items()}, "separable": separable,
                   "logistic": fits, "least_squares": ls, "least_squares_data": ls_data}, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(fits)} logistic fits, {len(ls)} least-squares fits; separable: {separable}")


if __name__ == "__main__":
    main()
