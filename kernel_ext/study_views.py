"""Output objects of `%kerasq next` and the text form of `%kerasq quiz`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kerasq.render import esc, wrap
from kerasq.views import QuestionView, View

if TYPE_CHECKING:
    from kerasq.content.question import Question
    from kerasq.quiz import Feedback, QuizCard, QuizOutcome


@dataclass(frozen=True, repr=False)
class NextView(View):
    """The question chosen by the schedule, why it was chosen, and the question itself (as `%kerasq N` shows it)."""

    shown: QuestionView
    reason: str
    note: str = ""

    @property
    def question(self) -> "Question":
        """The chosen question."""
        return self.shown.question

    def _quiz_tip(self) -> str:
        number = self.question.id
        return f"Quiz yourself on it: %kerasq quiz {number}" if self.question.quiz else ""

    def text(self) -> str:
        lines = [f"Next: question {self.question.id}", wrap(f"Why: {self.reason}.", indent="  "), "", self.shown.text()]
        if self._quiz_tip():
            lines.append(self._quiz_tip())
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)

    def html(self) -> str:
        tip = f"<p><code>{esc(self._quiz_tip())}</code></p>" if self._quiz_tip() else ""
        note = f"<p><em>{esc(self.note)}</em></p>" if self.note else ""
        return (
            f'<p style="border-left:4px solid #2e7d32;padding-left:8px"><strong>Next: question {self.question.id}</strong>'
            f"<br>Why: {esc(self.reason)}.</p>{self.shown.html()}{tip}{note}"
        )


def card_text(card: "QuizCard") -> str:
    """The card as the terminal prompt shows it: heading, reason, prompt, lettered choices."""
    lines = [card.heading]
    if card.reason:
        lines.append(wrap(f"Why this one: {card.reason}.", indent="  "))
    lines += ["", wrap(card.prompt), ""]
    lines += [wrap(card.label(index), indent="  ") for index in range(len(card.choices))]
    return "\n".join(lines)


def feedback_text(feedback: "Feedback") -> str:
    """The reveal: the verdict on the pick and the explanation."""
    return f"{feedback.verdict}\n{wrap(feedback.explanation, indent='  ')}"


@dataclass(frozen=True, repr=False)
class QuizResultView(View):
    """A finished (or cancelled) text quiz; the prompt already printed the card and the reveal."""

    card: "QuizCard"
    feedback: "Feedback | None" = None
    outcome: "QuizOutcome | None" = None
    note: str = ""

    def _summary(self) -> str:
        if self.outcome is None:
            return "Quiz cancelled; nothing was recorded."
        return f"You graded question {self.card.question} '{self.outcome.grade}'." + (f" {self.note}" if self.note else "")

    def text(self) -> str:
        return f"{self.card.heading}\n{self._summary()}"

    def html(self) -> str:
        return f"<p><small>{esc(self.card.heading)}</small><br>{esc(self._summary())}</p>"
