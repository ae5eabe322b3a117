"""Spaced repetition: from the event log and a clock to what is due, what is mastered, and why.

The schedule is a Leitner system with five boxes. Every question starts outside the boxes (box 0).
A *review* is a graded outcome: a quiz self-grade (again / hard / good / easy), or a passing check,
which grades itself from what happened since the previous review:

- ``good``: passed with no failed check, hint or revealed answer in between;
- ``hard``: passed after failed checks or hints;
- ``again``: passed after revealing the answer.

A review moves the question between boxes: ``again`` to box 1, ``hard`` stays (at least box 1),
``good`` up one box, ``easy`` up two (at most box 5). Only one promotion per question counts per
day, so re-running a passing check ten times is one review, not ten. A failed check, a hint or a
reveal never moves a question by itself; it lowers the grade of the next passing check. A check
that fails because the exercise is "not attempted" yet (the untouched scaffold) is not a struggle.

A question in box ``b`` is due ``BOX_INTERVAL_DAYS[b]`` days (1, 3, 7, 14, 30) after the day of
its last review. A question that was started (shown, hinted, checked...) but has no review yet is due
from the day it was started. A question is *mastered* in box 4 or 5 (it has been recalled on
several separate days, the last gap at least a week), *practising* when started but not mastered, and
*not started* when it has no event at all.

``choose_next`` picks, in order: the due question that has waited longest (then the lower box, then
bank order); otherwise the first question not started yet, in bank order; otherwise the question
that comes due soonest, as early practice. Everything here is pure: events and a clock in, plain
data out; days are calendar days in the clock's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Iterable, Sequence

from kerasq.events import Event

BOX_INTERVAL_DAYS: tuple[int, ...] = (0, 1, 3, 7, 14, 30)  # index: box
TOP_BOX = len(BOX_INTERVAL_DAYS) - 1
MASTERED_BOX = 4
GRADE_STEPS = {"good": 1, "easy": 2}
STATUSES: tuple[str, ...] = ("mastered", "practising", "not started")


@dataclass(frozen=True)
class QuestionRef:
    """What the schedule needs to know about a question of the bank."""

    id: int
    section: str
    title: str
    has_quiz: bool = False
    has_exercise: bool = False


@dataclass(frozen=True)
class Review:
    """One graded outcome and what it did to the question's box."""

    on: date
    grade: str
    source: str  # "check" or "quiz"
    box_before: int
    box_after: int


@dataclass(frozen=True)
class QuestionState:
    """A question's place in the schedule at some moment."""

    question: int
    box: int = 0
    started_on: date | None = None
    last_review: Review | None = None
    reviews: int = 0

    @property
    def started(self) -> bool:
        """Whether the question has any event at all."""
        return self.started_on is not None

    @property
    def due_on(self) -> date | None:
        """The day the question is due (None while it is not started)."""
        if self.last_review is not None:
            return self.last_review.on + timedelta(days=BOX_INTERVAL_DAYS[self.box])
        return self.started_on

    @property
    def status(self) -> str:
        """'mastered', 'practising' or 'not started'."""
        if not self.started:
            return "not started"
        return "mastered" if self.box >= MASTERED_BOX else "practising"

    def is_due(self, today: date) -> bool:
        """Whether the question is due on or before ``today``."""
        due_on = self.due_on
        return due_on is not None and due_on <= today


@dataclass
class _Tracker:
    question: int
    box: int = 0
    started_on: date | None = None
    last_review: Review | None = None
    reviews: int = 0
    promoted_on: date | None = None
    hints: int = 0
    fails: int = 0
    revealed: bool = False

    def grade(self, grade: str, day: date, source: str) -> None:
        before = self.box
        if grade == "again":
            self.box = 1
        elif grade in GRADE_STEPS and self.promoted_on != day:
            self.box = min(self.box + GRADE_STEPS[grade], TOP_BOX)
            self.promoted_on = day
        else:  # hard, or a second promotion on the same day
            self.box = max(self.box, 1)
        self.last_review = Review(day, grade, source, before, self.box)
        self.reviews += 1
        self.hints = self.fails = 0
        self.revealed = False

    def frozen(self) -> QuestionState:
        return QuestionState(self.question, self.box, self.started_on, self.last_review, self.reviews)


