"""Question 32 (binary image classifier with augmentation layers): reference, variants, named failures."""

from __future__ import annotations

import pytest
from variant_suite import variant_tests

NUMBER = 32
NETWORK = ('layers.Conv2D(16, 3, activation="relu"), layers.MaxPooling2D(2), layers.Conv2D(32, 3, activation="relu"), '
           'layers.GlobalAveragePooling2D(), layers.Dense(1, activation="sigmoid")')
COMPILE = 'model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])\n'
AUGMENT = 'layers.RandomFlip("horizontal"), layers.RandomRotation(0.1), layers.RandomZoom(0.2), layers.Rescaling(1.0 / 255)'


def sequential(front: str) -> str:
    return f"model = keras.Sequential([keras.Input(shape=(64, 64, 3)), {front}, {NETWORK}])\n" + COMPILE


VARIANTS = [
    ("functional-keywords", """
inputs = keras.Input(shape=(64, 64, 3))
x = layers.RandomFlip(mode="horizontal")(inputs)
x = layers.RandomRotation(factor=0.1)(x)
x = layers.RandomZoom(height_factor=0.2)(x)
x = layers.Rescaling(scale=1 / 255)(x)
x = layers.Conv2D(16, (3, 3), activation="relu")(x)
x = layers.MaxPooling2D(pool_size=(2, 2))(x)
x = layers.Conv2D(32, (3, 3), activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
""" + COMPILE, None),
    ("sequential-add", """
model = keras.Sequential()
model.add(keras.Input(shape=(64, 64, 3)))
model.add(layers.RandomFlip("horizontal"))
model.add(layers.RandomRotation(0.1))
model.add(layers.RandomZoom(0.2))
model.add(layers.Rescaling(1.0 / 255))
model.add(layers.Conv2D(16, 3))
model.add(layers.Activation("relu"))
model.add(layers.MaxPooling2D())
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dense(1, activation="sigmoid"))
""" + COMPILE, None),
    ("flips-both-ways", sequential(AUGMENT.replace('RandomFlip("horizontal")', "RandomFlip()")),
     "expected mode='horizontal', found mode='horizontal_and_vertical'"),
    ("no-rescaling", sequential(AUGMENT.replace(", layers.Rescaling(1.0 / 255)", "")), "missing a Rescaling after the RandomZoom"),
    ("rescaling-upside-down", sequential(AUGMENT.replace("Rescaling(1.0 / 255)", "Rescaling(255.0)")),
     "expected scale=0.00392157, found scale=255.0"),
    ("no-zoom", sequential(AUGMENT.replace("layers.RandomZoom(0.2), ", "")), "missing a RandomZoom after the RandomRotation"),
    ("contrast-instead-of-zoom", sequential(AUGMENT.replace("RandomZoom(0.2)", "RandomContrast(0.2)")),
     "expected a RandomZoom here, found a RandomContrast"),
    ("rotation-0.2", sequential(AUGMENT.replace("RandomRotation(0.1)", "RandomRotation(0.2)")), "expected factor="),
]

# Correct solutions the checker still rejects.
CHECKER_GAPS = [
    ("augmentation-in-a-nested-sequential", """
augment = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1), layers.RandomZoom(0.2)])
inputs = keras.Input(shape=(64, 64, 3))
x = layers.Rescaling(1.0 / 255)(augment(inputs))
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.MaxPooling2D(2)(x)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
""" + COMPILE),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)


@pytest.mark.keras
@pytest.mark.xfail(strict=True, reason="a correct solution the checker still rejects (see CHECKER_GAPS); drop the entry once it passes")
@pytest.mark.parametrize("code", [code for _, code in CHECKER_GAPS], ids=[name for name, _ in CHECKER_GAPS])
def test_correct_solution_the_checker_still_rejects(code: str, assert_variant) -> None:
    assert_variant(NUMBER, code, None)
