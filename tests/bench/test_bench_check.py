"""Benchmark: checking the question 1 model beside building the reference model, the naive approach (budget 2 ms)."""

from __future__ import annotations

import statistics
import time

import pytest

pytestmark = pytest.mark.keras

CHECKS = 300
BUILDS = 7


def test_check_latency_for_question_1(bank) -> None:
    from kerasq.checker import check

    solution = bank.get(1).solution
    namespace: dict = {}
    exec(solution, namespace)  # the learner's model: here, a correct one
    model = namespace["model"]
    assert check(1, model).passed  # warm: keras, the bank and the reference trace are loaded once

    samples = []
    for _ in range(CHECKS):
        start = time.perf_counter()
        check(1, model)
        samples.append(time.perf_counter() - start)
    check_ms = statistics.median(samples) * 1000

    builds = []
    for _ in range(BUILDS):
        start = time.perf_counter()
        exec(solution, {})  # what a checker without stored traces would do: build and compile the reference
        builds.append(time.perf_counter() - start)
    build_ms = statistics.median(builds) * 1000

    print(
        f"\nquestion 1 check: median {check_ms:.3f} ms over {CHECKS} checks (p90 {sorted(samples)[int(CHECKS * 0.9)] * 1000:.3f} ms); "
        f"building the reference model: median {build_ms:.1f} ms over {BUILDS} builds; "
        f"ratio {build_ms / check_ms:.0f}x (budget 2 ms)"
    )
    assert check_ms > 0 and build_ms > 0
