"""Diagnostics and quick fixes through a real kerasq server over stdio."""

from __future__ import annotations

import textwrap

import pytest
from lsprotocol import types as lsp

pytestmark = pytest.mark.asyncio(loop_scope="module")

PITFALLS = textwrap.dedent(
    """\
    import os
    import keras
    from keras import layers
    from keras.layers.core import Flatten
    os.environ["KERAS_BACKEND"] = "jax"

    class Scale(layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight("w", (input_shape[-1],))

    model = keras.Sequential([layers.Dense(8, input_shape=(4,)), layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(lr=1e-3), loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    head = layers.Dense(1, activation="softmax")
    model.save("model.h5")
    spec = model.to_yaml()
    model.fit_generator(batches)
    """
)

EXPECTED_RULES = {
    "keras2-import-path",
    "keras-backend-after-import",
    "add-weight-positional-name",
    "input-shape-on-layer",
    "optimizer-lr-argument",
    "softmax-with-from-logits",
    "dense-one-unit-softmax",
    "h5-format",
    "yaml-export",
    "generator-methods",
}


async def test_every_rule_is_published_with_its_question(session, bank) -> None:
    uri = session.open(PITFALLS)
    diagnostics = await session.diagnostics(uri)
    assert {d.code for d in diagnostics} == EXPECTED_RULES
    for diagnostic in diagnostics:
        assert diagnostic.source == "kerasq"
        assert diagnostic.severity in (lsp.DiagnosticSeverity.Warning, lsp.DiagnosticSeverity.Information)
        number = diagnostic.data["question"]
        question = bank.get(number)
        assert question is not None and f"kerasq Q{number}: {question.title}" in diagnostic.message
        assert diagnostic.code_description.href.endswith(question.path.name)
    h5 = next(d for d in diagnostics if d.code == "h5-format")
    line = PITFALLS.split("\n")[h5.range.start.line]
    assert line[h5.range.start.character : h5.range.end.character] == '"model.h5"'


async def test_correct_code_gets_no_diagnostics(session) -> None:
    text = "import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation='sigmoid')])\nmodel.save('m.keras')\n"
    uri = session.open(text)
    assert await session.diagnostics(uri) == []


async def test_diagnostics_follow_edits(session) -> None:
    uri = session.open("model.save('m.keras')\n")
    assert await session.diagnostics(uri, 1) == []
    session.replace(uri, "model.save('m.h5')\n", version=2)
    assert [d.code for d in await session.diagnostics(uri, 2)] == ["h5-format"]
    session.replace(uri, "model.save('m.keras')\n", version=3)
    assert await session.diagnostics(uri, 3) == []


async def test_hovers_are_answered_while_diagnostics_are_pending(session) -> None:
    lines = ["import keras", "from keras import layers"] + [f"m{i} = layers.Dense(1, activation='softmax')" for i in range(3000)]
    text = "\n".join(lines) + "\n"
    uri = session.open(text)
    hover = await session.hover(uri, 2, len("m0 = layers.De"))
    assert hover is not None and "`keras.layers.Dense`" in hover
    diagnostics = await session.diagnostics(uri)
    assert len(diagnostics) == 3000


async def test_quick_fixes_remove_their_diagnostics(session) -> None:
    uri = session.open(PITFALLS)
    diagnostics = await session.diagnostics(uri)
    text = PITFALLS
    version = 1
    for code in sorted(EXPECTED_RULES):
        current = await session.diagnostics(uri, version)
        target = next(d for d in current if d.code == code)
        actions = await session.code_actions(uri, (target.range.start.line, target.range.start.character))
        fixes = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix and a.diagnostics and a.diagnostics[0].code == code]
        assert len(fixes) == 1, (code, [a.title for a in actions])
        fix = fixes[0]
        assert list(fix.edit.changes) == [uri]
        text = session.apply_edits(text, fix.edit.changes[uri])
        version += 1
        session.replace(uri, text, version)
        assert code not in {d.code for d in await session.diagnostics(uri, version)}, (code, text)
    assert await session.diagnostics(uri, version) == []
    assert len(diagnostics) == len(EXPECTED_RULES)


async def test_closing_a_document_clears_its_diagnostics(session) -> None:
    uri = session.open("model.save('m.h5')\n")
    assert await session.diagnostics(uri)
    session.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    assert await session.diagnostics(uri, None) == []
