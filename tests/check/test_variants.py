"""For each checked exercise: the reference passes, other correct variants pass, wrong ones fail with a named reason."""

from __future__ import annotations

import pytest

from kerasq.findings import first_problem

pytestmark = pytest.mark.keras

CHECKED = [1, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15]

Q1_HEAD = """
inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.MaxPooling2D(2)(x)
x = layers.Conv2D(64, 3, activation="relu")(x)
x = layers.MaxPooling2D(2)(x)
x = layers.Conv2D(64, 3, activation="relu")(x)
"""
Q1_COMPILE = 'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n'


def q1(head: str = Q1_HEAD, tail: str = 'x = layers.Flatten()(x)\nx = layers.Dense(64, activation="relu")(x)\n'
       'outputs = layers.Dense(10, activation="softmax")(x)\n', compile_line: str = Q1_COMPILE) -> str:
    return head + tail + "model = keras.Model(inputs, outputs)\n" + compile_line


Q15_HEAD = """
def identity_block(x, f, filters):
    f1, f2, f3 = filters
    shortcut = x
    y = layers.Conv2D(f1, 1)(x)
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    y = layers.Conv2D(f2, f, padding="same")(y)
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    y = layers.Conv2D(f3, 1)(y)
"""

Q14_HEAD = """
class MyDense(layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)
"""
Q14_BUILD = """
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", trainable=True, name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True, name="bias")
"""
Q14_CALL = """
    def call(self, inputs):
        return self.activation(ops.matmul(inputs, self.kernel) + self.bias)
"""
Q14_CONFIG = """
    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units, "activation": keras.activations.serialize(self.activation)})
        return config
"""


def q14(build: str = Q14_BUILD, call: str = Q14_CALL, config: str = Q14_CONFIG, head: str = Q14_HEAD) -> str:
    return head + build + call + config


Q8_MODEL_ONLY = "import os\n"

