"""Load the whole question bank and look questions up by number, section, tag or Keras API."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kerasq.content.errors import QuestionFileError
from kerasq.content.parse import parse_question_file
from kerasq.content.question import Question

QUESTIONS_DIR = Path(__file__).parent / "questions"


@dataclass(frozen=True)
class Bank:
    """All questions, ordered by number, with an index from Keras API names to questions."""

    questions: tuple[Question, ...]
    _by_id: dict[int, Question] = field(init=False, repr=False, compare=False)
    _by_api: dict[str, tuple[Question, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id = {question.id: question for question in self.questions}
        by_api: dict[str, list[Question]] = {}
        for question in self.questions:
            for api in question.apis:
                by_api.setdefault(api, []).append(question)
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_by_api", {api: tuple(qs) for api, qs in by_api.items()})

    @property
    def ids(self) -> tuple[int, ...]:
        """The question numbers, ascending."""
        return tuple(question.id for question in self.questions)

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections that hold at least one question, in bank order."""
        return tuple(dict.fromkeys(question.section for question in self.questions))

    @property
    def tags(self) -> tuple[str, ...]:
        """Every tag used in the bank, sorted."""
        return tuple(sorted({tag for question in self.questions for tag in question.tags}))

    @property
    def apis(self) -> tuple[str, ...]:
        """Every Keras API named by some question, sorted."""
        return tuple(sorted(self._by_api))

    def get(self, number: int) -> Question | None:
        """The question with this number, or None."""
        return self._by_id.get(number)

    def about_api(self, api: str) -> tuple[Question, ...]:
        """The questions whose ``apis`` name this fully qualified Keras API."""
        return self._by_api.get(api, ())

    def describe_range(self) -> str:
        """How the questions are numbered, for error messages ("1-15", "1-16, 44-48")."""
        return describe_numbers(self.ids) if self.ids else "there are no questions"


def describe_numbers(numbers: tuple[int, ...]) -> str:
    """Ascending numbers as compact runs: (1, 2, 3, 7, 9, 10) gives "1-3, 7, 9-10"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def read_bank(directory: Path) -> Bank:
    """Parse and validate every question file in ``directory``."""
    if not directory.is_dir():
        raise QuestionFileError(directory, "questions folder", "does not exist")
    questions: list[Question] = []
    seen: dict[int, Path] = {}
    for path in sorted(directory.glob("*.md")):
        question = parse_question_file(path)
        if question.id in seen:
            raise QuestionFileError(path, "id", f"{question.id} is already used by {seen[question.id].name}")
        seen[question.id] = path
        questions.append(question)
    questions.sort(key=lambda question: question.id)
    return Bank(tuple(questions))


@lru_cache(maxsize=4)
def _cached_bank(directory: str) -> Bank:
    return read_bank(Path(directory))


def load_bank(directory: Path | str | None = None) -> Bank:
    """The bank from ``directory``, ``KERASQ_QUESTIONS_DIR`` or the packaged questions (cached)."""
    chosen = directory or os.environ.get("KERASQ_QUESTIONS_DIR") or QUESTIONS_DIR
    return _cached_bank(str(Path(chosen).resolve()))
