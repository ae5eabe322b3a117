"""Documents as the server analyses them: a file, or a whole notebook whose code cells are read in order.

A VS Code notebook arrives as one text document per cell (`vscode-notebook-cell:` URIs) plus the
notebook's cell order; imports in earlier cells must count, so the code cells are joined into one
source whose parts start at known lines, and positions are mapped between a cell and that source.
JupyterLab's virtual documents are already one text per notebook (cells joined, magics included) and
are treated like files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from kerasq.lsp.source import split_lines

PYTHON_LANGUAGES = frozenset({"python", "ipython", "jupyter", ""})


@dataclass(frozen=True, slots=True)
class Part:
    """One text document inside a view: its URI, version, first line in the view and line count."""

    uri: str
    version: int | None
    first: int
    count: int


@dataclass(frozen=True, slots=True)
class View:
    """The source the server analyses for a document, and where each of its parts lies in it."""

    text: str
    parts: tuple[Part, ...]
    notebook: str | None = None  # the notebook URI, for a notebook's cells

    @property
    def segments(self) -> tuple[int, ...]:
        """First lines of the independently parsed parts."""
        return tuple(part.first for part in self.parts)

    def part(self, uri: str) -> Part | None:
        """The part for a document URI."""
        return next((part for part in self.parts if part.uri == uri), None)

    def locate(self, line: int) -> tuple[Part, int] | None:
        """The part holding a line of the view, and the line within that part."""
        for part in self.parts:
            if part.first <= line < part.first + part.count:
                return part, line - part.first
        return None


class _Document(Protocol):
    uri: str
    version: int | None
    language_id: str | None

    @property
    def source(self) -> str:
        """The document's text."""
        ...


def single_view(uri: str, text: str, version: int | None = None) -> View:
    """The view of a file (or a JupyterLab virtual document)."""
    return View(text, (Part(uri, version, 0, len(split_lines(text))),))


def notebook_view(notebook_uri: str, cells: Sequence[_Document]) -> View:
    """The view of a notebook from its code cells' documents, in notebook order."""
    lines: list[str] = []
    parts: list[Part] = []
    for cell in cells:
        cell_lines = split_lines(cell.source)
        parts.append(Part(cell.uri, cell.version, len(lines), len(cell_lines)))
        lines.extend(cell_lines)
    return View("\n".join(lines), tuple(parts), notebook_uri)


def is_python_cell(language_id: str | None) -> bool:
    """Whether a notebook cell's language is one the server reads as Python."""
    return (language_id or "").lower() in PYTHON_LANGUAGES
