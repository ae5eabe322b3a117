"""`%kerasq next`, `%kerasq quiz [N] [--text]` and `%kerasq progress`: parse, call the plain functions, return a view.

Imports nothing from kerasq at module level, so `command_line` can take the argument definitions from here.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from kerasq.command_line import Command
    from kerasq.events import Event
    from kerasq.views import View


def configure_next(parser: argparse.ArgumentParser) -> None:
    """`%kerasq next` takes no arguments."""


def configure_quiz(parser: argparse.ArgumentParser) -> None:
    """`%kerasq quiz [N] [--text]`."""
    parser.add_argument("question", nargs="?", help="the question number (default: the one the schedule picks)")
    parser.add_argument("--text", action="store_true", help="ask with a text prompt instead of a widget")


def configure_progress(parser: argparse.ArgumentParser) -> None:
    """`%kerasq progress` takes no arguments."""


def _bank() -> Any:
    from kerasq.command_line import UsageProblem
    from kerasq.content.bank import load_bank
    from kerasq.content.errors import QuestionFileError

    try:
        return load_bank()
    except QuestionFileError as exc:
        raise UsageProblem(f"the question bank cannot be read: {exc}") from None


def _history(magics: Any) -> tuple[Sequence["Event"], str]:
    from kerasq.recorder import recorder_for
    from kerasq.study import UNREADABLE

    events = recorder_for(magics).events()
    return (events, "") if events is not None else ([], UNREADABLE)


def _wants_widget(shell: Any) -> bool:
    """Widgets need a Jupyter kernel (terminal IPython has none) and ipywidgets."""
    if getattr(shell, "kernel", None) is None:
        return False
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True


def next_handler(magics: Any, command: "Command", cell: str | None) -> "View":
    """Pick the next question and place its scaffold in the cell, as `%kerasq N` does."""
    from kerasq import practice, study

    events, note = _history(magics)
    view = study.next_question(_bank(), events, study.now(), note)
    magics.shell.set_next_input(practice.cell_for_question(view.question), replace=True)
    return view


def quiz_handler(magics: Any, command: "Command", cell: str | None) -> "View":
    """A quiz card (a widget in Jupyter, a text prompt in a terminal or with --text)."""
    from kerasq import study

    events, _ = _history(magics)
    card = study.quiz_card(_bank(), events, study.now(), command.args.question)
    if command.args.text or not _wants_widget(magics.shell):
        from kerasq.quiz_prompt import run_text_quiz

        return run_text_quiz(card)
    from kerasq.quiz_widget import QuizWidgetView

    return QuizWidgetView(card)


def progress_handler(magics: Any, command: "Command", cell: str | None) -> "View":
    """Per-section mastery, streak, what is due, and the chart."""
    from kerasq import study

    events, note = _history(magics)
    return study.progress(_bank(), events, study.now(), note)
