"""Hovers through a real kerasq server over stdio (pytest-lsp client with VS Code's capabilities)."""

from __future__ import annotations

import textwrap

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="module")

SOURCE = textwrap.dedent(
    """\
    import keras
    from keras import layers as L
    import tensorflow as tf

    model = keras.Sequential([keras.Input((4,)), L.Dense(8, activation="relu"), L.Dropout(0.2)])
    model.compile(optimizer="adam", loss="mse")
    conv = tf.keras.layers.Conv2D(3, 3)

    class Dense:
        pass

    mine = Dense()
    """
)


async def test_initialize_advertises_the_features(client) -> None:
    result = client.initialize_result
    assert result.server_info.name == "kerasq"
    capabilities = result.capabilities
    assert capabilities.hover_provider
    assert capabilities.code_action_provider
    assert list(capabilities.completion_provider.trigger_characters) == [" "]
    assert list(capabilities.execute_command_provider.commands) == ["kerasq.status"]
    selector = capabilities.notebook_document_sync.notebook_selector
    assert [item.notebook for item in selector] == ["*"]  # the notebook form, not the cells-only form
    assert [cell.language for cell in selector[0].cells] == ["python"]


async def test_hover_on_keras_names(session, bank) -> None:
    uri = session.open(SOURCE)
    dense = await session.hover_at(uri, SOURCE, "Dense(8", 2)
    assert dense is not None and "`keras.layers.Dense`" in dense and "`%kerasq " in dense
    compile_hover = await session.hover_at(uri, SOURCE, "compile", 1)
    assert compile_hover is not None and "`keras.Model.compile`" in compile_hover
    conv = await session.hover_at(uri, SOURCE, "Conv2D", 1)
    assert conv is not None and "`keras.layers.Conv2D`" in conv
    main = bank.about_api("keras.layers.Dropout")[0] if bank.about_api("keras.layers.Dropout") else None
    dropout = await session.hover_at(uri, SOURCE, "Dropout", 1)
    assert main is not None and dropout is not None and f"Q{main.id}" in dropout


async def test_no_hover_on_the_files_own_names_strings_or_whitespace(session) -> None:
    uri = session.open(SOURCE)
    assert await session.hover_at(uri, SOURCE, "Dense()", 1) is None  # the file's own class
    assert await session.hover_at(uri, SOURCE, '"relu"', 2) is None  # inside a string
    assert await session.hover(uri, 3, 0) is None  # an empty line


async def test_positions_out_of_range_and_unknown_documents_give_no_hover(session) -> None:
    uri = session.open(SOURCE)
    assert await session.hover(uri, 10_000, 0) is None
    assert await session.hover(uri, 0, 10_000) is None
    assert await session.hover("file:///kerasq-tests/never-opened.py", 0, 0) is None
    assert await session.hover("untitled:Untitled-1", 0, 0) is None


async def test_hover_follows_edits(session) -> None:
    uri = session.open("x = 1\n")
    assert await session.hover(uri, 0, 0) is None
    text = "from keras.layers import Dense\nlayer = Dense(3)\n"
    session.replace(uri, text, version=2)
    hover = await session.hover_at(uri, text, "Dense(3", 1)
    assert hover is not None and "`keras.layers.Dense`" in hover


async def test_utf16_positions_after_astral_characters(session) -> None:
    text = "from keras import layers\nlabel = '🙂🙂'; layer = layers.Dense(3)\n"
    uri = session.open(text)
    line = text.split("\n")[1]
    column = line.index("Dense") + 2  # two astral characters before it: one extra UTF-16 unit each
    hover = await session.hover(uri, 1, column + 1)
    assert hover is not None and "`keras.layers.Dense`" in hover
    assert await session.hover(uri, 1, 10) is None  # between the two halves of a surrogate pair, in a string


async def test_a_large_document_still_answers(session) -> None:
    lines = ["from keras import layers"] + [f"x{i} = layers.Dense({i % 7 + 1})" for i in range(10_000)]
    text = "\n".join(lines) + "\n"
    uri = session.open(text)
    hover = await session.hover(uri, 9_000, len("x8999 = layers.De"))
    assert hover is not None and "`keras.layers.Dense`" in hover
