"""`kerasq progress` through the real console script: show, export, import, reset, and their errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kerasq.events import new_event
from kerasq.store import DB_NAME, Store, read_events

KERASQ = shutil.which("kerasq") or str(Path(sys.executable).parent / "kerasq")


def cli(*args: str, stdin: str | None = None, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if data is not None:
        env["KERASQ_DATA_DIR"] = str(data)
    return subprocess.run([KERASQ, "progress", *args], input=stdin, capture_output=True, text=True, timeout=120, env=env)


def seed(count: int = 3) -> list:
    events = [new_event("check", 9, "pass" if n % 2 else "fail", {"finding": None}, ts=1.9e9 + n) for n in range(count)]
    with Store.open() as store:
        for event in events:
            store.record(event)
    return events


def test_progress_text(bank) -> None:
    empty = cli()
    assert empty.returncode == 0, empty.stderr
    assert f"0 of {len(bank.questions)} questions mastered, 0 practising (0 recorded steps)" in empty.stdout
    seed()
    shown = cli()
    assert shown.returncode == 0 and "1 practising (3 recorded steps)" in shown.stdout
    assert "Keras Model Architecture" in shown.stdout and "█ mastered" in shown.stdout


def test_export_then_import_elsewhere_merges_without_duplicates(tmp_path: Path) -> None:
    events = seed()
    target = tmp_path / "backup.json"
    exported = cli("--export", str(target))
    assert exported.returncode == 0 and "wrote 3 event(s)" in exported.stdout
    document = json.loads(target.read_text())
    assert document["format"] == "kerasq-progress" and document["version"] == 1
    assert [event["id"] for event in document["events"]] == [event.id for event in events]

    elsewhere = tmp_path / "other-machine"
    with Store.open(elsewhere / DB_NAME) as store:
        store.record(new_event("quiz", 2, "easy", {"item": 1}))
    first = cli("--import", str(target), data=elsewhere)
    assert first.returncode == 0 and "imported 3 new event(s)" in first.stdout and "0 were already there" in first.stdout
    second = cli("--import", str(target), data=elsewhere)
    assert second.returncode == 0 and "imported 0 new event(s)" in second.stdout and "3 were already there" in second.stdout
    merged = read_events(elsewhere / DB_NAME)
    assert len(merged) == 4 and {event.id for event in events} <= {event.id for event in merged}
    assert [e for e in merged if e.question == 9] == events


def test_import_keeps_our_copy_of_a_conflicting_event(tmp_path: Path) -> None:
    events = seed(1)
    document = {"format": "kerasq-progress", "version": 1, "events": [{**events[0].as_dict(), "outcome": "pass"}]}
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(document))
    result = cli("--import", str(source))
    assert result.returncode == 0 and "1 had a known id but different content" in result.stdout
    assert read_events() == events


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    seed(1)
    target = tmp_path / "mine.json"
    target.write_text("precious")
    refused = cli("--export", str(target))
    assert refused.returncode == 2 and "exists; choose another name or pass --force" in refused.stderr
    assert target.read_text() == "precious"
    assert cli("--export", str(target), "--force").returncode == 0
    assert json.loads(target.read_text())["events"]
    missing = cli("--export", str(tmp_path / "no" / "such" / "x.json"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def valid_document() -> dict:
    return {"format": "kerasq-progress", "version": 1, "events": [new_event("hint", 3, None, {"level": 1}).as_dict()]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "is not JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
        (b"\xff\xfe\x00binary", "is not a text file"),
        (b"[]", 'is not a kerasq progress export (it has no "format": "kerasq-progress")'),
        (json.dumps({"format": "kerasq-progress", "version": 9, "events": []}).encode(), "is export version 9; this kerasq reads version 1"),
        (json.dumps({**valid_document(), "events": [{"id": "x"}]}).encode(), "events[0].id: String should match pattern"),
        (
            json.dumps({**valid_document(), "events": [{**valid_document()["events"][0], "kind": "peek"}]}).encode(),
            "events[0].kind: Input should be 'shown', 'hint', 'answer', 'check' or 'quiz'",
        ),
        (
            json.dumps({**valid_document(), "events": [{**valid_document()["events"][0], "question": "3"}]}).encode(),
            "events[0].question: Input should be a valid integer",
        ),
        (
            json.dumps({**valid_document(), "events": [{**valid_document()["events"][0], "kind": "quiz", "outcome": "meh"}]}).encode(),
            "outcome 'meh' is not valid for a quiz event",
        ),
        (json.dumps({**valid_document(), "extra": 1}).encode(), "extra: Extra inputs are not permitted"),
    ],
    # Stable ids: the contents hold random event ids, and xdist workers must collect the same names.
    ids=["not-json", "binary", "no-format", "newer-version", "bad-id", "bad-kind", "bad-question", "bad-outcome", "extra-field"],
)
def test_malformed_import_files_are_refused_whole(tmp_path: Path, content: bytes, message: str) -> None:
    seed(2)
    source = tmp_path / "in.json"
    source.write_bytes(content)
    result = cli("--import", str(source))
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith(f"kerasq progress: {source}") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(read_events()) == 2


def test_import_refuses_a_file_with_one_bad_event_among_good_ones(tmp_path: Path) -> None:
    good = [new_event("shown", n).as_dict() for n in range(1, 4)]
    bad = {**good[0], "id": new_event("shown", 1).id, "ts": -5}
    source = tmp_path / "mixed.json"
    source.write_text(json.dumps({"format": "kerasq-progress", "version": 1, "events": [*good, bad]}))
    result = cli("--import", str(source))
    assert result.returncode == 2 and "events[3].ts" in result.stderr and "nothing was imported" in result.stderr
    assert read_events() == []


def test_import_refuses_two_different_events_with_one_id(tmp_path: Path) -> None:
    event = new_event("shown", 1).as_dict()
    source = tmp_path / "dup.json"
    source.write_text(json.dumps({"format": "kerasq-progress", "version": 1, "events": [event, {**event, "question": 2}]}))
    result = cli("--import", str(source))
    assert result.returncode == 2 and f"two different events with the id {event['id']}" in result.stderr


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    result = cli("--import", str(tmp_path / "nowhere.json"))
    assert result.returncode == 2 and "nowhere.json does not exist" in result.stderr


def test_reset_asks_and_only_yes_deletes(data_dir: Path) -> None:
    seed(3)
    declined = cli("--reset", stdin="no\n")
    assert declined.returncode == 1 and "Delete all 3 recorded event(s)" in declined.stdout
    assert "not confirmed; nothing was deleted" in declined.stderr and len(read_events()) == 3
    closed = cli("--reset", stdin="")
    assert closed.returncode == 1 and len(read_events()) == 3
    confirmed = cli("--reset", stdin="yes\n")
    assert confirmed.returncode == 0 and "deleted 3 event(s)" in confirmed.stdout and read_events() == []
    seed(2)
    scripted = cli("--reset", "--yes")
    assert scripted.returncode == 0 and "deleted 2 event(s)" in scripted.stdout and read_events() == []
    assert (data_dir / DB_NAME).exists()


def test_reset_without_a_file_is_fine(data_dir: Path) -> None:
    result = cli("--reset", "--yes")
    assert result.returncode == 0 and "nothing to reset" in result.stdout and not data_dir.exists()


def test_a_damaged_file_is_explained_and_reset_moves_it_aside(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"\x13garbage" * 900)
    for args in ((), ("--export", str(tmp_path / "x.json"))):
        result = cli(*args)
        assert result.returncode == 1 and str(data_dir / DB_NAME) in result.stderr
        assert "kerasq progress --reset" in result.stderr and "Traceback" not in result.stderr
    reset = cli("--reset", stdin="yes\n")
    assert reset.returncode == 0 and "is damaged" in reset.stdout and "moved the damaged file to" in reset.stdout
    moved = [path for path in data_dir.iterdir() if ".damaged-" in path.name]
    assert len(moved) == 1 and moved[0].read_bytes().startswith(b"\x13garbage")
    assert cli().returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--yes",), "--yes only goes with --reset"),
        (("--force",), "--force only goes with --export"),
        (("--export", "a.json", "--import", "b.json"), "not allowed with argument"),
        (("--reset", "--export", "a.json"), "not allowed with argument"),
        (("--colour",), "unrecognized arguments: --colour"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = cli(*args)
    assert result.returncode == 2 and message in result.stderr
