"""The scaffold code action and `%kerasq ` completion, end to end."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

pytestmark = pytest.mark.asyncio(loop_scope="module")


def scaffold_actions(actions: list[lsp.CodeAction]) -> list[lsp.CodeAction]:
    return [action for action in actions if action.kind == lsp.CodeActionKind.RefactorRewrite]


async def test_comment_line_in_a_python_file_inserts_the_scaffold_below(session, bank) -> None:
    text = "import keras\n# kerasq 15\nprint('after')\n"
    uri = session.open(text)
    (action,) = scaffold_actions(await session.code_actions(uri, (1, 3)))
    question = bank.get(15)
    assert f"question 15: {question.title}" in action.title
    result = session.apply_edits(text, action.edit.changes[uri])
    assert result.startswith("import keras\n# kerasq 15\n")
    assert result.endswith("print('after')\n")
    assert question.scaffold.split("\n")[0] in result
    assert "\n# %kerasq check 15" in result and "\n%kerasq" not in result  # magics are commented out in a .py file
    compile(result, "scaffolded.py", "exec")  # still a valid Python file


async def test_magic_line_in_a_notebook_cell_becomes_the_scaffold(session, bank) -> None:
    _, cells = session.open_notebook(["%kerasq 9\n"])
    (action,) = scaffold_actions(await session.code_actions(cells[0], (0, 0)))
    result = session.apply_edits("%kerasq 9\n", action.edit.changes[cells[0]])
    question = bank.get(9)
    assert result.startswith(f"# %kerasq 9: {question.title}\n")  # re-running the cell cannot wipe the work
    assert result.rstrip("\n").endswith("%kerasq check 9")  # notebooks keep the magic live
    assert question.scaffold.rstrip() in result


async def test_indented_trigger_keeps_its_indentation(session) -> None:
    text = "def practice():\n    # kerasq 9\n"
    uri = session.open(text)
    (action,) = scaffold_actions(await session.code_actions(uri, (1, 6)))
    result = session.apply_edits(text, action.edit.changes[uri])
    assert all(line.startswith("    ") or not line for line in result.split("\n")[1:])


@pytest.mark.parametrize("text", ["# kerasq 999\n", "# kerasq fifteen\n", "x = 15  # kerasq 15 is hard\n", "print('kerasq 15')\n"])
async def test_no_scaffold_for_unknown_questions_or_other_lines(session, text: str) -> None:
    uri = session.open(text)
    assert scaffold_actions(await session.code_actions(uri, (0, 2))) == []


async def test_completion_after_kerasq_lists_the_questions(session, bank) -> None:
    uri = session.open("%kerasq \n")
    items = await session.complete(uri, 0, len("%kerasq "))
    assert items is not None
    assert [item.label for item in items] == [str(number) for number in bank.ids]
    first = items[0]
    assert first.detail == bank.get(int(first.label)).title
    assert first.text_edit.range.start.character == len("%kerasq ")


async def test_completion_filters_by_the_digits_typed(session, bank) -> None:
    uri = session.open("%kerasq check 1\n")
    items = await session.complete(uri, 0, len("%kerasq check 1"))
    assert items and all(item.label.startswith("1") for item in items)
    assert {item.label for item in items} == {str(n) for n in bank.ids if str(n).startswith("1")}
    edit = items[0].text_edit
    assert (edit.range.start.character, edit.range.end.character) == (len("%kerasq check "), len("%kerasq check 1"))


@pytest.mark.parametrize("text, column", [("x = 1 \n", 6), ("%kerasq list \n", 13), ("print('%kerasq ')\n", 15), ("%kerasq \n", 3)])
async def test_no_completion_elsewhere(session, text: str, column: int) -> None:
    uri = session.open(text)
    assert not await session.complete(uri, 0, column)


async def test_code_actions_respect_the_requested_kinds(session) -> None:
    text = "model.save('m.h5')\n# kerasq 9\n"
    uri = session.open(text)
    await session.diagnostics(uri)
    whole = lsp.Range(lsp.Position(0, 0), lsp.Position(1, 5))

    async def kinds(only):
        result = await session.client.text_document_code_action_async(
            lsp.CodeActionParams(lsp.TextDocumentIdentifier(uri), whole, lsp.CodeActionContext(diagnostics=[], only=only))
        )
        return sorted(action.kind for action in result)

    assert await kinds(None) == ["quickfix", "refactor.rewrite"]
    assert await kinds([lsp.CodeActionKind.QuickFix]) == ["quickfix"]
    assert await kinds([lsp.CodeActionKind.Refactor]) == ["refactor.rewrite"]
    assert await kinds([lsp.CodeActionKind.SourceOrganizeImports]) == []
