"""Benchmark: the cost of recording a step, and of building `%kerasq progress` from a long history."""

from __future__ import annotations

import random
import statistics
import time
from datetime import datetime, timedelta

from kerasq.events import Event, new_event
from kerasq.recorder import Recorder
from kerasq.store import Store
from kerasq.study import progress, question_refs
from kerasq.schedule import progress_report

RUNS = 300


def median_ms(action, runs: int = RUNS) -> float:  # noqa: ANN001 - any callable
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def test_recording_cost(tmp_path) -> None:
    recorder = Recorder(tmp_path / "per-step.sqlite3")
    recorder.record("shown", 1)  # create and migrate once
    per_step = median_ms(lambda: recorder.record("hint", 12, detail={"level": 1}))
    with Store.open(tmp_path / "kept-open.sqlite3") as store:
        kept_open = median_ms(lambda: store.record(new_event("hint", 12, None, {"level": 1})))
    print(
        f"\nrecording one step, median over {RUNS}: {per_step:.3f} ms opening the file per step (what a kernel does), "
        f"{kept_open:.3f} ms on a connection kept open; ratio {per_step / kept_open:.1f}"
    )
    assert per_step > 0 and kept_open > 0


def test_progress_view_from_a_long_history(bank) -> None:
    rng = random.Random(7)
    now = datetime(2030, 6, 30, 18, 0).astimezone()
    ids = bank.ids
    kinds = [("shown", None), ("hint", None), ("answer", None), ("check", "pass"), ("check", "fail"), ("quiz", "good"), ("quiz", "again")]
    events = []
    for n in range(20_000):
        kind, outcome = rng.choice(kinds)
        when = now - timedelta(minutes=rng.randrange(90 * 24 * 60))
        events.append(Event(f"{n:032x}", when.timestamp(), kind, rng.choice(ids), outcome, {}))
    refs = question_refs(bank)
    report_ms = median_ms(lambda: progress_report(refs, events, now), runs=5)
    view = progress(bank, events, now)
    render_ms = median_ms(lambda: (view.text(), view._repr_html_()), runs=20)
    print(
        f"\n%kerasq progress from {len(events):,} events over 90 days, {len(ids)} questions: "
        f"report {report_ms:.1f} ms, text + HTML with both SVG charts {render_ms:.2f} ms "
        f"({len(view._repr_html_()) / 1024:.1f} KiB of HTML)"
    )
    assert report_ms > 0
