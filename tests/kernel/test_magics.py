"""The `%kerasq` magic in a real IPython InteractiveShell."""

from __future__ import annotations

import pytest
from IPython.core.error import UsageError

from kerasq.views import AnswerView, HintView, QuestionTable, QuestionView, SearchView


def run(shell, line: str):
    return shell.run_line_magic("kerasq", line)


def test_bare_magic_lists_every_question(shell, bank) -> None:
    table = run(shell, "")
    assert isinstance(table, QuestionTable) and len(table.questions) == len(bank.questions)
    text = repr(table)
    assert "Keras Basic Concepts" in text and " 15  " in text
    assert "<table>" in table._repr_html_()


def test_list_filters_by_section_and_tag(shell) -> None:
    table = run(shell, "list --section architecture")
    assert {question.section for question in table.questions} == {"Keras Model Architecture"}
    tagged = run(shell, "list --tag dropout")
    assert 12 in [question.id for question in tagged.questions]


def test_show_places_scaffold_once_and_shows_it(shell, bank) -> None:
    view = run(shell, "15")
    assert isinstance(view, QuestionView) and view.question.id == 15
    cell = shell.rl_next_input
    assert cell.startswith("# %kerasq 15")
    assert cell.count("def identity_block") == 1
    assert cell.rstrip().endswith("%kerasq check 15")
    assert "def identity_block" in repr(view) and "identity_block" in view._repr_html_()


def test_rerunning_the_replaced_cell_does_not_insert_again(shell) -> None:
    run(shell, "9")
    replaced = shell.rl_next_input
    shell.rl_next_input = None
    # The replacing cell starts with the magic commented out, so running it never calls %kerasq 9 again.
    first_line = replaced.splitlines()[0]
    shell.run_cell(first_line)
    assert shell.rl_next_input is None


def test_conceptual_question_cell(shell) -> None:
    run(shell, "2")
    assert "%kerasq answer 2" in shell.rl_next_input


def test_hint_levels(shell, bank) -> None:
    first = run(shell, "hint 12")
    assert isinstance(first, HintView) and first.level == 1
    assert bank.get(12).hints[0].split()[0] in repr(first)
    last = run(shell, f"hint 12 --level {len(bank.get(12).hints)}")
    assert "next:" not in repr(last)


def test_answer_is_marked_as_revealed(shell) -> None:
    view = run(shell, "answer 12")
    assert isinstance(view, AnswerView)
    assert repr(view).startswith("Revealing the answer to question 12")
    assert "Revealing the answer" in view._repr_html_()


def test_search_puts_dropout_question_first(shell) -> None:
    view = run(shell, "search dropout")
    assert isinstance(view, SearchView) and view.hits[0].question.id == 12
    assert "No question matches" in repr(run(shell, "search xylophone"))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("999", "no question 999: questions are numbered 1-"),
        ("abc", "unknown command 'abc'; valid commands: N (a question number), list"),
        ("hint", "hint needs a question number"),
        ("hint 3 --level 99", "question 3 has"),
        ("hint 3 --level two", "invalid int value: 'two'"),
        ("hint x", "'x' is not a question number"),
        ("answer 0", "no question 0"),
        ("list --tag nonsense", "no question has the tag 'nonsense'; tags:"),
        ("list --section cooking", "no section matches 'cooking'; sections:"),
        ("list --colour red", "unrecognized arguments: --colour red"),
        ('search "unclosed', "cannot read the line"),
        ("check", "check needs a question number"),
    ],
)
def test_bad_input_is_a_one_line_usage_error(shell, line: str, expected: str) -> None:
    with pytest.raises(UsageError) as caught:
        run(shell, line)
    message = str(caught.value)
    assert expected in message and "\n" not in message


def test_bad_input_through_run_cell_shows_no_traceback(shell, capsys) -> None:
    result = shell.run_cell("%kerasq 999")
    captured = capsys.readouterr()
    assert "no question 999" in captured.err + captured.out
    assert "Traceback" not in captured.err + captured.out
    assert result.error_in_exec is not None or result.success is False


def test_html_escapes_question_strings(bank) -> None:
    import dataclasses

    question = dataclasses.replace(bank.get(12), title="<img src=x onerror=alert(1)>")
    html = QuestionView(question)._repr_html_() + AnswerView(question)._repr_html_()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_answer_markdown_raw_html_is_escaped(bank) -> None:
    import dataclasses

    question = dataclasses.replace(bank.get(12), answer_markdown="<script>alert(1)</script>\n")
    assert "<script>" not in AnswerView(question)._repr_html_()


def test_unload_removes_the_magic_and_loading_twice_is_harmless(shell) -> None:
    shell.run_line_magic("load_ext", "kerasq")
    shell.run_line_magic("reload_ext", "kerasq")
    assert "kerasq" in shell.magics_manager.magics["line"]
    shell.run_line_magic("unload_ext", "kerasq")
    assert "kerasq" not in shell.magics_manager.magics["line"]
    assert not any(getattr(hook, "_kerasq", False) for hook in shell.inspector.mime_hooks.values())
    shell.run_line_magic("load_ext", "kerasq")  # the fixture unloads it again


def test_question_task_markdown_is_rendered_in_html(bank) -> None:
    html = QuestionView(bank.get(12))._repr_html_()
    assert "<code>model</code>" in html and "`model`" not in html
