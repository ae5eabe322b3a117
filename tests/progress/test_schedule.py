"""The Leitner schedule, driven by an injected clock: deterministic, day-based, explainable."""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kerasq.events import Event
from kerasq.schedule import (
    BOX_INTERVAL_DAYS,
    MASTERED_BOX,
    TOP_BOX,
    QuestionRef,
    check_grade,
    choose_next,
    progress_report,
    replay,
    streak,
)

PLUS2 = timezone(timedelta(hours=2))
BANK = (
    QuestionRef(1, "Basics", "one", has_quiz=True),
    QuestionRef(2, "Basics", "two", has_exercise=True),
    QuestionRef(3, "Layers", "three", has_exercise=True),
    QuestionRef(4, "Layers", "four", has_quiz=True, has_exercise=True),
)
_ids = itertools.count(1)


def clock(day: int, hour: int = 12, minute: int = 0, tz: timezone = PLUS2) -> datetime:
    """A moment in May 2030 (day 1 = Wed 1 May), in ``tz``."""
    return datetime(2030, 5, 1, hour, minute, tzinfo=tz) + timedelta(days=day - 1)


def ev(kind: str, question: int, outcome: str | None = None, when: datetime | None = None, **detail) -> Event:
    return Event(f"{next(_ids):032x}", (when or clock(1)).timestamp(), kind, question, outcome, detail)


def state_after(events: list[Event], question: int, now: datetime):
    return replay(events, BANK, now)[question]


def test_nothing_recorded_offers_the_first_question() -> None:
    pick = choose_next(BANK, replay([], BANK, clock(1)), clock(1))
    assert pick is not None and pick.question.id == 1 and pick.kind == "new"
    assert "first of the 4 questions you have not started" in pick.reason
    assert all(state.status == "not started" and state.due_on is None for state in replay([], BANK, clock(1)).values())


def test_a_clean_pass_goes_to_box_one_and_is_due_tomorrow() -> None:
    events = [ev("shown", 2), ev("check", 2, "pass", clock(1, 14))]
    state = state_after(events, 2, clock(1, 20))
    assert (state.box, state.last_review.grade, state.last_review.source) == (1, "good", "check")
    assert state.due_on == date(2030, 5, 2)
    assert not state.is_due(date(2030, 5, 1)) and state.is_due(date(2030, 5, 2))


@pytest.mark.parametrize(
    ("hints", "fails", "revealed", "grade"),
    [(0, 0, False, "good"), (1, 0, False, "hard"), (0, 2, False, "hard"), (1, 1, True, "again"), (0, 0, True, "again")],
)
def test_a_passing_check_grades_itself_from_what_came_before(hints: int, fails: int, revealed: bool, grade: str) -> None:
    assert check_grade(hints, fails, revealed) == grade


def test_struggles_since_the_last_review_lower_the_next_passing_check() -> None:
    events = [ev("check", 2, "pass", clock(1)), ev("check", 2, "pass", clock(2))]  # box 2
    assert state_after(events, 2, clock(2)).box == 2
    events += [ev("check", 2, "fail", clock(5)), ev("hint", 2, when=clock(5, 13)), ev("check", 2, "pass", clock(5, 14))]
    state = state_after(events, 2, clock(5, 15))
    assert (state.box, state.last_review.grade) == (2, "hard")
    assert state.due_on == date(2030, 5, 5) + timedelta(days=BOX_INTERVAL_DAYS[2])
    events += [ev("answer", 2, when=clock(8)), ev("check", 2, "pass", clock(8, 13))]
    state = state_after(events, 2, clock(8, 14))
    assert (state.box, state.last_review.grade) == (1, "again")
    # The struggle is forgotten once graded: the next clean pass is "good" again.
    events.append(ev("check", 2, "pass", clock(9)))
    assert state_after(events, 2, clock(9)).last_review.grade == "good"


def test_running_the_untouched_scaffold_is_not_a_struggle() -> None:
    untouched = {"finding": {"status": "not attempted", "message": "`model` is still `...`"}}
    events = [ev("check", 2, "fail", clock(1, 9), **untouched), ev("check", 2, "pass", clock(1, 10))]
    assert state_after(events, 2, clock(1, 11)).last_review.grade == "good"
    wrong = {"finding": {"status": "fail", "message": "second Conv2D"}}
    events = [ev("check", 2, "fail", clock(1, 9), **wrong), ev("check", 2, "pass", clock(1, 10))]
    assert state_after(events, 2, clock(1, 11)).last_review.grade == "hard"


