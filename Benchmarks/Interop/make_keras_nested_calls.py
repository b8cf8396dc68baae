"""Writes Keras legacy .h5 files of models nested in models and called more than once, for LearnNeural's
functional loader tests: how Keras numbers the calls of a nested model (a nested functional model counts
its own graph as node 0 in `input_layers` / `output_layers`, not in the `inbound_nodes` of its consumers).

Run (Keras venv from Benchmarks/Reference/keras_requirements.txt):
    .venv-keras/bin/python Benchmarks/Interop/make_keras_nested_calls.py
Writes Tests/LearnNeuralTests/Resources/keras_nested/shared_towers.h5 (after one epoch of Adam, optimizer
state included) and shared_towers.json: the inputs, the predictions of the saved model (one array per
output) and its Keras names. The model: two inputs of 4 → one Sequential `base` (Dense 3 relu) on both →
one functional `tower` (Dense 2) on both → add → dense(1); outputs [dense, the second tower call].
(keras 3.15.1, tensorflow-cpu 2.21.0)
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LearnNeuralTests", "Resources", "keras_nested")


def main():
    os.makedirs(OUT, exist_ok=True)
    keras.utils.clear_session()
    keras.utils.set_random_seed(7)
    tower_input = keras.Input((3,))
    tower = keras.Model(tower_input, keras.layers.Dense(2)(tower_input), name="tower")
    base = keras.Sequential([keras.layers.Dense(3, activation="relu")], name="base")
    a, b = keras.Input((4,)), keras.Input((4,))
    ta, tb = tower(base(a)), tower(base(b))
    out = keras.layers.Dense(1)(keras.layers.Add()([ta, tb]))
    model = keras.Model([a, b], [out, tb])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss=["mean_squared_error", "mean_squared_error"])
    rng = np.random.RandomState(3)
    x = [rng.rand(16, 4).astype("float32"), rng.rand(16, 4).astype("float32")]
    y = [rng.rand(16, 1).astype("float32"), rng.rand(16, 2).astype("float32")]
    model.fit(x, y, epochs=1, batch_size=8, shuffle=False, verbose=0)
    path = os.path.join(OUT, "shared_towers.h5")
    model.save(path)
    predictions = model.predict(x, verbose=0)
    reloaded = keras.saving.load_model(path)
    gap = max(float(np.abs(p - q).max()) for p, q in zip(predictions, reloaded.predict(x, verbose=0)))
    assert gap == 0, gap
    reference = {
        "keras_version": keras.__version__, "model_name": model.name,
        "layer_names": [layer.name for layer in model.layers], "input_names": [t._keras_history[0].name for t in model.inputs],
        "output_names": model.output_names, "iterations": int(model.optimizer.iterations.numpy()),
        "x": [part.astype(float).tolist() for part in x],
        "predictions": [p.astype(float).tolist() for p in predictions],
    }
    with open(os.path.join(OUT, "shared_towers.json"), "w") as f:
        json.dump(reference, f)
    print(json.dumps({k: v for k, v in reference.items() if k not in ("x", "predictions")}))


if __name__ == "__main__":
    main()
