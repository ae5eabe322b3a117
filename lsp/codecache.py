"""A persistent cache for the code that attrs and cattrs generate while the server starts.

lsprotocol defines about 600 attrs classes; importing it compiles some 800 generated methods, and the
first `initialize` compiles cattrs structuring functions for the client's capabilities. Compiling that
text is about half of the server's start-up time, and the text is the same on every start. Like
Python's own .pyc files, this keeps the compiled code objects (marshal, keyed by the exact source,
file name and mode, in a file named after the interpreter's bytecode magic number) and serves them
instead of compiling again. Only sources whose file name says attrs or cattrs generated them are
cached, and only while the server starts; `builtins.compile` is restored afterwards.
"""

from __future__ import annotations

import builtins
import hashlib
import importlib.util
import logging
import marshal
import os
import tempfile
import threading
from pathlib import Path
from types import CodeType
from typing import Any

log = logging.getLogger(__name__)

_GENERATED = ("<attrs generated", "<cattrs generated")
MIN_NEW_ENTRIES = 50
_Key = bytes


def _key(source: str, filename: str, mode: str) -> bytes:
    """A 128-bit digest of what determines the compiled code (keeps the file small and quick to read)."""
    return hashlib.blake2b(f"{mode}\0{filename}\0{source}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


class CodeCache:
    """Serve generated code from disk while installed; remember what had to be compiled."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[_Key, CodeType] = {}
        self.added: dict[_Key, CodeType] = {}
        self.used: set[_Key] = set()
        self._original = builtins.compile
        self._installed = False
        self._lock = threading.Lock()

    def load(self) -> None:
        """Read the cache file; a missing, foreign or damaged file just means an empty cache."""
        try:
            with open(self.path, "rb") as stream:
                data = marshal.load(stream)
        except (OSError, EOFError, ValueError, TypeError):
            return
        if isinstance(data, dict):
            self.known = {key: code for key, code in data.items() if isinstance(code, CodeType) and isinstance(key, bytes)}

    def _compile(self, source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False, optimize: int = -1, **extra: Any) -> Any:
        if not (isinstance(source, str) and not flags and optimize == -1 and not extra and str(filename).startswith(_GENERATED)):
            return self._original(source, filename, mode, flags, dont_inherit, optimize, **extra)
        key = _key(source, str(filename), mode)
        code = self.known.get(key)
        with self._lock:
            if code is None:
                code = self.added[key] = self._original(source, filename, mode)
            else:
                self.used.add(key)
        return code

    def install(self) -> None:
        """Route `compile` through the cache."""
        if not self._installed:
            builtins.compile = self._compile  # type: ignore[assignment]
            self._installed = True

    def uninstall(self) -> None:
        """Restore the built-in `compile`."""
        if self._installed:
            builtins.compile = self._original
            self._installed = False

    def save(self) -> None:
        """Rewrite the cache when much new code was compiled (atomically; a read-only folder is fine).

        A few misses happen on every start (attrs puts a per-process hash seed into some generated
        `__hash__` methods), so the file is rewritten only when misses are many (a first start, or new
        library versions), and then holds only what this start used: it cannot grow without bound.
        """
        with self._lock:
            if len(self.added) < max(MIN_NEW_ENTRIES, len(self.known) // 10):
                return
            merged = {**{key: self.known[key] for key in self.used}, **self.added}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, delete=False, suffix=".tmp") as out:
                marshal.dump(merged, out)
            os.replace(out.name, self.path)
        except (OSError, ValueError) as exc:
            log.info("kerasq: cannot write the start-up code cache %s: %s", self.path, exc)


def default_cache() -> CodeCache | None:
    """The cache for this interpreter in the kerasq cache folder (None when it is switched off)."""
    if os.environ.get("KERASQ_LSP_CODE_CACHE", "1").strip() == "0":
        return None
    from kerasq.lsp.bankindex import cache_dir

    return CodeCache(cache_dir() / f"lsp-code-{importlib.util.MAGIC_NUMBER.hex()}.marshal")
