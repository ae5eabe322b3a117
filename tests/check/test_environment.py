"""Question 6's environment check: Keras 3, an active backend whose library imports, a working keras.ops."""

from __future__ import annotations

import pytest

from kerasq.checker import check
from kerasq.findings import first_problem

pytestmark = pytest.mark.keras


def test_this_environment_passes() -> None:
    result = check(6, namespace={})
    assert result.passed, result.text()
    messages = [finding.message for finding in result.findings]
    assert any(message.startswith("Keras 3.") for message in messages)
    assert any(message.startswith("backend ") for message in messages)


def test_unknown_backend_fails(monkeypatch) -> None:
    import keras

    monkeypatch.setattr(keras.backend, "backend", lambda: "abacus")
    problem = first_problem(check(6, namespace={}).findings)
    assert "the active backend 'abacus' is not one Keras 3 supports" in problem.message


def test_backend_library_that_cannot_be_imported(monkeypatch) -> None:
    import importlib

    import keras

    monkeypatch.setattr(keras.backend, "backend", lambda: "jax")
    real = importlib.import_module

    def refuse(name, *args, **kwargs):
        if name == "jax":
            raise ImportError("No module named 'jax'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", refuse)
    problem = first_problem(check(6, namespace={}).findings)
    assert "the backend 'jax' is active but its library cannot be imported" in problem.message and "pip install jax" in problem.hint


def test_kerasq_backend_variable_that_was_set_too_late(monkeypatch) -> None:
    import keras

    monkeypatch.setenv("KERAS_BACKEND", "torch" if keras.backend.backend() != "torch" else "jax")
    result = check(6, namespace={})
    assert result.passed and any(finding.status == "note" and "KERAS_BACKEND is" in finding.message for finding in result.findings)
