"""The three tests every bank exercise module shares, made once: `test_x, ... = variant_tests(NUMBER, VARIANTS)`."""

from __future__ import annotations

from typing import Callable

import pytest

Variant = tuple[str, str, "str | None"]


def variant_tests(number: int, variants: list[Variant]) -> tuple[Callable[..., None], ...]:
    """The reference passes, every variant behaves as listed, and there are >= 2 correct and >= 4 wrong variants."""

    @pytest.mark.keras
    def test_reference_solution_passes(bank, check_code) -> None:  # noqa: ANN001 - pytest fixtures
        result = check_code(number, bank.get(number).solution)
        assert result.passed, result.text()

    @pytest.mark.keras
    @pytest.mark.parametrize(("code", "expected"), [(code, expected) for _, code, expected in variants],
                             ids=[name for name, _, _ in variants])
    def test_variant(code: str, expected: str | None, assert_variant) -> None:  # noqa: ANN001 - a pytest fixture
        assert_variant(number, code, expected)

    def test_enough_variants() -> None:
        correct = [name for name, _, expected in variants if expected is None]
        wrong = [name for name, _, expected in variants if expected is not None]
        assert len(correct) >= 2 and len(wrong) >= 4, (correct, wrong)

    return test_reference_solution_passes, test_variant, test_enough_variants
