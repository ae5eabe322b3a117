"""Bad input to the checker becomes a clear finding, never a traceback."""

from __future__ import annotations

import sys

import pytest

from kerasq.checker import check
from kerasq.findings import ERROR, FAIL, NOT_ATTEMPTED, first_problem

pytestmark = pytest.mark.keras

Q9 = """
model = keras.Sequential([keras.Input((1,)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
"""


def problem(result):
    found = first_problem(result.findings)
    assert found is not None, result.text()
    return found


def test_unknown_question_and_conceptual_question() -> None:
    missing = problem(check(999, namespace={}))
    assert missing.status == ERROR and "no question 999: questions are numbered" in missing.message
    word = problem(check("abc", namespace={}))
    assert "'abc' is not a question number" in word.message
    conceptual = problem(check(2, namespace={}))
    assert "question 2 is conceptual: there is no exercise to check" in conceptual.message
    assert "%kerasq answer 2" in conceptual.hint


def test_missing_target_names_close_and_typed_candidates(check_code) -> None:
    result = check_code(9, Q9.replace("model =", "modle =").replace("model.compile", "modle.compile"))
    found = problem(result)
    assert found.status == ERROR and found.message == "`model` is not defined"
    assert "modle (a keras Sequential model)" in found.found
    assert "rename modle to model" in found.hint


def test_missing_class_names_a_class_with_another_name(check_code) -> None:
    found = problem(check_code(14, "class MyDenseLayer(layers.Layer):\n    pass\n"))
    assert "`MyDense` is not defined" in found.message and "MyDenseLayer (a class MyDenseLayer)" in found.found


def test_nothing_defined_says_where_names_come_from() -> None:
    found = problem(check(9, namespace={}))
    assert found.found == "nothing with that name" and "define `model`" in found.hint


@pytest.mark.parametrize(
    ("code", "message", "hint"),
    [
        ("inputs = keras.Input((1,))\nmodel = layers.Dense(1)(inputs)\n", "`model` is a KerasTensor of shape (None, 1), not a Keras model",
         "keras.Model(inputs, outputs)"),
        ("model = layers.Dense(1)\n", "`model` is a keras Dense, not a Keras model", "single layer"),
        ("model = None\n", "`model` is None, not a Keras model", "forgot to `return`"),
        ("model = keras.Sequential\n", "`model` is the class keras.Sequential, not a Keras model", "call it"),
        ("def build():\n    return None\nmodel = build\n", "`model` is a function, not a Keras model", "model = build()"),
        ("model = 3\n", "`model` is a int, not a Keras model", ""),
    ],
)
def test_wrong_object_types(code: str, message: str, hint: str, check_code) -> None:
    found = problem(check_code(9, code))
    assert found.status == FAIL and message in found.message
    assert hint in found.hint


def test_scaffold_placeholders_are_not_attempted(bank, check_code) -> None:
    for number in (1, 8, 14, 15):
        scaffold = bank.get(number).scaffold.replace(f"%kerasq check {number}", "")
        found = problem(check_code(number, scaffold))
        assert found.status == NOT_ATTEMPTED and "is not attempted yet" in found.message, number


def test_partly_written_layer_names_the_unfinished_method(check_code) -> None:
    code = '''
class MyDense(layers.Layer):
    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.activation = keras.activations.get(activation)

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), name="bias", initializer="zeros")

    def call(self, inputs):
        raise NotImplementedError("compute the output")
'''
    found = problem(check_code(14, code))
    assert found.status == NOT_ATTEMPTED and "call() still raises NotImplementedError (compute the output)" in found.message


def test_learner_code_raising_inside_keras_gives_the_keras_message_and_the_learner_line(check_code) -> None:
    code = '''
def identity_block(x, f, filters):
    y = layers.Conv2D(filters[0], 1)(x)
    return layers.Add()([y, x])
'''
    found = problem(check_code(15, code))
    assert found.status == ERROR
    assert "calling identity_block(x, 3, [64, 64, 256])" in found.message and "raised ValueError" in found.message
    assert "incompatible shapes" in found.message
    assert "line 7" in found.found and "merge" in found.hint  # line 4 of the code, after the 3-line prelude


