"""Question 36 (two-headed model: category and price, per-output losses and weights): reference, variants, failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 36
TRUNK = """
inputs = keras.Input(shape=(20,))
x = layers.Dense(32, activation="relu")(inputs)
x = layers.Dense(16, activation="relu")(x)
"""
HEADS = 'category = layers.Dense(3, activation="softmax", name="category")(x)\nprice = layers.Dense(1, name="price")(x)\n'
LIST_MODEL = "model = keras.Model(inputs, [category, price])\n"


def compiled(loss: str = '{"category": "sparse_categorical_crossentropy", "price": "mse"}',
             loss_weights: str = '{"category": 1.0, "price": 0.2}') -> str:
    return (f'model.compile(optimizer="adam", loss={loss}, loss_weights={loss_weights}, '
            'metrics={"category": ["accuracy"], "price": ["mae"]})\n')


VARIANTS = [
    ("dict-outputs", TRUNK + HEADS + 'model = keras.Model(inputs, {"category": category, "price": price})\n' + compiled(), None),
    ("lists-and-objects", TRUNK + HEADS + "model = keras.Model(inputs=inputs, outputs=[category, price])\n" + """
model.compile(optimizer=keras.optimizers.Adam(),
              loss=[keras.losses.SparseCategoricalCrossentropy(), keras.losses.MeanSquaredError()], loss_weights=[1.0, 0.2],
              metrics={"category": [keras.metrics.SparseCategoricalAccuracy(name="accuracy")], "price": [keras.metrics.MeanAbsoluteError()]})
""", None),
    ("unnamed-heads", TRUNK + "category = layers.Dense(3, activation=\"softmax\")(x)\nprice = layers.Dense(1)(x)\n" + LIST_MODEL
     + 'model.compile(optimizer="adam", loss=["sparse_categorical_crossentropy", "mse"], loss_weights=[1.0, 0.2], metrics=[["accuracy"], ["mae"]])\n',
     "expected category, price"),
    ("no-loss-weights", TRUNK + HEADS + LIST_MODEL
     + 'model.compile(optimizer="adam", loss={"category": "sparse_categorical_crossentropy", "price": "mse"}, metrics={"category": ["accuracy"], "price": ["mae"]})\n',
     "expected loss weights 1.0, 0.2, found 1.0, 1.0"),
    ("weights-swapped", TRUNK + HEADS + LIST_MODEL + compiled(loss_weights='{"category": 0.2, "price": 1.0}'),
     "expected loss weights 1.0, 0.2, found 0.2, 1.0"),
    ("losses-swapped", TRUNK + HEADS + LIST_MODEL + compiled(loss='{"category": "mse", "price": "sparse_categorical_crossentropy"}'),
     "expected the loss sparse_categorical_crossentropy for output 'category', found mean_squared_error"),
    ("price-squashed-by-sigmoid", TRUNK + HEADS.replace('layers.Dense(1, name="price")', 'layers.Dense(1, activation="sigmoid", name="price")')
     + LIST_MODEL + compiled(), "expected activation linear, found sigmoid"),
    ("price-head-on-the-first-layer", """
inputs = keras.Input(shape=(20,))
first = layers.Dense(32, activation="relu")(inputs)
x = layers.Dense(16, activation="relu")(first)
category = layers.Dense(3, activation="softmax", name="category")(x)
price = layers.Dense(1, name="price")(first)
model = keras.Model(inputs, [category, price])
""" + compiled(), "expected 17 params, found 33 params"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
