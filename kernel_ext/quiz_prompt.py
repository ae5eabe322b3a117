"""The quiz as a text prompt, for terminal IPython (and `%kerasq quiz --text` anywhere)."""

from __future__ import annotations

import builtins
from typing import Callable, TypeVar

from kerasq.quiz import GRADE_HELP, QuizAttempt, QuizCard, QuizError, parse_choice, parse_grade
from kerasq.study_views import QuizResultView, card_text, feedback_text

T = TypeVar("T")
TRIES = 3


class _GaveUp(Exception):
    pass


def _ask(ask: Callable[[str], str], say: Callable[[str], None], prompt: str, parse: Callable[[str], T]) -> T:
    for _ in range(TRIES):
        try:
            return parse(ask(prompt))
        except QuizError as exc:
            say(str(exc))
    say(f"No readable answer after {TRIES} tries.")
    raise _GaveUp


def run_text_quiz(
    card: QuizCard, ask: Callable[[str], str] | None = None, say: Callable[[str], None] = print
) -> QuizResultView:
    """Ask ``card`` with ``ask`` (``input`` by default), reveal, take a self-grade; Ctrl-C or EOF cancels."""
    ask = ask or builtins.input  # looked up per call: IPython kernels swap ``input`` for their own
    attempt = QuizAttempt(card)
    say(card_text(card))
    last = "abcdef"[len(card.choices) - 1]
    try:
        chosen = _ask(ask, say, f"\nYour answer (a-{last}, or Enter to just reveal): ", lambda text: parse_choice(text, len(card.choices)))
        say(feedback_text(attempt.reveal(chosen)))
        say("How well did you know it?  " + "  ".join(f"{n} {g} ({h})" for n, (g, h) in enumerate(GRADE_HELP.items(), 1)))
        outcome = attempt.grade(_ask(ask, say, "Your grade (1-4): ", parse_grade))
    except (EOFError, KeyboardInterrupt, NotImplementedError, _GaveUp):
        # NotImplementedError: a frontend without stdin (IPython raises StdinNotImplementedError).
        return QuizResultView(card, attempt.feedback, None)
    return QuizResultView(card, attempt.feedback, outcome)