def test_quiz_grades_move_between_boxes() -> None:
    events = [ev("quiz", 1, "easy", clock(1))]
    assert state_after(events, 1, clock(1)).box == 2
    events.append(ev("quiz", 1, "good", clock(4)))
    assert state_after(events, 1, clock(4)).box == 3
    events.append(ev("quiz", 1, "hard", clock(11)))
    assert state_after(events, 1, clock(11)).box == 3
    events.append(ev("quiz", 1, "again", clock(18)))
    state = state_after(events, 1, clock(18))
    assert state.box == 1 and state.reviews == 4 and state.due_on == date(2030, 5, 19)


def test_only_one_promotion_per_question_per_day() -> None:
    events = [ev("check", 2, "pass", clock(1, 9 + n)) for n in range(5)]
    assert state_after(events, 2, clock(1, 20)).box == 1
    events.append(ev("quiz", 2, "easy", clock(2)))  # a new day: promotions count again
    assert state_after(events, 2, clock(2)).box == 3


def test_days_are_calendar_days_in_the_clocks_time_zone() -> None:
    # 21:30 and 22:30 UTC are the same day in UTC, but 23:30 and 00:30 (two days) at UTC+2.
    first = datetime(2030, 5, 1, 21, 30, tzinfo=timezone.utc)
    events = [ev("check", 3, "pass", first), ev("check", 3, "pass", first + timedelta(hours=1))]
    assert state_after(events, 3, clock(3, tz=timezone.utc)).box == 1
    assert state_after(events, 3, clock(3, tz=PLUS2)).box == 2


def test_mastery_needs_successes_on_separate_days() -> None:
    days = [1, 2, 5, 12]  # each review on its due day: boxes 1, 2, 3, 4
    events = [ev("check", 4, "pass", clock(day)) for day in days]
    state = state_after(events, 4, clock(12))
    assert state.box == MASTERED_BOX and state.status == "mastered"
    assert state_after(events[:3], 4, clock(5)).status == "practising"
    boxes = [state_after(events[: n + 1], 4, clock(day)).box for n, day in enumerate(days)]
    assert boxes == [1, 2, 3, 4]
    events += [ev("quiz", 4, "easy", clock(day)) for day in (26, 60, 90)]
    assert state_after(events, 4, clock(90)).box == TOP_BOX


def test_next_prefers_the_longest_waiting_due_question_and_explains() -> None:
    events = [
        ev("check", 3, "pass", clock(1)),  # box 1, due day 2
        ev("quiz", 1, "good", clock(2)),  # box 1, due day 3
        ev("shown", 4, when=clock(3)),  # started, no review: due from day 3
    ]
    now = clock(6)
    pick = choose_next(BANK, replay(events, BANK, now), now)
    assert pick.question.id == 3 and pick.kind == "due"
    assert pick.reason.startswith("due for 4 days: your last review, on Wed 1 May, was 'good' (check)")
    assert "box 1 comes back every 1 day" in pick.reason
    # Once 3 is reviewed, 1 and 4 are both due since day 3: the lower box (4 has no review, box 0) goes first.
    events.append(ev("check", 3, "pass", clock(6, 13)))
    pick = choose_next(BANK, replay(events, BANK, clock(6, 14)), clock(6, 14))
    assert pick.question.id == 4
    assert pick.reason == "due for 3 days: you started it on Fri 3 May and have not passed its check or graded its quiz yet"


def test_next_offers_new_questions_when_nothing_is_due_then_early_practice() -> None:
    events = [ev("check", 1, "pass", clock(1)), ev("check", 2, "pass", clock(1))]
    pick = choose_next(BANK, replay(events, BANK, clock(1, 18)), clock(1, 18))
    assert (pick.question.id, pick.kind) == (3, "new")
    assert "first of the 2 questions you have not started" in pick.reason
    events += [ev("quiz", 3, "easy", clock(1)), ev("quiz", 4, "good", clock(1))]
    pick = choose_next(BANK, replay(events, BANK, clock(1, 18)), clock(1, 18))
    assert (pick.question.id, pick.kind) == (1, "early")
    assert pick.reason.startswith("nothing is due until Thu 2 May and every question is started")


