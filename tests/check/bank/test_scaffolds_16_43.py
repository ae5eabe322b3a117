"""Every exercise scaffold of questions 16-43, run untouched, is reported as not attempted (never as a failure)."""

from __future__ import annotations

import pytest

from kerasq.content.bank import load_bank
from kerasq.findings import NOT_ATTEMPTED, first_problem

EXERCISES = [question.id for question in load_bank().questions if 16 <= question.id <= 43 and question.exercise is not None]


def test_the_range_has_its_exercises() -> None:
    assert len(EXERCISES) >= 20, EXERCISES


@pytest.mark.keras
@pytest.mark.parametrize("number", EXERCISES, ids=[f"q{number:03d}" for number in EXERCISES])
def test_untouched_scaffold_is_not_attempted(number: int, bank, check_code) -> None:
    scaffold = bank.get(number).scaffold.replace(f"%kerasq check {number}", "")
    result = check_code(number, scaffold)
    problem = first_problem(result.findings)
    assert not result.passed
    assert problem is not None and problem.status == NOT_ATTEMPTED, result.text()
    assert "is not attempted yet" in problem.message, result.text()
