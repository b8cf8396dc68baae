"""Writes Keras functional-API models (Input, Model, merge layers, nested and shared layers) as legacy .h5
files plus reference data, for LearnNeural's functional-model loader and trainer tests.

Run (Keras venv from Benchmarks/Reference/keras_requirements.txt, plus h5py):
    .venv-keras/bin/python Benchmarks/Interop/make_keras_functional_models.py
Writes Tests/LearnNeuralTests/Resources/keras_functional/, for each model NAME:
    NAME_initial.h5        the compiled, untrained model (include_optimizer=False: no training_config,
                           no optimizer_weights; Keras builds the optimizer slots at the first step anyway)
    NAME.h5                the same model after one epoch of fit (training_config + optimizer_weights)
    NAME.json              X, y, initial predictions, weights after the epoch, loss, trained predictions
    NAME.model_config.json the .h5 `model_config` attribute, pretty-printed
and README.md describing them. Deterministic: each model starts from clear_session + set_random_seed, so
its names (dense, dense_1, ..., adam) and initial weights do not depend on the other models; one CPU
thread, op determinism on, oneDNN off. Re-running rewrites byte-identical files. Models 1-7 are the
brief's; nested_functional is an extra (a functional Model nested as a layer and used as the output).
(keras 3.15.1, tensorflow-cpu 2.21.0, numpy 2.4.6, h5py 3.14.0)
"""
import json
import os

os.environ["CUDA_VISIBLE_DEVICES"] = "-1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # plain Eigen kernels: results do not depend on the CPU's ISA
import absl.logging  # noqa: E402
import h5py  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

absl.logging.set_verbosity(absl.logging.ERROR)  # the "HDF5 format is considered legacy" warning
tf.get_logger().setLevel("ERROR")  # retracing warnings
tf.config.threading.set_inter_op_parallelism_threads(1)
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.experimental.enable_op_determinism()
import keras  # noqa: E402
from keras import layers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnNeuralTests", "Resources", "keras_functional")


# ---------------------------------------------------------------------------------------------------
# Models. Each builder returns (model, compile kwargs, x, y, batch_size); x and y are numpy arrays or
# lists / dicts of them, exactly as passed to fit. Layer names are Keras' defaults unless the brief
# asked for a name (base, cls, reg).


def residual_mlp(rng):
    inp = keras.Input(shape=(6,))
    skip = layers.Dense(8, activation="relu")(inp)
    x = layers.Dense(8, activation="relu")(skip)
    x = layers.Add()([x, skip])
    out = layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inp, out)
    x = rng.randn(48, 6).astype("float32")
    y = (x[:, 0] + 0.5 * x[:, 1] - x[:, 2] > 0).astype("float32").reshape(-1, 1)
    return model, dict(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy",
                       metrics=["accuracy"]), x, y, 16


def two_branch(rng):
    a = keras.Input(shape=(4,))
    b = keras.Input(shape=(3,))
    ha = layers.Dense(5, activation="relu")(a)
    hb = layers.Dense(4, activation="tanh")(b)
    h = layers.Concatenate()([ha, hb])
    out = layers.Dense(3, activation="softmax")(h)
    model = keras.Model([a, b], out)
    xa = rng.randn(40, 4).astype("float32")
    xb = rng.randn(40, 3).astype("float32")
    y = rng.randint(0, 3, 40).astype("int64")
    # 40 samples, batch 16: the last batch has 8 samples.
    return model, dict(optimizer=keras.optimizers.SGD(0.1, momentum=0.9),
                       loss="sparse_categorical_crossentropy", metrics=["accuracy"]), [xa, xb], y, 16


def residual_cnn(rng):
    inp = keras.Input(shape=(8, 8, 1))
    c1 = layers.Conv2D(4, 3, padding="same")(inp)
    x = layers.BatchNormalization()(c1)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(4, 3, padding="same")(x)
    x = layers.Add()([x, c1])
    x = layers.GlobalAveragePooling2D()(x)
    out = layers.Dense(2, activation="softmax")(x)
    model = keras.Model(inp, out)
    x = rng.randn(32, 8, 8, 1).astype("float32")
    y = (x[:, :4].mean(axis=(1, 2, 3)) > x[:, 4:].mean(axis=(1, 2, 3))).astype("int64")
    return model, dict(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                       metrics=["accuracy"]), x, y, 8


