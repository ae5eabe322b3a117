"""Plain data a check produces: findings (one verdict each) and rows (expected beside found)."""

from __future__ import annotations

from dataclasses import dataclass

PASS, FAIL, ERROR, NOT_ATTEMPTED, NOTE = "pass", "fail", "error", "not attempted", "note"
STATUSES = (PASS, FAIL, ERROR, NOT_ATTEMPTED, NOTE)
# Statuses that do not make a check fail.
OK_STATUSES = frozenset({PASS, NOTE})


@dataclass(frozen=True)
class Finding:
    """One verdict about one aspect of the learner's work (inputs, layers, compile settings...)."""

    status: str
    topic: str
    message: str
    expected: str = ""
    found: str = ""
    hint: str = ""

    @property
    def ok(self) -> bool:
        """Whether this finding lets the check pass."""
        return self.status in OK_STATUSES


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side trace: what the reference has and what the learner has."""

    expected: str
    found: str
    differs: bool = False


@dataclass(frozen=True)
class Table:
    """Expected and found side by side, with the first difference marked."""

    caption: str
    rows: tuple[Row, ...]
    first_difference: int | None = None  # index into rows


@dataclass(frozen=True)
class Outcome:
    """What one exercise kind reports: ordered findings and side-by-side tables."""

    findings: tuple[Finding, ...]
    tables: tuple[Table, ...] = ()


def first_problem(findings: "tuple[Finding, ...] | list[Finding]") -> Finding | None:
    """The first finding that makes a check fail, or None when it passes."""
    return next((finding for finding in findings if not finding.ok), None)
