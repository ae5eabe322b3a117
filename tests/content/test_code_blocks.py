"""Every `example` and `solution` block in the bank runs against the installed Keras 3."""

from __future__ import annotations

import os

import pytest

from kerasq.content.bank import load_bank

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

_BLOCKS = [
    pytest.param(question.id, kind, code, id=f"q{question.id:03d}-{kind}{index}")
    for question in load_bank().questions
    for kind, blocks in (("example", question.examples), ("solution", (question.solution,) if question.solution else ()))
    for index, code in enumerate(blocks)
]


@pytest.mark.keras
@pytest.mark.parametrize(("number", "kind", "code"), _BLOCKS)
def test_block_runs(number: int, kind: str, code: str, tmp_path, monkeypatch) -> None:
    import keras

    assert keras.__version__.startswith("3."), "the bank is written for Keras 3"
    monkeypatch.chdir(tmp_path)  # blocks that save files write them here
    keras.utils.set_random_seed(number)
    namespace: dict[str, object] = {"__name__": f"kerasq_block_{number}"}
    exec(compile(code, f"<question {number} {kind}>", "exec"), namespace)  # noqa: S102 - our own bank
    if kind == "solution":
        question = load_bank().get(number)
        missing = [target for target in question.targets if target not in namespace]
        assert not missing, f"question {number}: the solution does not define {missing}"
    keras.backend.clear_session()
