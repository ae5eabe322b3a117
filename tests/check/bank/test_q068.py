"""Question 68 (grid detection network): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 68


def detector(convs: str = ('layers.Conv2D(16, 3, strides=2, padding="same", activation="relu"), '
                           'layers.Conv2D(32, 3, strides=2, padding="same", activation="relu"), '
                           'layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")'),
             head: str = "layers.Conv2D(8, 1)") -> str:
    return f"model = keras.Sequential([keras.Input(shape=(64, 64, 3)), layers.Rescaling(1 / 255), {convs}, {head}])\n"


VARIANTS = [
    ("sequential", detector(), None),
    ("functional-loop-compiled", """
inputs = keras.Input(shape=(64, 64, 3))
x = layers.Rescaling(scale=1.0 / 255)(inputs)
for filters in (16, 32, 32):
    x = layers.Conv2D(filters, (3, 3), strides=(2, 2), padding="same")(x)
    x = layers.ReLU()(x)
model = keras.Model(inputs, layers.Conv2D(filters=1 + 4 + 3, kernel_size=(1, 1), activation="linear")(x))
model.compile(optimizer="adam", loss="mse")
""", None),
    ("sigmoid-head", detector(head='layers.Conv2D(8, 1, activation="sigmoid")'), "expected activation linear, found sigmoid"),
    ("pooling-instead-of-stride", detector(convs=(
        'layers.Conv2D(16, 3, padding="same", activation="relu"), layers.MaxPooling2D(2), '
        'layers.Conv2D(32, 3, strides=2, padding="same", activation="relu"), '
        'layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")')), "expected strides=(2, 2), found strides=(1, 1)"),
    ("seven-channels", detector(head="layers.Conv2D(7, 1)"), "expected filters=8, found filters=7"),
    ("dense-head", detector(head="layers.Dense(8)"), "expected a Conv2D here, found a Dense"),
    ("valid-padding", detector(convs=(
        'layers.Conv2D(16, 3, strides=2, activation="relu"), '
        'layers.Conv2D(32, 3, strides=2, padding="same", activation="relu"), '
        'layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")')), "expected padding='same', found padding='valid'"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
