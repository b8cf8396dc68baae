"""Writes Keras legacy .h5 files whose model and optimizer are not the first `sequential` / `adam` of a
session, for LearnNeural's loader tests (issue: the loader assumed those names).

Run (Keras venv from Benchmarks/Reference/keras_requirements.txt):
    .venv-keras/bin/python Benchmarks/Interop/make_keras_named_models.py
Writes Tests/LearnNeuralTests/Resources/keras_named/<case>.h5 and keras_named.json: for each case the
model and optimizer names Keras gave, the probe input, the predictions of the saved model, and the
predictions after one more full-batch training step on (step_x, step_y) from the saved optimizer state —
which only match if every optimizer slot was restored to the right variable.
(keras 3.15.1, tensorflow-cpu 2.21.0)
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnNeuralTests", "Resources", "keras_named")


def network(name=None):
    layers = [keras.Input((4,)), keras.layers.Dense(5, activation="relu"), keras.layers.Dense(3, activation="softmax")]
    return keras.Sequential(layers, name=name) if name else keras.Sequential(layers)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(4)
    x = rng.randn(48, 4).astype("float32")
    y = rng.randint(0, 3, 48)
    probe = rng.randn(4, 4).astype("float32")
    step_x, step_y = x[:16], y[:16]
    keras.utils.set_random_seed(0)
    cases = [
        # (file, model name or None, optimizer factory, include_optimizer)
        ("my_net_adam", "my_net", lambda: keras.optimizers.Adam(0.01), True),
        ("second_adam", None, lambda: keras.optimizers.Adam(0.01), True),
        ("second_rmsprop", None, lambda: keras.optimizers.RMSprop(0.01, momentum=0.5, centered=True), True),
        ("named_sgd", "classifier", lambda: keras.optimizers.SGD(0.05, momentum=0.9, name="my_sgd"), True),
        ("without_optimizer", None, lambda: keras.optimizers.Adam(0.01), False),
    ]
    # A first RMSprop of the session, so the second case's RMSprop is Keras' `rm_sprop_1`.
    keras.optimizers.RMSprop(0.01)
    reference = {"keras_version": keras.__version__, "probe": probe.tolist(),
                 "step_x": step_x.tolist(), "step_y": step_y.tolist(), "cases": {}}
    for file, name, optimizer, include in cases:
        model = network(name)
        opt = optimizer()
        model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x, y, epochs=2, batch_size=16, shuffle=False, verbose=0)
        path = os.path.join(OUT, file + ".h5")
        model.save(path, include_optimizer=include)
        saved = model.predict(probe, verbose=0)
        if include:
            model.train_on_batch(step_x, step_y)
        reference["cases"][file] = {
            "model_name": model.name, "optimizer_name": opt.name, "include_optimizer": include,
            "predictions": saved.tolist(),
            "after_step": model.predict(probe, verbose=0).tolist() if include else None,
        }
    with open(os.path.join(OUT, "keras_named.json"), "w") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")
    print(json.dumps({k: (v["model_name"], v["optimizer_name"]) for k, v in reference["cases"].items()}))


if __name__ == "__main__":
    main()
