"""Question 18 (multi-label tagger: sigmoid outputs with binary cross-entropy): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 18


def tagger(output: str, compile_args: str = 'optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"]') -> str:
    return (f'model = keras.Sequential([keras.Input(shape=(32,)), layers.Dense(64, activation="relu"), {output}])\n'
            f"model.compile({compile_args})\n")


VARIANTS = [
    ("separate-sigmoid-and-objects", tagger(
        'layers.Dense(5), layers.Activation("sigmoid")',
        "optimizer=keras.optimizers.Adam(), loss=keras.losses.BinaryCrossentropy(), metrics=[keras.metrics.BinaryAccuracy()]"), None),
    ("functional", """
inputs = keras.Input(shape=(32,))
hidden = layers.Dense(64, activation="relu")(inputs)
model = keras.Model(inputs, layers.Dense(5, activation="sigmoid")(hidden))
model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(), metrics=[keras.metrics.BinaryAccuracy(name="binary_accuracy")])
""", None),
    ("softmax-with-categorical-loss", tagger(
        'layers.Dense(5, activation="softmax")', 'optimizer="adam", loss="categorical_crossentropy", metrics=["binary_accuracy"]'),
     "expected activation sigmoid, found softmax"),
    ("sigmoid-with-categorical-loss", tagger(
        'layers.Dense(5, activation="sigmoid")', 'optimizer="adam", loss="categorical_crossentropy", metrics=["binary_accuracy"]'),
     "expected the loss binary_crossentropy, found categorical_crossentropy"),
    ("a-single-output", tagger('layers.Dense(1, activation="sigmoid")'), "expected units=5, found units=1"),
    ("logits-without-sigmoid", tagger(
        "layers.Dense(5)", 'optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True), metrics=["binary_accuracy"]'),
     "expected activation sigmoid, found linear"),
    ("no-metric", tagger('layers.Dense(5, activation="sigmoid")', 'optimizer="adam", loss="binary_crossentropy"'),
     "the metric binary_accuracy is missing"),
    # Keras resolves "accuracy" from the shapes: with 5 outputs and 5-column targets it is CategoricalAccuracy.
    ("accuracy-string-means-categorical-here", tagger('layers.Dense(5, activation="sigmoid")',
                                                      'optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"]'),
     "the metric binary_accuracy is missing"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
