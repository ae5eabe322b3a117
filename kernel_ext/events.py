"""One practice event (a scaffold shown, a hint, a reveal, a check, a quiz grade): plain, immutable data."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Mapping

# What a learner can do that is worth remembering, and the outcomes each kind may carry.
KINDS: tuple[str, ...] = ("shown", "hint", "answer", "check", "quiz")
GRADES: tuple[str, ...] = ("again", "hard", "good", "easy")
CHECK_OUTCOMES: tuple[str, ...] = ("pass", "fail")
OUTCOMES: dict[str, tuple[str | None, ...]] = {
    "shown": (None,),
    "hint": (None,),
    "answer": (None,),
    "check": CHECK_OUTCOMES,
    "quiz": GRADES,
}


class EventError(ValueError):
    """An event whose kind, outcome, question or id is not valid."""


@dataclass(frozen=True)
class Event:
    """Something the learner did with one question, at ``ts`` (seconds since the Unix epoch, UTC).

    ``id`` is a random 128-bit hex string: it is what makes export/import merges free of duplicates.
    """

    id: str
    ts: float
    kind: str
    question: int
    outcome: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        validate(self)

    def as_dict(self) -> dict[str, Any]:
        """The event as JSON-ready plain data (the export format)."""
        return {
            "id": self.id,
            "ts": self.ts,
            "kind": self.kind,
            "question": self.question,
            "outcome": self.outcome,
            "detail": dict(self.detail),
        }


def validate(event: Event) -> None:
    """Raise `EventError` naming the first field of ``event`` that is not valid."""
    if not (isinstance(event.id, str) and len(event.id) == 32 and all(c in "0123456789abcdef" for c in event.id)):
        raise EventError(f"id {event.id!r} is not 32 lower-case hex digits")
    if event.kind not in OUTCOMES:
        raise EventError(f"kind {event.kind!r} is not one of {', '.join(KINDS)}")
    if event.outcome not in OUTCOMES[event.kind]:
        allowed = ", ".join(repr(outcome) for outcome in OUTCOMES[event.kind])
        raise EventError(f"outcome {event.outcome!r} is not valid for a {event.kind} event (valid: {allowed})")
    if isinstance(event.question, bool) or not isinstance(event.question, int) or event.question < 1:
        raise EventError(f"question {event.question!r} is not a positive whole number")
    if isinstance(event.ts, bool) or not isinstance(event.ts, (int, float)) or not 0 < event.ts < 1e11:
        raise EventError(f"ts {event.ts!r} is not a time in seconds since 1970")
    if not isinstance(event.detail, Mapping):
        raise EventError(f"detail {event.detail!r} is not a mapping")


def new_event(
    kind: str,
    question: int,
    outcome: str | None = None,
    detail: Mapping[str, Any] | None = None,
    ts: float | None = None,
) -> Event:
    """A new event with a fresh unique id, stamped now unless ``ts`` is given."""
    return Event(uuid.uuid4().hex, time.time() if ts is None else float(ts), kind, question, outcome, dict(detail or {}))