def test_events_for_questions_no_longer_in_the_bank_are_ignored() -> None:
    events = [ev("check", 42, "pass", clock(1))]
    states = replay(events, BANK, clock(2))
    assert set(states) == {1, 2, 3, 4} and all(not state.started for state in states.values())


def test_the_clock_must_know_its_time_zone() -> None:
    with pytest.raises(ValueError, match="time-zone-aware"):
        replay([], BANK, datetime(2030, 5, 1))


@pytest.mark.parametrize(
    ("active", "today", "expected"),
    [
        ([], 10, 0),
        ([10], 10, 1),
        ([8, 9, 10], 10, 3),
        ([8, 9], 10, 2),  # nothing yet today: yesterday's streak is still alive
        ([7, 8], 10, 0),  # a missed day breaks it
        ([5, 6, 8, 9, 10], 10, 3),
    ],
)
def test_streak(active: list[int], today: int, expected: int) -> None:
    day = lambda n: date(2030, 5, n)  # noqa: E731
    assert streak([day(n) for n in active], day(today)) == expected


def test_progress_report_counts_sections_due_streak_and_history() -> None:
    events = [ev("check", 4, "pass", clock(day)) for day in (1, 2, 5, 12)]  # mastered on day 12
    events += [ev("hint", 2, when=clock(11)), ev("quiz", 1, "good", clock(12)), ev("shown", 3, when=clock(12))]
    report = progress_report(BANK, events, clock(13), history_days=5)
    sections = {section.section: (section.mastered, section.practising, section.not_started) for section in report.sections}
    assert sections == {"Basics": (0, 2, 0), "Layers": (1, 1, 0)}
    assert (report.total, report.mastered, report.practising, report.events) == (4, 1, 3, 7)
    assert report.streak == 2 and not report.practised_today  # days 11 and 12; none yet on the 13th
    assert [(item.question.id, item.overdue_days) for item in report.due] == [(2, 2), (3, 1), (1, 0)]
    assert report.next_due == date(2030, 5, 26)
    assert [point.day.day for point in report.history] == [9, 10, 11, 12, 13]
    assert [(point.mastered, point.practising, point.events) for point in report.history] == [
        (0, 1, 0), (0, 1, 0), (0, 2, 1), (1, 3, 3), (1, 3, 0),
    ]


def test_progress_report_with_no_events() -> None:
    report = progress_report(BANK, [], clock(1))
    assert report.history == () and report.due == () and report.streak == 0 and report.next_due is None
    assert sum(section.not_started for section in report.sections) == 4


# -- properties over arbitrary logs ----------------------------------------------------------------------------

OUTCOMES = {"shown": [None], "hint": [None], "answer": [None], "check": ["pass", "fail"], "quiz": ["again", "hard", "good", "easy"]}
random_event = st.builds(
    lambda n, kind, pick, minutes, question: Event(
        f"{n:032x}", clock(1).timestamp() + 60 * minutes, kind, question, OUTCOMES[kind][pick % len(OUTCOMES[kind])], {}
    ),
    st.integers(0, 2**64),
    st.sampled_from(sorted(OUTCOMES)),
    st.integers(0, 3),
    st.integers(0, 60 * 24 * 60),
    st.integers(1, 5),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(random_event, max_size=60, unique_by=lambda event: event.id), st.integers(0, 70), st.randoms())
def test_any_log_gives_consistent_states(events: list[Event], day: int, shuffler: random.Random) -> None:
    now = clock(1) + timedelta(days=day)
    states = replay(events, BANK, now)
    shuffled = list(events)
    shuffler.shuffle(shuffled)
    assert replay(shuffled, BANK, now) == states  # the order events are read in never matters
    for state in states.values():
        assert 0 <= state.box <= TOP_BOX
        assert (state.last_review is None) == (state.reviews == 0)
        if state.last_review is not None:
            assert state.box >= 1 and state.due_on > state.last_review.on
    report = progress_report(BANK, events, now)
    assert sum(section.total for section in report.sections) == len(BANK)
    assert all(item.overdue_days >= 0 for item in report.due)
    pick = choose_next(BANK, states, now)
    assert pick is not None and pick.reason
    if report.due:
        assert pick.kind == "due" and pick.question.id == report.due[0].question.id