def nested_sequential(rng):
    base = keras.Sequential([layers.Dense(5, activation="relu"), layers.Dense(3, activation="relu")],
                            name="base")
    inp = keras.Input(shape=(4,))
    out = layers.Dense(1)(base(inp))
    model = keras.Model(inp, out)
    x = rng.randn(32, 4).astype("float32")
    y = (x @ np.array([[0.5], [-1.0], [0.25], [2.0]], dtype="float32") + 0.1).astype("float32")
    return model, dict(optimizer=keras.optimizers.Adam(0.01), loss="mse"), x, y, 8


def shared_layer(rng):
    a = keras.Input(shape=(5,))
    b = keras.Input(shape=(5,))
    shared = layers.Dense(4, activation="tanh")
    ha = shared(a)
    hb = shared(b)
    diff = layers.Subtract()([ha, hb])
    prod = layers.Multiply()([ha, hb])
    h = layers.Concatenate()([diff, prod])
    out = layers.Dense(1)(h)
    model = keras.Model([a, b], out)
    xa = rng.randn(32, 5).astype("float32")
    xb = rng.randn(32, 5).astype("float32")
    y = np.sum((xa - xb) ** 2, axis=1, keepdims=True).astype("float32") / 5
    return model, dict(optimizer=keras.optimizers.Adam(0.01), loss="mse"), [xa, xb], y, 16


def multi_output(rng):
    inp = keras.Input(shape=(6,))
    h = layers.Dense(8, activation="relu")(inp)
    cls = layers.Dense(1, activation="sigmoid", name="cls")(h)
    reg = layers.Dense(2, name="reg")(h)
    model = keras.Model(inp, [cls, reg])
    x = rng.randn(48, 6).astype("float32")
    y = {"cls": (x[:, 0] > x[:, 1]).astype("float32").reshape(-1, 1),
         "reg": np.stack([x[:, 2] + x[:, 3], x[:, 4] * 0.5], axis=1).astype("float32")}
    return model, dict(optimizer=keras.optimizers.Adam(0.01),
                       loss={"cls": "binary_crossentropy", "reg": "mse"},
                       loss_weights={"cls": 1.0, "reg": 0.5}), x, y, 16


def merge_zoo(rng):
    inp = keras.Input(shape=(5,))
    p = layers.Dense(4)(inp)
    q = layers.Dense(4, activation="tanh")(inp)
    merged = [
        layers.Average()([p, q]),
        layers.Maximum()([p, q]),
        layers.Minimum()([p, q]),
        layers.Multiply()([p, q]),
        layers.Subtract()([p, q]),
        layers.Dot(axes=1)([p, q]),
    ]
    h = layers.Concatenate()(merged)
    out = layers.Dense(1)(h)
    model = keras.Model(inp, out)
    x = rng.randn(32, 5).astype("float32")
    y = (np.sin(x[:, :1]) + x[:, 1:2] * x[:, 2:3]).astype("float32")
    return model, dict(optimizer=keras.optimizers.SGD(0.02, momentum=0.9), loss="mse"), x, y, 8


def nested_functional(rng):
    """Extra (not in the brief): a functional Model used as a layer, and the outer model's output. In the
    outer `output_layers` its node index is 1, not 0: from_config counts a built-in node 0 for a nested
    Functional there (and subtracts it again), while `keras_history` inside inbound_nodes is not shifted."""
    sub_in = keras.Input(shape=(4,))
    sub_h = layers.Dense(6, activation="relu")(sub_in)
    sub_out = layers.Dense(1)(sub_h)
    tower = keras.Model(sub_in, sub_out, name="tower")
    inp = keras.Input(shape=(5,))
    h = layers.Dense(4, activation="tanh")(inp)
    model = keras.Model(inp, tower(h))
    x = rng.randn(32, 5).astype("float32")
    y = (x[:, :1] - 0.5 * x[:, 3:4]).astype("float32")
    # Plain SGD: its optimizer_weights hold only iteration and learning_rate.
    return model, dict(optimizer=keras.optimizers.SGD(0.05), loss="mse"), x, y, 16


MODELS = [
    ("residual_mlp", residual_mlp, 101),
    ("two_branch", two_branch, 102),
    ("residual_cnn", residual_cnn, 103),
    ("nested_sequential", nested_sequential, 104),
    ("shared_layer", shared_layer, 105),
    ("multi_output", multi_output, 106),
    ("merge_zoo", merge_zoo, 107),
    ("nested_functional", nested_functional, 108),
]


# ---------------------------------------------------------------------------------------------------


