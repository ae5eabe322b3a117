"""Generate practice notebooks (nbformat) from the question bank."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from kerasq.content.bank import Bank
    from kerasq.content.question import Question


def _question_markdown(question: "Question") -> str:
    lines = [f"## Question {question.id}: {question.title}", "", f"*{question.section}*", ""]
    if question.exercise is not None:
        lines += [question.exercise.task, ""]
        lines.append(f"Fill in the next cell and run it. Stuck? `%kerasq hint {question.id}`.")
    else:
        lines.append(f"A conceptual question: answer it aloud, then compare with `%kerasq answer {question.id}`.")
    return "\n".join(lines)


def _question_code(question: "Question") -> str:
    if question.scaffold:
        return question.scaffold.rstrip()
    return f"# Reveal our answer when you have given yours:\n%kerasq answer {question.id}"


def practice_notebook(bank: "Bank", numbers: list[int]) -> "NotebookNode":
    """A notebook: a title cell, `%load_ext kerasq`, then a Markdown cell and a code cell per question."""
    import nbformat.v4 as v4

    selected = [bank.get(number) for number in numbers]
    listed = ", ".join(str(number) for number in numbers)
    cells = [
        v4.new_markdown_cell(
            f"# kerasq practice: questions {listed}\n\nRun the next cell first. Each exercise ends with "
            "`%kerasq check N`, which compares your model with the reference, shape by shape."
        ),
        v4.new_code_cell("%load_ext kerasq"),
    ]
    for question in selected:
        assert question is not None  # numbers were validated against the bank
        cells.append(v4.new_markdown_cell(_question_markdown(question)))
        cells.append(v4.new_code_cell(_question_code(question)))
    notebook = v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook
