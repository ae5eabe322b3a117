"""Editor actions as plain data: quick fixes from findings, the scaffold insertion, `%kerasq` completion."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kerasq.lsp.bankindex import BankIndex, Entry
from kerasq.lsp.rules import Edit, Finding, Span

_SCAFFOLD_TRIGGER = re.compile(r"^(?P<indent>[ \t]*)(?P<magic>%kerasq|#\s*%?kerasq)\s+(?:show\s+)?(?P<number>\d+)\s*(?::.*)?$")
_COMPLETION_CONTEXT = re.compile(r"^\s*%kerasq\s+(?:(?:show|hint|answer|check)\s+)?(?P<typed>\d*)$")
_MAGIC_LINE = re.compile(r"^(\s*)([%!])")


@dataclass(frozen=True, slots=True)
class Action:
    """A titled set of edits (a quick fix or the scaffold insertion)."""

    title: str
    kind: str  # "quickfix" | "refactor.rewrite"
    edits: tuple[Edit, ...]
    finding: Finding | None = None


@dataclass(frozen=True, slots=True)
class Completion:
    """One completion item: the question number, its title, and the text it replaces."""

    label: str
    detail: str
    sort_text: str
    start: int  # the typed digits this item replaces: code-point indices on the line
    end: int
    documentation: str


def overlaps(span: Span, first: tuple[int, int], last: tuple[int, int]) -> bool:
    """Whether a span touches the range from ``first`` to ``last`` (lines and indices, inclusive)."""
    return (span.line, span.start) <= last and first <= (span.end_line, span.end)


def quick_fixes(findings: list[Finding], first: tuple[int, int], last: tuple[int, int]) -> list[Action]:
    """The quick fixes of the findings that touch a range."""
    return [
        Action(finding.fix.title, "quickfix", finding.fix.edits, finding)
        for finding in findings
        if finding.fix is not None and overlaps(finding.span, first, last)
    ]


def scaffold_text(entry: Entry, indent: str, in_notebook: bool) -> str:
    """The scaffold lines to insert; in a plain .py file the IPython lines are commented out."""
    body = entry.scaffold.rstrip() if entry.scaffold else f"# A conceptual question. Test yourself: %kerasq answer {entry.id}"
    lines = []
    for line in body.split("\n"):
        if not in_notebook and _MAGIC_LINE.match(line):
            line = _MAGIC_LINE.sub(r"\1# \2", line, count=1)
        lines.append(indent + line if line else line)
    return "\n".join(lines) + "\n"


def scaffold_action(bank: BankIndex, lines: list[str], line: int, in_notebook: bool) -> Action | None:
    """On a `# kerasq N` or `%kerasq N` line: insert question N's scaffold below it.

    A `%kerasq N` line is commented out as well (`# %kerasq N: title`), as the magic itself does, so
    running the cell afterwards cannot replace the work with a fresh scaffold.
    """
    if not 0 <= line < len(lines):
        return None
    match = _SCAFFOLD_TRIGGER.match(lines[line])
    if match is None:
        return None
    entry = bank.get(int(match["number"]))
    if entry is None:
        return None
    indent = match["indent"]
    text = scaffold_text(entry, indent, in_notebook)
    title = f"Insert the scaffold of kerasq question {entry.id}: {entry.title}"
    if match["magic"] == "%kerasq":
        header = f"{indent}# %kerasq {entry.id}: {entry.title}"
        return Action(title, "refactor.rewrite", (Edit(Span(line, 0, line, len(lines[line])), header + "\n" + text.rstrip("\n")),))
    end = Span(line, len(lines[line]), line, len(lines[line]))
    return Action(title, "refactor.rewrite", (Edit(end, "\n" + text.rstrip("\n")),))


def complete_question(bank: BankIndex, line_text: str, index: int) -> list[Completion] | None:
    """Question numbers and titles after `%kerasq ` (or `%kerasq check `...), or None elsewhere."""
    prefix = line_text[:index]
    match = _COMPLETION_CONTEXT.match(prefix)
    if match is None:
        return None
    typed = match["typed"]
    start = index - len(typed)
    width = len(str(max(bank.ids, default=0)))
    return [
        Completion(
            label=str(entry.id),
            detail=entry.title,
            sort_text=str(entry.id).zfill(width),
            start=start,
            end=index,
            documentation=entry.summary,
        )
        for entry in bank.entries
        if str(entry.id).startswith(typed)
    ]
