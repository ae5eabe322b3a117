"""Question 45 (shared layers, two inputs, two outputs): reference, correct variants, wrong ones with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 45
INPUTS = 'left = keras.Input(shape=(16,), name="left")\nright = keras.Input(shape=(16,), name="right")\n'
HEADS = ('match = layers.Dense(1, activation="sigmoid", name="match")(merged)\nscore = layers.Dense(1, name="score")(merged)\n'
         'model = keras.Model([left, right], [match, score])\n')
COMPILE = 'model.compile(optimizer="adam", loss={"match": "binary_crossentropy", "score": "mse"})\n'

VARIANTS = [
    ("named-shared-layer-objects", INPUTS + """
encoder = layers.Dense(units=32, activation="relu", name="encoder")
merged = layers.concatenate([encoder(left), encoder(right)])
""" + HEADS + """
model.compile(optimizer=keras.optimizers.Adam(),
              loss={"match": keras.losses.BinaryCrossentropy(), "score": keras.losses.MeanSquaredError()})
""", None),
    ("outputs-as-dict-order", INPUTS + """
shared = layers.Dense(32, activation="relu")
a, b = shared(left), shared(right)
merged = layers.Concatenate(axis=-1)([a, b])
match = layers.Dense(1, activation="sigmoid", name="match")(merged)
score = layers.Dense(1, name="score")(merged)
model = keras.Model(inputs=[left, right], outputs=[match, score])
model.compile(optimizer="adam", loss={"score": "mean_squared_error", "match": "binary_crossentropy"})
""", None),
    ("two-separate-encoders", INPUTS
     + 'merged = layers.Concatenate()([layers.Dense(32, activation="relu")(left), layers.Dense(32, activation="relu")(right)])\n'
     + HEADS + COMPILE, "should reuse the layer"),
    ("add-instead-of-concatenate", INPUTS + 'shared = layers.Dense(32, activation="relu")\nmerged = layers.Add()([shared(left), shared(right)])\n'
     + HEADS + COMPILE, "expected a Concatenate here, found an Add"),
    ("score-with-sigmoid", INPUTS + 'shared = layers.Dense(32, activation="relu")\nmerged = layers.Concatenate()([shared(left), shared(right)])\n'
     + HEADS.replace('layers.Dense(1, name="score")', 'layers.Dense(1, activation="sigmoid", name="score")') + COMPILE,
     "expected activation linear, found sigmoid"),
    ("one-loss-for-both", INPUTS + 'shared = layers.Dense(32, activation="relu")\nmerged = layers.Concatenate()([shared(left), shared(right)])\n'
     + HEADS + 'model.compile(optimizer="adam", loss="mse")\n', "binary_crossentropy"),
    ("shared-16-units", INPUTS + 'shared = layers.Dense(16, activation="relu")\nmerged = layers.Concatenate()([shared(left), shared(right)])\n'
     + HEADS + COMPILE, "expected units=32, found units=16"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
