"""Exports the real datasets bundled with SwiftLearn from the copies inside scikit-learn.

Run from the repository root (`make datasets` does this in the reference venv):

    .venv-reference/bin/python Datasets/export_datasets.py

For each dataset it writes `Datasets/<name>.csv` (header: the feature names, then `target`; values as
Python's shortest round-trip repr, whole numbers as integers) and `Datasets/<name>.json` (feature and
target names, sizes, provenance). Pinned: scikit-learn 1.9.1 (Benchmarks/Reference/requirements.txt).
"""
import json
import os

import sklearn
from sklearn import datasets

HERE = os.path.dirname(os.path.abspath(__file__))

SOURCES = {
    "iris": ("load_iris", "R. A. Fisher, Iris data (UCI Machine Learning Repository, CC BY 4.0)"),
    "wine": ("load_wine", "Forina et al., Wine recognition data (UCI Machine Learning Repository, CC BY 4.0)"),
    "breast_cancer": ("load_breast_cancer",
                      "Wolberg, Street, Mangasarian, Breast Cancer Wisconsin (Diagnostic) (UCI Machine Learning Repository, CC BY 4.0)"),
    "digits": ("load_digits",
               "Alpaydin, Kaynak, Optical Recognition of Handwritten Digits, test set (UCI Machine Learning Repository, CC BY 4.0)"),
}


def number(value):
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def export(name, loader, source):
    bunch = getattr(datasets, loader)()
    feature_names = [str(f) for f in bunch.feature_names]
    for feature in feature_names:
        assert "," not in feature and "\n" not in feature, feature
    with open(os.path.join(HERE, f"{name}.csv"), "w", newline="\n") as f:
        f.write(",".join(feature_names + ["target"]) + "\n")
        for row, target in zip(bunch.data, bunch.target):
            f.write(",".join([number(v) for v in row] + [str(int(target))]) + "\n")
    meta = {
        "name": name,
        "n_samples": int(bunch.data.shape[0]),
        "n_features": int(bunch.data.shape[1]),
        "feature_names": feature_names,
        "target_names": [str(t) for t in bunch.target_names],
        "source": source,
        "exported_from": f"sklearn.datasets.{loader}() in scikit-learn {sklearn.__version__}",
    }
    if name == "digits":
        meta["image_shape"] = list(bunch.images.shape[1:])
    with open(os.path.join(HERE, f"{name}.json"), "w", newline="\n") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print(f"wrote {name}: {bunch.data.shape[0]} x {bunch.data.shape[1]}")


def main():
    for name, (loader, source) in SOURCES.items():
        export(name, loader, source)


if __name__ == "__main__":
    main()
