"""scikit-learn reference values for LearnMetrics.

Run: .venv-reference/bin/python Benchmarks/Reference/metrics_reference.py
Writes Tests/LearnMetricsTests/Resources/metrics_reference.json (numpy 2.4.6, scikit-learn 1.9.1):
a list of calls, each {"function", "args", "kwargs", "result"}; NaN and infinities are the strings
"nan", "inf", "-inf" (JSON has no such numbers).
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics

warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnMetricsTests", "Resources", "metrics_reference.json")


def enc(value):
    if isinstance(value, dict):
        return {str(k): enc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [enc(v) for v in value]
    if isinstance(value, np.ndarray):
        return enc(value.tolist())
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, np.str_):
        return str(value)
    return value


CALLS = []


def call(function, *args, **kwargs):
    result = getattr(metrics, function)(*args, **kwargs)
    CALLS.append({"function": function, "args": enc(list(args)), "kwargs": enc(kwargs), "result": enc(result)})


def classification_cases():
    rng = np.random.RandomState(0)
    binary_true = rng.randint(0, 2, 60)
    binary_pred = np.where(rng.rand(60) < 0.25, 1 - binary_true, binary_true)
    multi_true = rng.randint(0, 4, 80)
    multi_pred = np.where(rng.rand(80) < 0.35, rng.randint(0, 3, 80), multi_true)  # class 3 never predicted
    words = np.array(["cat", "dog", "fish"])
    string_true = words[rng.randint(0, 3, 40)]
    string_pred = np.where(rng.rand(40) < 0.3, words[rng.randint(0, 3, 40)], string_true)
    weights = np.round(rng.rand(80) * 3, 3)
    cases = [
        ("binary", binary_true, binary_pred, None),
        ("multiclass", multi_true, multi_pred, None),
        ("strings", string_true, string_pred, None),
        ("weighted", multi_true, multi_pred, weights),
    ]
    for name, yt, yp, w in cases:
        yt, yp = yt.tolist(), yp.tolist()
        sw = {} if w is None else {"sample_weight": w.tolist()}
        call("accuracy_score", yt, yp, **sw)
        call("accuracy_score", yt, yp, normalize=False, **sw)
        for zd in ("warn", 0.0, 1.0, np.nan):
            call("precision_recall_fscore_support", yt, yp, zero_division=zd, **sw)
            for average in ("micro", "macro", "weighted"):
                call("precision_recall_fscore_support", yt, yp, average=average, zero_division=zd, **sw)
        for beta in (0.5, 2.0):
            call("fbeta_score", yt, yp, beta=beta, average="macro", **sw)
        call("confusion_matrix", yt, yp, **sw)
        for normalize in ("true", "pred", "all"):
            call("confusion_matrix", yt, yp, normalize=normalize, **sw)
        call("classification_report", yt, yp, **sw)
        call("classification_report", yt, yp, digits=4, **sw)
        call("classification_report", yt, yp, output_dict=True, **sw)
    # Binary averages and pos_label.
    yt, yp = binary_true.tolist(), binary_pred.tolist()
    for function in ("precision_score", "recall_score", "f1_score"):
        call(function, yt, yp)
        call(function, yt, yp, pos_label=0)
    call("precision_score", string_true.tolist(), string_pred.tolist(), average="macro")
    call("f1_score", ["a", "b", "a", "b"], ["a", "a", "a", "b"], pos_label="b")
    # A label subset: micro average is not the accuracy any more.
    yt, yp = multi_true.tolist(), multi_pred.tolist()
    call("precision_recall_fscore_support", yt, yp, labels=[0, 2])
    call("precision_recall_fscore_support", yt, yp, labels=[0, 2], average="micro")
    call("confusion_matrix", yt, yp, labels=[3, 0, 2])
    call("classification_report", yt, yp, labels=[0, 2])
    call("classification_report", yt, yp, target_names=["zero", "one", "two", "three"])
    # Zero division: a class that is never predicted and never true.
    call("precision_recall_fscore_support", [0, 0, 1], [0, 0, 0], labels=[0, 1, 2], zero_division=1.0)
    call("precision_recall_fscore_support", [0, 0, 1], [0, 0, 0], labels=[0, 1, 2], average="macro", zero_division=np.nan)


def ranking_cases():
    rng = np.random.RandomState(1)
    y = rng.randint(0, 2, 50)
    scores = np.round(rng.rand(50), 1)  # many ties
    call("roc_curve", y.tolist(), scores.tolist())
    call("roc_curve", y.tolist(), scores.tolist(), drop_intermediate=False)
    call("roc_auc_score", y.tolist(), scores.tolist())
    w = np.round(rng.rand(50) * 2, 3)
    call("roc_auc_score", y.tolist(), scores.tolist(), sample_weight=w.tolist())
    call("roc_curve", y.tolist(), scores.tolist(), sample_weight=w.tolist())
    call("auc", [0.0, 0.2, 0.5, 1.0], [0.1, 0.4, 0.7, 1.0])
    call("auc", [1.0, 0.5, 0.0], [1.0, 0.6, 0.0])
    y3 = rng.randint(0, 3, 60)
    raw = rng.rand(60, 3)
    proba = raw / raw.sum(axis=1, keepdims=True)
    for average in ("macro", "weighted"):
        call("roc_auc_score", y3.tolist(), proba.tolist(), multi_class="ovr", average=average)
    call("log_loss", y.tolist(), scores.clip(0.01, 0.99).tolist())
    call("log_loss", y3.tolist(), proba.tolist())
    call("log_loss", y3.tolist(), proba.tolist(), normalize=False)
    call("log_loss", y3.tolist(), proba.tolist(), sample_weight=np.round(rng.rand(60), 3).tolist())
    call("log_loss", [1, 1, 1], [[0.2, 0.5, 0.3], [0.0, 1.0, 0.0], [0.1, 0.1, 0.8]], labels=[0, 1, 2])


def regression_cases():
    rng = np.random.RandomState(2)
    yt = rng.randn(40) * 3 + 1
    yp = yt + rng.randn(40)
    w = np.round(rng.rand(40), 3)
    for function in ("mean_squared_error", "mean_absolute_error", "r2_score"):
        call(function, yt.tolist(), yp.tolist())
        call(function, yt.tolist(), yp.tolist(), sample_weight=w.tolist())
    call("r2_score", [2.0, 2.0, 2.0], [2.0, 2.0, 2.0])
    call("r2_score", [2.0, 2.0, 2.0], [2.0, 2.5, 2.0])


def main():
    classification_cases()
    ranking_cases()
    regression_cases()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"numpy_version": np.__version__, "sklearn_version": sklearn.__version__, "calls": CALLS}, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}: {len(CALLS)} calls")


if __name__ == "__main__":
    main()
