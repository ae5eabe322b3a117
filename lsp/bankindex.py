"""The part of the question bank the language server needs, with a snapshot that makes start-up cheap.

Reading the bank validates every question file (YAML and pydantic: a few hundred milliseconds). The
server only needs titles, summaries, pitfalls, APIs and scaffolds, so after one full load it keeps
those in a JSON snapshot in the cache folder, keyed by the name, size and modification time of every
question file. A snapshot that is missing, stale, unreadable or from another kerasq version is
ignored and rebuilt from the validated bank, so a snapshot never hides an invalid question file.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SNAPSHOT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One question as the language server uses it."""

    id: int
    title: str
    summary: str
    pitfalls: tuple[str, ...]
    apis: tuple[str, ...]
    scaffold: str | None
    has_exercise: bool
    path: str | None


@dataclass(frozen=True, eq=False)
class BankIndex:
    """The questions by number and by fully qualified Keras API."""

    entries: tuple[Entry, ...]
    _by_id: dict[int, Entry] = field(init=False, repr=False, compare=False)
    _by_api: dict[str, tuple[Entry, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_api: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for api in entry.apis:
                by_api.setdefault(api, []).append(entry)
        ranked = {api: tuple(sorted(found, key=lambda e: (e.apis.index(api), len(e.apis), e.id))) for api, found in by_api.items()}
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})
        object.__setattr__(self, "_by_api", ranked)

    @property
    def ids(self) -> tuple[int, ...]:
        """The question numbers, ascending."""
        return tuple(entry.id for entry in self.entries)

    def get(self, number: int) -> Entry | None:
        """The question with this number, or None."""
        return self._by_id.get(number)

    def about_api(self, api: str) -> tuple[Entry, ...]:
        """The questions naming ``api``, the ones most about it first (it is early in their short `apis` list)."""
        return self._by_api.get(api, ())


def questions_dir(directory: Path | str | None = None) -> Path:
    """The folder `kerasq.content.load_bank` reads, found without importing the bank's loader."""
    chosen = directory or os.environ.get("KERASQ_QUESTIONS_DIR")
    if chosen:
        return Path(chosen).resolve()
    spec = importlib.util.find_spec("kerasq.content")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the kerasq.content package is not installed")
    return (Path(next(iter(spec.submodule_search_locations))) / "questions").resolve()


def cache_dir() -> Path:
    """Where snapshots go: ``KERASQ_CACHE_DIR`` or the platform's user cache folder."""
    override = os.environ.get("KERASQ_CACHE_DIR", "").strip()
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kerasq"))


def fingerprint(directory: Path) -> list[list[Any]]:
    """Name, size and modification time of every question file: a snapshot is valid while this is unchanged."""
    rows = []
    with os.scandir(directory) as found:
        for item in found:
            if item.name.endswith(".md") and item.is_file():
                stat = item.stat()
                rows.append([item.name, stat.st_size, stat.st_mtime_ns])
    return sorted(rows)


def _version() -> str:
    from kerasq import __version__

    return __version__


def _snapshot_path(directory: Path) -> Path:
    import hashlib

    key = hashlib.sha256(str(directory).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"lsp-bank-{key}.json"


def _read_snapshot(directory: Path, stamp: list[list[Any]]) -> BankIndex | None:
    try:
        data = json.loads(_snapshot_path(directory).read_text(encoding="utf-8"))
        if data.get("format") != SNAPSHOT_FORMAT or data.get("version") != _version() or data.get("fingerprint") != stamp:
            return None
        entries = tuple(
            Entry(
                id=int(row["id"]),
                title=str(row["title"]),
                summary=str(row["summary"]),
                pitfalls=tuple(map(str, row["pitfalls"])),
                apis=tuple(map(str, row["apis"])),
                scaffold=row["scaffold"] if isinstance(row["scaffold"], str) else None,
                has_exercise=bool(row["has_exercise"]),
                path=row["path"] if isinstance(row["path"], str) else None,
            )
            for row in data["entries"]
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return BankIndex(entries)


def _write_snapshot(directory: Path, stamp: list[list[Any]], index: BankIndex) -> None:
    data = {
        "format": SNAPSHOT_FORMAT,
        "version": _version(),
        "fingerprint": stamp,
        "entries": [
            {
                "id": e.id,
                "title": e.title,
                "summary": e.summary,
                "pitfalls": list(e.pitfalls),
                "apis": list(e.apis),
                "scaffold": e.scaffold,
                "has_exercise": e.has_exercise,
                "path": e.path,
            }
            for e in index.entries
        ],
    }
    import tempfile

    target = _snapshot_path(directory)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False, suffix=".tmp") as out:
            json.dump(data, out)
        os.replace(out.name, target)
    except OSError as exc:  # a read-only cache only costs start-up time
        log.info("kerasq: cannot write the bank snapshot %s: %s", target, exc)


def index_from_bank(bank: Any) -> BankIndex:
    """The index of a validated `kerasq.content.Bank`."""
    return BankIndex(
        tuple(
            Entry(
                id=q.id,
                title=q.title,
                summary=q.summary,
                pitfalls=tuple(q.pitfalls),
                apis=tuple(q.apis),
                scaffold=q.scaffold,
                has_exercise=q.has_exercise,
                path=str(q.path) if q.path else None,
            )
            for q in bank.questions
        )
    )


def read_index(directory: Path | str | None = None) -> BankIndex:
    """The index of the bank in ``directory`` (default: what `load_bank` reads), from a fresh snapshot if any.

    Raises `kerasq.content.QuestionFileError` when a question file is invalid.
    """
    folder = questions_dir(directory)
    try:
        stamp = fingerprint(folder)
    except OSError:
        stamp = None
    if stamp is not None:
        cached = _read_snapshot(folder, stamp)
        if cached is not None:
            return cached
    from kerasq.content.bank import read_bank

    index = index_from_bank(read_bank(folder))
    if stamp is not None and fingerprint(folder) == stamp:  # unchanged while it was read
        _write_snapshot(folder, stamp, index)
    return index


class IndexLoader:
    """Loads the index once, in a background thread; readers wait for it (or take the failure message)."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self._directory = directory
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._started = False
        self.index: BankIndex | None = None
        self.error: str | None = None

    def start(self) -> None:
        """Begin loading in a daemon thread (idempotent)."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._load, name="kerasq-bank", daemon=True).start()

    def _load(self) -> None:
        try:
            self.index = read_index(self._directory)
        except Exception as exc:  # noqa: BLE001 - any failure becomes a message for the user, never a crash
            self.error = f"the kerasq question bank cannot be read: {exc}"
            log.error("%s", self.error)
        finally:
            self._done.set()

    def get(self, timeout: float | None = None) -> BankIndex | None:
        """The index once loaded (starting the load if needed); None if it failed or is not ready in time."""
        self.start()
        self._done.wait(timeout)
        return self.index

    @property
    def ready(self) -> bool:
        """Whether loading has finished (successfully or not)."""
        return self._done.is_set()


_shared = IndexLoader()


def shared_index(timeout: float | None = None) -> BankIndex | None:
    """The process-wide index of the default bank (loaded once)."""
    return _shared.get(timeout)


def shared_loader() -> IndexLoader:
    """The process-wide loader (its ``error`` says why the index is missing)."""
    return _shared
