"""Question 70 (autoencoder for anomaly detection): reference, correct variants, wrong ones with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 70


def autoencoder(code: int = 4, output: str = "layers.Dense(20)", loss: str = '"mse"') -> str:
    return ('model = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(8, activation="relu"), '
            f'layers.Dense({code}, activation="relu"), layers.Dense(8, activation="relu"), {output}])\n'
            f'model.compile(optimizer="adam", loss={loss})\n')


VARIANTS = [
    ("functional-with-shared-encoder", """
inputs = keras.Input(shape=(20,))
code = layers.Dense(4, activation="relu")(layers.Dense(8, activation="relu")(inputs))
encoder = keras.Model(inputs, code)
reconstruction = layers.Dense(20)(layers.Dense(8, activation="relu")(code))
model = keras.Model(inputs, reconstruction)
model.compile(optimizer=keras.optimizers.Adam(), loss="mean_squared_error")
""", None),
    ("sequential-add-loss-object", """
model = keras.Sequential()
model.add(keras.Input(shape=(20,)))
for units in (8, 4, 8):
    model.add(layers.Dense(units, activation="relu"))
model.add(layers.Dense(20, activation=None))
model.compile(optimizer="adam", loss=keras.losses.MeanSquaredError())
""", None),
    ("bottleneck-of-two", autoencoder(code=2), "expected units=4, found units=2"),
    ("sigmoid-reconstruction", autoencoder(output='layers.Dense(20, activation="sigmoid")'), "expected activation linear, found sigmoid"),
    ("mae-loss", autoencoder(loss='"mae"'), "expected the loss mean_squared_error, found mean_absolute_error"),
    ("no-bottleneck", """
model = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(8, activation="relu"), layers.Dense(8, activation="relu"), layers.Dense(20)])
model.compile(optimizer="adam", loss="mse")
""", "missing a Dense"),
    ("reconstructs-ten-features", autoencoder(output="layers.Dense(10)"), "expected units=20, found units=10"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
