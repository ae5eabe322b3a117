"""Variant tests for the bank's exercises from question 16 on: one module per question, each with a VARIANTS list.

A variant is (id, learner code, None when the check must pass, or a text the first problem's message
must contain). Every module checks the reference solution, its variants, and that it has at least two
correct and four wrong variants.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # so the question modules can import variant_suite

from kerasq.findings import first_problem


def problem_message(result: Any) -> str:
    """The first problem's message, or "" when the check passed."""
    problem = first_problem(result.findings)
    return "" if problem is None else problem.message


@pytest.fixture()
def assert_variant(check_code) -> Callable[[int, str, "str | None"], None]:
    """assert_variant(N, code, expected): the check passes (expected None) or fails naming `expected`."""

    def run(number: int, code: str, expected: str | None) -> None:
        import keras

        keras.utils.clear_session()
        result = check_code(number, code)
        if expected is None:
            assert result.passed, result.text()
        else:
            assert not result.passed, f"a wrong variant passed:\n{code}"
            assert expected in problem_message(result), result.text()

    return run
