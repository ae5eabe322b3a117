"""`CheckResult`: the outcome of a check, as a plain-text report and an escaped HTML report."""

from __future__ import annotations

from dataclasses import dataclass

from kerasq.findings import ERROR, FAIL, NOT_ATTEMPTED, NOTE, PASS, Finding, Table, first_problem
from kerasq.render import esc
from kerasq.views import View

_LABELS = {PASS: "ok", FAIL: "FAIL", ERROR: "ERROR", NOT_ATTEMPTED: "TODO", NOTE: "note"}
_COLOURS = {PASS: "#1e7e34", FAIL: "#b21f2d", ERROR: "#b21f2d", NOT_ATTEMPTED: "#8a6d00", NOTE: "#555"}
_BANNER_BACKGROUND = {PASS: "#d4edda", FAIL: "#f8d7da", ERROR: "#f8d7da", NOT_ATTEMPTED: "#fff3cd"}
_MARK = "<- first difference"


@dataclass(frozen=True, repr=False)
class CheckResult(View):
    """The result of `kerasq.check`: `.passed`, `.question`, ordered `.findings`, side-by-side `.tables`."""

    question: int
    title: str
    findings: tuple[Finding, ...]
    tables: tuple[Table, ...] = ()

    @property
    def passed(self) -> bool:
        """True when every finding passes (notes do not count against it)."""
        return bool(self.findings) and first_problem(self.findings) is None

    @property
    def status(self) -> str:
        """PASS, or the status of the first problem (fail, error, not attempted)."""
        problem = first_problem(self.findings)
        return PASS if problem is None and self.findings else (problem.status if problem else ERROR)

    def banner(self) -> str:
        """One line: did it pass, and if not, how many problems."""
        name = f"Question {self.question}" if self.question else "kerasq check"
        problems = [finding for finding in self.findings if not finding.ok]
        status = self.status
        if status == PASS:
            return f"{name} passed: your work matches the reference."
        if status == NOT_ATTEMPTED:
            return f"{name}: not attempted yet."
        if status == ERROR:
            return f"{name} could not be checked."
        return f"{name} failed: {len(problems)} problem{'s' if len(problems) != 1 else ''}."

    def text(self) -> str:
        lines = [self.banner() + (f"  ({self.title})" if self.title else "")]
        for finding in self.findings:
            lines.append(f"  {_LABELS[finding.status]:<5} {finding.topic}: {finding.message}")
            for label, value in (("expected", finding.expected), ("found", finding.found), ("hint", finding.hint)):
                if value and (finding.status != PASS or label == "hint"):
                    lines.append(f"        {label + ':':<9} {value}")
        for table in self.tables:
            lines += ["", *self._table_text(table)]
        return "\n".join(lines)

    @staticmethod
    def _table_text(table: Table) -> list[str]:
        width = min(64, max([len("expected"), *(len(row.expected) for row in table.rows)]))
        lines = [table.caption, f"     {'expected':<{width}}  | found"]
        for position, row in enumerate(table.rows):
            marker = ">" if position == table.first_difference else ("*" if row.differs else " ")
            left = row.expected if len(row.expected) <= width else row.expected[: width - 3] + "..."
            line = f"  {marker}  {left:<{width}}  | {row.found or '(missing)'}"
            if not row.expected:
                line = f"  {marker}  {'(none)':<{width}}  | {row.found}"
            if position == table.first_difference:
                line += f"   {_MARK}"
            lines.append(line)
        return lines

    def html(self) -> str:
        status = self.status
        background = _BANNER_BACKGROUND.get(status, "#f8d7da")
        title = f" <small>{esc(self.title)}</small>" if self.title else ""
        parts = [
            f'<div class="kerasq-check-banner" style="background:{background};padding:6px 10px;border-radius:4px">'
            f"<strong>{esc(self.banner())}</strong>{title}</div>",
            '<ul class="kerasq-findings" style="list-style:none;padding-left:0">',
        ]
        for finding in self.findings:
            parts.append(self._finding_html(finding))
        parts.append("</ul>")
        parts += [self._table_html(table) for table in self.tables]
        return "".join(parts)

    @staticmethod
    def _finding_html(finding: Finding) -> str:
        colour = _COLOURS[finding.status]
        details = []
        for label, value in (("expected", finding.expected), ("found", finding.found), ("hint", finding.hint)):
            if value and (finding.status != PASS or label == "hint"):
                details.append(f'<div style="margin-left:4.5em"><em>{label}:</em> <code>{esc(value)}</code></div>'
                               if label != "hint" else f'<div style="margin-left:4.5em"><em>hint:</em> {esc(value)}</div>')
        return (
            f'<li><span style="display:inline-block;width:4em;font-weight:bold;color:{colour}">{esc(_LABELS[finding.status])}</span>'
            f"<strong>{esc(finding.topic)}</strong>: {esc(finding.message)}{''.join(details)}</li>"
        )

    @staticmethod
    def _table_html(table: Table) -> str:
        rows = []
        for position, row in enumerate(table.rows):
            first = position == table.first_difference
            style = ' style="background:#f8d7da;font-weight:bold"' if first else (' style="background:#fdf0f1"' if row.differs else "")
            mark = f" <span>&#9664; {esc('first difference')}</span>" if first else ""
            rows.append(
                f"<tr{style}><td><code>{esc(row.expected) or '&mdash;'}</code></td>"
                f"<td><code>{esc(row.found) or '&mdash;'}</code>{mark}</td></tr>"
            )
        return (
            f'<table class="kerasq-trace"><caption style="text-align:left">{esc(table.caption)}</caption>'
            "<thead><tr><th>expected</th><th>found</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
