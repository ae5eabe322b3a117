"""The front-matter schema of a question file, validated with pydantic."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SECTIONS: tuple[str, ...] = (
    "Keras Basic Concepts",
    "Keras Model Architecture",
    "Training Process and Evaluation",
    "Fine-tuning and Hyperparameter Optimization",
    "Working with Data",
    "Advanced Model Functionalities",
    "Coding Challenges",
    "Debugging and Problem Solving",
    "Keras for Production and Deployment",
    "Advanced Topics and Research",
    "Case Studies and Scenario-Based Questions",
)

EXERCISE_KINDS: tuple[str, ...] = (
    "model",
    "models",
    "layer_class",
    "graph_function",
    "roundtrip",
    "environment",
    "callback_class",
    "dataset_class",
    "function",
    "train_step_model",
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
ApiName = Annotated[str, StringConstraints(pattern=r"^keras(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuizItem(_Strict):
    """One multiple-choice quiz item."""

    prompt: Text
    choices: list[Text] = Field(min_length=2, max_length=6)
    answer: int = Field(ge=0)
    explanation: Text

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> "QuizItem":
        if self.answer >= len(self.choices):
            raise ValueError(f"answer {self.answer} is not the index of one of the {len(self.choices)} choices")
        return self


class Exercise(_Strict):
    """What the learner builds and which names the check reads."""

    kind: str
    targets: list[Identifier] = Field(default_factory=list)
    task: Text
    check: dict[str, Any] = Field(default_factory=dict)  # kind-specific settings for the checker

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        if kind not in EXERCISE_KINDS:
            raise ValueError(f"unknown exercise kind '{kind}'; known kinds: {', '.join(EXERCISE_KINDS)}")
        return kind


class FrontMatter(_Strict):
    """The YAML front matter of one question file."""

    id: int = Field(ge=1, le=70)
    title: Text
    section: str
    tags: list[Tag] = Field(min_length=1)
    apis: list[ApiName] = Field(min_length=1)
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
    hints: list[Text] = Field(min_length=2, max_length=3)
    pitfalls: list[Text] = Field(min_length=1)
    exercise: Exercise | None = None
    quiz: list[QuizItem] | None = None

    @field_validator("section")
    @classmethod
    def _known_section(cls, section: str) -> str:
        if section not in SECTIONS:
            raise ValueError(f"unknown section '{section}'; sections: {'; '.join(SECTIONS)}")
        return section
