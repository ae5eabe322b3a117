"""The progress charts (SVG and text) and the progress view built on them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from kerasq.chart import COLOURS, history_svg, section_bars_svg, sparkline, text_bar
from kerasq.progress_view import ProgressView
from kerasq.schedule import DayPoint, DueItem, ProgressReport, QuestionRef, SectionProgress

SVG = "{http://www.w3.org/2000/svg}"
SECTIONS = (
    SectionProgress("Keras Basic Concepts", 2, 3, 5),
    SectionProgress("Keras Model Architecture", 0, 1, 4),
    SectionProgress("Coding Challenges", 0, 0, 7),
)


def rects(svg: str, cls: str) -> list[ET.Element]:
    return [rect for rect in ET.fromstring(svg).iter(f"{SVG}rect") if rect.get("class") == cls]


def test_section_bars_are_proportional_to_the_largest_section() -> None:
    svg = section_bars_svg(SECTIONS, width=640)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert "Keras Basic Concepts: 2 mastered, 3 practising, 5 not started" in root.get("aria-label")
    mastered, practising, fresh = rects(svg, "mastered"), rects(svg, "practising"), rects(svg, "not-started")
    assert (len(mastered), len(practising), len(fresh)) == (1, 2, 3)  # zero counts draw nothing
    full = 640 - 230 - 70
    # The largest section (10 questions) spans the whole bar; 2 of 10 is a fifth of it.
    assert float(mastered[0].get("width")) == pytest.approx(full * 2 / 10, abs=0.1)
    assert sum(float(r.get("width")) for r in (mastered[0], practising[0], fresh[0])) == pytest.approx(full, abs=0.3)
    assert float(fresh[2].get("width")) == pytest.approx(full * 7 / 10, abs=0.1)
    assert {r.get("fill") for r in mastered} == {COLOURS["mastered"]}
    titles = [title.text for title in root.iter(f"{SVG}title")]
    assert "Coding Challenges: 0 mastered, 0 practising, 7 not started" in titles


def test_history_columns_stack_mastered_under_practising() -> None:
    start = date(2030, 5, 1)
    history = [DayPoint(start + timedelta(days=n), n, 2, n + 1) for n in range(4)]
    svg = history_svg(history, total=10, width=640, height=170)
    root = ET.fromstring(svg)
    plot_height = 170 - 22 - 22
    mastered, practising = rects(svg, "mastered"), rects(svg, "practising")
    assert len(mastered) == 3 and len(practising) == 4  # day 0 has no mastered question
    assert float(practising[0].get("height")) == pytest.approx(plot_height * 2 / 10, abs=0.1)
    last_m, last_p = mastered[-1], practising[-1]
    assert float(last_m.get("height")) == pytest.approx(plot_height * 3 / 10, abs=0.1)
    # Practising sits directly on top of mastered.
    assert float(last_p.get("y")) + float(last_p.get("height")) == pytest.approx(float(last_m.get("y")), abs=0.2)
    assert "now 3 mastered, 2 practising, of 10" in root.get("aria-label")
    assert len(rects(svg, "active")) == 4
    idle = history_svg([DayPoint(start, 1, 1, 0), DayPoint(start + timedelta(days=1), 1, 1, 2)], total=10)
    assert len(rects(idle, "active")) == 1
    assert "Sat 4 May: 3 mastered, 2 practising, 4 events" in [t.text for t in root.iter(f"{SVG}title")]


def test_history_with_one_day_and_with_none() -> None:
    single = history_svg([DayPoint(date(2030, 5, 1), 0, 1, 3)], total=5)
    assert len(rects(single, "practising")) == 1
    empty = history_svg([], total=5)
    ET.fromstring(empty)
    assert "no practice recorded yet" in empty and not rects(empty, "practising")


def test_history_scale_never_clips_when_questions_left_the_bank() -> None:
    svg = history_svg([DayPoint(date(2030, 5, 1), 4, 4, 1)], total=5)  # 8 started, bank now has 5
    column = [float(r.get("height")) for r in rects(svg, "mastered") + rects(svg, "practising")]
    assert sum(column) == pytest.approx(170 - 44, abs=0.2)


def test_labels_are_escaped() -> None:
    svg = section_bars_svg([SectionProgress('<script>alert("x")</script> & co', 1, 0, 0)])
    ET.fromstring(svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.parametrize(
    ("counts", "bar"),
    [((0, 0, 0), " " * 10), ((10, 0, 0), "█" * 10), ((0, 0, 4), "·" * 10), ((1, 1, 2), "███▒▒·····"), ((1, 0, 2), "███·······")],
)
def test_text_bar(counts: tuple[int, int, int], bar: str) -> None:
    assert text_bar(*counts, width=10) == bar


def test_sparkline() -> None:
    assert sparkline([0, 1, 2, 4], ceiling=4) == "▁▃▅█"
    assert sparkline([0, 0]) == "▁▁"
    assert sparkline([3], ceiling=1) == "█"


def report(**changes) -> ProgressReport:
    fields = dict(
        today=date(2030, 5, 13),
        sections=SECTIONS,
        streak=4,
        practised_today=False,
        due=(DueItem(QuestionRef(12, "Keras Model Architecture", "Dropout <layers>"), date(2030, 5, 11), 2, 2),),
        history=tuple(DayPoint(date(2030, 5, 10 + n), n, 3, 1) for n in range(4)),
        events=17,
        next_due=date(2030, 5, 15),
    )
    return ProgressReport(**{**fields, **changes})


def test_progress_view_text() -> None:
    text = repr(ProgressView(report()))
    assert text.startswith("kerasq progress · Mon 13 May\n2 of 22 questions mastered, 4 practising (17 recorded steps)")
    assert "streak: 4 days (practise today to keep it)" in text
    assert "Keras Basic Concepts      ████▒▒▒▒▒▒··········         2           3            5" in text
    assert "due today (1):\n  12 Dropout <layers> (box 2, 2 days overdue)" in text
    assert "mastered, last 4 days:   " in text


def test_progress_view_text_when_nothing_is_due_or_recorded() -> None:
    text = repr(ProgressView(report(due=(), streak=0, history=(), events=0)))
    assert "nothing is due today; the next review is on Wed 15 May" in text
    assert "streak: none yet" in text and "last 0 days" not in text
    fresh = repr(ProgressView(report(due=(), next_due=None)))
    assert "nothing is due today; start a question with %kerasq next" in fresh


def test_a_long_due_list_is_cut_short() -> None:
    due = tuple(DueItem(QuestionRef(n, "S", f"question {n}"), date(2030, 5, 1), 1, 12) for n in range(1, 15))
    view = ProgressView(report(due=due))
    text = repr(view)
    assert "due today (14):" in text and "  10 question 10" in text and "  11 question 11" not in text
    assert "... and 4 more: %kerasq next takes them in order" in text
    html = view._repr_html_()
    assert html.count("<li>") == 10 and "and 4 more" in html


def test_progress_view_html_has_both_charts_and_escapes() -> None:
    html = ProgressView(report(), note="<b>note</b>")._repr_html_()
    assert html.count("<svg") == 2 and 'class="kerasq-sections"' in html and 'class="kerasq-history"' in html
    assert "Dropout &lt;layers&gt;" in html and "<layers>" not in html
    assert "&lt;b&gt;note&lt;/b&gt;" in html
