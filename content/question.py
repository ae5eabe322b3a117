"""The in-memory form of one question: plain, immutable data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kerasq.content.schema import Exercise, QuizItem


@dataclass(frozen=True)
class Question:
    """One interview question with its answer, practice material and metadata."""

    id: int
    slug: str
    title: str
    section: str
    tags: tuple[str, ...]
    apis: tuple[str, ...]
    summary: str
    hints: tuple[str, ...]
    pitfalls: tuple[str, ...]
    answer_markdown: str
    examples: tuple[str, ...] = ()
    scaffold: str | None = None
    solution: str | None = None
    exercise: Exercise | None = None
    quiz: tuple[QuizItem, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def has_exercise(self) -> bool:
        """Whether the question has a checkable exercise."""
        return self.exercise is not None

    @property
    def targets(self) -> tuple[str, ...]:
        """The names the exercise's check reads from the namespace."""
        return tuple(self.exercise.targets) if self.exercise else ()

    @property
    def practice_kind(self) -> str:
        """A short label for how the question is practised: the exercise kind, or 'quiz'."""
        if self.exercise is not None:
            return self.exercise.kind
        return "quiz"
