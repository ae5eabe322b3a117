"""Question 29 (fine-tuning: only block3_conv unfrozen, new head, low learning rate): reference, variants, failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 29
BACKBONE = """
def make_backbone():
    return keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            layers.Conv2D(16, 3, activation="relu", name="block1_conv"),
            layers.MaxPooling2D(name="block1_pool"),
            layers.Conv2D(32, 3, activation="relu", name="block2_conv"),
            layers.MaxPooling2D(name="block2_pool"),
            layers.Conv2D(64, 3, activation="relu", name="block3_conv"),
            layers.GlobalAveragePooling2D(name="pool"),
        ],
        name="backbone",
    )


backbone = make_backbone()
"""
HEAD = """
inputs = keras.Input(shape=(32, 32, 3))
x = backbone(inputs, training=False)
x = layers.Dropout(0.2)(x)
model = keras.Model(inputs, layers.Dense(4, activation="softmax")(x))
"""
COMPILE = 'model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-5), loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n'
ONLY_BLOCK3 = "for layer in backbone.layers:\n    layer.trainable = layer.name == \"block3_conv\"\n"

VARIANTS = [
    ("freeze-all-then-unfreeze-one", BACKBONE + """
for layer in backbone.layers:
    layer.trainable = False
backbone.get_layer("block3_conv").trainable = True
""" + HEAD + COMPILE, None),
    ("freeze-by-index-sequential-head", BACKBONE + """
for layer in backbone.layers[:4]:
    layer.trainable = False
model = keras.Sequential([keras.Input(shape=(32, 32, 3)), backbone, layers.Dropout(0.2), layers.Dense(4, activation="softmax")])
""" + COMPILE, None),
    ("whole-backbone-frozen", BACKBONE + "backbone.trainable = False\n" + HEAD + COMPILE,
     "expected 23,584 params (5,088 non-trainable), found 23,584 params (23,584 non-trainable)"),
    ("nothing-frozen", BACKBONE + HEAD + COMPILE, "expected 23,584 params (5,088 non-trainable), found 23,584 params"),
    ("block2-unfrozen-too", BACKBONE + "for layer in backbone.layers:\n    layer.trainable = layer.name in (\"block2_conv\", \"block3_conv\")\n"
     + HEAD + COMPILE, "found 23,584 params (448 non-trainable)"),
    ("head-learning-rate", BACKBONE + ONLY_BLOCK3 + HEAD
     + 'model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n',
     "expected optimizer.learning_rate=1e-05, found optimizer.learning_rate=0.001"),
    ("no-dropout", BACKBONE + ONLY_BLOCK3 + """
inputs = keras.Input(shape=(32, 32, 3))
model = keras.Model(inputs, layers.Dense(4, activation="softmax")(backbone(inputs, training=False)))
""" + COMPILE, "missing a Dropout"),
    ("three-classes", BACKBONE + ONLY_BLOCK3 + HEAD.replace("Dense(4", "Dense(3") + COMPILE, "expected units=4, found units=3"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
