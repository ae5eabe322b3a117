"""Export the event log to JSON and read it back, validating every field (the file may come from anywhere)."""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Literal, Sequence

from kerasq import __version__
from kerasq.events import KINDS, Event, EventError

FORMAT = "kerasq-progress"
VERSION = 1


class TransferError(ValueError):
    """An export or import file that cannot be written or read; the message names the file and the problem."""


def export_document(events: Sequence[Event]) -> dict[str, Any]:
    """The export file's content: a format marker, a version, and every event as plain data."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "exported_by": f"kerasq {__version__}",
        "events": [event.as_dict() for event in events],
    }


def write_export(path: Path, events: Sequence[Event], force: bool = False) -> None:
    """Write ``events`` to ``path`` atomically (a crash never leaves half a file); refuse to overwrite unless ``force``."""
    if path.exists() and not force:
        raise TransferError(f"{path} exists; choose another name or pass --force to overwrite it")
    if not path.parent.is_dir():
        raise TransferError(f"the folder {path.parent} does not exist")
    text = json.dumps(export_document(events), indent=1, ensure_ascii=False)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
        os.replace(temporary, path)
    except OSError as exc:
        raise TransferError(f"cannot write {path}: {exc.strerror or exc}") from None


def _models() -> tuple[type, type]:
    from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

    class ExportedEvent(BaseModel):
        model_config = ConfigDict(extra="forbid")

        id: str = Field(pattern=r"^[0-9a-f]{32}$")
        ts: float = Field(gt=0, lt=1e11, allow_inf_nan=False)
        kind: Literal[KINDS]  # type: ignore[valid-type]
        question: StrictInt = Field(ge=1)
        outcome: str | None = None
        detail: dict[str, Any] = Field(default_factory=dict)

        @model_validator(mode="after")
        def _valid_event(self) -> "ExportedEvent":
            Event(self.id, self.ts, self.kind, self.question, self.outcome, self.detail)  # raises EventError
            return self

    class ExportFile(BaseModel):
        model_config = ConfigDict(extra="forbid")

        format: Literal["kerasq-progress"]
        version: Literal[1]
        exported_at: str | None = None
        exported_by: str | None = None
        events: list[ExportedEvent]

    return ExportedEvent, ExportFile


def _where(location: Sequence[Any]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


def read_import(path: Path) -> list[Event]:
    """The events in an export file, or a `TransferError` naming the file and the first problems found."""
    from pydantic import ValidationError

    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TransferError(f"{path} does not exist") from None
    except UnicodeDecodeError:
        raise TransferError(f"{path} is not a text file (it is not UTF-8)") from None
    except OSError as exc:
        raise TransferError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise TransferError(f"{path} is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TransferError(f"{path} is not a kerasq progress export (it has no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise TransferError(f"{path} is export version {data.get('version')!r}; this kerasq reads version {VERSION}")
    _, export_file = _models()
    try:
        document = export_file.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        shown = "; ".join(f"{_where(error['loc'])}: {error['msg']}" for error in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise TransferError(f"{path} has invalid events, so nothing was imported: {shown}{more}") from None
    try:
        events = [Event(e.id, e.ts, e.kind, e.question, e.outcome, e.detail) for e in document.events]
    except EventError as exc:  # pragma: no cover - the model validator already ran the same check
        raise TransferError(f"{path}: {exc}") from None
    seen: dict[str, tuple[Any, ...]] = {}
    for event in events:
        content = (event.ts, event.kind, event.question, event.outcome, json.dumps(dict(event.detail), sort_keys=True))
        if seen.setdefault(event.id, content) != content:
            raise TransferError(f"{path} holds two different events with the id {event.id}, so nothing was imported")
    return events
