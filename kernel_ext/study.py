"""The plain functions behind `%kerasq next`, `%kerasq quiz` and `%kerasq progress`: bank and events in, views out."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Sequence

from kerasq.command_line import UsageProblem
from kerasq.events import Event
from kerasq.practice import find_question
from kerasq.schedule import (
    BOX_INTERVAL_DAYS,
    TOP_BOX,
    QuestionRef,
    choose_next,
    progress_report,
    replay,
)

if TYPE_CHECKING:
    from kerasq.content.bank import Bank
    from kerasq.progress_view import ProgressView
    from kerasq.quiz import QuizCard
    from kerasq.study_views import NextView

UNREADABLE = "Your progress file could not be read (see the warning), so this ignores your history."


def now() -> datetime:
    """The current local time, time-zone aware (the clock every view uses unless a test injects one)."""
    return datetime.now().astimezone()


def question_refs(bank: "Bank") -> tuple[QuestionRef, ...]:
    """What the schedule needs from each question of the bank, in bank order."""
    return tuple(
        QuestionRef(question.id, question.section, question.title, bool(question.quiz), question.has_exercise)
        for question in bank.questions
    )


def next_question(bank: "Bank", events: Sequence[Event], clock: datetime, note: str = "") -> "NextView":
    """The question the schedule picks, with its reason, as a view (the caller places the scaffold)."""
    from kerasq.practice import show_question
    from kerasq.study_views import NextView

    refs = question_refs(bank)
    pick = choose_next(refs, replay(events, refs, clock), clock)
    if pick is None:
        raise UsageProblem("the question bank is empty: there is nothing to practise")
    return NextView(show_question(bank, pick.question.id), pick.reason, note)


def quiz_card(bank: "Bank", events: Sequence[Event], clock: datetime, token: str | None = None) -> "QuizCard":
    """The quiz card to ask: an item of question ``token``, or of the question the schedule picks among quizzes."""
    from kerasq.quiz import least_recent_item, make_card

    with_quiz = [question.id for question in bank.questions if question.quiz]
    if not with_quiz:
        raise UsageProblem("no question in the bank has quiz items")
    if token is not None:
        question = find_question(bank, token, "quiz")
        if not question.quiz:
            listed = ", ".join(map(str, with_quiz))
            raise UsageProblem(f"question {question.id} has no quiz items; questions with a quiz: {listed}")
        reason = ""
    else:
        refs = tuple(ref for ref in question_refs(bank) if ref.has_quiz)
        pick = choose_next(refs, replay(events, refs, clock), clock)
        assert pick is not None  # refs is not empty
        question = bank.get(pick.question.id)
        reason = pick.reason
    item = least_recent_item(question.id, len(question.quiz), events)
    return make_card(question, item, reason)


def progress(bank: "Bank", events: Sequence[Event], clock: datetime, note: str = "") -> "ProgressView":
    """The progress view for ``events`` at ``clock``."""
    from kerasq.progress_view import ProgressView

    return ProgressView(progress_report(question_refs(bank), events, clock), note)


def review_note(bank: "Bank", events: Sequence[Event], question: int, clock: datetime) -> str:
    """One sentence on where ``question`` now sits in the schedule and when it comes back."""
    refs = [ref for ref in question_refs(bank) if ref.id == question] or [QuestionRef(question, "", "")]
    state = replay(events, refs, clock)[question]
    due_on = state.due_on
    if state.box == 0 or due_on is None:
        return f"Question {question} has no successful review yet; it stays due."
    days = (due_on - clock.date()).days
    when = "today" if days <= 0 else ("tomorrow" if days == 1 else f"in {days} days")
    return (
        f"Question {question} is in box {state.box} of {TOP_BOX} (every {BOX_INTERVAL_DAYS[state.box]} "
        f"day{'s' if BOX_INTERVAL_DAYS[state.box] != 1 else ''}); next review {when}, {due_on:%a} {due_on.day} {due_on:%b}."
    )
