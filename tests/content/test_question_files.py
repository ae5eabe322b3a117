"""Validation of question files: each kind of defect gives an error naming the file and the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kerasq.content.bank import read_bank
from kerasq.content.errors import QuestionFileError
from kerasq.content.parse import parse_question_file

VALID = textwrap.dedent(
    """\
    ---
    id: 3
    title: A test question
    section: Keras Basic Concepts
    tags: [basics]
    apis: [keras.layers.Dense]
    summary: A short answer.
    hints: [first hint, second hint]
    pitfalls: [a pitfall]
    exercise:
      kind: model
      targets: [model]
      task: Build a model.
    ---
    The answer.

    ```python example
    print("hello")
    ```

    ```python scaffold
    import keras
    model = ...  # TODO
    %kerasq check 3
    ```

    ```python solution
    import keras
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    ```
    """
)


def write(folder: Path, text: str, name: str = "003-test-question.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str, name: str = "003-test-question.md") -> QuestionFileError:
    with pytest.raises(QuestionFileError) as caught:
        parse_question_file(write(tmp_path, text, name))
    return caught.value


def test_valid_file_parses(tmp_path: Path) -> None:
    question = parse_question_file(write(tmp_path, VALID))
    assert question.id == 3 and question.targets == ("model",)
    assert question.examples == ('print("hello")\n',)
    assert "%kerasq check 3" in question.scaffold
    assert "scaffold" not in question.answer_markdown and "```python\nprint" in question.answer_markdown


def test_missing_field_is_named(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("summary: A short answer.\n", ""))
    assert error.field == "summary" and "required" in str(error) and "003-test-question.md" in str(error)


def test_duplicate_id_names_both_files(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    write(tmp_path, VALID, "003-another-question.md")
    with pytest.raises(QuestionFileError) as caught:
        read_bank(tmp_path)
    assert caught.value.field == "id" and "already used by" in str(caught.value)


def test_unknown_exercise_kind(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("kind: model", "kind: spaceship"))
    assert error.field == "exercise.kind" and "unknown exercise kind 'spaceship'" in str(error)


def test_bad_yaml_reports_line(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("tags: [basics]", "tags: [basics"))
    assert error.field == "front matter" and "invalid YAML" in str(error) and "line" in str(error)


def test_scaffold_without_its_target(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("model = ...  # TODO", "net = ...  # TODO"))
    assert error.field == "scaffold block" and "'model'" in str(error)


def test_solution_block_missing(tmp_path: Path) -> None:
    text = VALID.split("```python solution")[0]
    error = error_for(tmp_path, text)
    assert error.field == "solution block" and "no ```python solution block" in str(error)


def test_scaffold_must_end_with_its_check(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("%kerasq check 3", "%kerasq check 4"))
    assert error.field == "scaffold block" and "%kerasq check 3" in str(error)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID, "004-test-question.md")
    assert error.field == "id" and "file name says 4" in str(error)


def test_bad_file_name(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID, "question three.md")
    assert error.field == "file name"


def test_unknown_field_and_section(tmp_path: Path) -> None:
    assert error_for(tmp_path, VALID.replace("id: 3", "id: 3\ncolour: red")).field == "colour"
    error = error_for(tmp_path, VALID.replace("Keras Basic Concepts", "Cooking"))
    assert error.field == "section" and "unknown section 'Cooking'" in str(error)


def test_quiz_answer_out_of_range(tmp_path: Path) -> None:
    quiz = "quiz:\n  - prompt: Q?\n    choices: [a, b]\n    answer: 5\n    explanation: E.\n---"
    error = error_for(tmp_path, VALID.replace("---\nThe answer.", quiz + "\nThe answer.", 1))
    assert error.field == "quiz.0" and "answer 5" in str(error)


def test_no_front_matter_and_not_a_mapping(tmp_path: Path) -> None:
    assert error_for(tmp_path, "no front matter").field == "front matter"
    assert "mapping" in str(error_for(tmp_path, "---\n- a list\n---\nbody\n"))


def test_unknown_block_kind(tmp_path: Path) -> None:
    error = error_for(tmp_path, VALID.replace("python example", "python sample"))
    assert error.field == "code block" and "python sample" in str(error)


def test_conceptual_question_needs_a_quiz(tmp_path: Path) -> None:
    text = VALID.split("exercise:")[0] + "---\nAn answer.\n"
    error = error_for(tmp_path, text)
    assert error.field == "exercise" and "'exercise' or a 'quiz'" in str(error)


def test_bad_file_leaves_file_untouched(tmp_path: Path) -> None:
    broken = VALID.replace("tags: [basics]", "tags: [basics")
    path = write(tmp_path, broken)
    with pytest.raises(QuestionFileError):
        parse_question_file(path)
    assert path.read_text(encoding="utf-8") == broken
