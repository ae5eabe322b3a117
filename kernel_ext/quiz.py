"""Quiz logic, free of widgets and terminals: which item to ask, the reveal, the self-grade, and input parsing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from kerasq.events import GRADES, Event

if TYPE_CHECKING:
    from kerasq.content.question import Question

LETTERS = "abcdef"
GRADE_HELP = {
    "again": "I did not know it",
    "hard": "I got there, with effort",
    "good": "I knew it",
    "easy": "I knew it at once",
}


class QuizError(ValueError):
    """A quiz step that is not possible now, or an answer that cannot be read; the message says what is."""


@dataclass(frozen=True)
class QuizCard:
    """One quiz item as it is asked: plain data copied from the question."""

    question: int
    title: str
    section: str
    item: int
    items: int
    prompt: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    reason: str = ""

    @property
    def heading(self) -> str:
        """'Quiz · question 2 (item 3 of 5) · title'."""
        return f"Quiz · question {self.question} (item {self.item + 1} of {self.items}) · {self.title}"

    def label(self, index: int) -> str:
        """A choice with its letter: 'b) the text'."""
        return f"{LETTERS[index]}) {self.choices[index]}"


@dataclass(frozen=True)
class Feedback:
    """What the reveal shows: the right choice, and whether the learner's pick (if any) was it."""

    chosen: int | None
    correct: bool | None
    answer: str
    explanation: str

    @property
    def verdict(self) -> str:
        """One line on the learner's pick."""
        if self.correct is None:
            return f"The answer is {self.answer}"
        return f"Correct: {self.answer}" if self.correct else f"Not quite. The answer is {self.answer}"


@dataclass(frozen=True)
class QuizOutcome:
    """A graded quiz item: what gets recorded."""

    question: int
    item: int
    grade: str
    chosen: int | None
    correct: bool | None

    def detail(self) -> dict[str, Any]:
        """The event detail stored with the grade."""
        return {"item": self.item, "chosen": self.chosen, "correct": self.correct}


def least_recent_item(question: int, items: int, events: Iterable[Event]) -> int:
    """The item of ``question`` asked longest ago (never-asked items first, then in file order)."""
    last: dict[int, float] = {}
    for event in events:
        item = event.detail.get("item") if event.kind == "quiz" and event.question == question else None
        if isinstance(item, int) and not isinstance(item, bool) and 0 <= item < items:
            last[item] = max(last.get(item, event.ts), event.ts)
    return min(range(items), key=lambda index: (last.get(index, float("-inf")), index))


def make_card(question: "Question", item: int, reason: str = "") -> QuizCard:
    """The card for quiz item ``item`` (0-based) of ``question``."""
    if not question.quiz:
        raise QuizError(f"question {question.id} has no quiz items")
    if not 0 <= item < len(question.quiz):
        raise QuizError(f"question {question.id} has quiz items 1-{len(question.quiz)}")
    chosen = question.quiz[item]
    return QuizCard(
        question=question.id,
        title=question.title,
        section=question.section,
        item=item,
        items=len(question.quiz),
        prompt=chosen.prompt,
        choices=tuple(chosen.choices),
        answer=chosen.answer,
        explanation=chosen.explanation,
        reason=reason,
    )


class QuizAttempt:
    """One pass through a card: optionally choose, reveal, then grade exactly once."""

    def __init__(self, card: QuizCard) -> None:
        self.card = card
        self.feedback: Feedback | None = None
        self.outcome: QuizOutcome | None = None

    @property
    def revealed(self) -> bool:
        """Whether the answer has been shown."""
        return self.feedback is not None

    def reveal(self, chosen: int | None = None) -> Feedback:
        """Show the answer; ``chosen`` is the learner's pick (0-based) or None for no pick."""
        if self.feedback is not None:
            return self.feedback
        if chosen is not None and not 0 <= chosen < len(self.card.choices):
            raise QuizError(f"choose one of {LETTERS[0]}-{LETTERS[len(self.card.choices) - 1]}")
        correct = None if chosen is None else chosen == self.card.answer
        self.feedback = Feedback(chosen, correct, self.card.label(self.card.answer), self.card.explanation)
        return self.feedback

    def grade(self, grade: str) -> QuizOutcome:
        """Record how well the learner knew it; only after the reveal, and only once."""
        if grade not in GRADES:
            raise QuizError(f"grade with one of {', '.join(GRADES)}")
        if self.feedback is None:
            raise QuizError("reveal the answer before grading yourself")
        if self.outcome is not None:
            raise QuizError(f"this card is already graded '{self.outcome.grade}'")
        self.outcome = QuizOutcome(self.card.question, self.card.item, grade, self.feedback.chosen, self.feedback.correct)
        return self.outcome


def parse_choice(text: str, count: int) -> int | None:
    """A typed pick: a letter or a 1-based number; empty means reveal without picking."""
    value = text.strip().lower().rstrip(")")
    if not value:
        return None
    if len(value) == 1 and value in LETTERS[:count]:
        return LETTERS.index(value)
    if value.isdigit() and 1 <= int(value) <= count:
        return int(value) - 1
    raise QuizError(f"answer with a letter a-{LETTERS[count - 1]} or a number 1-{count}, or press Enter to reveal")


def parse_grade(text: str) -> str:
    """A typed self-grade: a grade's name, its first letter, or its number 1-4."""
    value = text.strip().lower()
    for number, grade in enumerate(GRADES, start=1):
        if value in (grade, grade[0], str(number)):
            return grade
    raise QuizError("grade yourself with 1 again, 2 hard, 3 good or 4 easy")
