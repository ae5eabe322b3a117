"""Source text as the language server sees it: LSP lines, UTF-16 columns, IPython syntax blanked out."""

from __future__ import annotations

import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# IPython-only syntax that `ast` cannot parse. Each is replaced by spaces (or a `0` placeholder where an
# expression is needed), so every other character keeps its line and column.
_MAGIC_LINE = re.compile(r"^(\s*)([%!].*)$")
_MAGIC_ASSIGNMENT = re.compile(r"^(\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)([%!]\S.*)$")
_HELP_SUFFIX = re.compile(r"^(\s*[^#\s][^#]*?)(\?{1,2})(\s*)$")
_HELP_PREFIX = re.compile(r"^(\s*)(\?{1,2})(\s*[A-Za-z_][\w.]*\s*)$")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as LSP counts them (``\\n``, ``\\r\\n`` and ``\\r`` end a line)."""
    return _LINE_BREAK.split(text)


def blank_line(line: str) -> str:
    """The line with IPython magics, shell escapes and help marks replaced by spaces."""
    if "%" not in line and "!" not in line and "?" not in line:
        return line
    match = _MAGIC_LINE.match(line)
    if match:
        return match.group(1) + " " * len(match.group(2))
    match = _MAGIC_ASSIGNMENT.match(line)
    if match:
        return match.group(1) + "0" + " " * (len(match.group(2)) - 1)
    match = _HELP_SUFFIX.match(line)
    if match and _looks_like_expression(match.group(1)):
        return match.group(1) + " " * len(match.group(2)) + match.group(3)
    match = _HELP_PREFIX.match(line)
    if match:
        return match.group(1) + " " * len(match.group(2)) + match.group(3)
    return line


def _looks_like_expression(text: str) -> bool:
    # `Dense?` and `keras.layers.Dense??` are help requests; `x = a if b else c?` is just a typo.
    return re.fullmatch(r"\s*[A-Za-z_][\w.]*(\(.*\))?\s*", text) is not None


def python_lines(text: str) -> list[str]:
    """The LSP lines of ``text`` with IPython-only syntax blanked, ready for `ast`."""
    return [blank_line(line) for line in split_lines(text)]


def utf16_to_index(line: str, character: int) -> int | None:
    """The code-point index of a UTF-16 column in ``line`` (None past the end; inside a pair: that character)."""
    if character < 0:
        return None
    if line.isascii():
        return character if character <= len(line) else None
    units = 0
    for index, char in enumerate(line):
        if units >= character:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
        if units > character:  # the column points inside a surrogate pair
            return index
    return len(line) if units == character else None


def index_to_utf16(line: str, index: int) -> int:
    """The UTF-16 column of a code-point index in ``line``."""
    prefix = line[:index]
    if prefix.isascii():
        return len(prefix)
    return len(prefix) + sum(1 for char in prefix if ord(char) > 0xFFFF)


def byte_to_index(line: str, offset: int) -> int:
    """The code-point index of a UTF-8 byte offset in ``line`` (what `ast` reports as a column)."""
    if line.isascii():
        return offset
    return len(line.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


def column_to_index(line: str, column: int, encoding: str = "utf-16") -> int | None:
    """The code-point index of an LSP column in the negotiated position encoding (None when out of range)."""
    if encoding == "utf-32":
        return column if 0 <= column <= len(line) else None
    if encoding == "utf-8":
        data = line.encode("utf-8")
        if not 0 <= column <= len(data):
            return None
        return len(data[:column].decode("utf-8", errors="ignore"))
    return utf16_to_index(line, column)


def index_to_column(line: str, index: int, encoding: str = "utf-16") -> int:
    """The LSP column of a code-point index in the negotiated position encoding."""
    index = max(0, min(index, len(line)))
    if encoding == "utf-32":
        return index
    if encoding == "utf-8":
        return len(line[:index].encode("utf-8"))
    return index_to_utf16(line, index)
