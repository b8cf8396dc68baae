"""Keras reference numbers for LearnNeural's tests (Tests/LearnNeuralTests/Resources/keras_reference.json).

Fixed weights, fixed data: one forward pass, then a few training steps per optimizer (fit with
shuffle=False, so the batches are known), recording Keras' losses and every weight afterwards.
Run with the venv of Benchmarks/Reference/keras_requirements.txt (`make reference` builds it):
    python Benchmarks/Reference/keras_reference.py Tests/LearnNeuralTests/Resources/keras_reference.json
"""
import json
import os
import sys

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import keras  # noqa: E402


def fixed(shape, k):
    """Deterministic, well-spread values for one weight tensor."""
    n = int(np.prod(shape))
    return (0.4 * np.sin(1.7 * np.arange(n) + k)).reshape(shape).astype("float32")


def initial_weights(model):
    weights = []
    for k, w in enumerate(model.weights):
        name = w.path.split("/")[-1]
        values = fixed(w.shape, k)
        if name == "gamma":
            values = 1 + 0.25 * values
        elif name == "moving_variance":
            values = 1 + np.abs(values)
        elif name in ("beta", "moving_mean"):
            values = 0.25 * values
        weights.append(values.astype("float32"))
    return weights


def multiclass_model():
    return keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(6, activation="relu", kernel_regularizer=keras.regularizers.L2(0.01)),
        keras.layers.BatchNormalization(),
        keras.layers.Dense(4),
        keras.layers.Activation("elu"),
        keras.layers.Flatten(),
        keras.layers.Dense(3, activation="softmax"),
    ])


