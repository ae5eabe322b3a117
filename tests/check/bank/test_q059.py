"""Question 59 (a tiny classifier for the edge): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 59
COMPILE = 'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")'


def sequential(first: str = 'layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")',
               second: str = 'layers.SeparableConv2D(16, 3, padding="same", activation="relu")',
               pooling: str = "layers.GlobalAveragePooling2D()", rescale: str = "layers.Rescaling(1.0 / 255), ") -> str:
    return (f"model = keras.Sequential([keras.Input(shape=(32, 32, 3)), {rescale}{first}, {second}, {pooling}, "
            f'layers.Dense(4, activation="softmax")])\n{COMPILE}\n')


VARIANTS = [
    ("functional-separate-activation", """
inputs = keras.Input(shape=(32, 32, 3))
x = layers.Rescaling(scale=1 / 255.0)(inputs)
x = layers.Conv2D(8, (3, 3), strides=(2, 2), padding="same", activation="relu")(x)
x = layers.SeparableConv2D(16, (3, 3), padding="same")(x)
x = layers.Activation("relu")(x)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(4, activation="softmax")(x))
model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.SparseCategoricalCrossentropy())
""", None),
    ("sequential-keywords", sequential(first='layers.Conv2D(filters=8, kernel_size=3, strides=2, padding="same", activation="relu")',
                                       second='layers.SeparableConv2D(filters=16, kernel_size=3, padding="same", activation="relu")'), None),
    ("plain-conv-instead-of-separable", sequential(second='layers.Conv2D(16, 3, padding="same", activation="relu")'),
     "expected a SeparableConv2D here, found a Conv2D"),
    ("no-rescaling", sequential(rescale=""), "missing a Rescaling"),
    ("valid-padding-on-stride", sequential(first='layers.Conv2D(8, 3, strides=2, activation="relu")'), "expected padding='same', found padding='valid'"),
    ("flatten-head", sequential(pooling="layers.Flatten()"), "expected a GlobalAveragePooling2D here, found a Flatten"),
    ("no-stride", sequential(first='layers.Conv2D(8, 3, padding="same", activation="relu")'), "expected strides=(2, 2)"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