def test_learner_error_quotes_the_source_line_from_a_file(tmp_path) -> None:
    path = tmp_path / "block.py"
    path.write_text("import keras\nfrom keras import layers\n\ndef identity_block(x, f, filters):\n    return layers.Dense(3)(x, unknown=1)\n")
    namespace: dict = {}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    found = problem(check(15, namespace=namespace))
    assert found.status == ERROR and "block.py, line 5: return layers.Dense(3)(x, unknown=1)" == found.found


def test_subclassed_model_whose_call_raises(check_code) -> None:
    code = '''
class Net(keras.Model):
    def call(self, x):
        return self.missing(x)
model = Net()
'''
    found = problem(check_code(9, code))
    assert found.status == ERROR and "calling `model` on keras.Input(shape=(1,)) raised AttributeError" in found.message


def test_keras_2_objects_are_named() -> None:
    # A class that says it lives where tf_keras (Keras 2) defines Sequential.
    Sequential = type("Sequential", (), {"__module__": "tf_keras.src.engine.sequential"})
    found = problem(check(9, namespace={"model": Sequential()}))
    assert found.status == FAIL and "built with Keras 2" in found.message and "import keras" in found.hint


def test_keras_2_installed_is_an_error(monkeypatch) -> None:
    import keras

    monkeypatch.setattr(keras, "__version__", "2.15.0")
    found = problem(check(9, namespace={}))
    assert found.status == ERROR and "Keras 2.15.0 is installed; kerasq checks Keras 3 code" in found.message


def test_a_checker_bug_is_reported_without_a_traceback(monkeypatch, check_code) -> None:
    from kerasq import kind_model

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kind_model, "check", broken)
    result = check_code(9, Q9)
    found = problem(result)
    assert found.status == ERROR and "the checker failed on question 9: RuntimeError: boom" in found.message
    assert "Traceback" not in result.text() and "kerasq bug" in found.hint


def test_missing_reference_trace(tmp_path, monkeypatch, check_code) -> None:
    from kerasq import checker

    monkeypatch.setenv("KERASQ_TRACES_DIR", str(tmp_path))
    checker._cached_reference.cache_clear()
    try:
        found = problem(check_code(9, Q9))
    finally:
        checker._cached_reference.cache_clear()
    assert "question 9 has no reference trace" in found.message


def test_target_argument(check_code) -> None:
    namespace = {}
    exec("import keras\nfrom keras import layers\n" + Q9, namespace)
    assert check(9, namespace["model"]).passed
    assert check("9", target=namespace["model"]).passed
    too_many = problem(check(3, namespace["model"]))
    assert "question 3 checks 2 objects (seq_model, func_model)" in too_many.message


def test_multi_target_dict_and_partial_namespace(bank) -> None:
    namespace: dict = {}
    exec(bank.get(3).solution, namespace)
    assert check(3, {"seq_model": namespace["seq_model"], "func_model": namespace["func_model"]}).passed
    partial = check(3, namespace={"seq_model": namespace["seq_model"]})
    assert not partial.passed and problem(partial).message == "`func_model` is not defined"
    assert any(finding.status == "pass" for finding in partial.findings)  # seq_model was still checked


def test_namespace_comes_from_the_callers_globals(monkeypatch) -> None:
    import kerasq.checker as checker_module

    monkeypatch.setattr(checker_module, "_ipython_shell", lambda: None)
    code = "import keras\nfrom keras import layers\nimport kerasq\n" + Q9 + "result = kerasq.check(9)\n"
    namespace: dict = {"__name__": "learner"}
    exec(code, namespace)
    assert namespace["result"].passed, namespace["result"].text()


def test_namespace_comes_from_ipython_when_running(shell) -> None:
    shell.run_cell("import keras\nfrom keras import layers\n" + Q9)
    import kerasq

    assert kerasq.check(9).passed
    assert sys.modules["kerasq"].check is kerasq.check
