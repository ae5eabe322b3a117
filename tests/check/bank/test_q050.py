"""Question 50 (frozen backbone, new head): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 50
BACKBONE = """
backbone = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(16, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Conv2D(32, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
])
"""
COMPILE = 'model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n'


def head(units: int = 5, rate: float = 0.2) -> str:
    return (f"inputs = keras.Input(shape=(32, 32, 3))\nx = backbone(inputs, training=False)\nx = layers.Dropout({rate})(x)\n"
            f'model = keras.Model(inputs, layers.Dense({units}, activation="softmax")(x))\n')


VARIANTS = [
    ("functional-backbone-string-adam", """
b_in = keras.Input(shape=(32, 32, 3))
b = layers.Conv2D(filters=16, kernel_size=(3, 3), activation="relu")(b_in)
b = layers.MaxPooling2D(pool_size=(2, 2))(b)
b = layers.Conv2D(filters=32, kernel_size=(3, 3), activation="relu")(b)
backbone = keras.Model(b_in, layers.GlobalAveragePooling2D()(b), name="pretrained")
for layer in backbone.layers:
    layer.trainable = False
""" + head() + 'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n', None),
    ("sequential-model-around-backbone", BACKBONE + """
backbone.trainable = False
model = keras.Sequential([keras.Input(shape=(32, 32, 3)), backbone, layers.Dropout(0.2), layers.Dense(5, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss=keras.losses.SparseCategoricalCrossentropy(),
              metrics=["accuracy"])
""", None),
    ("backbone-not-frozen", BACKBONE + head() + COMPILE, "expected 5,088 params (5,088 non-trainable)"),
    ("head-frozen-too", BACKBONE + "backbone.trainable = False\n" + head() + "model.layers[-1].trainable = False\n" + COMPILE,
     "non-trainable"),
    ("ten-classes", BACKBONE + "backbone.trainable = False\n" + head(units=10) + COMPILE, "expected units=5, found units=10"),
    ("learning-rate-1e-2", BACKBONE + "backbone.trainable = False\n" + head()
     + 'model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n',
     "learning_rate=0.001"),
    ("no-dropout", BACKBONE + """
backbone.trainable = False
inputs = keras.Input(shape=(32, 32, 3))
model = keras.Model(inputs, layers.Dense(5, activation="softmax")(backbone(inputs, training=False)))
""" + COMPILE, "missing a Dropout"),
    ("categorical-loss", BACKBONE + "backbone.trainable = False\n" + head()
     + 'model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])\n',
     "expected the loss sparse_categorical_crossentropy"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
