"""Question 16 (regularised MLP): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

from variant_suite import variant_tests

NUMBER = 16
SECOND = 'layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.L1L2(l1=1e-5, l2=1e-4))'
OUTPUT = 'layers.Dense(1, activation="sigmoid")'


def sequential(first: str, second: str = SECOND, output: str = OUTPUT) -> str:
    return f"model = keras.Sequential([keras.Input(shape=(20,)), {first}, {second}, {output}])\n"


VARIANTS = [
    # L1L2 with only l2 adds the same penalty as L2, so it is the same regularizer.
    ("l1l2-with-only-l2", sequential('layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L1L2(l2=0.001))'),
     None),
    ("l1l2-with-an-extra-l1", sequential(
        'layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L1L2(l1=0.001, l2=0.001))'),
     "found kernel_regularizer='L1L2(l1=0.001, l2=0.001)'"),
    ("sequential-lowercase-aliases", sequential(
        'layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.l2(0.001))',
        'layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.l1_l2(l1=1e-5, l2=1e-4))'), None),
    ("functional-keywords-separate-activations", """
inputs = keras.Input(shape=(20,))
x = layers.Dense(units=64, kernel_regularizer=keras.regularizers.L2(l2=1e-3))(inputs)
x = layers.Activation("relu")(x)
x = layers.Dense(units=32, kernel_regularizer=keras.regularizers.L1L2(l2=1e-4, l1=1e-5))(x)
x = layers.ReLU()(x)
model = keras.Model(inputs=inputs, outputs=layers.Dense(1, activation="sigmoid")(x))
""", None),
    ("string-l2-default-factor", sequential('layers.Dense(64, activation="relu", kernel_regularizer="l2")'),
     "expected kernel_regularizer='L2(l2=0.001)', found kernel_regularizer='L2(l2=0.01)'"),
    ("no-regulariser", sequential('layers.Dense(64, activation="relu")'),
     "expected kernel_regularizer='L2(l2=0.001)', found kernel_regularizer=None"),
    ("l1-instead-of-l2", sequential('layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L1(0.001))'),
     "found kernel_regularizer='L1(l1=0.001)'"),
    ("penalty-on-the-bias", sequential('layers.Dense(64, activation="relu", bias_regularizer=keras.regularizers.L2(0.001))'),
     "the first Dense: expected kernel_regularizer='L2(l2=0.001)', found kernel_regularizer=None"),
    ("penalty-on-the-output", sequential(
        'layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L2(0.001))',
        output='layers.Dense(1, activation="sigmoid", kernel_regularizer=keras.regularizers.L2(0.001))'),
     "the last Dense: expected kernel_regularizer=None"),
    ("second-layer-l2-only", sequential(
        'layers.Dense(64, activation="relu", kernel_regularizer=keras.regularizers.L2(0.001))',
        'layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-4))'),
     "the second Dense: expected kernel_regularizer="),
    ("sixteen-units", sequential('layers.Dense(16, activation="relu", kernel_regularizer=keras.regularizers.L2(0.001))'),
     "expected units=64, found units=16"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)
