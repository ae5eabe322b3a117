"""The recorder: a damaged, locked or unwritable store warns once, names the file, and recording stops quietly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kerasq.recorder import Recorder, recorder_for
from kerasq.store import DB_NAME, MIGRATIONS, Store, read_events


class Warnings(list):
    def __call__(self, message: str) -> None:
        self.append(message)


def test_records_and_reads_back(data_dir: Path) -> None:
    recorder = Recorder(warn=(warnings := Warnings()))
    event = recorder.record("hint", 12, detail={"level": 2})
    assert event is not None and recorder.events() == [event] == read_events()
    assert recorder.path == data_dir / DB_NAME and recorder.working and warnings == []


def test_nothing_recorded_reads_as_empty_without_creating_the_file(data_dir: Path) -> None:
    assert Recorder().events() == [] and not data_dir.exists()


def test_a_damaged_file_warns_once_and_recording_stops(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"\x00garbage" * 1000)
    recorder = Recorder(warn=(warnings := Warnings()))
    assert recorder.record("shown", 1) is None
    assert recorder.record("shown", 2) is None
    assert recorder.events() is None
    assert len(warnings) == 1 and not recorder.working
    assert warnings[0].startswith(f"kerasq: your progress is not being recorded: cannot use {data_dir / DB_NAME} (")
    assert "kerasq progress --reset" in warnings[0] and "Practice works as usual" in warnings[0]
    assert (data_dir / DB_NAME).read_bytes().startswith(b"\x00garbage")  # never "repaired" behind the learner's back


def test_a_locked_file_warns_once(data_dir: Path) -> None:
    with Store.open():
        pass
    holder = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        recorder = Recorder(warn=(warnings := Warnings()), timeout=0.05)
        assert recorder.record("answer", 3) is None and recorder.record("answer", 4) is None
    finally:
        holder.execute("ROLLBACK")
    assert len(warnings) == 1 and "(database is locked)" in warnings[0] and "%reload_ext kerasq" in warnings[0]
    assert read_events() == []
    assert Recorder().record("answer", 5) is not None  # a new recorder (after %reload_ext) records again


def test_an_unwritable_location_warns_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("")
    monkeypatch.setenv("KERASQ_DATA_DIR", str(blocker / "kerasq"))
    recorder = Recorder(warn=(warnings := Warnings()))
    assert recorder.record("shown", 1) is None and recorder.record("hint", 1) is None
    assert len(warnings) == 1 and str(blocker / "kerasq" / DB_NAME) in warnings[0]
    assert "KERASQ_DATA_DIR" in warnings[0]


def test_a_read_only_folder_warns_once(data_dir: Path, read_only) -> None:
    assert Recorder().record("shown", 1) is not None
    recorder = Recorder(warn=(warnings := Warnings()))
    with read_only(data_dir):
        assert recorder.record("hint", 1) is None and recorder.record("hint", 1) is None
    assert len(warnings) == 1 and str(data_dir / DB_NAME) in warnings[0] and "check that you can write there" in warnings[0]
    assert [event.kind for event in read_events()] == ["shown"]


def test_a_file_from_a_newer_kerasq_warns_once(data_dir: Path) -> None:
    with Store.open(migrations=(*MIGRATIONS, ("CREATE TABLE later (x)",))):
        pass
    recorder = Recorder(warn=(warnings := Warnings()))
    assert recorder.record("shown", 1) is None and recorder.events() is None
    assert len(warnings) == 1 and "written by a newer kerasq" in warnings[0]


def test_a_problem_is_remembered_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / DB_NAME).write_bytes(b"nope" * 2000)
    monkeypatch.setenv("KERASQ_DATA_DIR", str(broken))
    recorder = Recorder(warn=(warnings := Warnings()))
    assert recorder.record("shown", 1) is None
    monkeypatch.setenv("KERASQ_DATA_DIR", str(tmp_path / "fine"))
    assert recorder.record("shown", 1) is not None and recorder.working
    assert len(warnings) == 1


def test_one_recorder_per_owner() -> None:
    class Owner:
        pass

    first, second = Owner(), Owner()
    assert recorder_for(first) is recorder_for(first)
    assert recorder_for(first) is not recorder_for(second)