# (question, variant id, code, None for "passes" or a text the first problem's message must contain)
VARIANTS: list[tuple[int, str, str, str | None]] = [
    # ---- question 1: CIFAR-10 CNN, compiled
    (1, "functional-separate-activations-objects", """
inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(filters=32, kernel_size=(3, 3))(inputs)
x = layers.ReLU()(x)
x = layers.MaxPooling2D(pool_size=(2, 2))(x)
x = layers.Conv2D(64, (3, 3))(x)
x = layers.Activation("relu")(x)
x = layers.MaxPooling2D(pool_size=2)(x)
x = layers.Conv2D(64, 3)(x)
x = keras.activations.relu(x)
x = layers.Flatten(name="flat")(x)
x = layers.Dense(units=64, activation="relu", name="hidden")(x)
x = layers.Dense(10)(x)
outputs = layers.Softmax()(x)
model = keras.Model(inputs=inputs, outputs=outputs, name="anything")
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss=keras.losses.SparseCategoricalCrossentropy(),
              metrics=[keras.metrics.SparseCategoricalAccuracy()])
""", None),
    (1, "sequential-add-acc", """
model = keras.Sequential(name="cnn")
model.add(keras.Input(shape=(32, 32, 3)))
model.add(layers.Conv2D(32, 3, activation="relu", name="c1"))
model.add(layers.MaxPooling2D())
model.add(layers.Conv2D(64, 3, activation="relu"))
model.add(layers.MaxPooling2D())
model.add(layers.Conv2D(64, 3, activation="relu"))
model.add(layers.Flatten())
model.add(layers.Dense(64, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
model.compile(optimizer="Adam", loss=keras.losses.sparse_categorical_crossentropy, metrics=["acc"])
""", None),
    (1, "subclassed", """
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.c1 = layers.Conv2D(32, 3, activation="relu")
        self.p1 = layers.MaxPooling2D(2)
        self.c2 = layers.Conv2D(64, 3, activation="relu")
        self.p2 = layers.MaxPooling2D(2)
        self.c3 = layers.Conv2D(64, 3, activation="relu")
        self.flat = layers.Flatten()
        self.d1 = layers.Dense(64, activation="relu")
        self.d2 = layers.Dense(10, activation="softmax")

    def call(self, x):
        x = self.p1(self.c1(x))
        x = self.p2(self.c2(x))
        return self.d2(self.d1(self.flat(self.c3(x))))

model = Net()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
""", None),
    (1, "missing-pool", q1(head=Q1_HEAD.replace('x = layers.MaxPooling2D(2)(x)\nx = layers.Conv2D(64, 3, activation="relu")(x)\n'
                                                  'x = layers.MaxPooling2D(2)(x)\n', 'x = layers.MaxPooling2D(2)(x)\n'
                                                  'x = layers.Conv2D(64, 3, activation="relu")(x)\n')),
     "is missing a MaxPooling2D after the second Conv2D"),
    (1, "padding-same", q1(head=Q1_HEAD.replace('Conv2D(32, 3, activation="relu")', 'Conv2D(32, 3, activation="relu", padding="same")')),
     "the first Conv2D: expected padding='valid', found padding='same'"),
    (1, "filters", q1(head=Q1_HEAD.replace("Conv2D(32,", "Conv2D(16,")), "expected filters=32, found filters=16"),
    (1, "sigmoid-output", q1(tail='x = layers.Flatten()(x)\nx = layers.Dense(64, activation="relu")(x)\n'
                                  'outputs = layers.Dense(10, activation="sigmoid")(x)\n'), "expected activation softmax, found sigmoid"),
    (1, "categorical-loss", q1(compile_line='model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])\n'),
     "expected the loss sparse_categorical_crossentropy, found categorical_crossentropy"),
    (1, "not-compiled", q1(compile_line=""), "`model` is not compiled"),
    (1, "grey-input", q1(head=Q1_HEAD.replace("(32, 32, 3)", "(32, 32, 1)")), "has shape (None, 32, 32, 1); expected (None, 32, 32, 3)"),
    (1, "global-pooling", q1(tail='x = layers.GlobalAveragePooling2D()(x)\nx = layers.Dense(64, activation="relu")(x)\n'
                                  'outputs = layers.Dense(10, activation="softmax")(x)\n'),
     "expected a Flatten here, found a GlobalAveragePooling2D"),
    (1, "exact-accuracy", q1(compile_line='model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", '
                                          'metrics=[keras.metrics.Accuracy()])\n'), "the metric accuracy is missing"),
    # ---- question 3: the same network twice
    (3, "add-and-activation-layers", """
seq_model = keras.Sequential()
seq_model.add(keras.Input(shape=(100,)))
seq_model.add(layers.Dense(64))
seq_model.add(layers.Activation("relu"))
seq_model.add(layers.Dense(1, activation="sigmoid"))
inp = keras.Input(shape=(100,))
hidden = layers.Dense(64, activation="relu", name="h")(inp)
func_model = keras.Model(inp, layers.Dense(1, activation=keras.activations.sigmoid)(hidden))
""", None),
    (3, "compiled-anyway", """
seq_model = keras.Sequential([keras.Input((100,)), layers.Dense(64, "relu"), layers.Dense(1, "sigmoid")])
seq_model.compile(optimizer="sgd", loss="binary_crossentropy")
x = keras.Input((100,))
func_model = keras.Model(x, layers.Dense(1, "sigmoid")(layers.Dense(64, "relu")(x)))
""", None),
    (3, "func-is-sequential", """
seq_model = keras.Sequential([keras.Input((100,)), layers.Dense(64, "relu"), layers.Dense(1, "sigmoid")])
func_model = keras.Sequential([keras.Input((100,)), layers.Dense(64, "relu"), layers.Dense(1, "sigmoid")])
""", "the task asks for the Functional API, and `func_model` is built with keras.Sequential"),
    (3, "seq-is-functional", """
x = keras.Input((100,))
seq_model = keras.Model(x, layers.Dense(1, "sigmoid")(layers.Dense(64, "relu")(x)))
func_model = keras.Model(x, layers.Dense(1, "sigmoid")(layers.Dense(64, "relu")(x)))
""", "the task asks for keras.Sequential, and `seq_model` is built with the Functional API"),
    (3, "hidden-units", """
seq_model = keras.Sequential([keras.Input((100,)), layers.Dense(32, "relu"), layers.Dense(1, "sigmoid")])
x = keras.Input((100,))
func_model = keras.Model(x, layers.Dense(1, "sigmoid")(layers.Dense(64, "relu")(x)))
""", "expected units=64, found units=32"),
    (3, "relu-output", """
seq_model = keras.Sequential([keras.Input((100,)), layers.Dense(64, "relu"), layers.Dense(1, "sigmoid")])
x = keras.Input((100,))
func_model = keras.Model(x, layers.Dense(1, "relu")(layers.Dense(64, "relu")(x)))
""", "expected activation sigmoid, found relu"),
    (3, "func-missing", """
seq_model = keras.Sequential([keras.Input((100,)), layers.Dense(64, "relu"), layers.Dense(1, "sigmoid")])
functional_model = keras.Model(seq_model.inputs, seq_model.outputs)
""", "`func_model` is not defined"),
    # ---- question 4: Functional MLP
    (4, "keywords-and-relu-layers", """
pixels = keras.Input(shape=(784,))
h = layers.ReLU()(layers.Dense(units=64)(pixels))
h = layers.Dense(64, activation=keras.activations.relu)(h)
model = keras.Model(inputs=[pixels], outputs=[layers.Dense(10, activation="softmax", name="digits")(h)])
""", None),
    (4, "compiled", """
inputs = keras.Input((784,))
x = layers.Dense(64, activation="relu")(inputs)
x = layers.Dense(64, activation="relu")(x)
model = keras.Model(inputs, layers.Dense(10, activation="softmax")(x))
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
""", None),
    (4, "sequential", """
model = keras.Sequential([keras.Input((784,)), layers.Dense(64, "relu"), layers.Dense(64, "relu"), layers.Dense(10, "softmax")])
""", "the task asks for the Functional API, and `model` is built with keras.Sequential"),
    (4, "extra-dropout", """
inputs = keras.Input((784,))
x = layers.Dense(64, activation="relu")(inputs)
x = layers.Dropout(0.5)(x)
x = layers.Dense(64, activation="relu")(x)
model = keras.Model(inputs, layers.Dense(10, activation="softmax")(x))
""", "has an extra Dropout after the first Dense"),
    (4, "one-hidden-layer", """
inputs = keras.Input((784,))
x = layers.Dense(64, activation="relu")(inputs)
model = keras.Model(inputs, layers.Dense(10, activation="softmax")(x))
""", "is missing a Dense after the first Dense"),
    (4, "image-input", """
inputs = keras.Input((28, 28))
x = layers.Flatten()(inputs)
x = layers.Dense(64, activation="relu")(x)
x = layers.Dense(64, activation="relu")(x)
model = keras.Model(inputs, layers.Dense(10, activation="softmax")(x))
""", "has shape (None, 28, 28); expected (None, 784)"),
    (4, "no-hidden-activation", """
inputs = keras.Input((784,))
x = layers.Dense(64)(inputs)
x = layers.Dense(64, activation="relu")(x)
model = keras.Model(inputs, layers.Dense(10, activation="softmax")(x))
""", "the first Dense: expected activation relu, found linear"),
    # ---- question 5: two named inputs, two named outputs
    (5, "swapped-concat-list-losses", """
a = keras.Input(shape=(3,), name="categorical_input")
b = keras.Input(shape=(2,), name="numerical_input")
h = layers.Dense(3, activation="relu")(layers.concatenate([a, b]))
model = keras.Model([b, a], [layers.Dense(1, name="output1")(h), layers.Dense(1, name="output2")(h)])
model.compile(optimizer=keras.optimizers.Adam(), loss=["mean_squared_error", keras.losses.MeanSquaredError()],
              metrics=[["mae"], [keras.metrics.MeanAbsoluteError()]])
""", None),
    (5, "outputs-in-other-order", """
num = keras.Input(shape=(2,), name="numerical_input")
cat = keras.Input(shape=(3,), name="categorical_input")
h = layers.Dense(3, activation="relu")(layers.Concatenate()([num, cat]))
o1 = layers.Dense(1, name="output1")(h)
o2 = layers.Dense(1, name="output2")(h)
model = keras.Model(inputs={"numerical_input": num, "categorical_input": cat}, outputs=[o2, o1])
model.compile(optimizer="adam", loss={"output1": "mse", "output2": "mse"}, metrics={"output1": "mae", "output2": ["mae"]})
""", None),
    (5, "input-names", """
num = keras.Input(shape=(2,), name="numbers")
cat = keras.Input(shape=(3,), name="categorical_input")
h = layers.Dense(3, activation="relu")(layers.Concatenate()([num, cat]))
model = keras.Model([num, cat], [layers.Dense(1, name="output1")(h), layers.Dense(1, name="output2")(h)])
model.compile(optimizer="adam", loss={"output1": "mse", "output2": "mse"}, metrics={"output1": ["mae"], "output2": ["mae"]})
""", "has no input named 'numerical_input'"),
    (5, "output-names", """
num = keras.Input(shape=(2,), name="numerical_input")
cat = keras.Input(shape=(3,), name="categorical_input")
h = layers.Dense(3, activation="relu")(layers.Concatenate()([num, cat]))
model = keras.Model([num, cat], [layers.Dense(1)(h), layers.Dense(1)(h)])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
""", "the outputs of `model` are named"),
    (5, "one-output", """
num = keras.Input(shape=(2,), name="numerical_input")
cat = keras.Input(shape=(3,), name="categorical_input")
h = layers.Dense(3, activation="relu")(layers.Concatenate()([num, cat]))
model = keras.Model([num, cat], layers.Dense(1, name="output1")(h))
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
""", "is missing a Dense"),
    (5, "mae-loss", """
num = keras.Input(shape=(2,), name="numerical_input")
cat = keras.Input(shape=(3,), name="categorical_input")
h = layers.Dense(3, activation="relu")(layers.Concatenate()([num, cat]))
model = keras.Model([num, cat], [layers.Dense(1, name="output1")(h), layers.Dense(1, name="output2")(h)])
model.compile(optimizer="adam", loss={"output1": "mae", "output2": "mse"}, metrics={"output1": ["mae"], "output2": ["mae"]})
""", "expected the loss mean_squared_error for output 'output1', found mean_absolute_error"),
    (5, "no-metrics", """
num = keras.Input(shape=(2,), name="numerical_input")
cat = keras.Input(shape=(3,), name="categorical_input")
h = layers.Dense(3, activation="relu")(layers.Concatenate()([num, cat]))
model = keras.Model([num, cat], [layers.Dense(1, name="output1")(h), layers.Dense(1, name="output2")(h)])
model.compile(optimizer="adam", loss={"output1": "mse", "output2": "mse"})
""", "the metric mean_absolute_error is missing for output 'output1'"),
    # ---- question 8: save and reload
    (8, "saving-functions", """
def save_and_reload(model, path):
    keras.saving.save_model(model, path)
    return keras.saving.load_model(path)
""", None),
    (8, "no-compile-on-load", """
def save_and_reload(model, path):
    model.save(path)
    return keras.models.load_model(path, compile=False)
""", None),
    (8, "same-object", """
def save_and_reload(model, path):
    model.save(path)
    return model
""", "returned the model it was given, not the one loaded from the file"),
    (8, "returns-none", """
def save_and_reload(model, path):
    model.save(path)
""", "returned None"),
    (8, "legacy-h5", """
import os
def save_and_reload(model, path):
    legacy = os.path.splitext(path)[0] + ".h5"
    model.save(legacy)
    return keras.models.load_model(legacy)
""", "the model was saved in the legacy HDF5 format"),
    (8, "fresh-weights", """
def save_and_reload(model, path):
    model.save(path)
    return keras.models.clone_model(model)
""", "differs from the saved one"),
    (8, "raises", """
def save_and_reload(model, path):
    return keras.saving.load_model(path)
""", "raised ValueError"),
    # ---- question 9: one sigmoid neuron
    (9, "sequential-objects", """
model = keras.Sequential([keras.Input(shape=(1,)), layers.Dense(1), layers.Activation("sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(0.01), loss=keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
""", None),
    (9, "functional-keywords", """
x = keras.Input(shape=(1,), name="feature")
model = keras.Model(inputs=x, outputs=layers.Dense(units=1, activation="sigmoid", name="neuron")(x))
model.compile(loss="binary_crossentropy", optimizer="adam")
""", None),
    (9, "two-units", """
model = keras.Sequential([keras.Input((1,)), layers.Dense(2, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
""", "expected units=1, found units=2"),
    (9, "softmax", """
model = keras.Sequential([keras.Input((1,)), layers.Dense(1, activation="softmax")])
model.compile(optimizer="adam", loss="binary_crossentropy")
""", "expected activation sigmoid, found softmax"),
    (9, "mse", """
model = keras.Sequential([keras.Input((1,)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="mse")
""", "expected the loss binary_crossentropy, found mean_squared_error"),
    (9, "sgd", """
model = keras.Sequential([keras.Input((1,)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="sgd", loss="binary_crossentropy")
""", "expected the adam optimizer, found sgd"),
    (9, "no-input", """
model = keras.Sequential([layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
""", "has no input shape yet"),
    # ---- question 10: binary image classifier
    (10, "functional-keywords", """
inputs = keras.Input(shape=(64, 64, 3))
x = layers.Conv2D(filters=32, kernel_size=3, padding="valid", activation="relu")(inputs)
x = layers.MaxPooling2D(pool_size=(2, 2), strides=2)(x)
x = layers.Flatten()(x)
x = layers.Dense(128)(x)
x = layers.Activation("relu")(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(), metrics=[keras.metrics.BinaryAccuracy()])
""", None),
    (10, "acc-alias", """
model = keras.Sequential([keras.Input((64, 64, 3)), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                          layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(), loss="binary_crossentropy", metrics=["acc"])
""", None),
    (10, "padding-same", """
model = keras.Sequential([keras.Input((64, 64, 3)), layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
                          layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
""", "expected padding='valid', found padding='same'"),
    (10, "no-pooling", """
model = keras.Sequential([keras.Input((64, 64, 3)), layers.Conv2D(32, 3, activation="relu"),
                          layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
""", "is missing a MaxPooling2D after the Conv2D"),
    (10, "dense-units", """
model = keras.Sequential([keras.Input((64, 64, 3)), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                          layers.Flatten(), layers.Dense(64, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
""", "expected units=128, found units=64"),
    (10, "from-logits", """
model = keras.Sequential([keras.Input((64, 64, 3)), layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(),
                          layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
""", "expected the loss binary_crossentropy, found binary_crossentropy (from_logits=True)"),
    (10, "kernel-5", """
model = keras.Sequential([keras.Input((64, 64, 3)), layers.Conv2D(32, 5, activation="relu"), layers.MaxPooling2D(),
                          layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
""", "expected kernel_size=(3, 3), found kernel_size=(5, 5)"),
    # ---- question 11: SimpleRNN
    (11, "sequential", """
model = keras.Sequential([keras.Input(shape=(None, 100)), layers.SimpleRNN(32), layers.Dense(1, activation="sigmoid")])
""", None),
    (11, "explicit-defaults", """
inputs = keras.Input(shape=(None, 100))
x = layers.SimpleRNN(units=32, activation="tanh", return_sequences=False)(inputs)
x = layers.Dense(1)(x)
model = keras.Model(inputs, layers.Activation("sigmoid")(x))
model.compile(optimizer="adam", loss="binary_crossentropy")
""", None),
    (11, "lstm", """
model = keras.Sequential([keras.Input(shape=(None, 100)), layers.LSTM(32), layers.Dense(1, activation="sigmoid")])
""", "expected a SimpleRNN here, found an LSTM"),
    (11, "return-sequences", """
inputs = keras.Input(shape=(None, 100))
x = layers.SimpleRNN(32, return_sequences=True)(inputs)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
""", "expected return_sequences=False, found return_sequences=True"),
    (11, "units", """
model = keras.Sequential([keras.Input(shape=(None, 100)), layers.SimpleRNN(64), layers.Dense(1, activation="sigmoid")])
""", "expected units=32, found units=64"),
    (11, "fixed-length", """
model = keras.Sequential([keras.Input(shape=(10, 100)), layers.SimpleRNN(32), layers.Dense(1, activation="sigmoid")])
""", "has shape (None, 10, 100); expected (None, None, 100)"),
    # ---- question 12: dropout
    (12, "functional-relu-layers", """
inputs = keras.Input(shape=(10,))
x = layers.ReLU()(layers.Dense(64)(inputs))
x = layers.Dropout(rate=0.2)(x)
x = layers.Dense(64, activation="relu")(x)
x = layers.Dropout(rate=0.3, seed=1)(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
""", None),
    (12, "sequential-add", """
model = keras.Sequential()
model.add(keras.Input((10,)))
for rate in (0.2, 0.3):
    model.add(layers.Dense(64, activation="relu"))
    model.add(layers.Dropout(rate))
model.add(layers.Dense(1, activation="sigmoid"))
""", None),
    (12, "rates-swapped", """
model = keras.Sequential([keras.Input((10,)), layers.Dense(64, "relu"), layers.Dropout(0.3), layers.Dense(64, "relu"),
                          layers.Dropout(0.2), layers.Dense(1, "sigmoid")])
""", "the first Dropout: expected rate=0.2, found rate=0.3"),
    (12, "missing-dropout", """
model = keras.Sequential([keras.Input((10,)), layers.Dense(64, "relu"), layers.Dropout(0.2), layers.Dense(64, "relu"),
                          layers.Dense(1, "sigmoid")])
""", "is missing a Dropout after the second Dense"),
    (12, "dropout-after-output", """
model = keras.Sequential([keras.Input((10,)), layers.Dense(64, "relu"), layers.Dropout(0.2), layers.Dense(64, "relu"),
                          layers.Dropout(0.3), layers.Dense(1, "sigmoid"), layers.Dropout(0.1)])
""", "has an extra Dropout after the last Dense"),
    (12, "hidden-units", """
model = keras.Sequential([keras.Input((10,)), layers.Dense(32, "relu"), layers.Dropout(0.2), layers.Dense(64, "relu"),
                          layers.Dropout(0.3), layers.Dense(1, "sigmoid")])
""", "expected units=64, found units=32"),
    # ---- question 13: batch normalization
    (13, "sequential-activation-layers", """
model = keras.Sequential([
    keras.Input(shape=(100,)),
    layers.Dense(64), layers.BatchNormalization(), layers.ReLU(),
    layers.Dense(64, use_bias=True), layers.BatchNormalization(),
    layers.Dense(64, use_bias=False), layers.BatchNormalization(),
    layers.Dense(10), layers.Softmax(),
])
""", None),
    (13, "functional-activation-ops", """
x0 = keras.Input((100,))
x = layers.BatchNormalization(axis=1)(layers.Dense(64)(x0))
x = keras.activations.relu(x)
x = layers.BatchNormalization()(layers.Dense(64)(x))
x = layers.BatchNormalization(axis=-1)(layers.Dense(64, use_bias=False)(x))
model = keras.Model(x0, layers.Dense(10, activation="softmax")(x))
""", None),
    (13, "bias-kept", """
model = keras.Sequential([keras.Input((100,)), layers.Dense(64), layers.BatchNormalization(), layers.ReLU(),
    layers.Dense(64), layers.BatchNormalization(), layers.Dense(64), layers.BatchNormalization(), layers.Dense(10, "softmax")])
""", "the third Dense: expected use_bias=False, found use_bias=True"),
    (13, "relu-before-bn", """
model = keras.Sequential([keras.Input((100,)), layers.Dense(64, activation="relu"), layers.BatchNormalization(),
    layers.Dense(64), layers.BatchNormalization(), layers.Dense(64, use_bias=False), layers.BatchNormalization(),
    layers.Dense(10, "softmax")])
""", "the first Dense: expected activation linear, found relu"),
    (13, "missing-bn", """
model = keras.Sequential([keras.Input((100,)), layers.Dense(64), layers.BatchNormalization(), layers.ReLU(),
    layers.Dense(64), layers.Dense(64, use_bias=False), layers.BatchNormalization(), layers.Dense(10, "softmax")])
""", "is missing a BatchNormalization after the second Dense"),
    (13, "no-softmax", """
model = keras.Sequential([keras.Input((100,)), layers.Dense(64), layers.BatchNormalization(), layers.ReLU(),
    layers.Dense(64), layers.BatchNormalization(), layers.Dense(64, use_bias=False), layers.BatchNormalization(),
    layers.Dense(10)])
""", "the last Dense: expected activation softmax, found linear"),
    (13, "frozen-bn", """
frozen = layers.BatchNormalization()
frozen.trainable = False
model = keras.Sequential([keras.Input((100,)), layers.Dense(64), frozen, layers.ReLU(),
    layers.Dense(64), layers.BatchNormalization(), layers.Dense(64, use_bias=False), layers.BatchNormalization(),
    layers.Dense(10, "softmax")])
""", "the first BatchNormalization: expected 256 params (128 non-trainable), found 256 params (256 non-trainable)"),
    # ---- question 14: a custom Dense layer
    (14, "bias-first-matmul-operator", q14(build="""
    def build(self, input_shape):
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros")
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units), initializer="random_normal")
""", call="""
    def call(self, inputs):
        return self.activation(inputs @ self.w + self.b)
"""), None),
    (14, "activation-name-kept", q14(head="""
class MyDense(layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation_name = activation
""", call="""
    def call(self, inputs):
        return keras.activations.get(self.activation_name)(ops.add(ops.matmul(inputs, self.kernel), self.bias))
""", config="""
    def get_config(self):
        return {**super().get_config(), "units": self.units, "activation": self.activation_name}
"""), None),
    (14, "activation-ignored", q14(call="""
    def call(self, inputs):
        return ops.matmul(inputs, self.kernel) + self.bias
"""), "computes different values than expected"),
    (14, "no-bias", q14(build="""
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel")
""", call="""
    def call(self, inputs):
        return self.activation(ops.matmul(inputs, self.kernel))
"""), "expected (5, 8), (8,)"),
    (14, "frozen-bias", q14(build="""
    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", trainable=False, name="bias")
"""), "has weights (5, 8), (8,) non-trainable"),
    (14, "config-without-units", q14(config="""
    def get_config(self):
        config = super().get_config()
        config["activation"] = keras.activations.serialize(self.activation)
        return config
"""), "get_config() has no 'units'"),
    (14, "config-function", q14(config="""
    def get_config(self):
        return {**super().get_config(), "units": self.units, "activation": self.activation}
"""), "is not JSON-serialisable: activation="),
    (14, "not-a-layer", """
class MyDense:
    def __init__(self, units, activation=None):
        self.units = units
""", "`MyDense` does not subclass keras.layers.Layer"),
    # ---- question 15: ResNet identity block
    (15, "swapped-add-relu-layer", Q15_HEAD + """
    y = layers.BatchNormalization()(y)
    return layers.ReLU()(layers.Add()([shortcut, y]))
""", None),
    (15, "operator-and-activation-op", Q15_HEAD.replace('layers.Activation("relu")(y)', "keras.activations.relu(y)") + """
    y = layers.BatchNormalization(axis=3)(y)
    return keras.activations.relu(y + shortcut)
""", None),
    (15, "no-shortcut", Q15_HEAD + """
    y = layers.BatchNormalization()(y)
    return layers.Activation("relu")(y)
""", "is missing an Add"),
    (15, "relu-before-add", Q15_HEAD + """
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    return layers.Add()([y, shortcut])
""", "the last BatchNormalization: expected activation linear, found relu"),
    (15, "valid-middle-padding", Q15_HEAD.replace('padding="same"', 'padding="valid"') + """
    y = layers.BatchNormalization()(y)
    return layers.Activation("relu")(layers.Add()([y, shortcut]))
""", "raised ValueError"),
    (15, "no-return", Q15_HEAD + """
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(layers.Add()([y, shortcut]))
""", "returned None"),
    (15, "adds-itself", Q15_HEAD + """
    y = layers.BatchNormalization()(y)
    return layers.Activation("relu")(layers.Add()([y, y]))
""", "the Add is connected to other layers than expected"),
    (15, "missing-last-bn", Q15_HEAD + """
    return layers.Activation("relu")(layers.Add()([y, shortcut]))
""", "is missing a BatchNormalization after the last Conv2D"),
]


def _problem(result) -> str:
    problem = first_problem(result.findings)
    return "" if problem is None else problem.message


@pytest.mark.parametrize("number", CHECKED)
def test_reference_solution_passes(number: int, bank, check_code) -> None:
    result = check_code(number, bank.get(number).solution)
    assert result.passed, result.text()


@pytest.mark.parametrize(("number", "code", "expected"), [(n, code, exp) for n, _, code, exp in VARIANTS],
                         ids=[f"q{n}-{name}" for n, name, _, _ in VARIANTS])
def test_variant(number: int, code: str, expected: str | None, check_code) -> None:
    result = check_code(number, code)
    if expected is None:
        assert result.passed, result.text()
    else:
        assert not result.passed
        assert expected in _problem(result), result.text()


def test_every_checked_question_has_two_correct_and_four_wrong_variants() -> None:
    for number in CHECKED:
        correct = [v for v in VARIANTS if v[0] == number and v[3] is None]
        wrong = [v for v in VARIANTS if v[0] == number and v[3] is not None]
        assert len(correct) >= 2 and len(wrong) >= 4, number