def check_grade(hints: int, fails: int, revealed: bool) -> str:
    """The grade a passing check earns after ``hints``, ``fails`` and a possible reveal since the last review."""
    if revealed:
        return "again"
    return "hard" if hints or fails else "good"


def _not_attempted(event: Event) -> bool:
    finding = event.detail.get("finding")
    return isinstance(finding, dict) and finding.get("status") == "not attempted"


class Replay:
    """Folds events (in time order) into question states; feed it with `apply`, read it with `state`."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self._trackers: dict[int, _Tracker] = {}

    def day_of(self, event: Event) -> date:
        """The calendar day of ``event`` in this replay's time zone."""
        return datetime.fromtimestamp(event.ts, self.tz).date()

    def apply(self, event: Event) -> None:
        """Account for one event; events must arrive oldest first."""
        day = self.day_of(event)
        tracker = self._trackers.setdefault(event.question, _Tracker(event.question))
        if tracker.started_on is None:
            tracker.started_on = day
        if event.kind == "hint":
            tracker.hints += 1
        elif event.kind == "answer":
            tracker.revealed = True
        elif event.kind == "check" and event.outcome == "fail" and not _not_attempted(event):
            tracker.fails += 1
        elif event.kind == "check" and event.outcome == "pass":
            tracker.grade(check_grade(tracker.hints, tracker.fails, tracker.revealed), day, "check")
        elif event.kind == "quiz" and event.outcome is not None:
            tracker.grade(event.outcome, day, "quiz")

    def state(self, question: int) -> QuestionState:
        """The state of ``question`` after the events applied so far."""
        tracker = self._trackers.get(question)
        return tracker.frozen() if tracker else QuestionState(question)


def ordered(events: Iterable[Event]) -> list[Event]:
    """Events oldest first (ties broken by id, so the order never depends on how they were read)."""
    return sorted(events, key=lambda event: (event.ts, event.id))


def replay(events: Iterable[Event], questions: Sequence[QuestionRef], now: datetime) -> dict[int, QuestionState]:
    """The state of every question in ``questions`` after all ``events``."""
    run = Replay(_zone(now))
    for event in ordered(events):
        run.apply(event)
    return {ref.id: run.state(ref.id) for ref in questions}


def _zone(now: datetime) -> tzinfo:
    if now.tzinfo is None:
        raise ValueError("the clock must give time-zone-aware datetimes")
    return now.tzinfo


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def _days(count: int) -> str:
    return f"{count} day" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class Pick:
    """The question to practise next and, in words, why."""

    question: QuestionRef
    reason: str
    state: QuestionState
    kind: str  # "due", "new" or "early"


def _why_due(ref: QuestionRef, state: QuestionState, today: date) -> str:
    due_on = state.due_on
    assert due_on is not None
    late = (today - due_on).days
    when = "due today" if late == 0 else f"due for {_days(late)}"
    if state.last_review is None:
        assert state.started_on is not None
        return f"{when}: you started it on {_day(state.started_on)} and have not passed its check or graded its quiz yet"
    review = state.last_review
    return (
        f"{when}: your last review, on {_day(review.on)}, was '{review.grade}' ({review.source}), which put it in "
        f"box {state.box} of {TOP_BOX}; box {state.box} comes back every {_days(BOX_INTERVAL_DAYS[state.box])}"
    )


