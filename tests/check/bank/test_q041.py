"""Question 41 (Sequential binary classifier with accuracy and AUC): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 41
LAYERS = 'keras.Input(shape=(8,)), layers.Dense(16, activation="relu"), layers.Dense(8, activation="relu"), layers.Dense(1, activation="sigmoid")'
COMPILE = 'model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", keras.metrics.AUC(name="auc")])\n'


def sequential(layer_list: str = LAYERS, compile_line: str = COMPILE) -> str:
    return f"model = keras.Sequential([{layer_list}])\n" + compile_line


VARIANTS = [
    ("add-calls", """
model = keras.Sequential()
model.add(keras.Input(shape=(8,)))
model.add(layers.Dense(16, activation="relu"))
model.add(layers.Dense(8, activation="relu"))
model.add(layers.Dense(1, activation="sigmoid"))
""" + COMPILE, None),
    ("separate-activations-and-objects", sequential(
        'keras.Input((8,)), layers.Dense(16), layers.ReLU(), layers.Dense(8, activation="relu"), layers.Dense(1), layers.Activation("sigmoid")',
        "model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.BinaryCrossentropy(), "
        'metrics=[keras.metrics.BinaryAccuracy(name="accuracy"), keras.metrics.AUC()])\n'), None),
    ("functional-api", """
inputs = keras.Input(shape=(8,))
x = layers.Dense(16, activation="relu")(inputs)
x = layers.Dense(8, activation="relu")(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
""" + COMPILE, "the task asks for keras.Sequential"),
    ("two-softmax-units", sequential(LAYERS.replace('Dense(1, activation="sigmoid")', 'Dense(2, activation="softmax")')),
     "expected units=1, found units=2"),
    ("no-auc", sequential(compile_line='model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])\n'),
     "the metric auc is missing"),
    ("mse-loss", sequential(compile_line=COMPILE.replace('"binary_crossentropy"', '"mse"')),
     "expected the loss binary_crossentropy, found mean_squared_error"),
    ("one-hidden-layer", sequential(LAYERS.replace(' layers.Dense(8, activation="relu"),', "")), "missing a Dense"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
