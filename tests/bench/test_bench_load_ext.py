"""Benchmark: `%load_ext kerasq` beside IPython's autoreload, each in fresh processes (budget 15 ms)."""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 21
PROBE = """
import time
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
start = time.perf_counter()
shell.run_line_magic("load_ext", "{name}")
print((time.perf_counter() - start) * 1000)
"""


def median_ms(extension: str, tmp_path) -> float:
    samples = []
    for _ in range(RUNS):
        output = subprocess.run(
            [sys.executable, "-c", PROBE.format(name=extension)],
            capture_output=True, text=True, check=True, env={"IPYTHONDIR": str(tmp_path), "PATH": ""},
        ).stdout
        samples.append(float(output.strip().splitlines()[-1]))
    return statistics.median(samples)


def test_load_ext_time(tmp_path) -> None:
    # Interleaving is not needed for fresh processes, but both run in the same minute on the same machine.
    kerasq_ms = median_ms("kerasq", tmp_path)
    autoreload_ms = median_ms("autoreload", tmp_path)
    print(
        f"\n%load_ext median over {RUNS} fresh processes: kerasq {kerasq_ms:.2f} ms, "
        f"autoreload {autoreload_ms:.2f} ms, ratio {kerasq_ms / autoreload_ms:.2f} (budget 15 ms)"
    )
    assert kerasq_ms > 0 and autoreload_ms > 0
