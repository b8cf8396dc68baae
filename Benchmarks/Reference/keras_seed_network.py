"""Keras' test accuracy for the seed article's network (Tests/LearnNeuralTests/Resources/keras_seed_network.json).

make_classification(n_samples=12500, n_features=20, random_state=0), train_test_split(test_size=2500,
random_state=0); Dense(1024, relu) → Dropout(0.5) → Dense(512, relu) → Dropout(0.5) → Dense(1, sigmoid),
Adam(1e-3), binary cross-entropy, 10 epochs of batch 32, validation_split 0.2, EarlyStopping(val_loss,
patience 3) and ModelCheckpoint(save_best_only). Three seeds, one TensorFlow thread. Run with the venv of
Benchmarks/Reference/keras_requirements.txt:
    python Benchmarks/Reference/keras_seed_network.py Tests/LearnNeuralTests/Resources/keras_seed_network.json
"""
import json
import os
import platform
import sys
import tempfile

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)


def run(seed, x_train, y_train, x_test, y_test, folder):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((20,)),
        keras.layers.Dense(1024, activation="relu"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dropout(0.5),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    checkpoint = os.path.join(folder, f"best-{seed}.h5")
    history = model.fit(x_train, y_train, epochs=10, batch_size=32, validation_split=0.2, verbose=0,
                        callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=3),
                                   keras.callbacks.ModelCheckpoint(checkpoint, monitor="val_loss", save_best_only=True)])
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    return {"seed": seed, "test_accuracy": float(accuracy), "test_loss": float(loss), "epochs": len(history.history["loss"]),
            "val_accuracy": [float(v) for v in history.history["val_accuracy"]]}


def main(path):
    X, y = make_classification(n_samples=12500, n_features=20, random_state=0)
    x_train, x_test, y_train, y_test = train_test_split(X, y, test_size=2500, random_state=0)
    with tempfile.TemporaryDirectory() as folder:
        runs = [run(seed, x_train, y_train, x_test, y_test, folder) for seed in (0, 1, 2)]
    accuracies = [r["test_accuracy"] for r in runs]
    result = {"keras_version": keras.__version__, "tensorflow_version": tf.__version__, "machine": platform.processor() or platform.machine(),
              "runs": runs, "mean_test_accuracy": float(np.mean(accuracies))}
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({"accuracies": accuracies, "mean": result["mean_test_accuracy"]}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "keras_seed_network.json")
