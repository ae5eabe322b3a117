"""The CheckResult report: text and escaped HTML, banner, first difference marked."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.keras

EVIL = "<img src=x onerror=alert(1)>"


def test_html_escapes_learner_names(check_code) -> None:
    code = f"""
num = keras.Input(shape=(2,), name="numerical_input")
cat = keras.Input(shape=(3,), name="categorical_input")
h = layers.Dense(3, activation="relu", name={EVIL!r})(layers.Concatenate()([num, cat]))
model = keras.Model([num, cat], [layers.Dense(1, name="output1")(h), layers.Dense(1, name={EVIL + "2"!r})(h)])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
"""
    result = check_code(5, code)
    assert not result.passed
    html = result._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert EVIL in result.text()  # the plain text keeps the name as written


def test_text_and_html_mark_the_first_difference(check_code) -> None:
    code = """
model = keras.Sequential([keras.Input((10,)), layers.Dense(64, "relu"), layers.Dropout(0.2), layers.Dense(32, "relu"),
                          layers.Dropout(0.3), layers.Dense(1, "sigmoid")])
"""
    result = check_code(12, code)
    text = result.text()
    assert text.startswith("Question 12 failed: 1 problem.")
    marked = [line for line in text.splitlines() if "<- first difference" in line]
    assert len(marked) == 1 and "Dense(64, relu)" in marked[0] and "Dense(32, relu)" in marked[0]
    html = result._repr_html_()
    assert html.count("first difference") == 1 and "kerasq-check-banner" in html and "#f8d7da" in html
    assert "<th>expected</th><th>found</th>" in html


def test_passing_banner(bank, check_code) -> None:
    result = check_code(9, bank.get(9).solution)
    assert result.passed and result.status == "pass"
    assert result.text().startswith("Question 9 passed") and "#d4edda" in result._repr_html_()
    assert "first difference" not in result.text()


def test_not_attempted_and_error_banners(check_code) -> None:
    assert check_code(9, "model = ...\n").text().startswith("Question 9: not attempted yet.")
    assert check_code(9, "").text().startswith("Question 9 could not be checked.")
