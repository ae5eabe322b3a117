"""`kerasq progress [--export FILE.json | --import FILE.json | --reset [--yes]]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def configure(parser: argparse.ArgumentParser) -> None:
    """The options of `kerasq progress`."""
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--export", metavar="FILE.json", help="write every recorded event to a JSON file")
    action.add_argument("--import", dest="import_file", metavar="FILE.json", help="merge events from an export (no duplicates)")
    action.add_argument("--reset", action="store_true", help="delete every recorded event (asks first)")
    parser.add_argument("--yes", action="store_true", help="with --reset: do not ask for confirmation")
    parser.add_argument("--force", action="store_true", help="with --export: overwrite FILE.json")


def _fail(message: str, status: int) -> int:
    print(f"kerasq progress: {message}", file=sys.stderr)
    return status


_ADVICE = {
    "damaged": "The file is damaged: `kerasq progress --reset` moves it aside and starts a fresh one.",
    "locked": "Another program keeps it locked; try again once it lets go.",
    "unwritable": "Check that you can write there, or set KERASQ_DATA_DIR to a folder you can.",
    "newer": "Use that newer kerasq, or set KERASQ_DATA_DIR to another folder.",
}


def _store_failure(error: Exception) -> int:
    return _fail(f"cannot use {error}. {_ADVICE.get(getattr(error, 'problem', ''), '')}".rstrip(), EXIT_FAILED)


def _show() -> int:
    from kerasq.content.bank import load_bank
    from kerasq.store import read_events
    from kerasq.study import now, progress

    print(progress(load_bank(), read_events(), now()).text())
    return EXIT_OK


def _export(target: str, force: bool) -> int:
    from kerasq.store import default_path, read_events
    from kerasq.transfer import write_export

    events = read_events()
    write_export(Path(target), events, force)
    print(f"wrote {len(events)} event(s) from {default_path()} to {target}")
    return EXIT_OK


def _import(source: str) -> int:
    from kerasq.store import Store
    from kerasq.transfer import read_import

    events = read_import(Path(source))
    with Store.open() as store:
        report = store.merge(events)
        path = store.path
    print(f"imported {report.added} new event(s) into {path}; {report.present} were already there", end="")
    if report.conflicting:
        print(f"; {report.conflicting} had a known id but different content, so the copy already there was kept", end="")
    print(".")
    return EXIT_OK


def _reset(yes: bool, ask: Callable[[str], str]) -> int:
    from kerasq.store import Store, StoreError, default_path, reset_file

    path = default_path()
    if not path.exists():
        print(f"nothing to reset: {path} does not exist.")
        return EXIT_OK
    try:
        with Store.open(path) as store:
            question = (
                f"Delete all {store.count()} recorded event(s) in {path}? This cannot be undone "
                "(keep a copy first with: kerasq progress --export FILE.json). Type yes to confirm: "
            )
    except StoreError as exc:
        if exc.problem != "damaged":
            raise
        question = f"{path} is damaged ({exc.reason}). Move it aside and start a fresh one? Type yes to confirm: "
    if not yes:
        try:
            answer = ask(question)
        except (EOFError, KeyboardInterrupt):
            answer = ""
        if answer.strip().lower() not in ("yes", "y"):
            return _fail("not confirmed; nothing was deleted (pass --yes to reset without asking).", EXIT_FAILED)
    report = reset_file(path)
    if report.moved_to is not None:
        print(f"moved the damaged file to {report.moved_to}; a fresh one starts with your next step.")
    else:
        print(f"deleted {report.deleted} event(s) from {path}.")
    return EXIT_OK


def run(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    """Show progress, or export, import or reset it; 0 done, 1 failed or not confirmed, 2 usage error."""
    from kerasq.store import StoreError
    from kerasq.transfer import TransferError

    if args.yes and not args.reset:
        return _fail("--yes only goes with --reset", EXIT_USAGE)
    if args.force and not args.export:
        return _fail("--force only goes with --export", EXIT_USAGE)
    try:
        if args.export:
            return _export(args.export, args.force)
        if args.import_file:
            return _import(args.import_file)
        if args.reset:
            return _reset(args.yes, ask)
        return _show()
    except TransferError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except StoreError as exc:
        return _store_failure(exc)
