"""The committed reference traces are exactly what `python -m kerasq.content.build` makes today.

Floats are compared to a relative 1e-5: values that come out of a short training run can differ in
their last digits between CPUs (vectorised reductions); anything beyond that is a real difference.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.keras

REPO = Path(__file__).resolve().parents[2]
TRACES = REPO / "content" / "traces"


def test_regenerated_traces_equal_the_committed_ones(tmp_path) -> None:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    run = subprocess.run([sys.executable, "-m", "kerasq.content.build", "--out", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, f"the build failed:\n{run.stderr[-3000:]}"
    made = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.glob("*.json")}
    committed = {path.name: path.read_text(encoding="utf-8") for path in TRACES.glob("*.json")}
    assert made, "the build wrote no trace"
    missing = sorted(set(made) - set(committed))
    stale = sorted(set(committed) - set(made))
    different = sorted(name for name in set(made) & set(committed) if not _same(json.loads(made[name]), json.loads(committed[name])))
    assert not (missing or stale or different), (
        f"reference traces are out of date (run python -m kerasq.content.build and commit content/traces): "
        f"missing {missing}, no longer made {stale}, different {different}"
    )


def test_unknown_settings_and_broken_solutions_fail_the_build(tmp_path, monkeypatch, bank) -> None:
    from kerasq.content import bank as bank_module
    from kerasq.content.build import BuildError, build

    source = bank.get(9).path.read_text(encoding="utf-8")
    questions = tmp_path / "questions"
    questions.mkdir()
    (questions / "009-dense-layer.md").write_text(source.replace("  targets: [model]\n", "  targets: [model]\n  check:\n    bogus: 1\n"),
                                                   encoding="utf-8")
    (questions / "012-dropout.md").write_text(
        bank.get(12).path.read_text(encoding="utf-8").replace("layers.Dropout(0.3),", "layers.Dropout(0.3), undefined_name,"),
        encoding="utf-8")
    monkeypatch.setenv("KERASQ_QUESTIONS_DIR", str(questions))
    bank_module._cached_bank.cache_clear()
    try:
        with pytest.raises(BuildError) as failed:
            build(tmp_path / "traces")
    finally:
        bank_module._cached_bank.cache_clear()
    message = str(failed.value)
    assert "question 9 (model): ValueError: unknown check setting(s) bogus for kind 'model'" in message
    assert "question 12 (model): NameError" in message


def _same(made: object, committed: object) -> bool:
    if isinstance(made, float) or isinstance(committed, float):
        if isinstance(made, bool) or isinstance(committed, bool) or not isinstance(made, (int, float)) or not isinstance(committed, (int, float)):
            return False
        return math.isclose(made, committed, rel_tol=1e-5, abs_tol=1e-9)
    if isinstance(made, dict) and isinstance(committed, dict):
        return made.keys() == committed.keys() and all(_same(made[key], committed[key]) for key in made)
    if isinstance(made, list) and isinstance(committed, list):
        return len(made) == len(committed) and all(_same(a, b) for a, b in zip(made, committed))
    return made == committed and type(made) is type(committed)


def test_float_noise_is_not_a_difference_but_anything_else_is() -> None:
    assert _same({"a": [1.0, 2, "x", None]}, {"a": [1.000001, 2, "x", None]})
    assert not _same({"a": [1.0]}, {"a": [1.001]})
    assert not _same({"a": 1}, {"a": True}) and not _same({"a": 1}, {"b": 1}) and not _same([1], [1, 2])
