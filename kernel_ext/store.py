"""The progress store: an append-only SQLite log of practice events, safe for many kernels at once.

The file lives in ``KERASQ_DATA_DIR`` when that is set, else in ``platformdirs.user_data_dir("kerasq")``.
It runs in WAL mode (readers never block the writer, a killed writer never damages the file) with a busy
timeout (concurrent writers wait their turn instead of failing). The schema is versioned with
``PRAGMA user_version``: ``MIGRATIONS[n - 1]`` upgrades version ``n - 1`` to ``n``, in one transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from kerasq.events import Event, EventError

DB_NAME = "progress.sqlite3"
BUSY_TIMEOUT_S = 5.0

Migration = tuple[str, ...]

MIGRATIONS: tuple[Migration, ...] = (
    # 1: the event log. Events are never updated; `id` is globally unique so merges cannot duplicate.
    (
        "CREATE TABLE events (id TEXT PRIMARY KEY, ts REAL NOT NULL, kind TEXT NOT NULL,"
        " question INTEGER NOT NULL, outcome TEXT, detail TEXT NOT NULL DEFAULT '{}')",
        "CREATE INDEX events_by_time ON events (ts)",
    ),
)

# sqlite3 error names (Python 3.11+) grouped into what the learner can do about them.
_COLUMNS = "id, ts, kind, question, outcome, detail"
_INSERT = f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"  # named columns: later ones need defaults
_DAMAGED = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}
_LOCKED = {"SQLITE_BUSY", "SQLITE_LOCKED"}


def data_dir() -> Path:
    """The folder that holds the progress file: ``KERASQ_DATA_DIR`` or the platform's user data folder."""
    override = os.environ.get("KERASQ_DATA_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("kerasq", appauthor=False))


def default_path() -> Path:
    """The progress file used when no path is given."""
    return data_dir() / DB_NAME


class StoreError(Exception):
    """The progress file cannot be used; ``problem`` is one of damaged, locked, unwritable, newer, invalid."""

    def __init__(self, path: Path, reason: str, problem: str = "unwritable") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.problem = problem


def _problem(exc: BaseException) -> str:
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name in _DAMAGED or "not a database" in text or "malformed" in text:
        return "damaged"
    if name in _LOCKED or "locked" in text:
        return "locked"
    return "unwritable"


def _error(path: Path, exc: BaseException) -> StoreError:
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        return StoreError(path, exc.strerror or str(exc), "unwritable")
    return StoreError(path, str(exc), _problem(exc))


def schema_version(connection: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new, empty file)."""
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, path: Path, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the file up to ``len(migrations)``, atomically; return the version it has afterwards."""
    target = len(migrations)
    version = schema_version(connection)
    if version > target:
        raise StoreError(path, f"it was written by a newer kerasq (schema {version}; this one knows up to {target})", "newer")
    if version == target:
        return version
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(connection)  # another process may have migrated while we waited for the lock
        for number in range(version + 1, target + 1):
            for statement in migrations[number - 1]:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {int(target)}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return target


@dataclass(frozen=True)
class MergeReport:
    """What an import did: events added, events already present, and same-id events that differ (kept ours)."""

    added: int
    present: int
    conflicting: int


@dataclass(frozen=True)
class ResetReport:
    """What a reset did: how many events were deleted, or where a damaged file was moved."""

    deleted: int
    moved_to: Path | None = None


def _row(event: Event) -> tuple[object, ...]:
    return (event.id, event.ts, event.kind, event.question, event.outcome, json.dumps(dict(event.detail), sort_keys=True))


def _event(row: Sequence[object]) -> Event | None:
    try:
        detail = json.loads(str(row[5]))
        return Event(str(row[0]), float(row[1]), str(row[2]), int(row[3]), row[4], detail)  # type: ignore[arg-type]
    except (EventError, ValueError, TypeError):
        return None  # a row this version cannot read (hand-edited, or from a newer kerasq): left as it is


class Store:
    """An open progress file. Every method raises `StoreError` (never a bare sqlite3 error)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(
        cls, path: Path | str | None = None, *, timeout: float = BUSY_TIMEOUT_S, migrations: Sequence[Migration] = MIGRATIONS
    ) -> "Store":
        """Open (creating if needed) and migrate the progress file at ``path`` (default: `default_path`)."""
        path = Path(path) if path is not None else default_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(path, f"cannot create the folder {path.parent} ({exc.strerror or exc})", "unwritable") from None
        connection: sqlite3.Connection | None = None
        try:
            # isolation_level=None: each statement commits on its own unless we open a transaction explicitly.
            connection = sqlite3.connect(path, timeout=timeout, isolation_level=None)
            mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(path, f"cannot switch it to WAL mode (it stays in {mode} mode)", "unwritable")
            # NORMAL in WAL mode: a committed event survives the process being killed (not a power cut).
            connection.execute("PRAGMA synchronous=NORMAL")
            migrate(connection, path, migrations)
        except (sqlite3.Error, OSError, StoreError) as exc:
            if connection is not None:
                connection.close()
            raise _error(path, exc) from None
        return cls(path, connection)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (committed events are already on disk)."""
        self._connection.close()

    def record(self, event: Event) -> Event:
        """Append one event; when this returns, the event is committed."""
        try:
            self._connection.execute(_INSERT, _row(event))
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None
        return event

    def events(self, question: int | None = None) -> list[Event]:
        """Every readable event (of one question, if given), oldest first."""
        query = f"SELECT {_COLUMNS} FROM events"
        params: tuple[object, ...] = ()
        if question is not None:
            query, params = query + " WHERE question = ?", (question,)
        try:
            rows = self._connection.execute(query + " ORDER BY ts, id", params).fetchall()
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None
        return [event for event in map(_event, rows) if event is not None]

    def count(self) -> int:
        """How many events the file holds."""
        try:
            return int(self._connection.execute("SELECT count(*) FROM events").fetchone()[0])
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None

    def merge(self, events: Iterable[Event]) -> MergeReport:
        """Add the events whose ids are new, all in one transaction; identical ones are skipped."""
        added = present = conflicting = 0
        connection = self._connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            for event in events:
                row = _row(event)
                if connection.execute(_INSERT.replace("INSERT", "INSERT OR IGNORE", 1), row).rowcount:
                    added += 1
                    continue
                ours = connection.execute(
                    f"SELECT {_COLUMNS} FROM events WHERE id = ?", (event.id,)
                ).fetchone()
                if tuple(ours) == row:
                    present += 1
                else:
                    conflicting += 1
            connection.execute("COMMIT")
        except sqlite3.Error as exc:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise _error(self.path, exc) from None
        return MergeReport(added, present, conflicting)

    def clear(self) -> int:
        """Delete every event (the file and its schema stay, so open kernels keep working); return how many."""
        try:
            return int(self._connection.execute("DELETE FROM events").rowcount)
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None

    def integrity(self) -> str:
        """SQLite's own integrity check: "ok", or the problems it found."""
        try:
            rows = self._connection.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.Error as exc:
            raise _error(self.path, exc) from None
        return "; ".join(str(row[0]) for row in rows)


def read_events(path: Path | str | None = None) -> list[Event]:
    """The events in the file at ``path``; an absent file has none (and is not created)."""
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return []
    with Store.open(path) as store:
        return store.events()


def reset_file(path: Path | str | None = None) -> ResetReport:
    """Delete every event; a damaged file is moved aside (kept, renamed) so a fresh one can start."""
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return ResetReport(0)
    try:
        with Store.open(path) as store:
            return ResetReport(store.clear())
    except StoreError as exc:
        if exc.problem != "damaged":
            raise
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        for suffix in ("", "-wal", "-shm"):
            source = path.with_name(path.name + suffix)
            if source.exists():
                source.rename(moved.with_name(moved.name + suffix))
    except OSError as exc:
        raise _error(path, exc) from None
    return ResetReport(0, moved)
