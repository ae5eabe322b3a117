"""The `%kerasq` magic: parse the line, call a plain function, return what it built."""

from __future__ import annotations

from typing import Any, Callable

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class

from kerasq import practice
from kerasq.command_line import Command, UsageProblem, parse_line
from kerasq.recording import record_command
from kerasq.study_commands import next_handler, progress_handler, quiz_handler
from kerasq.views import View


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
        """Check an exercise: `%kerasq check N` reads the notebook's names; `%%kerasq check N` runs the cell first."""
        from kerasq.check_view import CheckResult
        from kerasq.checker import run_check
        from kerasq.run_source import run_source, without_check_lines

        question = practice.find_question(_bank(), command.args.question, "check")
        if cell is not None:
            source = without_check_lines(cell)
            filename = self.shell.compile.cache(source)  # so tracebacks and findings can quote the cell's lines
            problem = run_source(source, self.shell.user_ns, filename, "the cell", transform=self.shell.transform_cell)
            if problem is not None:
                return CheckResult(question.id, question.title, (problem,))
        return run_check(question.id, None, self.shell.user_ns)


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
