"""Question 44 (regression MLP): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 44
HIDDEN = 'keras.Input(shape=(8,)), layers.Dense(64, activation="relu"), layers.Dense(64, activation="relu")'
COMPILE = 'model.compile(optimizer="adam", loss="mse", metrics=["mae"])'

VARIANTS = [
    ("functional-objects-separate-relu", """
inputs = keras.Input(shape=(8,))
x = layers.Dense(64)(inputs)
x = layers.ReLU()(x)
x = layers.Dense(64, activation="relu")(x)
model = keras.Model(inputs, layers.Dense(1)(x))
model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.MeanSquaredError(),
              metrics=[keras.metrics.MeanAbsoluteError()])
""", None),
    ("sequential-add-long-names", """
model = keras.Sequential()
model.add(keras.Input(shape=(8,)))
model.add(layers.Dense(units=64, activation="relu"))
model.add(layers.Dense(units=64, activation="relu"))
model.add(layers.Dense(units=1, activation="linear"))
model.compile(optimizer="adam", loss="mean_squared_error", metrics=["mean_absolute_error"])
""", None),
    ("sigmoid-output", f'model = keras.Sequential([{HIDDEN}, layers.Dense(1, activation="sigmoid")])\n{COMPILE}',
     "expected activation linear, found sigmoid"),
    ("no-mae-metric", f'model = keras.Sequential([{HIDDEN}, layers.Dense(1)])\nmodel.compile(optimizer="adam", loss="mse")',
     "mean_absolute_error is missing"),
    ("mae-as-loss", f'model = keras.Sequential([{HIDDEN}, layers.Dense(1)])\nmodel.compile(optimizer="adam", loss="mae", metrics=["mae"])',
     "expected the loss mean_squared_error"),
    ("hidden-32-units", """
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(32, activation="relu"), layers.Dense(64, activation="relu"), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
""", "expected units=64, found units=32"),
    ("one-hidden-layer", f'model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(64, activation="relu"), layers.Dense(1)])\n{COMPILE}',
     "missing a Dense"),
    ("two-outputs", f'model = keras.Sequential([{HIDDEN}, layers.Dense(2)])\n{COMPILE}', "expected units=1, found units=2"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
