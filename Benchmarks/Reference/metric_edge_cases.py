"""scikit-learn's answers on the metric edge cases where SwiftLearn used to give another number.

Run: .venv-reference/bin/python Benchmarks/Reference/metric_edge_cases.py
Writes Tests/LearnMetricsTests/Resources/metric_edge_cases.json (scikit-learn 1.9.1): for each case its
inputs and either the result, "nan" (scikit-learn returns NaN: SwiftLearn throws) or {"raises": message}.
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnMetricsTests", "Resources", "metric_edge_cases.json")


def plain(value):
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def outcome(function):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = {"result": plain(function())}
        except ValueError as error:
            result = {"raises": str(error)}
    result["warnings"] = [str(w.message) for w in caught]
    return result


def main():
    y, s, w = [0, 1, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.9], [1, 0, 1, 1, 1]
    y3 = [0, 1, 2, 0, 1, 2]
    p3 = [[.6, .2, .2], [.2, .6, .2], [.2, .2, .6], [.5, .3, .2], [.3, .4, .3], [.1, .3, .6]]
    w3 = [1, 1, 0, 1, 1, 0]
    cases = {
        "roc_curve_zero_weights": dict(
            inputs={"y_true": y, "y_score": s, "sample_weight": w},
            **outcome(lambda: metrics.roc_curve(y, s, sample_weight=w))),
        "roc_auc_zero_weights": dict(
            inputs={"y_true": y, "y_score": s, "sample_weight": w},
            **outcome(lambda: metrics.roc_auc_score(y, s, sample_weight=w))),
        "ovr_weighted_zero_weight_class": dict(
            inputs={"y_true": y3, "y_score": p3, "sample_weight": w3},
            **outcome(lambda: metrics.roc_auc_score(y3, p3, multi_class="ovr", average="weighted", sample_weight=w3))),
        "ovr_macro_zero_weight_class": dict(
            inputs={"y_true": y3, "y_score": p3, "sample_weight": w3},
            **outcome(lambda: metrics.roc_auc_score(y3, p3, multi_class="ovr", average="macro", sample_weight=w3))),
        "ovr_binary_two_columns": dict(
            inputs={"y_true": [0, 1, 1, 0], "y_score": [[.9, .1], [.2, .8], [.3, .7], [.6, .4]]},
            **outcome(lambda: metrics.roc_auc_score([0, 1, 1, 0], [[.9, .1], [.2, .8], [.3, .7], [.6, .4]],
                                                    multi_class="ovr"))),
        "accuracy_continuous_labels": dict(
            inputs={"y_true": [0.5, 1.0], "y_pred": [0.5, 1.0]},
            **outcome(lambda: metrics.accuracy_score([0.5, 1.0], [0.5, 1.0]))),
        "accuracy_whole_float_labels": dict(
            inputs={"y_true": [0.0, 1.0, 1.0], "y_pred": [0.0, 1.0, 0.0]},
            **outcome(lambda: metrics.accuracy_score([0.0, 1.0, 1.0], [0.0, 1.0, 0.0]))),
        "r2_one_sample": dict(inputs={"y_true": [1.0], "y_pred": [2.0]},
                              **outcome(lambda: metrics.r2_score([1.0], [2.0]))),
        "confusion_matrix_no_label_in_y_true": dict(
            inputs={"y_true": [0, 1], "y_pred": [0, 1], "labels": [5]},
            **outcome(lambda: metrics.confusion_matrix([0, 1], [0, 1], labels=[5]).tolist())),
        "classification_report_extra_target_names": dict(
            inputs={"y_true": [0, 1, 1], "y_pred": [0, 1, 0], "labels": [0, 1], "target_names": ["a", "b", "c"]},
            **outcome(lambda: metrics.classification_report([0, 1, 1], [0, 1, 0], labels=[0, 1],
                                                            target_names=["a", "b", "c"]))),
        "classification_report_extra_target_names_without_labels": dict(
            inputs={"y_true": [0, 1, 1], "y_pred": [0, 1, 0], "target_names": ["a", "b", "c"]},
            **outcome(lambda: metrics.classification_report([0, 1, 1], [0, 1, 0], target_names=["a", "b", "c"]))),
    }
    with open(OUT, "w") as f:
        json.dump({"scikit_learn": sklearn.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    for name, case in cases.items():
        print(name, case.get("result", case.get("raises")))


if __name__ == "__main__":
    main()
