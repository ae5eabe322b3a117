"""Question 37 (two-layer stateful LSTM with a fixed batch of 4): reference, variants, named failures."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 37
INPUT = "keras.Input(shape=(10, 1), batch_size=4)"
FIRST = "layers.LSTM(16, stateful=True, return_sequences=True)"
SECOND = "layers.LSTM(8, stateful=True)"


def sequential(inputs: str = INPUT, first: str = FIRST, second: str = SECOND) -> str:
    return f"model = keras.Sequential([{inputs}, {first}, {second}, layers.Dense(1)])\nmodel.compile(optimizer=\"adam\", loss=\"mse\")\n"


VARIANTS = [
    ("sequential", sequential(), None),
    ("batch-shape-and-keywords", sequential("keras.Input(batch_shape=(4, 10, 1))", "layers.LSTM(units=16, return_sequences=True, stateful=True)",
                                            "layers.LSTM(units=8, stateful=True)"), None),
    ("stateless", sequential(first="layers.LSTM(16, return_sequences=True)", second="layers.LSTM(8)"),
     "the first LSTM: expected stateful=True, found stateful=False"),
    ("second-layer-stateless", sequential(second="layers.LSTM(8)"), "the second LSTM: expected stateful=True, found stateful=False"),
    ("batch-of-8", sequential("keras.Input(shape=(10, 1), batch_size=8)"), "has shape (8, 10, 1); expected (4, 10, 1)"),
    ("first-returns-last-step", "model = keras.Sequential([keras.Input(shape=(10, 1), batch_size=4), layers.LSTM(16, stateful=True), "
     "layers.RepeatVector(10), layers.LSTM(8, stateful=True), layers.Dense(1)])\nmodel.compile(optimizer=\"adam\", loss=\"mse\")\n",
     "expected return_sequences=True, found return_sequences=False"),
    ("gru", sequential(first="layers.GRU(16, stateful=True, return_sequences=True)", second="layers.GRU(8, stateful=True)"),
     "expected an LSTM here, found a GRU"),
    ("units-swapped", sequential(first="layers.LSTM(8, stateful=True, return_sequences=True)", second="layers.LSTM(16, stateful=True)"),
     "expected units=16, found units=8"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
