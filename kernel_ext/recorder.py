"""Recording that never breaks the notebook: a store problem warns once, names the file, and practice goes on."""

from __future__ import annotations

import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

if TYPE_CHECKING:  # imported on first use: `%load_ext kerasq` stays fast
    from kerasq.events import Event

# A kernel waits at most this long for another kernel's write; writes take microseconds, so a longer
# wait means something holds the file locked and recording is better given up than the magic frozen.
BUSY_TIMEOUT_S = 2.0

_ADVICE = {
    "damaged": "the file is damaged; `kerasq progress --reset` moves it aside and starts a fresh one",
    "locked": "another program keeps it locked; once it lets go, `%reload_ext kerasq` resumes recording",
    "unwritable": "check that you can write there, or set KERASQ_DATA_DIR to a folder you can, then `%reload_ext kerasq`",
    "newer": "use that newer kerasq, or set KERASQ_DATA_DIR to another folder",
}


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def warning_text(error: Any) -> str:
    """The one-time warning for a `StoreError`: what failed, which file, and what to do."""
    advice = _ADVICE.get(getattr(error, "problem", ""), "see the message above")
    return (
        f"kerasq: your progress is not being recorded: cannot use {error.path} ({error.reason}). "
        f"Practice works as usual; {advice}."
    )


class Recorder:
    """Writes events to the progress store; after the first failure for a file it warns once and stops trying."""

    def __init__(
        self,
        path: Path | str | None = None,
        warn: Callable[[str], None] = _stderr,
        timeout: float | None = None,
    ) -> None:
        self._path = Path(path) if path is not None else None
        self._warn = warn
        self._timeout = timeout
        self.problems: dict[Path, Exception] = {}

    @property
    def path(self) -> Path:
        """The progress file (re-read from the environment each time unless fixed at construction)."""
        from kerasq.store import default_path

        return self._path if self._path is not None else default_path()

    @property
    def working(self) -> bool:
        """Whether recording to the current file still works (as far as is known)."""
        return self.path not in self.problems

    def _fail(self, path: Path, error: Exception) -> None:
        if path not in self.problems:
            self.problems[path] = error
            self._warn(warning_text(error))

    def record(
        self, kind: str, question: int, outcome: str | None = None, detail: Mapping[str, Any] | None = None
    ) -> "Event | None":
        """Record one event and return it, or return None (warning once) when the store cannot be used."""
        from kerasq.events import new_event
        from kerasq.store import Store, StoreError

        path = self.path
        if path in self.problems:
            return None
        event = new_event(kind, question, outcome, detail)
        try:
            with Store.open(path, timeout=self._timeout or BUSY_TIMEOUT_S) as store:
                store.record(event)
        except StoreError as exc:
            self._fail(path, exc)
            return None
        return event

    def events(self) -> "list[Event] | None":
        """Every recorded event, oldest first; None (warning once) when the store cannot be read."""
        from kerasq.store import Store, StoreError

        path = self.path
        if path in self.problems:
            return None
        if not path.exists():
            return []
        try:
            with Store.open(path, timeout=self._timeout or BUSY_TIMEOUT_S) as store:
                return store.events()
        except StoreError as exc:
            self._fail(path, exc)
            return None


_RECORDERS: "weakref.WeakKeyDictionary[Any, Recorder]" = weakref.WeakKeyDictionary()


def recorder_for(owner: Any) -> Recorder:
    """The recorder of ``owner`` (a magics instance): one per `%load_ext`, so `%reload_ext` starts afresh."""
    recorder = _RECORDERS.get(owner)
    if recorder is None:
        recorder = _RECORDERS[owner] = Recorder()
    return recorder
