"""Question 69 (seq2seq encoder-decoder): the reference passes, correct variants pass, wrong ones fail with the reason named."""

from __future__ import annotations

import pytest
from variant_suite import variant_tests

NUMBER = 69
TEMPLATE = """
encoder_inputs = keras.Input(shape=(None, 20), name="encoder_inputs")
_, h, c = layers.LSTM(64, return_state=True)(encoder_inputs)
decoder_inputs = keras.Input(shape=(None, 24), name="decoder_inputs")
sequence, _, _ = DECODER(decoder_inputs, initial_state=STATES)
model = keras.Model([encoder_inputs, decoder_inputs], layers.Dense(24, activation="softmax")(sequence))
model.compile(optimizer="rmsprop", loss="categorical_crossentropy")
"""


def seq2seq(decoder: str = "layers.LSTM(64, return_sequences=True, return_state=True)", states: str = "[h, c]",
            optimizer: str = '"rmsprop"', loss: str = '"categorical_crossentropy"') -> str:
    return (TEMPLATE.replace("DECODER", decoder).replace("STATES", states)
            .replace('"rmsprop"', optimizer).replace('"categorical_crossentropy"', loss))


VARIANTS = [
    ("states-as-list-optimizer-object", """
encoder_inputs = keras.Input(shape=(None, 20), name="encoder_inputs")
encoder_outputs = layers.LSTM(units=64, return_state=True)(encoder_inputs)
states = encoder_outputs[1:]
decoder_inputs = keras.Input(shape=(None, 24), name="decoder_inputs")
decoder_lstm = layers.LSTM(units=64, return_sequences=True, return_state=True)
decoder_sequence = decoder_lstm(decoder_inputs, initial_state=states)[0]
outputs = layers.Dense(units=24)(decoder_sequence)
outputs = layers.Softmax()(outputs)
model = keras.Model(inputs=[encoder_inputs, decoder_inputs], outputs=outputs)
model.compile(optimizer=keras.optimizers.RMSprop(), loss=keras.losses.CategoricalCrossentropy())
""", None),
    ("named-layers-separate-softmax", seq2seq().replace('layers.Dense(24, activation="softmax")(sequence)',
                                                        'layers.Activation("softmax")(layers.Dense(24, name="next_char")(sequence))')
     .replace('layers.LSTM(64, return_state=True)', 'layers.LSTM(64, return_state=True, name="encoder")'), None),
    ("decoder-without-return-sequences", seq2seq(decoder="layers.LSTM(64, return_state=True)"), "expected return_sequences=True"),
    ("gru-decoder", seq2seq(decoder="layers.GRU(64, return_sequences=True, return_state=True)", states="h").replace("sequence, _, _ =", "sequence, _ ="),
     "expected an LSTM here, found a GRU"),
    ("hidden-state-twice", seq2seq(states="[h, h]"), "connected to other layers than expected"),
    ("adam", seq2seq(optimizer='"adam"'), "expected the rmsprop optimizer, found adam"),
    ("sparse-loss", seq2seq(loss='"sparse_categorical_crossentropy"'), "expected the loss categorical_crossentropy"),
    ("decoder-ignores-encoder", TEMPLATE.replace("DECODER(decoder_inputs, initial_state=STATES)",
                                                "layers.LSTM(64, return_sequences=True, return_state=True)(decoder_inputs)"),
     "missing an Input"),
    # Dense acts on the last axis, so TimeDistributed(Dense) is the Dense itself, and is checked as one.
    ("time-distributed-dense", seq2seq().replace('layers.Dense(24, activation="softmax")(sequence)',
                                                 'layers.TimeDistributed(layers.Dense(24, activation="softmax"))(sequence)'), None),
    ("time-distributed-dense-relu", seq2seq().replace('layers.Dense(24, activation="softmax")(sequence)',
                                                      'layers.TimeDistributed(layers.Dense(24, activation="relu"))(sequence)'),
     "expected activation softmax, found relu"),
    ("time-distributed-dense-no-bias", seq2seq().replace(
        'layers.Dense(24, activation="softmax")(sequence)',
        'layers.TimeDistributed(layers.Dense(24, activation="softmax", use_bias=False))(sequence)'), "use_bias"),
]


test_reference_solution_passes, test_variant, test_enough_variants = variant_tests(NUMBER, VARIANTS)


@pytest.mark.keras
def test_an_encoder_the_decoder_ignores_gets_a_hint_about_initial_state(check_code) -> None:
    import keras

    from kerasq.findings import first_problem

    keras.utils.clear_session()
    result = check_code(NUMBER, TEMPLATE.replace("DECODER(decoder_inputs, initial_state=STATES)",
                                                 "layers.LSTM(64, return_sequences=True, return_state=True)(decoder_inputs)"))
    problem = first_problem(result.findings)
    assert problem is not None and "missing an Input" in problem.message, result.text()
    assert "the outputs never depend on the input (None, None, 20)" in problem.hint, problem.hint
    assert "initial_state=" in problem.hint and "the the" not in problem.hint, problem.hint
