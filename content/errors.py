"""Errors raised while reading question files."""

from __future__ import annotations

from pathlib import Path


class QuestionFileError(ValueError):
    """A question file is malformed; the message names the file, the field and the defect."""

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        self.path = Path(path)
        self.field = field
        self.problem = problem
        super().__init__(f"{self.path.name}: field '{field}': {problem}")
