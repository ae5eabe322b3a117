"""Question 62 (a Q-network for RL): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 62


def q_network(output: str = "layers.Dense(2)", optimizer: str = "keras.optimizers.Adam(learning_rate=1e-3)",
              loss: str = "keras.losses.Huber()", hidden: int = 32) -> str:
    return (f'model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense({hidden}, activation="relu"), '
            f'layers.Dense(32, activation="relu"), {output}])\nmodel.compile(optimizer={optimizer}, loss={loss})\n')


VARIANTS = [
    ("names-as-strings", q_network(optimizer='"adam"', loss='"huber"'), None),
    ("functional-linear-activation", """
state = keras.Input(shape=(4,))
x = layers.Dense(32, activation="relu")(state)
x = layers.Dense(32, activation="relu")(x)
q_values = layers.Dense(2, activation="linear")(x)
model = keras.Model(state, q_values)
model.compile(optimizer=keras.optimizers.Adam(0.001), loss=keras.losses.Huber(delta=1.0))
""", None),
    ("softmax-q-values", q_network(output='layers.Dense(2, activation="softmax")'), "expected activation linear, found softmax"),
    ("mse-loss", q_network(loss='"mse"'), "expected the loss huber, found mean_squared_error"),
    ("one-output", q_network(output="layers.Dense(1)"), "expected units=2, found units=1"),
    ("wide-first-layer", q_network(hidden=64), "expected units=32, found units=64"),
    ("rmsprop", q_network(optimizer="keras.optimizers.RMSprop(1e-3)"), "expected the adam optimizer, found rmsprop"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
