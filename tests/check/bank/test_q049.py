"""Question 49 (sentiment LSTM): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 49
COMPILE = 'model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])'


def sequential(embedding: str = "layers.Embedding(5000, 32, mask_zero=True)", recurrent: str = "layers.LSTM(32)",
               head: str = 'layers.Dense(1, activation="sigmoid")') -> str:
    return f'model = keras.Sequential([keras.Input(shape=(100,), dtype="int32"), {embedding}, {recurrent}, {head}])\n{COMPILE}\n'


FUNCTIONAL = """
inputs = keras.Input(shape=(100,), dtype="int32")
x = layers.Embedding(5000, 32, mask_zero=True)(inputs)
x = layers.LSTM(32)(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
"""

VARIANTS = [
    ("sequential-add-keywords", """
model = keras.Sequential()
model.add(keras.Input(shape=(100,), dtype="int32"))
model.add(layers.Embedding(input_dim=5000, output_dim=32, mask_zero=True))
model.add(layers.LSTM(units=32))
model.add(layers.Dense(units=1))
model.add(layers.Activation("sigmoid"))
model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.BinaryCrossentropy(), metrics=["acc"])
""", None),
    ("lstm-with-explicit-defaults", sequential(recurrent='layers.LSTM(32, activation="tanh", return_sequences=False)'), None),
    ("no-mask-zero", sequential(embedding="layers.Embedding(5000, 32)"), "expected mask_zero=True"),
    ("gru-instead-of-lstm", sequential(recurrent="layers.GRU(32)"), "expected an LSTM here, found a GRU"),
    ("return-sequences", sequential(recurrent="layers.LSTM(32, return_sequences=True)"), "expected return_sequences=False"),
    ("softmax-output", sequential(head='layers.Dense(1, activation="softmax")'), "expected activation sigmoid, found softmax"),
    ("small-vocabulary", sequential(embedding="layers.Embedding(1000, 32, mask_zero=True)"), "expected input_dim=5000"),
    ("mse-loss", sequential().replace('loss="binary_crossentropy"', 'loss="mse"'), "expected the loss binary_crossentropy"),
    # A Functional model passes Embedding(mask_zero=True)'s mask (a NotEqual op) to the LSTM; the trace leaves it out.
    ("functional-with-mask", FUNCTIONAL, None),
    ("functional-separate-sigmoid", FUNCTIONAL.replace('layers.Dense(1, activation="sigmoid")(x)',
                                                       'layers.Activation("sigmoid")(layers.Dense(1)(x))'), None),
    ("functional-without-mask", FUNCTIONAL.replace(", mask_zero=True", ""), "expected mask_zero=True"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
