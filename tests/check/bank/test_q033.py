"""Question 33 (next-token language model: masked Embedding, LSTM returning sequences): reference, variants, failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 33
INPUT = 'keras.Input(shape=(None,), dtype="int32")'
COMPILE = 'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")\n'


def functional(embedding: str = "layers.Embedding(500, 16, mask_zero=True)", recurrent: str = "layers.LSTM(32, return_sequences=True)",
               output: str = 'layers.Dense(500, activation="softmax")', inputs: str = INPUT, compile_line: str = COMPILE) -> str:
    return (f"inputs = {inputs}\nx = {embedding}(inputs)\nx = {recurrent}(x)\n"
            f"model = keras.Model(inputs, {output}(x))\n" + compile_line)


SEPARATE_SOFTMAX = """
inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(500, 16, mask_zero=True)(inputs)
x = layers.LSTM(32, return_sequences=True)(x)
model = keras.Model(inputs, layers.Softmax()(layers.Dense(500)(x)))
""" + COMPILE

VARIANTS = [
    ("keywords-and-objects", """
inputs = keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(input_dim=500, output_dim=16, mask_zero=True)(inputs)
x = layers.LSTM(units=32, return_sequences=True)(x)
model = keras.Model(inputs=inputs, outputs=layers.Dense(units=500, activation="softmax")(x))
model.compile(optimizer=keras.optimizers.Adam(), loss=keras.losses.SparseCategoricalCrossentropy())
""", None),
    ("int64-tokens", functional(inputs='keras.Input(shape=(None,), dtype="int64")'), None),
    ("no-mask", functional(embedding="layers.Embedding(500, 16)"), "expected mask_zero=True, found mask_zero=False"),
    ("fixed-length", functional(inputs='keras.Input(shape=(20,), dtype="int32")'), "has shape (None, 20); expected (None, None)"),
    ("vocabulary-501", functional(embedding="layers.Embedding(501, 16, mask_zero=True)"), "expected input_dim=500, found input_dim=501"),
    ("last-step-only", functional(recurrent="layers.LSTM(32)"), "expected return_sequences=True"),
    ("one-hot-loss", functional(compile_line=COMPILE.replace("sparse_categorical", "categorical")),
     "found categorical_crossentropy"),
    ("gru", functional(recurrent="layers.GRU(32, return_sequences=True)"), "expected an LSTM here, found a GRU"),
    # The mask Keras passes between layers is not part of the trace, so Sequential and Functional compare equal,
    # and a Softmax layer after a masked Dense folds into it; the mask setting itself is still checked.
    ("sequential", f"model = keras.Sequential([{INPUT}, layers.Embedding(500, 16, mask_zero=True), "
     'layers.LSTM(32, return_sequences=True), layers.Dense(500, activation="softmax")])\n' + COMPILE, None),
    ("separate-softmax-layer", SEPARATE_SOFTMAX, None),
    ("sequential-no-mask", f"model = keras.Sequential([{INPUT}, layers.Embedding(500, 16), "
     'layers.LSTM(32, return_sequences=True), layers.Dense(500, activation="softmax")])\n' + COMPILE,
     "expected mask_zero=True, found mask_zero=False"),
    ("separate-relu-layer", SEPARATE_SOFTMAX.replace("layers.Softmax()", "layers.ReLU()"), "expected activation softmax, found relu"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
