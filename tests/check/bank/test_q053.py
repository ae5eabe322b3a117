"""Question 53 (NaN-safe optimizer): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 53
MODEL = 'model = keras.Sequential([keras.Input(shape=(10,)), layers.Dense(32, activation="relu"), layers.Dense(1)])\n'

VARIANTS = [
    ("positional-arguments-loss-object", MODEL + "model.compile(keras.optimizers.Adam(0.0001, clipnorm=1.0), keras.losses.MeanSquaredError())\n", None),
    ("functional-optimizer-variable", """
inputs = keras.Input(shape=(10,))
hidden = layers.Dense(32)(inputs)
hidden = layers.Activation("relu")(hidden)
model = keras.Model(inputs, layers.Dense(1)(hidden))
optimizer = keras.optimizers.Adam(learning_rate=1e-4, clipnorm=1)
model.compile(optimizer=optimizer, loss="mean_squared_error")
""", None),
    ("no-clipping", MODEL + 'model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4), loss="mse")\n',
     "expected optimizer.clipnorm=1.0, found optimizer.clipnorm=None"),
    ("clipvalue-instead", MODEL + 'model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4, clipvalue=1.0), loss="mse")\n',
     "expected optimizer.clipnorm=1.0"),
    ("default-learning-rate", MODEL + 'model.compile(optimizer=keras.optimizers.Adam(clipnorm=1.0), loss="mse")\n',
     "expected optimizer.learning_rate=0.0001, found optimizer.learning_rate=0.001"),
    ("adam-by-name", MODEL + 'model.compile(optimizer="adam", loss="mse")\n', "expected optimizer.learning_rate=0.0001"),
    ("sgd", MODEL + 'model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-4, clipnorm=1.0), loss="mse")\n',
     "expected the adam optimizer, found sgd"),
    ("relu-output", 'model = keras.Sequential([keras.Input(shape=(10,)), layers.Dense(32, activation="relu"), layers.Dense(1, activation="relu")])\n'
     'model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-4, clipnorm=1.0), loss="mse")\n', "expected activation linear, found relu"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
