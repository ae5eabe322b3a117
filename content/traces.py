"""Where the reference traces live (content/traces/NNN.json) and how they are read and written.

The traces are plain JSON produced by `python -m kerasq.content.build`; this module only stores and
reads them and never imports keras.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TRACES_DIR = Path(__file__).parent / "traces"


def trace_path(number: int, directory: Path | None = None) -> Path:
    """The file that holds question ``number``'s reference trace."""
    return (directory or TRACES_DIR) / f"{number:03d}.json"


def dumps(data: dict[str, Any]) -> str:
    """The stored text of a trace: stable key order, short structures on one line, a final newline."""
    return _format(data, 0) + "\n"


def _format(value: Any, depth: int, width: int = 110) -> str:
    compact = json.dumps(value, ensure_ascii=False)
    if len(compact) + depth <= width or not isinstance(value, (dict, list)) or not value:
        return compact
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(key)}: {_format(item, depth + 1, width)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    items = [f"{inner}{_format(item, depth + 1, width)}" for item in value]
    return "[\n" + ",\n".join(items) + f"\n{pad}]"


def read_trace(number: int, directory: Path | None = None) -> dict[str, Any] | None:
    """Question ``number``'s reference trace, or None if it has not been generated."""
    path = trace_path(number, directory)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
