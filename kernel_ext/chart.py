"""Small charts for the progress view: inline SVG for Jupyter, block characters for terminals.

Hand-written SVG keeps the view light (no matplotlib import, a few kilobytes of markup, crisp at any
zoom, tooltips through ``<title>``) and safe (every label is escaped).
"""

from __future__ import annotations

import math
from typing import Sequence

from kerasq.render import esc
from kerasq.schedule import DayPoint, SectionProgress

COLOURS = {"mastered": "#2e7d32", "practising": "#f9a825", "not started": "#d9d9d9"}
_FONT = 'font-family="sans-serif" font-size="12"'
_SPARKS = "▁▂▃▄▅▆▇█"


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _legend(x: float, y: float, names: Sequence[str] = tuple(COLOURS)) -> str:
    parts = []
    for name in names:
        colour = COLOURS[name]
        parts.append(f'<rect x="{_fmt(x)}" y="{_fmt(y - 9)}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{_fmt(x + 14)}" y="{_fmt(y)}" {_FONT}>{esc(name)}</text>')
        x += 14 + 8 * len(name) + 14
    return "".join(parts)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def section_bars_svg(sections: Sequence[SectionProgress], width: int = 640) -> str:
    """One stacked bar per section (mastered, practising, not started), scaled to the largest section."""
    label_width, count_width, row, top = 230, 70, 24, 26
    bar_width = width - label_width - count_width
    largest = max((section.total for section in sections), default=0) or 1
    height = top + row * len(sections) + 6
    summary = "; ".join(
        f"{section.section}: {section.mastered} mastered, {section.practising} practising, {section.not_started} not started"
        for section in sections
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kerasq-sections" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc("Progress by section: " + summary)}">',
        _legend(label_width, 14),
    ]
    for index, section in enumerate(sections):
        y = top + index * row
        parts.append(f"<g><title>{esc(section.section)}: {section.mastered} mastered, {section.practising} practising, "
                     f"{section.not_started} not started</title>")
        parts.append(f'<text x="{label_width - 8}" y="{y + 12}" text-anchor="end" {_FONT}>{esc(_shorten(section.section, 34))}</text>')
        x = float(label_width)
        for name, count in (("mastered", section.mastered), ("practising", section.practising), ("not started", section.not_started)):
            if count:
                span = bar_width * count / largest
                parts.append(
                    f'<rect class="{name.replace(" ", "-")}" x="{_fmt(x)}" y="{y + 2}" width="{_fmt(span)}" height="14" '
                    f'fill="{COLOURS[name]}"/>'
                )
                x += span
        parts.append(f'<text x="{_fmt(x + 6)}" y="{y + 13}" {_FONT}>{section.mastered}/{section.total}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def history_svg(history: Sequence[DayPoint], total: int, width: int = 640, height: int = 170) -> str:
    """A column per day: mastered questions at the bottom, practising ones stacked above, out of ``total``;
    a tick under the column for each day with recorded practice."""
    left, right, top, bottom = 34, 8, 22, 22
    plot_width, plot_height = width - left - right, height - top - bottom
    ceiling = max([total, *(point.mastered + point.practising for point in history)]) or 1
    slot = plot_width / max(len(history), 1)
    column = max(slot * 0.8, 1.0)
    last = history[-1] if history else None
    label = (
        f"Questions mastered and practising by day, {history[0].day} to {last.day}: now {last.mastered} mastered, "
        f"{last.practising} practising, of {total}"
        if last
        else "No practice recorded yet"
    )
    baseline = top + plot_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kerasq-history" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">',
        _legend(left, 12, ("mastered", "practising")),
        f'<line x1="{left}" y1="{baseline}" x2="{width - right}" y2="{baseline}" stroke="#888"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" {_FONT}>{ceiling}</text>',
        f'<text x="{left - 4}" y="{baseline}" text-anchor="end" {_FONT}>0</text>',
    ]
    if not history:
        parts.append(f'<text x="{left + plot_width / 2}" y="{top + plot_height / 2}" text-anchor="middle" {_FONT}>'
                     "no practice recorded yet</text></svg>")
        return "".join(parts)
    for index, point in enumerate(history):
        x = left + index * slot + (slot - column) / 2
        parts.append(
            f"<g><title>{esc(f'{point.day:%a} {point.day.day} {point.day:%b}')}: {point.mastered} mastered, "
            f"{point.practising} practising, {point.events} events</title>"
        )
        y = float(baseline)
        for name, count in (("mastered", point.mastered), ("practising", point.practising)):
            if count:
                span = plot_height * count / ceiling
                y -= span
                parts.append(
                    f'<rect class="{name}" x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(column)}" height="{_fmt(span)}" '
                    f'fill="{COLOURS[name]}"/>'
                )
        if point.events:  # a tick under the column marks a day with practice: streaks and gaps show at a glance
            parts.append(f'<rect class="active" x="{_fmt(x)}" y="{baseline + 3}" width="{_fmt(column)}" height="4" fill="#555"/>')
        parts.append("</g>")
    first_day, last_day = history[0].day, history[-1].day
    parts.append(f'<text x="{left}" y="{height - 6}" {_FONT}>{esc(f"{first_day:%d %b}")}</text>')
    if last_day != first_day:
        parts.append(f'<text x="{width - right}" y="{height - 6}" text-anchor="end" {_FONT}>{esc(f"{last_day:%d %b}")}</text>')
    parts.append("</svg>")
    return "".join(parts)


def text_bar(mastered: int, practising: int, not_started: int, width: int = 20) -> str:
    """A bar of block characters: █ mastered, ▒ practising, · not started, ``width`` characters long."""
    total = mastered + practising + not_started
    if total == 0:
        return " " * width
    # Cumulative, half-up rounding: the three parts always add up to ``width``.
    full = math.floor(width * mastered / total + 0.5)
    half = math.floor(width * (mastered + practising) / total + 0.5) - full
    return "█" * full + "▒" * half + "·" * (width - full - half)


def sparkline(values: Sequence[int], ceiling: int | None = None) -> str:
    """One block character per value, scaled to ``ceiling`` (default: the largest value)."""
    top = max([ceiling or 0, *values]) or 1
    return "".join(_SPARKS[min(len(_SPARKS) - 1, round((len(_SPARKS) - 1) * value / top))] for value in values)
