"""Parse a `%kerasq` line into a subcommand and its arguments, with one-line usage errors."""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass
from typing import Callable, NoReturn

from kerasq.study_commands import configure_next, configure_progress, configure_quiz


class UsageProblem(ValueError):
    """The line cannot be understood; the message says what is valid."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser that raises `UsageProblem` instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageProblem(f"{self.prog}: {message}. Usage: {self.format_usage().strip().removeprefix('usage: ')}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise UsageProblem((message or self.format_help()).strip())


@dataclass(frozen=True)
class Command:
    """A parsed line: the subcommand's name and its arguments."""

    name: str
    args: argparse.Namespace


def _list(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--section", help="only questions whose section contains this text")
    parser.add_argument("--tag", help="only questions with this tag")


def _question(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="?", help="the question number")


def _hint(parser: argparse.ArgumentParser) -> None:
    _question(parser)
    parser.add_argument("--level", type=int, default=1, help="1 for the gentlest hint; higher is more specific")


def _search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="+", help="words to look for")


# Subcommand name -> (how to configure its parser, one-line description). Other modules add theirs.
SUBCOMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], str]] = {
    "list": (_list, "list the questions"),
    "show": (_question, "show question N and put its scaffold in the cell"),
    "hint": (_hint, "show a hint for question N"),
    "answer": (_question, "reveal the answer to question N"),
    "search": (_search, "find questions about a topic"),
    "check": (_question, "check your exercise against the reference"),
    "next": (configure_next, "practise the question the review schedule picks, and say why"),
    "quiz": (configure_quiz, "quiz yourself on question N (default: the one the schedule picks)"),
    "progress": (configure_progress, "show what you have mastered, your streak and what is due"),
}


def valid_commands() -> str:
    """The subcommands and the bare-number form, for error messages."""
    return ", ".join(["N (a question number)", *SUBCOMMANDS])


def parse_line(line: str) -> Command:
    """Parse the text after `%kerasq`: empty lists, a number shows, otherwise a subcommand."""
    try:
        tokens = shlex.split(line)
    except ValueError as exc:
        raise UsageProblem(f"cannot read the line ({exc}); valid commands: {valid_commands()}") from None
    if not tokens:
        return Command("list", argparse.Namespace(section=None, tag=None))
    head, rest = tokens[0], tokens[1:]
    if head.lstrip("-").isdigit() and head not in SUBCOMMANDS:
        head, rest = "show", tokens
    if head not in SUBCOMMANDS:
        raise UsageProblem(f"unknown command '{head}'; valid commands: {valid_commands()}")
    configure, description = SUBCOMMANDS[head]
    parser = _Parser(prog=f"%kerasq {head}", description=description, add_help=False)
    configure(parser)
    return Command(head, parser.parse_args(rest))
