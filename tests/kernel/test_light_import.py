"""`import kerasq` and `%load_ext kerasq` import neither keras nor tensorflow (checked in a fresh process)."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
import kerasq
shell = InteractiveShell.instance()
shell.run_line_magic("load_ext", "kerasq")
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {"keras", "tensorflow", "jax", "torch"})
print(json.dumps({"heavy": heavy, "magic": "kerasq" in shell.magics_manager.magics["line"]}))
"""


def test_import_and_load_ext_stay_light(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env={"IPYTHONDIR": str(tmp_path), "PATH": ""}
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"heavy": [], "magic": True}
