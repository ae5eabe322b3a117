"""`keras.layers.Dense?` lists the kerasq questions about that API (IPython's Inspector.mime_hooks)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.keras


def test_help_on_keras_class_lists_questions(shell) -> None:
    shell.run_cell("import keras")
    bundle = shell.object_inspect_mime("keras.layers.Dropout")
    assert "Interview questions about this API" in bundle["text/plain"]
    assert "%kerasq 12" in bundle["text/plain"]
    assert "Docstring" in bundle["text/plain"]  # IPython's own help is still there
    assert "%kerasq 12" in bundle["text/html"]


def test_help_on_bound_model_method(shell) -> None:
    shell.run_cell("import keras\nm = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])")
    bundle = shell.object_inspect_mime("m.compile")
    assert "Interview questions about this API" in bundle["text/plain"]


def test_help_on_other_objects_is_untouched(shell) -> None:
    shell.run_cell("def mine():\n    'my function'")
    bundle = shell.object_inspect_mime("mine")
    assert "kerasq" not in bundle["text/plain"]
    assert "text/markdown" not in bundle


def test_help_without_kerasq_after_unload(shell) -> None:
    shell.run_cell("import keras")
    shell.run_line_magic("unload_ext", "kerasq")
    bundle = shell.object_inspect_mime("keras.layers.Dropout")
    assert "Interview questions" not in bundle["text/plain"]
    shell.run_line_magic("load_ext", "kerasq")
