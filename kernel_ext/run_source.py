"""Run learner source (a cell or a .py file) in a namespace; an error becomes a finding, never a traceback."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Callable

from kerasq.findings import Finding
from kerasq.learner import error_finding, syntax_finding

_MAGIC = re.compile(r"^(?P<indent>[ \t]*)(?:%|!)")
_CHECK_LINE = re.compile(r"^[ \t]*%kerasq[ \t]+check\b")


def strip_magics(source: str) -> str:
    """IPython-only lines (`%magic`, `!shell`, a leading `%%cell` magic) become `pass`, keeping line numbers."""
    lines = source.splitlines()
    for number, line in enumerate(lines):
        match = _MAGIC.match(line)
        if match:
            lines[number] = f"{match['indent']}pass  # IPython line skipped: {line.strip()}"
    return "\n".join(lines) + "\n"


def without_check_lines(source: str) -> str:
    """The cell without `%kerasq check N` lines (the cell magic checks once, after running the rest)."""
    return "\n".join("" if _CHECK_LINE.match(line) else line for line in source.splitlines()) + "\n"


def run_source(
    source: str,
    namespace: dict[str, Any],
    filename: str,
    label: str,
    *,
    transform: Callable[[str], str] | None = None,
    folder: Path | None = None,
) -> Finding | None:
    """Execute ``source`` in ``namespace``; return a finding if it does not parse or raises, else None.

    ``transform`` turns the source into plain Python first (IPython's input transformer in a kernel);
    ``folder`` is put first on sys.path while the code runs, as `python file.py` would.
    """
    try:
        code = compile(transform(source) if transform else source, filename, "exec")
    except SyntaxError as exc:
        return syntax_finding(exc, label)
    if folder is not None:
        sys.path.insert(0, str(folder))
    try:
        exec(code, namespace)  # noqa: S102 - running the learner's own code is the point
    except SystemExit as exc:
        if exc.code not in (None, 0):
            return error_finding(exc, f"running {label}", label)
    except Exception as exc:  # noqa: BLE001 - any learner error becomes a finding
        return error_finding(exc, f"running {label}", label)
    finally:
        if folder is not None and sys.path and sys.path[0] == str(folder):
            sys.path.pop(0)
    return None
