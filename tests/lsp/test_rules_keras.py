"""The facts behind the pitfall rules hold in the installed Keras 3, and the quick-fixed code runs."""

from __future__ import annotations

import importlib
import textwrap

import pytest

from kerasq.lsp.analysis import analyze
from kerasq.lsp.rules import REMOVED_MODULES, check

pytestmark = pytest.mark.keras

keras = pytest.importorskip("keras")


def fix_all(source: str) -> str:
    """Apply every available quick fix once (edits from different findings do not overlap here)."""
    text = textwrap.dedent(source)
    lines = text.split("\n")
    edits = [edit for finding in check(analyze(text)) if finding.fix for edit in finding.fix.edits]

    def offset(line: int, index: int) -> int:
        return sum(len(item) + 1 for item in lines[:line]) + index

    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.start), reverse=True):
        text = text[: offset(edit.span.line, edit.span.start)] + edit.text + text[offset(edit.span.end_line, edit.span.end) :]
    return text


@pytest.mark.parametrize("module", sorted(REMOVED_MODULES))
def test_removed_modules_do_not_import_and_replacements_do(module: str) -> None:
    with pytest.raises(ImportError):
        importlib.import_module(module)
    replacement, _ = REMOVED_MODULES[module]
    if replacement is not None:
        importlib.import_module(replacement)


KERAS2_CODE = """
import numpy as np
import keras
from keras.layers.core import Dense, Flatten

class Scale(keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight("w", (input_shape[-1],), initializer="ones")

    def call(self, x):
        return x * self.w

model = keras.Sequential([Dense(8, input_shape=(4,), activation="relu"), Scale(), Dense(1, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(lr=0.01), loss="binary_crossentropy")
spec = model.to_json()
"""


def test_the_keras2_code_fails_and_the_fixed_code_runs() -> None:
    with pytest.raises((ImportError, ValueError, TypeError)):
        exec(compile(textwrap.dedent(KERAS2_CODE), "<keras2>", "exec"), {})
    fixed = fix_all(KERAS2_CODE)
    assert "keras.layers.core" not in fixed and 'add_weight(name="w", shape=' in fixed and "learning_rate=0.01" in fixed
    assert 'activation="sigmoid"' in fixed and "keras.Input(shape=(4,))" in fixed
    namespace: dict = {}
    exec(compile(fixed, "<fixed>", "exec"), namespace)
    model = namespace["model"]
    assert model.input_shape == (None, 4)
    prediction = model.predict(namespace["np"].ones((2, 4)), verbose=0)
    assert prediction.shape == (2, 1)


def test_dense_one_unit_softmax_is_constant() -> None:
    import numpy as np

    layer = keras.layers.Dense(1, activation="softmax")
    with pytest.warns(UserWarning, match="softmax"):  # Keras itself warns about it at call time
        outputs = np.asarray(layer(np.random.default_rng(0).normal(size=(5, 3)).astype("float32")))
    assert np.allclose(outputs, 1.0)


def test_yaml_export_and_generator_methods_are_gone() -> None:
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    for name in ("to_yaml", "fit_generator", "evaluate_generator", "predict_generator"):
        assert not hasattr(model, name)
    assert not hasattr(keras.models, "model_from_yaml")
    assert hasattr(keras.models, "model_from_json")


def test_keras_backend_is_fixed_once_keras_is_imported(monkeypatch) -> None:
    before = keras.config.backend()
    monkeypatch.setenv("KERAS_BACKEND", "jax" if before != "jax" else "torch")
    assert keras.config.backend() == before


def test_the_h5_fix_saves_in_the_native_format(tmp_path) -> None:
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    source = f'model.save({str(tmp_path / "m.h5")!r})\n'
    fixed = fix_all(source)
    exec(compile(fixed, "<fixed>", "exec"), {"model": model})
    reloaded = keras.saving.load_model(tmp_path / "m.keras")
    assert [w.shape for w in reloaded.weights] == [w.shape for w in model.weights]


def test_inputlayer_takes_shape_and_warns_on_input_shape() -> None:
    with pytest.warns(UserWarning, match="input_shape"):
        deprecated = keras.layers.InputLayer(input_shape=(4,))
    fixed = keras.layers.InputLayer(shape=(4,))
    assert deprecated.batch_shape == fixed.batch_shape == (None, 4)


def test_save_weights_needs_the_weights_h5_suffix_and_the_fix_provides_it(tmp_path) -> None:
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="weights.h5"):
        model.save_weights(str(tmp_path / "w.h5"))
    fixed = fix_all(f"model.save_weights({str(tmp_path / 'w.h5')!r})\n")
    exec(compile(fixed, "<fixed>", "exec"), {"model": model})
    assert (tmp_path / "w.weights.h5").exists()
