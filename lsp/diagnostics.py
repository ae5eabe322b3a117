"""Findings linked to the questions that explain them: the diagnostics the server publishes, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kerasq.lsp.analysis import Analysis
from kerasq.lsp.bankindex import BankIndex, Entry
from kerasq.lsp.rules import Finding, check

SOURCE = "kerasq"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding with its question: the message names it, ``href`` opens its file."""

    finding: Finding
    message: str
    question: Entry | None
    href: str | None


def question_for(finding: Finding, bank: BankIndex | None) -> Entry | None:
    """The first of the finding's questions that the bank holds."""
    if bank is None:
        return None
    return next((entry for number in finding.questions if (entry := bank.get(number)) is not None), None)


def link(finding: Finding, bank: BankIndex | None) -> Diagnostic:
    """The diagnostic for a finding: its message followed by the question to practise."""
    entry = question_for(finding, bank)
    if entry is None:
        return Diagnostic(finding, finding.message, None, None)
    message = f"{finding.message}\nkerasq Q{entry.id}: {entry.title} (practise with %kerasq {entry.id})"
    href = Path(entry.path).as_uri() if entry.path and Path(entry.path).is_absolute() else None
    return Diagnostic(finding, message, entry, href)


def findings(analysis: Analysis) -> list[Finding]:
    """Every pitfall in an analysed source (computed once per analysis)."""
    found = analysis.derived.get("findings")
    if found is None:
        found = analysis.derived["findings"] = check(analysis)
    return found  # type: ignore[return-value]


def diagnose(analysis: Analysis, bank: BankIndex | None) -> list[Diagnostic]:
    """Every pitfall in an analysed source, linked to its question."""
    return [link(finding, bank) for finding in findings(analysis)]
