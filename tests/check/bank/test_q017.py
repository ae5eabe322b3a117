"""Question 17 (regressor compiled with SGD + Nesterov momentum + clipnorm): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 17
MODEL = 'model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"), layers.Dense(1)])\n'


def compiled(optimizer: str, loss: str = '"mse"') -> str:
    return MODEL + f"model.compile(optimizer={optimizer}, loss={loss})\n"


VARIANTS = [
    ("functional-keywords-in-any-order", """
inputs = keras.Input(shape=(8,))
h = layers.Dense(units=16)(inputs)
h = layers.Activation("relu")(h)
model = keras.Model(inputs, layers.Dense(1)(h))
model.compile(optimizer=keras.optimizers.SGD(clipnorm=1.0, nesterov=True, momentum=0.9, learning_rate=0.01),
              loss=keras.losses.MeanSquaredError())
""", None),
    ("positional-learning-rate-long-loss-name",
     compiled("keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True, clipnorm=1.0)", '"mean_squared_error"'), None),
    ("string-sgd", compiled('"sgd"'), "expected optimizer.momentum=0.9, found optimizer.momentum=0.0"),
    ("no-nesterov", compiled("keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, clipnorm=1.0)"),
     "expected optimizer.nesterov=True, found optimizer.nesterov=False"),
    ("adam", compiled("keras.optimizers.Adam(learning_rate=0.01, clipnorm=1.0)"), "expected the sgd optimizer, found adam"),
    ("clipvalue-instead-of-clipnorm",
     compiled("keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True, clipvalue=1.0)"),
     "expected optimizer.clipnorm=1.0, found optimizer.clipnorm=None"),
    ("learning-rate-0.1", compiled("keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True, clipnorm=1.0)"),
     "expected optimizer.learning_rate=0.01, found optimizer.learning_rate=0.1"),
    ("mae-loss", compiled("keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True, clipnorm=1.0)", '"mae"'),
     "expected the loss mean_squared_error, found mean_absolute_error"),
    ("not-compiled", MODEL, "`model` is not compiled"),
    ("relu-output", MODEL.replace("layers.Dense(1)", 'layers.Dense(1, activation="relu")') + 'model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True, clipnorm=1.0), loss="mse")\n',
     "expected activation linear, found relu"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
