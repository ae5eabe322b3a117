"""The SQLite progress store: records, reads, migrations, merges, resets, and its errors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from kerasq import store as store_module
from kerasq.events import Event, EventError, new_event
from kerasq.store import (
    DB_NAME,
    MIGRATIONS,
    Store,
    StoreError,
    default_path,
    read_events,
    reset_file,
    schema_version,
)


def test_data_dir_follows_the_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_path() == data_dir / DB_NAME
    monkeypatch.setenv("KERASQ_DATA_DIR", "")
    from platformdirs import user_data_dir

    assert store_module.data_dir() == Path(user_data_dir("kerasq", appauthor=False))


def test_record_and_read_back_in_time_order(data_dir: Path) -> None:
    late = new_event("check", 3, "fail", {"finding": {"message": "shape differs"}}, ts=2_000_000_000)
    early = new_event("hint", 3, None, {"level": 1}, ts=1_900_000_000)
    with Store.open() as store:
        store.record(late)
        store.record(early)
        assert store.count() == 2
        assert store.events() == [early, late]
        assert store.events(question=4) == []
    assert (data_dir / DB_NAME).exists()
    connection = sqlite3.connect(data_dir / DB_NAME)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(connection) == len(MIGRATIONS)


def test_recording_the_same_event_twice_is_refused() -> None:
    event = new_event("answer", 2)
    with Store.open() as store:
        store.record(event)
        with pytest.raises(StoreError, match="UNIQUE"):
            store.record(event)
        assert store.count() == 1


def test_reading_an_absent_file_does_not_create_it(data_dir: Path) -> None:
    assert read_events() == []
    assert not (data_dir / DB_NAME).exists()


def test_rows_this_version_cannot_read_are_skipped_not_deleted(data_dir: Path) -> None:
    with Store.open() as store:
        store.record(new_event("shown", 1))
    connection = sqlite3.connect(data_dir / DB_NAME)
    connection.execute("INSERT INTO events VALUES ('f' || hex(randomblob(15)) || 'f', 1.5e9, 'teleport', 1, NULL, '{}')")
    connection.execute("INSERT INTO events VALUES (lower(hex(randomblob(16))), 1.5e9, 'hint', 1, NULL, 'not json')")
    connection.commit()
    with Store.open() as store:
        assert [event.kind for event in store.events()] == ["shown"]
        assert store.count() == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "short"}, "32 lower-case hex"),
        ({"kind": "peek"}, "kind 'peek' is not one of"),
        ({"outcome": "maybe"}, "outcome 'maybe' is not valid for a check event"),
        ({"question": 0}, "not a positive whole number"),
        ({"question": True}, "not a positive whole number"),
        ({"ts": float("nan")}, "is not a time"),
        ({"detail": ["x"]}, "is not a mapping"),
    ],
)
def test_events_are_validated(change: dict, message: str) -> None:
    fields = {"id": "a" * 32, "ts": 1.7e9, "kind": "check", "question": 1, "outcome": "pass", "detail": {}}
    with pytest.raises(EventError, match=message):
        Event(**{**fields, **change})


# -- migrations ------------------------------------------------------------------------------------------------

V2 = (*MIGRATIONS, ("ALTER TABLE events ADD COLUMN source TEXT NOT NULL DEFAULT 'kernel'",))


def test_an_older_file_is_migrated_in_place_keeping_its_events(data_dir: Path) -> None:
    kept = new_event("quiz", 2, "good", {"item": 0})
    with Store.open() as store:
        store.record(kept)
    with Store.open(migrations=V2) as store:
        assert store.events() == [kept]
    connection = sqlite3.connect(data_dir / DB_NAME)
    assert schema_version(connection) == 2
    assert connection.execute("SELECT source FROM events").fetchall() == [("kernel",)]


def test_a_failing_migration_leaves_the_file_as_it_was(data_dir: Path) -> None:
    with Store.open() as store:
        store.record(new_event("shown", 1))
    broken = (*MIGRATIONS, ("CREATE TABLE extra (x)", "THIS IS NOT SQL"))
    with pytest.raises(StoreError, match="syntax error"):
        Store.open(migrations=broken)
    connection = sqlite3.connect(data_dir / DB_NAME)
    assert schema_version(connection) == 1
    assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0
    with Store.open() as store:
        assert store.count() == 1


def test_a_file_from_a_newer_kerasq_is_refused_untouched(data_dir: Path) -> None:
    with Store.open(migrations=V2) as store:
        store.record(new_event("shown", 1))
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert caught.value.problem == "newer" and "schema 2; this one knows up to 1" in str(caught.value)
    assert schema_version(sqlite3.connect(data_dir / DB_NAME)) == 2


def test_a_new_file_migrated_by_two_openers_at_once_is_migrated_once(data_dir: Path) -> None:
    first = Store.open()
    second = Store.open()
    first.record(new_event("shown", 1))
    second.record(new_event("shown", 2))
    assert first.count() == second.count() == 2
    first.close()
    second.close()


# -- merges and resets -----------------------------------------------------------------------------------------


def test_merge_adds_only_new_ids_and_keeps_ours_on_conflict() -> None:
    ours = new_event("check", 5, "pass", {"finding": None})
    theirs_same = Event(ours.id, ours.ts, ours.kind, ours.question, ours.outcome, dict(ours.detail))
    theirs_changed = Event(ours.id, ours.ts, "check", 5, "fail", {})
    fresh = new_event("hint", 5, None, {"level": 2})
    with Store.open() as store:
        store.record(ours)
        report = store.merge([theirs_same, fresh, theirs_changed])
        assert (report.added, report.present, report.conflicting) == (1, 1, 1)
        assert store.merge([fresh]).present == 1
        assert {event.id: event.outcome for event in store.events()} == {ours.id: "pass", fresh.id: None}


def test_reset_deletes_events_but_keeps_the_file_usable(data_dir: Path) -> None:
    with Store.open() as store:
        for number in range(1, 4):
            store.record(new_event("shown", number))
        other_kernel = Store.open()
    assert reset_file().deleted == 3
    other_kernel.record(new_event("shown", 9))  # a kernel that had the file open keeps recording into it
    other_kernel.close()
    assert [event.question for event in read_events()] == [9]


def test_reset_moves_a_damaged_file_aside(data_dir: Path) -> None:
    data_dir.mkdir()
    damaged = data_dir / DB_NAME
    damaged.write_bytes(b"this is not a database" * 100)
    report = reset_file()
    assert report.deleted == 0 and report.moved_to is not None
    assert report.moved_to.read_bytes().startswith(b"this is not a database")
    assert not damaged.exists()
    with Store.open() as store:
        assert store.count() == 0


def test_reset_of_an_absent_file_is_a_no_op(data_dir: Path) -> None:
    assert reset_file().deleted == 0 and not (data_dir / DB_NAME).exists()


# -- what goes wrong -------------------------------------------------------------------------------------------


def test_a_corrupt_file_is_reported_as_damaged(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(os.urandom(8192))
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert caught.value.problem == "damaged" and str(data_dir / DB_NAME) in str(caught.value)


def test_a_file_with_damaged_pages_is_reported_as_damaged(data_dir: Path) -> None:
    with Store.open() as store:
        for number in range(1, 400):
            store.record(new_event("check", 1 + number % 15, "fail", {"finding": {"message": "x" * 200}}))
    path = data_dir / DB_NAME
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    raw = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(raw), page):  # scribble over every page's header after the schema page
        raw[offset : offset + 16] = b"\xff" * 16
    path.write_bytes(bytes(raw))
    with pytest.raises(StoreError) as caught:
        with Store.open() as store:
            store.events()
    assert caught.value.problem == "damaged"


def test_a_locked_file_is_reported_as_locked(data_dir: Path) -> None:
    with Store.open():
        pass
    holder = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(timeout=0.05) as store:
            assert store.events() == []  # WAL: readers are not blocked by the writer's lock
            with pytest.raises(StoreError) as caught:
                store.record(new_event("shown", 1))
        assert caught.value.problem == "locked" and "locked" in caught.value.reason
    finally:
        holder.execute("ROLLBACK")


def test_a_folder_that_cannot_be_created_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KERASQ_DATA_DIR", str(blocker / "data"))
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert caught.value.problem == "unwritable" and "cannot create the folder" in str(caught.value)


def test_a_path_that_is_a_folder_is_reported(data_dir: Path) -> None:
    (data_dir / DB_NAME).mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        Store.open()
    assert caught.value.problem == "unwritable" and "unable to open" in caught.value.reason


def test_a_read_only_folder_is_reported(data_dir: Path, read_only) -> None:
    with Store.open() as store:
        store.record(new_event("shown", 1))
    with read_only(data_dir):
        with pytest.raises(StoreError) as caught:
            with Store.open() as store:
                store.record(new_event("shown", 2))
        assert caught.value.problem == "unwritable" and str(data_dir / DB_NAME) in str(caught.value)
    assert [event.question for event in read_events()] == [1]
