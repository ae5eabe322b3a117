"""Question 54 (dropout + L2 against early overfitting): reference, correct variants, wrong ones with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 54
COMPILE = 'model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])\n'


def model(first: str = "keras.regularizers.L2(1e-4)", second: str = "keras.regularizers.L2(1e-4)", rate1: float = 0.5,
          rate2: float = 0.5) -> str:
    return ("model = keras.Sequential([keras.Input(shape=(20,)),\n"
            f'    layers.Dense(64, activation="relu", kernel_regularizer={first}), layers.Dropout({rate1}),\n'
            f'    layers.Dense(64, activation="relu", kernel_regularizer={second}), layers.Dropout({rate2}),\n'
            '    layers.Dense(1, activation="sigmoid")])\n' + COMPILE)


VARIANTS = [
    ("lower-case-l2-and-keywords", model(first="keras.regularizers.l2(1e-4)", second="keras.regularizers.L2(l2=0.0001)"), None),
    ("functional-separate-activations", """
inputs = keras.Input(shape=(20,))
x = layers.Dense(64, kernel_regularizer=keras.regularizers.L2(0.0001))(inputs)
x = layers.ReLU()(x)
x = layers.Dropout(rate=0.5)(x)
x = layers.Dense(64, kernel_regularizer=keras.regularizers.L2(0.0001))(x)
x = layers.Activation("relu")(x)
x = layers.Dropout(rate=0.5)(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
""", None),
    ("no-regularizer", model(first="None", second="None"), "expected kernel_regularizer='L2(l2=0.0001)', found kernel_regularizer=None"),
    ("l1-instead-of-l2", model(first="keras.regularizers.L1(1e-4)", second="keras.regularizers.L1(1e-4)"), "found kernel_regularizer='L1(l1=0.0001)'"),
    ("l2-too-strong-on-second", model(second="keras.regularizers.L2(1e-2)"), "found kernel_regularizer='L2(l2=0.01)'"),
    ("dropout-0.2", model(rate1=0.2), "expected rate=0.5, found rate=0.2"),
    ("missing-second-dropout", """
model = keras.Sequential([keras.Input(shape=(20,)),
    layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-4)), layers.Dropout(0.5),
    layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-4)),
    layers.Dense(1, activation="sigmoid")])
""" + COMPILE, "missing a Dropout"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
