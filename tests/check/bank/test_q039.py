"""Question 39 (feature extraction: frozen backbone, Rescaling, pooled sigmoid head): reference, variants, failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 39
BACKBONE = """
def make_feature_extractor():
    return keras.Sequential(
        [
            keras.Input(shape=(48, 48, 3)),
            layers.Conv2D(8, 3, strides=2, activation="relu", name="stem"),
            layers.BatchNormalization(name="stem_bn"),
            layers.Conv2D(16, 3, strides=2, activation="relu", name="mid"),
            layers.Conv2D(32, 3, activation="relu", name="top"),
        ],
        name="feature_extractor",
    )


backbone = make_feature_extractor()
"""
COMPILE = 'model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])\n'


def head(pool: str = "layers.GlobalAveragePooling2D()", rescale: bool = True, output: str = 'layers.Dense(1, activation="sigmoid")') -> str:
    start = "x = layers.Rescaling(1.0 / 255)(inputs)\nx = backbone(x, training=False)\n" if rescale else "x = backbone(inputs, training=False)\n"
    return f"inputs = keras.Input(shape=(48, 48, 3))\n{start}x = {pool}(x)\nmodel = keras.Model(inputs, {output}(x))\n"


FROZEN = "backbone.trainable = False\n"

VARIANTS = [
    ("per-layer-freeze", BACKBONE + "for layer in backbone.layers:\n    layer.trainable = False\n" + head() + COMPILE, None),
    ("sequential-head", BACKBONE + FROZEN + """
model = keras.Sequential([keras.Input(shape=(48, 48, 3)), layers.Rescaling(1 / 255), backbone,
                          layers.GlobalAveragePooling2D(), layers.Dense(1, activation="sigmoid")])
""" + COMPILE, None),
    ("not-frozen", BACKBONE + head() + COMPILE, "expected 6,064 params (6,064 non-trainable), found 6,064 params (16 non-trainable)"),
    ("only-batchnorm-frozen", BACKBONE + 'backbone.get_layer("stem_bn").trainable = False\n' + head() + COMPILE,
     "found 6,064 params (32 non-trainable)"),
    ("flatten-instead-of-pooling", BACKBONE + FROZEN + head(pool="layers.Flatten()") + COMPILE,
     "expected a GlobalAveragePooling2D here, found a Flatten"),
    ("no-rescaling", BACKBONE + FROZEN + head(rescale=False) + COMPILE, "missing a Rescaling after the input"),
    ("two-softmax-units", BACKBONE + FROZEN + head(output='layers.Dense(2, activation="softmax")')
     + 'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])\n', "expected units=1, found units=2"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
