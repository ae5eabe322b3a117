"""Questions 44-70: each exercise scaffold, run as the learner receives it, is 'not attempted', never a failure."""

from __future__ import annotations

import pytest

from kerasq.content.bank import load_bank
from kerasq.findings import NOT_ATTEMPTED, first_problem

NUMBERS = [question.id for question in load_bank().questions if question.id >= 44 and question.exercise is not None]


def test_every_required_exercise_is_there() -> None:
    required = {44, 45, 46, 47, 48, 49, 50, 61, 69, 70}
    assert required <= set(NUMBERS) and len(NUMBERS) >= 16, NUMBERS


@pytest.mark.keras
@pytest.mark.parametrize("number", NUMBERS, ids=[f"q{number:03d}" for number in NUMBERS])
def test_scaffold_as_given_is_not_attempted(number: int, bank, check_code) -> None:
    lines = bank.get(number).scaffold.splitlines()
    assert lines[-1] == f"%kerasq check {number}"
    result = check_code(number, "\n".join(lines[:-1]))
    problem = first_problem(result.findings)
    assert not result.passed
    assert problem is not None and problem.status == NOT_ATTEMPTED, result.text()
    assert "is not attempted yet" in problem.message, result.text()
