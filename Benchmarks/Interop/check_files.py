"""Opens every HDF5 file SwiftLearn's tests wrote with h5py and checks what other tools will see.

Run (as `make test` does, after the Swift tests):
    .venv-interop/bin/python Benchmarks/Interop/check_files.py [/tmp/swiftlearn-interop]

For each `*.h5` file: the root attributes `swiftlearn_class` (a string), `swiftlearn_format_version` and
`swiftlearn_version`, the datasets each class must hold with their dtypes and shapes, and values that
the tests fixed (the types file). Prints one line per file and `N passed, M failed`; exits 1 on failure.
"""
import glob
import os
import sys

import h5py
import numpy as np

EXPECTED = {
    "LogisticRegression": {"coef": (np.float64, 2), "intercept": (np.float64, 1), "classes": (np.int64, 1), "n_iter": (np.int64, 0)},
    "LinearRegression": {"coef": (np.float64, 1), "intercept": (np.float64, 0)},
    "Ridge": {"coef": (np.float64, 1), "intercept": (np.float64, 0)},
    "SGDRegressor": {"coef": (np.float64, 1), "intercept": (np.float64, 0), "n_iter": (np.int64, 0)},
    "StandardScaler": {"n_samples_seen_and_features": (np.int64, 1)},
    "MinMaxScaler": {"data_min": (np.float64, 1), "data_max": (np.float64, 1), "scale": (np.float64, 1), "min": (np.float64, 1)},
    "LabelEncoder": {"classes": (None, 1)},
    "OneHotEncoder": {},
}


def check_model(f, problems):
    cls = f.attrs.get("swiftlearn_class")
    if isinstance(cls, bytes):
        cls = cls.decode()
    if not isinstance(cls, str):
        problems.append("swiftlearn_class is not a string")
        return cls
    if cls == "Sequential":   # Keras' legacy layout (shared/spec/keras-legacy-h5.md)
        import json
        config = json.loads(f.attrs["model_config"])
        names = [n.decode() if isinstance(n, bytes) else n for n in f["model_weights"].attrs["layer_names"]]
        if config.get("class_name") != "Sequential" or [l["config"]["name"] for l in config["config"]["layers"][1:]] != names:
            problems.append("model_config and model_weights/layer_names disagree")
        for name in names:
            for weight in f["model_weights"][name].attrs["weight_names"]:
                weight = weight.decode() if isinstance(weight, bytes) else weight
                if f["model_weights"][name][weight].dtype != np.float32:
                    problems.append(f"{name}/{weight} is not float32")
        return cls
    if cls == "Model":   # a functional model in Keras' legacy layout (shared/spec/keras-functional-h5.md)
        import json
        config = json.loads(f.attrs["model_config"])
        names = [n.decode() if isinstance(n, bytes) else n for n in f["model_weights"].attrs["layer_names"]]
        if config.get("class_name") != "Functional" or [l["name"] for l in config["config"]["layers"]] != names:
            problems.append("model_config and model_weights/layer_names disagree")
        def visit(name, item):
            if isinstance(item, h5py.Dataset) and item.dtype != np.float32:
                problems.append(f"model_weights/{name} is not float32")
        f["model_weights"].visititems(visit)
        return cls
    if int(f.attrs.get("swiftlearn_format_version", -1)) < 1:
        problems.append("swiftlearn_format_version missing")
    if not isinstance(f.attrs.get("swiftlearn_version"), (str, bytes)):
        problems.append("swiftlearn_version missing")
    for name, (dtype, rank) in EXPECTED.get(cls, {}).items():
        if name not in f:
            problems.append(f"missing dataset {name}")
            continue
        data = f[name]
        if dtype is not None and data.dtype != dtype:
            problems.append(f"{name} has dtype {data.dtype}, expected {np.dtype(dtype)}")
        if data.ndim != rank:
            problems.append(f"{name} has rank {data.ndim}, expected {rank}")
        if data.dtype.kind == "f" and not np.all(np.isfinite(data[()])):
            problems.append(f"{name} holds non-finite values")
    if cls == "OneHotEncoder" and "categories" not in f:
        problems.append("missing group categories")
    return cls


def check_types(f, problems):
    expect = {
        "float64": (np.float64, (2, 3), [1.5, -2.25, 3, 4, 5, 6]), "float32": (np.float32, (2,), [0.5, 1.5]),
        "int32": (np.int32, (2, 1, 2), [-7, 8, 9, 10]), "uint8": (np.uint8, (2,), [0, 255]), "scalar": (np.float64, (), [42.0]),
    }
    for name, (dtype, shape, values) in expect.items():
        data = f[name]
        if data.dtype != dtype or data.shape != shape or list(np.ravel(data[()])) != values:
            problems.append(f"{name}: {data.dtype} {data.shape} {np.ravel(data[()])[:6]}")
    if list(f["compressed"][()].ravel()[:3]) != [0, 1, 2] or f["compressed"].compression != "gzip":
        problems.append("compressed dataset")
    strings = [s.decode() if isinstance(s, bytes) else s for s in f["strings"][()]]
    if strings != ["alpha", "βeta", ""]:
        problems.append(f"strings {strings}")
    if list(f.attrs["sizes"]) != [1, 2, 3] or f.attrs["count"] != 3 or f.attrs["ratio"] != 0.25:
        problems.append("attributes")
    return "types"


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SWIFTLEARN_INTEROP_DIR", "/tmp/swiftlearn-interop")
    files = sorted(glob.glob(os.path.join(folder, "*.h5")))
    passed = failed = 0
    for path in files:
        problems = []
        try:
            with h5py.File(path, "r") as f:
                what = check_types(f, problems) if os.path.basename(path) == "types.h5" else check_model(f, problems)
        except Exception as error:  # noqa: BLE001 - any failure to read is a finding
            what, problems = "?", [f"h5py cannot read it: {error}"]
        status = "ok" if not problems else "FAILED: " + "; ".join(problems)
        print(f"{os.path.basename(path):<36} {what:<20} {status}")
        passed, failed = (passed + 1, failed) if not problems else (passed, failed + 1)
    if not files:
        print(f"no .h5 files in {folder}")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
