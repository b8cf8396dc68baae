"""scikit-learn reference values for LearnPreprocessing.

Run: .venv-reference/bin/python Benchmarks/Reference/preprocessing_reference.py
Writes Tests/LearnPreprocessingTests/Resources/preprocessing_reference.json (numpy 2.4.6, scikit-learn 1.9.1).
Floats are stored as hex strings (float.hex()) so the comparison can be exact where scikit-learn's is.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, OneHotEncoder, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnPreprocessingTests", "Resources", "preprocessing_reference.json")


def hx(a):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 1:
        return [float(v).hex() for v in a]
    return [[float(v).hex() for v in row] for row in a]


def main():
    rng = np.random.RandomState(3)
    X = rng.randn(25, 4) * [1.0, 10.0, 0.01, 3.0] + [0.0, 5.0, -2.0, 100.0]
    X[:, 2] = 7.25  # a constant column: left unscaled
    Xnew = rng.randn(6, 4) * 2 + 1
    out = {"X": hx(X), "X_new": hx(Xnew), "standard": [], "minmax": []}
    for with_mean, with_std in ((True, True), (False, True), (True, False)):
        s = StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
        out["standard"].append({
            "with_mean": with_mean, "with_std": with_std,
            "mean": None if s.mean_ is None else hx(s.mean_),
            "var": None if s.var_ is None else hx(s.var_),
            "scale": None if s.scale_ is None else hx(s.scale_),
            "transform": hx(s.transform(X)), "transform_new": hx(s.transform(Xnew)),
            "inverse": hx(s.inverse_transform(s.transform(Xnew))),
        })
    for feature_range, clip in (((0, 1), False), ((-1, 2), False), ((0, 1), True)):
        m = MinMaxScaler(feature_range=feature_range, clip=clip).fit(X)
        out["minmax"].append({
            "feature_range": list(feature_range), "clip": clip,
            "data_min": hx(m.data_min_), "data_max": hx(m.data_max_), "data_range": hx(m.data_range_),
            "scale": hx(m.scale_), "min": hx(m.min_),
            "transform": hx(m.transform(X)), "transform_new": hx(m.transform(Xnew)),
            "inverse": hx(m.inverse_transform(m.transform(Xnew))),
        })
    words = ["paris", "tokyo", "amsterdam", "paris", "tokyo", "oslo"]
    le = LabelEncoder().fit(words)
    out["label_encoder"] = {"fit": words, "classes": le.classes_.tolist(), "transform": le.transform(words).tolist(),
                            "inverse": le.inverse_transform([3, 0, 2]).tolist()}
    le_int = LabelEncoder().fit([10, 3, 3, 7])
    out["label_encoder_int"] = {"classes": le_int.classes_.tolist(), "transform": le_int.transform([7, 10, 3]).tolist()}
    rows = [["red", "S"], ["green", "M"], ["blue", "L"], ["green", "S"], ["red", "XL"]]
    enc = OneHotEncoder(sparse_output=False).fit(rows)
    unknown = [["green", "M"], ["purple", "S"], ["blue", "XXL"]]
    ignore = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(rows)
    out["one_hot"] = {
        "fit": rows, "categories": [c.tolist() for c in enc.categories_],
        "transform": hx(enc.transform(rows)), "feature_names": enc.get_feature_names_out(["color", "size"]).tolist(),
        "unknown": unknown, "ignore_transform": hx(ignore.transform(unknown)),
        "ignore_inverse": [[None if v is None else str(v) for v in row] for row in ignore.inverse_transform(ignore.transform(unknown))],
    }
    # Canonically equivalent strings are distinct categories to Python: "\u00e9" and "e\u0301" (code points).
    def points(words):
        return [[ord(c) for c in w] for w in words]
    accented = ["\u00e9", "e\u0301", "z", "\u00e9", "ea"]
    le_unicode = LabelEncoder().fit(accented)
    enc_unicode = OneHotEncoder(sparse_output=False).fit([[w] for w in accented])
    out["unicode_categories"] = {"fit": points(accented), "classes": points(le_unicode.classes_.tolist()),
                                 "transform": le_unicode.transform(accented).tolist(),
                                 "one_hot_categories": points(enc_unicode.categories_[0].tolist())}
    numeric = np.array([[1.0, 0.5], [3.0, 0.5], [2.0, 1.5]])
    enc_num = OneHotEncoder(sparse_output=False).fit(numeric)
    out["one_hot_numeric"] = {"fit": hx(numeric), "categories": [hx(c) for c in enc_num.categories_],
                              "transform": hx(enc_num.transform(numeric))}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"numpy_version": np.__version__, "sklearn_version": sklearn.__version__, **out}, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
