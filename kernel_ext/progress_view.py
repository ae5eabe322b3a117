"""The progress view: per-section mastery, streak, what is due today, and a chart over time."""

from __future__ import annotations

from dataclasses import dataclass

from kerasq.chart import COLOURS, history_svg, section_bars_svg, sparkline, text_bar
from kerasq.render import esc
from kerasq.schedule import MASTERED_BOX, TOP_BOX, ProgressReport
from kerasq.views import View

DUE_SHOWN = 10  # a longer list is a wall of text: the rest is summed up, and %kerasq next works through them


def _day(value) -> str:  # noqa: ANN001 - a date
    return f"{value:%a} {value.day} {value:%b}"


def _streak(report: ProgressReport) -> str:
    if report.streak == 0:
        return "streak: none yet; practise today to start one"
    days = f"{report.streak} day" + ("" if report.streak == 1 else "s")
    return f"streak: {days}" + ("" if report.practised_today else " (practise today to keep it)")


def _due_line(item) -> str:  # noqa: ANN001 - a DueItem
    late = "" if item.overdue_days == 0 else f", {item.overdue_days} day{'s' if item.overdue_days != 1 else ''} overdue"
    where = "not passed yet" if item.box == 0 else f"box {item.box}"
    return f"{item.question.id} {item.question.title} ({where}{late})"


def _more(report: ProgressReport) -> str:
    hidden = len(report.due) - DUE_SHOWN
    return f"... and {hidden} more: %kerasq next takes them in order" if hidden > 0 else ""


def _nothing_due(report: ProgressReport) -> str:
    if report.next_due is not None:
        return f"nothing is due today; the next review is on {_day(report.next_due)}"
    return "nothing is due today; start a question with %kerasq next"


@dataclass(frozen=True, repr=False)
class ProgressView(View):
    """How far the learner has come, by section and over time."""

    report: ProgressReport
    note: str = ""

    def _headline(self) -> str:
        report = self.report
        return (
            f"{report.mastered} of {report.total} questions mastered, {report.practising} practising "
            f"({report.events} recorded steps)"
        )

    def text(self) -> str:
        report = self.report
        lines = [f"kerasq progress · {_day(report.today)}", self._headline(), _streak(report), ""]
        width = max((len(section.section) for section in report.sections), default=7)
        lines.append(f"{'section':<{width}}  {'':20}  mastered  practising  not started")
        for section in report.sections:
            bar = text_bar(section.mastered, section.practising, section.not_started)
            lines.append(
                f"{section.section:<{width}}  {bar}  {section.mastered:>8}  {section.practising:>10}  {section.not_started:>11}"
            )
        lines.append("█ mastered  ▒ practising  · not started")
        lines.append("")
        if report.due:
            lines.append(f"due today ({len(report.due)}):")
            lines += [f"  {_due_line(item)}" for item in report.due[:DUE_SHOWN]]
            if _more(report):
                lines.append(f"  {_more(report)}")
        else:
            lines.append(_nothing_due(report))
        if report.history:
            days = len(report.history)
            lines += [
                "",
                f"mastered, last {days} day{'s' if days != 1 else ''}:   "
                f"{sparkline([point.mastered for point in report.history], report.total)}",
                f"practising, last {days} day{'s' if days != 1 else ''}: "
                f"{sparkline([point.practising for point in report.history], report.total)}",
            ]
        lines += ["", f"mastered = box {MASTERED_BOX} or {TOP_BOX} of the review schedule. Next: %kerasq next"]
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)

    def html(self) -> str:
        report = self.report
        if report.due:
            items = "".join(f"<li>{esc(_due_line(item))}</li>" for item in report.due[:DUE_SHOWN])
            more = f"<p><small>{esc(_more(report))}</small></p>" if _more(report) else ""
            due = f"<h4>Due today ({len(report.due)})</h4><ul>{items}</ul>{more}"
        else:
            due = f"<p>{esc(_nothing_due(report))}</p>"
        note = f"<p><em>{esc(self.note)}</em></p>" if self.note else ""
        swatch = COLOURS["mastered"]
        return (
            f"<h3>kerasq progress · {esc(_day(report.today))}</h3>"
            f'<p><strong style="color:{swatch}">{esc(self._headline())}</strong> · {esc(_streak(report))}</p>'
            f"{section_bars_svg(report.sections)}"
            f"{due}"
            f"<h4>Over time</h4>{history_svg(report.history, report.total)}"
            f"<p><small>Mastered means box {MASTERED_BOX} or {TOP_BOX} of the review schedule. "
            f"Next: <code>%kerasq next</code></small></p>{note}"
        )
