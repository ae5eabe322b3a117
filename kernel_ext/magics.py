"""The `%kerasq` magic: parse the line, call a plain function, return what it built."""

from __future__ import annotations

from typing import Any, Callable

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class

from kerasq import practice
from kerasq.command_line import Command, UsageProblem, parse_line
from kerasq.recording import record_command
from kerasq.study_commands import next_handler, progress_handler, quiz_handler
from kerasq.views import Message, View


def _bank() -> Any:
    from kerasq.content.bank import load_bank
    from kerasq.content.errors import QuestionFileError

    try:
        return load_bank()
    except QuestionFileError as exc:
        raise UsageProblem(f"the question bank cannot be read: {exc}") from None


@magics_class
class KerasqMagics(Magics):
    """`%kerasq [N | list | hint | answer | search | check ...]` (see `%kerasq?`)."""

    @line_cell_magic
    def kerasq(self, line: str, cell: str | None = None) -> View | None:
        """Keras interview practice. `%kerasq` lists questions; `%kerasq N` opens question N.

        Subcommands: `list [--section S] [--tag T]`, `N`, `hint N [--level K]`, `answer N`,
        `search TEXT`, `check N`, `next`, `quiz [N] [--text]`, `progress`. Errors are one-line usage
        messages that list what is valid.
        """
        try:
            command = parse_line(line)
            handler = COMMAND_HANDLERS[command.name]
            view = handler(self, command, cell)
        except UsageProblem as exc:
            raise UsageError(str(exc)) from None
        # The one place where practice is recorded (it never raises: a broken store warns once).
        return record_command(self, command, view)

    def show(self, command: Command, cell: str | None) -> View:
        """Show a question and replace the current cell with its scaffold (like IPython's `%load`)."""
        view = practice.show_question(_bank(), command.args.question)
        # Replacing the cell means re-running it never piles up copies: its `%kerasq N` line is commented out.
        self.shell.set_next_input(practice.cell_for_question(view.question), replace=True)
        return view

    def list(self, command: Command, cell: str | None) -> View:
        """List questions."""
        return practice.list_questions(_bank(), command.args.section, command.args.tag)

    def hint(self, command: Command, cell: str | None) -> View:
        """Show one hint."""
        return practice.hint(_bank(), command.args.question, command.args.level)

    def answer(self, command: Command, cell: str | None) -> View:
        """Reveal an answer."""
        return practice.reveal_answer(_bank(), command.args.question)

    def search(self, command: Command, cell: str | None) -> View:
        """Search the bank."""
        return practice.search_questions(_bank(), " ".join(command.args.text))

    def check(self, command: Command, cell: str | None) -> View:
        """Check an exercise (the checker is not part of this release yet)."""
        question = practice.find_question(_bank(), command.args.question, "check")
        return Message(f"checking is not available yet for question {question.id}; it arrives with the checker.")


Handler = Callable[[KerasqMagics, Command, "str | None"], "View | None"]

# Subcommand name -> handler. Extensions of the magic register theirs here and in command_line.SUBCOMMANDS.
COMMAND_HANDLERS: dict[str, Handler] = {
    "show": KerasqMagics.show,
    "list": KerasqMagics.list,
    "hint": KerasqMagics.hint,
    "answer": KerasqMagics.answer,
    "search": KerasqMagics.search,
    "check": KerasqMagics.check,
    "next": next_handler,
    "quiz": quiz_handler,
    "progress": progress_handler,
}
