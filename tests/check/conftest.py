"""Helpers for checker tests: run learner code in a fresh namespace, then check it."""

from __future__ import annotations

import textwrap
from typing import Any, Callable

import pytest

from kerasq.findings import first_problem

PRELUDE = "import keras\nfrom keras import layers, ops\nimport numpy as np\n"


def run_code(code: str) -> dict[str, Any]:
    """Execute learner code (plus the usual imports) in a fresh namespace."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(PRELUDE + textwrap.dedent(code), "<learner>", "exec"), namespace)  # noqa: S102
    return namespace


@pytest.fixture()
def check_code() -> Callable[[int, str], Any]:
    """check_code(N, code) -> the CheckResult of exercise N for that code."""
    from kerasq.checker import check

    def run(question: int, code: str) -> Any:
        return check(question, namespace=run_code(code))

    return run


def problem_text(result: Any) -> str:
    """The first problem's message and hint, for assertions."""
    problem = first_problem(result.findings)
    return "" if problem is None else f"{problem.message} || {problem.hint}"