def choose_next(
    questions: Sequence[QuestionRef], states: dict[int, QuestionState], now: datetime
) -> Pick | None:
    """The question to practise next among ``questions`` (in bank order), or None if there are none."""
    if not questions:
        return None
    today = now.astimezone(_zone(now)).date()
    order = {ref.id: index for index, ref in enumerate(questions)}
    stateof = {ref.id: states.get(ref.id, QuestionState(ref.id)) for ref in questions}
    due = [ref for ref in questions if stateof[ref.id].is_due(today)]
    if due:
        ref = min(due, key=lambda r: (stateof[r.id].due_on, stateof[r.id].box, order[r.id]))
        return Pick(ref, _why_due(ref, stateof[ref.id], today), stateof[ref.id], "due")
    fresh = [ref for ref in questions if not stateof[ref.id].started]
    if fresh:
        ref = fresh[0]
        reason = (
            f"nothing is due for review; it is the first of the {len(fresh)} question"
            f"{'' if len(fresh) == 1 else 's'} you have not started"
        )
        return Pick(ref, reason, stateof[ref.id], "new")
    ref = min(questions, key=lambda r: (stateof[r.id].due_on, stateof[r.id].box, order[r.id]))
    state = stateof[ref.id]
    assert state.due_on is not None
    reason = (
        f"nothing is due until {_day(state.due_on)} and every question is started; "
        f"this one comes back soonest (box {state.box} of {TOP_BOX}), so this is early practice"
    )
    return Pick(ref, reason, state, "early")


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days ending today, or ending yesterday if nothing is recorded today yet."""
    active = set(days)
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class SectionProgress:
    """How many questions of a section are mastered, practising and not started."""

    section: str
    mastered: int
    practising: int
    not_started: int

    @property
    def total(self) -> int:
        """Questions in the section."""
        return self.mastered + self.practising + self.not_started


@dataclass(frozen=True)
class DueItem:
    """A question due today or earlier."""

    question: QuestionRef
    due_on: date
    box: int
    overdue_days: int


@dataclass(frozen=True)
class DayPoint:
    """The totals at the end of one day."""

    day: date
    mastered: int
    practising: int
    events: int


@dataclass(frozen=True)
class ProgressReport:
    """Everything the progress view shows, as plain data."""

    today: date
    sections: tuple[SectionProgress, ...]
    streak: int
    practised_today: bool
    due: tuple[DueItem, ...]
    history: tuple[DayPoint, ...]
    events: int
    next_due: date | None = None
    total: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", sum(section.total for section in self.sections))

    @property
    def mastered(self) -> int:
        """Mastered questions in all sections."""
        return sum(section.mastered for section in self.sections)

    @property
    def practising(self) -> int:
        """Questions being practised in all sections."""
        return sum(section.practising for section in self.sections)


def _sections(questions: Sequence[QuestionRef], states: dict[int, QuestionState]) -> tuple[SectionProgress, ...]:
    counts: dict[str, dict[str, int]] = {}
    for ref in questions:
        bucket = counts.setdefault(ref.section, dict.fromkeys(STATUSES, 0))
        bucket[states[ref.id].status] += 1
    return tuple(
        SectionProgress(section, bucket["mastered"], bucket["practising"], bucket["not started"])
        for section, bucket in counts.items()
    )


def _history(
    events: list[Event], questions: Sequence[QuestionRef], tz: tzinfo, today: date, days: int
) -> tuple[DayPoint, ...]:
    if not events:
        return ()
    run = Replay(tz)
    first = run.day_of(events[0])
    start = max(first, today - timedelta(days=days - 1))
    points: list[DayPoint] = []
    index = 0
    day = start
    while day <= today:
        todays = 0
        while index < len(events) and run.day_of(events[index]) <= day:
            todays += run.day_of(events[index]) == day
            run.apply(events[index])
            index += 1
        statuses = [run.state(ref.id).status for ref in questions]
        points.append(DayPoint(day, statuses.count("mastered"), statuses.count("practising"), todays))
        day += timedelta(days=1)
    return tuple(points)


def progress_report(
    questions: Sequence[QuestionRef], events: Iterable[Event], now: datetime, history_days: int = 30
) -> ProgressReport:
    """Per-section counts, streak, what is due, and daily totals over the last ``history_days`` days."""
    tz = _zone(now)
    today = now.astimezone(tz).date()
    timeline = ordered(events)
    states = replay(timeline, questions, now)
    order = {ref.id: index for index, ref in enumerate(questions)}
    due = sorted(
        (
            DueItem(ref, states[ref.id].due_on, states[ref.id].box, (today - states[ref.id].due_on).days)  # type: ignore[arg-type, operator]
            for ref in questions
            if states[ref.id].is_due(today)
        ),
        key=lambda item: (item.due_on, item.box, order[item.question.id]),
    )
    upcoming = [states[ref.id].due_on for ref in questions if states[ref.id].started and not states[ref.id].is_due(today)]
    run = Replay(tz)
    days = {run.day_of(event) for event in timeline}
    return ProgressReport(
        today=today,
        sections=_sections(questions, states),
        streak=streak(days, today),
        practised_today=today in days,
        due=tuple(due),
        history=_history(timeline, questions, tz, today, history_days),
        events=len(timeline),
        next_due=min(upcoming) if upcoming else None,  # type: ignore[type-var]
    )
