"""The `kerasq` command line: list and read questions, write practice notebooks."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, Sequence

from kerasq import __version__, check_cli, progress_cli
from kerasq.command_line import UsageProblem

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _bank():  # noqa: ANN202 - the Bank type is imported lazily
    from kerasq.content.bank import load_bank

    return load_bank()


def run_list(args: argparse.Namespace) -> int:
    """Print the questions as aligned text or as JSON."""
    from kerasq.practice import list_questions

    table = list_questions(_bank(), args.section, args.tag)
    if args.json:
        rows = [
            {
                "number": question.id,
                "title": question.title,
                "section": question.section,
                "tags": list(question.tags),
                "has_exercise": question.has_exercise,
                "has_quiz": bool(question.quiz),
                "practice": question.practice_kind,
            }
            for question in table.questions
        ]
        print(json.dumps(rows, indent=2))
    else:
        print(table.text())
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """Print one question, its scaffold, and (with --answer) its answer."""
    from kerasq.practice import reveal_answer, show_question

    bank = _bank()
    print(show_question(bank, args.question).text())
    if args.answer:
        print()
        print(reveal_answer(bank, args.question).text())
    return EXIT_OK


def run_notebook(args: argparse.Namespace) -> int:
    """Write a practice notebook for the selected questions."""
    import nbformat

    from kerasq.notebook import practice_notebook
    from kerasq.ranges import parse_selection

    bank = _bank()
    numbers = parse_selection(args.questions, bank.ids)
    output = Path(args.output)
    if output.exists() and not args.force:
        raise UsageProblem(f"{output} exists; choose another name or pass --force to overwrite it")
    if not output.parent.is_dir():
        raise UsageProblem(f"the folder {output.parent} does not exist")
    notebook = practice_notebook(bank, numbers)
    nbformat.validate(notebook)
    output.write_text(nbformat.writes(notebook), encoding="utf-8")
    print(f"wrote {output} with {len(numbers)} question(s): {', '.join(map(str, numbers))}")
    return EXIT_OK


def _configure_list(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--section", help="only questions whose section contains this text")
    parser.add_argument("--tag", help="only questions with this tag")
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def _configure_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", help="the question number")
    parser.add_argument("--answer", action="store_true", help="also print the answer")


def _configure_notebook(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("questions", help="question numbers and ranges, for example 1-5,8")
    parser.add_argument("-o", "--output", required=True, help="the .ipynb file to write")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def _configure_lsp(parser: argparse.ArgumentParser) -> None:
    from kerasq.lsp.__main__ import configure

    configure(parser)


def run_lsp(args: argparse.Namespace) -> int:
    """Start the language server (stdio, or TCP with --tcp); it never imports keras."""
    from kerasq.lsp.__main__ import serve

    return serve(args)


# name -> (help, configure the subparser, run it). Other features add their subcommands here.
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "list": ("list the questions", _configure_list, run_list),
    "show": ("print one question", _configure_show, run_show),
    "notebook": ("write a practice notebook", _configure_notebook, run_notebook),
    "progress": ("show your progress; export, import or reset it", progress_cli.configure, progress_cli.run),
    "lsp": ("start the kerasq language server (stdio, or --tcp)", _configure_lsp, run_lsp),
    "check": ("check exercise N in a .py file (exit 0 pass, 1 fail, 2 usage)", check_cli.configure, check_cli.run),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="kerasq", description="Keras interview practice.")
    parser.add_argument("--version", action="version", version=f"kerasq {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, configure, run) in SUBCOMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        configure(sub)
        sub.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 failed, 2 usage error)."""
    from kerasq.content.errors import QuestionFileError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except UsageProblem as exc:
        print(f"kerasq {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except QuestionFileError as exc:
        print(f"kerasq: the question bank cannot be read: {exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