def tolist(value):
    """numpy arrays (or lists / dicts of them) to nested lists; float32 values become the exactly equal
    Python floats, so json's shortest repr round-trips to the same float32."""
    if isinstance(value, dict):
        return {k: tolist(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [tolist(v) for v in value]
    return np.asarray(value).tolist()


def read_h5_weights(path):
    """model_weights of a legacy .h5 as {layer group: {weight name: values}} in the file's order:
    layer_names attribute order, then each group's weight_names order. The dataset of weight name W in
    layer group L lives at model_weights/L/W (W contains slashes, so h5py made intermediate groups)."""
    out = {}
    with h5py.File(path, "r") as f:
        g = f["model_weights"]
        names = [n.decode() if isinstance(n, bytes) else n for n in g.attrs["layer_names"]]
        for group_name in names + ["top_level_model_weights"]:
            lg = g[group_name]
            wnames = [n.decode() if isinstance(n, bytes) else n for n in lg.attrs.get("weight_names", [])]
            if wnames or group_name != "top_level_model_weights":
                out[group_name] = {w: lg[w][()].tolist() for w in wnames}
    return out


def read_h5_optimizer_weights(path):
    with h5py.File(path, "r") as f:
        if "optimizer_weights" not in f:
            return None
        g = f["optimizer_weights"]
        names = [n.decode() if isinstance(n, bytes) else n for n in g.attrs["weight_names"]]
        return {n: {"shape": list(g[n].shape), "dtype": str(g[n].dtype)} for n in names}


class BatchLogger(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.logs = []

    def on_train_batch_end(self, batch, logs=None):
        self.logs.append({k: float(v) for k, v in (logs or {}).items()})


def predict(model, x):
    p = model.predict(x, batch_size=len(x[0]) if isinstance(x, list) else len(x), verbose=0)
    return tolist(p)


def build_case(name, builder, seed):
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    rng = np.random.RandomState(seed)
    model, compile_kwargs, x, y, batch_size = builder(rng)
    model.compile(**compile_kwargs)

    initial_path = os.path.join(OUT, name + "_initial.h5")
    trained_path = os.path.join(OUT, name + ".h5")
    model.save(initial_path, include_optimizer=False)
    initial_predictions = predict(model, x)

    logger = BatchLogger()
    history = model.fit(x, y, epochs=1, batch_size=batch_size, shuffle=False, verbose=0, callbacks=[logger])
    model.save(trained_path)
    trained_predictions = predict(model, x)

    # The files must load back in Keras and give the same predictions.
    for path, expected in ((initial_path, initial_predictions), (trained_path, trained_predictions)):
        got = predict(keras.saving.load_model(path, compile=False), x)
        pairs = zip(got, expected) if len(model.outputs) > 1 else [(got, expected)]
        for g, w in pairs:
            np.testing.assert_allclose(np.asarray(g), np.asarray(w), rtol=1e-6, atol=1e-7, err_msg=path)
    # Keras 3.15.1 itself cannot load a compiled .h5 whose loss is the alias "mse" (or "mae"):
    # "Could not deserialize 'keras.metrics.mse' because it is not a KerasSaveable subclass".
    try:
        keras.saving.load_model(trained_path, compile=True)
        reloads_compiled = True
    except ValueError:
        reloads_compiled = False

    with h5py.File(trained_path, "r") as f:
        model_config = json.loads(f.attrs["model_config"])
        training_config = json.loads(f.attrs["training_config"])
    with open(os.path.join(OUT, name + ".model_config.json"), "w") as f:
        json.dump(model_config, f, indent=2)
        f.write("\n")

    n = len(x[0]) if isinstance(x, list) else len(x)
    reference = {
        "keras_version": keras.__version__,
        "model": name,
        "model_name": model.name,
        "optimizer_name": model.optimizer.name,
        "optimizer_config": training_config["optimizer_config"],
        "loss": training_config["loss"],
        "loss_weights": training_config.get("loss_weights"),
        "samples": n,
        "batch_size": batch_size,
        "steps": -(-n // batch_size),
        "input_names": [t._keras_history[0].name for t in model.inputs],
        "output_names": list(model.output_names),
        "x": tolist(x),
        "y": tolist(y),
        "initial_predictions": initial_predictions,
        "initial_weights": read_h5_weights(initial_path),
        "weights_after_epoch": read_h5_weights(trained_path),
        "optimizer_weights_after_epoch": read_h5_optimizer_weights(trained_path),
        "keras_reloads_compiled": reloads_compiled,
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "final_loss": float(history.history["loss"][-1]),
        "batch_logs": logger.logs,
        "trained_predictions": trained_predictions,
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    return reference


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, builder, seed in MODELS:
        ref = build_case(name, builder, seed)
        print(f"{name:18s} loss={ref['final_loss']:.6f} model={ref['model_name']} opt={ref['optimizer_name']} "
              f"layers={list(ref['weights_after_epoch'])}")


if __name__ == "__main__":
    main()
