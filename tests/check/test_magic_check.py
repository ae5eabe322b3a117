"""`%kerasq check N` and `%%kerasq check N` in a real IPython shell."""

from __future__ import annotations

import pytest

from kerasq.check_view import CheckResult

pytestmark = pytest.mark.keras

MODEL = """import keras
from keras import layers
model = keras.Sequential([keras.Input((1,)), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
"""


@pytest.fixture()
def clean(shell):
    shell.user_ns.pop("model", None)
    yield shell
    shell.user_ns.pop("model", None)


def test_line_magic_checks_the_user_namespace(clean) -> None:
    clean.run_cell(MODEL)
    result = clean.run_line_magic("kerasq", "check 9")
    assert isinstance(result, CheckResult) and result.passed and result.question == 9


def test_line_magic_reports_a_wrong_model(clean) -> None:
    clean.run_cell(MODEL.replace("sigmoid", "softmax"))
    result = clean.run_line_magic("kerasq", "check 9")
    assert not result.passed and "expected activation sigmoid, found softmax" in result.text()


def test_cell_magic_runs_the_cell_then_checks(clean) -> None:
    result = clean.run_cell_magic("kerasq", "check 9", MODEL + "%kerasq check 9\n")
    assert result.passed, result.text()
    assert "model" in clean.user_ns  # the cell ran in the notebook's namespace


def test_cell_magic_turns_an_exception_into_a_finding(clean, capsys) -> None:
    cell = "import keras\nfrom keras import layers\nx = keras.Input((1,))\ny = layers.Dense(1)(x, nonsense=True)\n"
    execution = clean.run_cell(f"%%kerasq check 9\n{cell}")
    result = execution.result
    assert isinstance(result, CheckResult) and not result.passed
    finding = result.findings[0]
    assert finding.status == "error" and "running the cell raised" in finding.message
    assert "your cell, line 4: y = layers.Dense(1)(x, nonsense=True)" == finding.found
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_cell_magic_syntax_error(clean) -> None:
    result = clean.run_cell_magic("kerasq", "check 9", "model = (\n")
    assert not result.passed and "the cell does not parse: SyntaxError" in result.findings[0].message


def test_cell_magic_runs_other_magics_in_the_cell(clean) -> None:
    result = clean.run_cell_magic("kerasq", "check 9", "%time x = 1\n" + MODEL)
    assert result.passed and clean.user_ns["x"] == 1


def test_conceptual_question_and_missing_name_through_run_cell(clean, capsys) -> None:
    execution = clean.run_cell("%kerasq check 2")
    assert "conceptual" in execution.result.text()
    execution = clean.run_cell("%kerasq check 9")
    assert "`model` is not defined" in execution.result.text()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
