"""Many kernels at once: concurrent writer processes, one killed with SIGKILL mid-write, nothing acknowledged lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from kerasq.store import Store

WRITER = Path(__file__).with_name("concurrent_writer.py")
WRITERS = 4
EVENTS = 1000
VICTIM = 0


def acknowledged(path: Path) -> list[str]:
    """The ids a writer acknowledged (a line cut short by the kill does not count)."""
    if not path.exists():
        return []
    text = path.read_text()
    lines = text.split("\n")
    return [line for line in lines[:-1] if len(line) == 32]


def run_writers(tmp_path: Path, count: int, kill_after: int | None) -> tuple[float, list[subprocess.Popen], int]:
    db, go = tmp_path / "progress.sqlite3", tmp_path / "go"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    processes = [
        subprocess.Popen([sys.executable, str(WRITER), str(db), str(tmp_path / f"ack-{n}"), str(EVENTS), str(n), str(go)], env=env)
        for n in range(count)
    ]
    time.sleep(1.0)  # let every interpreter start and import kerasq.store before the race begins
    go.touch()
    start = time.perf_counter()
    killed_at = -1
    if kill_after is not None:
        victim_acks = tmp_path / f"ack-{VICTIM}"
        while len(acknowledged(victim_acks)) < kill_after:
            assert processes[VICTIM].poll() is None, "the victim finished before it could be killed"
            time.sleep(0.0005)
        os.kill(processes[VICTIM].pid, signal.SIGKILL)
        killed_at = len(acknowledged(victim_acks))
    for number, process in enumerate(processes):
        process.wait(timeout=600)
        if number != VICTIM or kill_after is None:
            assert process.returncode == 0, f"writer {number} failed"
    return time.perf_counter() - start, processes, killed_at


def test_four_writers_one_killed_lose_no_acknowledged_event(tmp_path: Path) -> None:
    elapsed, processes, killed_at = run_writers(tmp_path, WRITERS, kill_after=EVENTS // 3)
    assert processes[VICTIM].returncode == -signal.SIGKILL

    with Store.open(tmp_path / "progress.sqlite3") as store:
        assert store.integrity() == "ok"
        events = store.events()
    stored = {event.id for event in events}
    per_writer = Counter(event.detail["writer"] for event in events)
    assert len(stored) == len(events)  # no duplicates
    for number in range(WRITERS):
        acks = acknowledged(tmp_path / f"ack-{number}")
        missing = set(acks) - stored
        assert not missing, f"writer {number}: {len(missing)} acknowledged events lost"
        if number == VICTIM:
            # At most one event can be committed but not yet acknowledged when the kill lands.
            assert len(acks) <= per_writer[number] <= len(acks) + 1
            assert per_writer[number] < EVENTS
        else:
            assert len(acks) == per_writer[number] == EVENTS
    # No holes: each writer's committed events are exactly its first k, so no commit was lost out of order.
    for number in range(WRITERS):
        sequence = sorted(event.detail["seq"] for event in events if event.detail["writer"] == number)
        assert sequence == list(range(per_writer[number]))

    single = tmp_path / "single"
    single.mkdir()
    baseline_elapsed, _, _ = run_writers(single, 1, kill_after=None)
    rate = len(events) / elapsed
    single_rate = EVENTS / baseline_elapsed
    print(
        f"\nprogress store, {WRITERS} processes x {EVENTS} events (one SIGKILLed after {killed_at} acknowledged): "
        f"{len(events)} committed in {elapsed:.2f} s = {rate:,.0f} events/s together "
        f"({rate / WRITERS:,.0f} per process); one process alone: {single_rate:,.0f} events/s; "
        f"integrity_check ok, 0 acknowledged events lost"
    )