def binary_model():
    return keras.Sequential([
        keras.Input((5,)),
        keras.layers.Dense(4, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])


OPTIMIZERS = {
    "sgd": lambda: keras.optimizers.SGD(learning_rate=0.1),
    "sgd_momentum": lambda: keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
    "sgd_nesterov": lambda: keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
    "adam": lambda: keras.optimizers.Adam(learning_rate=0.01),
    "adam_amsgrad": lambda: keras.optimizers.Adam(learning_rate=0.01, amsgrad=True),
    "adam_weight_decay": lambda: keras.optimizers.Adam(learning_rate=0.01, weight_decay=0.05),
    "rmsprop": lambda: keras.optimizers.RMSprop(learning_rate=0.01),
    "rmsprop_centered_momentum": lambda: keras.optimizers.RMSprop(learning_rate=0.01, momentum=0.5, centered=True),
    "adagrad": lambda: keras.optimizers.Adagrad(learning_rate=0.1),
}


def seed_cnn():
    """The seed articles' CIFAR-10 network."""
    return keras.Sequential([
        keras.Input((32, 32, 3)),
        keras.layers.Conv2D(32, (3, 3), activation="relu"),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Conv2D(64, (3, 3), activation="relu"),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def padding_cnn():
    """Same padding, strides, average pooling (padding excluded from the mean), zero padding, global pooling."""
    return keras.Sequential([
        keras.Input((9, 10, 2)),
        keras.layers.ZeroPadding2D(((1, 0), (2, 1))),
        keras.layers.Conv2D(4, (2, 3), strides=(2, 1), padding="same", activation="tanh"),
        keras.layers.AveragePooling2D((2, 2), strides=(1, 1), padding="same"),
        keras.layers.MaxPooling2D((3, 2), padding="same"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])


def dilated_cnn():
    """Dilation and global max pooling."""
    return keras.Sequential([
        keras.Input((8, 8, 3)),
        keras.layers.Conv2D(5, (3, 3), dilation_rate=(2, 2), padding="same", activation="elu"),
        keras.layers.GlobalMaxPooling2D(),
        keras.layers.Dense(3, activation="softmax"),
    ])


def text_cnn():
    """The seed articles' text CNN shape: Embedding → Conv1D → MaxPooling1D → GlobalMaxPooling1D → softmax."""
    return keras.Sequential([
        keras.Input((12,)),
        keras.layers.Embedding(20, 6),
        keras.layers.Conv1D(5, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling1D(2),
        keras.layers.Conv1D(4, 2, dilation_rate=2, activation="tanh"),
        keras.layers.GlobalMaxPooling1D(),
        keras.layers.Dense(2, activation="softmax"),
    ])


def cnn_case(make_model, x, y):
    """Forward pass and the gradient of the mean sparse cross-entropy for every weight, fixed weights."""
    import tensorflow as tf
    model = make_model()
    model.set_weights([0.5 * w for w in initial_weights(model)])
    with tf.GradientTape() as tape:
        output = model(x, training=True)
        loss = keras.losses.SparseCategoricalCrossentropy()(y, output)
    gradients = tape.gradient(loss, model.trainable_weights)
    # The weights are not stored: they are 0.5 × fixed(shape, k) for the k-th weight, which the tests rebuild.
    return {"x": short(x), "y": y.tolist(), "output": short(output), "loss": float(loss),
            "gradients": [short(tf.convert_to_tensor(g)) for g in gradients]}


def short(array):
    """Nested lists of float32 values with 8 significant digits (enough for float32, half the JSON)."""
    return np.vectorize(lambda v: float(f"{v:.8g}"), otypes=[object])(np.asarray(array, dtype=np.float64)).tolist()


def augmentation_cases(rng):
    """Deterministic settings of the random geometric layers (lower = upper), applied in training mode."""
    x = rng.rand(2, 7, 9, 2).astype("float32")
    layers = {
        "rotation_reflect": keras.layers.RandomRotation((0.1, 0.1)),
        "rotation_constant_nearest": keras.layers.RandomRotation((-0.2, -0.2), fill_mode="constant", fill_value=0.5,
                                                                 interpolation="nearest"),
        "translation_reflect": keras.layers.RandomTranslation((0.2, 0.2), (-0.1, -0.1)),
        "translation_wrap": keras.layers.RandomTranslation((-0.3, -0.3), (0.25, 0.25), fill_mode="wrap"),
        "translation_nearest_fill": keras.layers.RandomTranslation((0.15, 0.15), (0.3, 0.3), fill_mode="nearest"),
    }
    return {"x": short(x), **{name: short(layer(x, training=True)) for name, layer in layers.items()}}


def run(make_model, loss, x, y, optimizer, **fit_args):
    model = make_model()
    model.set_weights(initial_weights(model))
    metrics = ["accuracy", "precision", "recall"] if loss == "binary_crossentropy" else ["accuracy"]
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    history = model.fit(x, y, batch_size=6, epochs=2, shuffle=False, verbose=0, **fit_args)
    return {
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "weights": [w.tolist() for w in model.get_weights()],
        "predictions": model.predict(x, verbose=0).tolist(),
    }


def main(path):
    rng = np.random.RandomState(0)
    x = rng.randn(12, 5).astype("float32")
    y = np.array([0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2])
    yb = (x[:, 0] + 0.5 * x[:, 1] > 0).astype("float32")
    model = multiclass_model()
    model.set_weights(initial_weights(model))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    result = {
        "keras_version": keras.__version__,
        "x": x.tolist(), "y": y.tolist(), "y_binary": yb.tolist(),
        "initial_weights": [w.tolist() for w in initial_weights(model)],
        "initial_binary_weights": [w.tolist() for w in initial_weights(binary_model())],
        "forward": model.predict(x, verbose=0).tolist(),
        "initial_loss": float(model.evaluate(x, y, verbose=0)),
        # Last: a training-mode call updates BatchNormalization's moving statistics.
        "forward_training": np.asarray(model(x, training=True)).tolist(),
        "optimizers": {name: run(multiclass_model, "sparse_categorical_crossentropy", x, y, make()) for name, make in OPTIMIZERS.items()},
        "binary_class_weight": run(binary_model, "binary_crossentropy", x, yb, keras.optimizers.SGD(learning_rate=0.5),
                                   class_weight={0: 1.0, 1: 3.0}),
        "cnn": {
            "seed": cnn_case(seed_cnn, rng.rand(4, 32, 32, 3).astype("float32"), np.array([3, 7, 0, 9])),
            "padding": cnn_case(padding_cnn, rng.randn(3, 9, 10, 2).astype("float32"), np.array([2, 0, 1])),
            "dilated": cnn_case(dilated_cnn, rng.randn(2, 8, 8, 3).astype("float32"), np.array([1, 2])),
            "text": cnn_case(text_cnn, rng.randint(0, 20, (3, 12)).astype("float32"), np.array([1, 0, 1])),
        },
        "augmentation": augmentation_cases(rng),
    }
    with open(path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "keras_reference.json")
