"""`kerasq check FILE.py N`: run a practice file in a fresh namespace and check exercise N in it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kerasq.command_line import UsageProblem

EXIT_PASSED, EXIT_FAILED = 0, 1


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of `kerasq check`."""
    parser.add_argument("file", help="the .py file with your solution (IPython lines such as %%kerasq are skipped)")
    parser.add_argument("question", help="the question number")


def run(args: argparse.Namespace) -> int:
    """Run the file, check it, print the report; 0 if it passes, 1 if not (usage errors raise UsageProblem)."""
    from kerasq.check_view import CheckResult
    from kerasq.checker import run_check
    from kerasq.content.bank import load_bank
    from kerasq.practice import find_question
    from kerasq.run_source import run_source, strip_magics

    question = find_question(load_bank(), args.question, "check")
    if question.exercise is None:
        raise UsageProblem(f"question {question.id} is conceptual: it has no exercise to check (try: kerasq show {question.id} --answer)")
    path = Path(args.file)
    if not path.is_file():
        raise UsageProblem(f"{path} is not a file: give the path of the .py file to check")
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageProblem(f"{path} cannot be read: {exc}") from None
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # the backend's start-up chatter would bury the report
    namespace = {"__name__": "__main__", "__file__": str(path.resolve())}
    problem = run_source(strip_magics(source), namespace, str(path), path.name, folder=path.resolve().parent)
    if problem is not None:
        result = CheckResult(question.id, question.title, (problem,))
    else:
        result = run_check(question.id, None, namespace)
    print(result.text())
    return EXIT_PASSED if result.passed else EXIT_FAILED
