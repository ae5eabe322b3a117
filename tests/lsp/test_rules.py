"""Pitfall rules: each fires on the Keras 2 / wrong form, stays quiet on the right one, and fixes mechanically."""

from __future__ import annotations

import textwrap

import pytest

from kerasq.lsp.analysis import analyze
from kerasq.lsp.bankindex import read_index
from kerasq.lsp.diagnostics import link
from kerasq.lsp.rules import RULES, Edit, Finding, check


def findings(source: str, rule: str) -> list[Finding]:
    return [finding for finding in check(analyze(textwrap.dedent(source))) if finding.rule == rule]


def apply(source: str, edits: tuple[Edit, ...]) -> str:
    lines = textwrap.dedent(source).split("\n")
    text = "\n".join(lines)

    def offset(line: int, index: int) -> int:
        return sum(len(item) + 1 for item in lines[:line]) + index

    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.start), reverse=True):
        text = text[: offset(edit.span.line, edit.span.start)] + edit.text + text[offset(edit.span.end_line, edit.span.end) :]
    return text


def fixed(source: str, rule: str) -> str:
    (finding,) = findings(source, rule)
    assert finding.fix is not None
    return apply(source, finding.fix.edits)


CASES: dict[str, tuple[list[str], list[str]]] = {
    "add-weight-positional-name": (
        [
            'class L(keras.layers.Layer):\n    def build(self, s):\n        self.k = self.add_weight("kernel", (s[-1], 3))\n',
            'w = layer.add_weight("bias", shape=(3,))\n',
        ],
        [
            'class L(keras.layers.Layer):\n    def build(self, s):\n        self.k = self.add_weight(shape=(s[-1], 3), name="kernel")\n',
            "w = layer.add_weight((3, 3))\n",
            'w = layer.add_weight(name="kernel", shape=(3,))\n',
        ],
    ),
    "input-shape-on-layer": (
        [
            "import keras\nmodel = keras.Sequential([keras.layers.Dense(8, input_shape=(4,))])\n",
            "from keras import layers\nfirst = layers.Conv2D(8, 3, input_shape=(28, 28, 1))\n",
            "import tensorflow as tf\nd = tf.keras.layers.Dense(8, input_dim=4)\n",
            "import keras\nfirst = keras.layers.InputLayer(input_shape=(4,))\n",
        ],
        [
            "import keras\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8)])\n",
            "from mylib import Dense\nd = Dense(8, input_shape=(4,))\n",  # not Keras
            "import keras\nx = keras.Input(shape=(4,))\n",
        ],
    ),
    "h5-format": (
        [
            'model.save("model.h5")\n',
            "model.save(filepath='weights/best.HDF5')\n",
            'import keras\nkeras.saving.save_model(model, "m.h5")\n',
        ],
        [
            'model.save("model.keras")\n',
            'model.save_weights("model.weights.h5")\n',  # the Keras 3 weights-only format
            "model.save(path)\n",
            'data.to_hdf("table.h5")\n',
        ],
    ),
    "save-weights-suffix": (
        ['model.save_weights("weights.h5")\n', "model.save_weights('checkpoints/ckpt')\n", 'model.save_weights(filepath="w.hdf5")\n'],
        ['model.save_weights("model.weights.h5")\n', "model.save_weights(path)\n", 'model.save("m.keras")\n'],
    ),
    "softmax-with-from-logits": (
        [
            """\
            import keras
            from keras import layers
            model = keras.Sequential([keras.Input((4,)), layers.Dense(3, activation="softmax")])
            model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            """,
            """\
            import keras
            from keras import layers
            inputs = keras.Input((4,))
            outputs = layers.Dense(3, activation="softmax")(inputs)
            model = keras.Model(inputs, outputs)
            model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True))
            """,
            """\
            import keras
            model = keras.Sequential()
            model.add(keras.layers.Dense(3))
            model.add(keras.layers.Softmax())
            model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))
            """,
        ],
        [
            """\
            import keras
            model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)])
            model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            """,
            """\
            import keras
            model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
            model.compile(loss=keras.losses.SparseCategoricalCrossentropy())
            """,
            """\
            import keras
            model = build()
            model.compile(loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
            """,
        ],
    ),
    "dense-one-unit-softmax": (
        [
            'import keras\nout = keras.layers.Dense(1, activation="softmax")\n',
            "from keras.layers import Dense\nout = Dense(units=1, activation='softmax')\n",
            'from keras import layers\nout = layers.Dense(1, "softmax")\n',
        ],
        [
            'import keras\nout = keras.layers.Dense(1, activation="sigmoid")\n',
            'import keras\nout = keras.layers.Dense(10, activation="softmax")\n',
            'from mylib import Dense\nout = Dense(1, activation="softmax")\n',
        ],
    ),
    "yaml-export": (
        [
            "text = model.to_yaml()\n",
            "import keras\nmodel = keras.models.model_from_yaml(text)\n",
            "from keras.models import model_from_yaml\nmodel = model_from_yaml(text)\n",
        ],
        [
            "text = model.to_json()\n",
            "from omegaconf import OmegaConf\ntext = OmegaConf.to_yaml(config)\n",
            "import yaml\ntext = yaml.dump(config)\n",
        ],
    ),
    "keras-backend-after-import": (
        [
            'import os\nimport keras\nos.environ["KERAS_BACKEND"] = "jax"\n',
            'import os\nfrom keras import layers\nos.environ.setdefault("KERAS_BACKEND", "torch")\n',
            "import keras\n%env KERAS_BACKEND=jax\n",
        ],
        [
            'import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\n',
            '%env KERAS_BACKEND=jax\nimport keras\n',
            'import os\nimport numpy\nos.environ["KERAS_BACKEND"] = "jax"\n',
        ],
    ),
    "keras2-import-path": (
        [
            "from keras.layers.core import Dense, Flatten\n",
            "from keras.layers.merge import concatenate\n",
            "from keras.wrappers.scikit_learn import KerasClassifier\n",
            "from tensorflow.keras.layers.experimental import preprocessing\n",
            "import keras.layers.convolutional as conv\n",
        ],
        [
            "from keras.layers import Dense, Flatten, concatenate\n",
            "from keras.wrappers import SKLearnClassifier\n",
            "from mylib.layers.core import Dense\n",
        ],
    ),
    "optimizer-lr-argument": (
        ["import keras\nopt = keras.optimizers.Adam(lr=1e-3)\n", "from keras.optimizers import SGD\nopt = SGD(lr=0.1, momentum=0.9)\n"],
        ["import keras\nopt = keras.optimizers.Adam(learning_rate=1e-3)\n", "from torch.optim import SGD\nopt = SGD(params, lr=0.1)\n"],
    ),
    "generator-methods": (
        ["model.fit_generator(batches, epochs=3)\n", "import keras\nm = keras.Sequential([])\nm.predict_generator(batches)\n"],
        ["model.fit(batches, epochs=3)\n", "import keras\nlayer = keras.layers.Dense(3)\nlayer.fit_generator(x)\n"],
    ),
}


def test_every_rule_has_cases() -> None:
    assert set(CASES) == set(RULES)
    assert len(RULES) >= 8


@pytest.mark.parametrize("rule, source", [(rule, source) for rule, (bad, _) in CASES.items() for source in bad])
def test_rule_fires_on_the_pitfall(rule: str, source: str) -> None:
    found = findings(source, rule)
    assert len(found) == 1, found
    assert found[0].severity in ("warning", "information")


@pytest.mark.parametrize("rule, source", [(rule, source) for rule, (_, good) in CASES.items() for source in good])
def test_rule_is_quiet_on_correct_code(rule: str, source: str) -> None:
    assert findings(source, rule) == []


def test_every_rule_links_a_question_the_bank_holds() -> None:
    index = read_index()
    for rule, (bad, _) in CASES.items():
        finding = findings(bad[0], rule)[0]
        diagnostic = link(finding, index)
        assert diagnostic.question is not None, f"{rule}: none of questions {finding.questions} is in the bank"
        assert f"kerasq Q{diagnostic.question.id}" in diagnostic.message and f"%kerasq {diagnostic.question.id}" in diagnostic.message
        assert diagnostic.href and diagnostic.href.startswith("file://")


@pytest.mark.parametrize(
    "rule, source, expected",
    [
        (
            "add-weight-positional-name",
            'w = self.add_weight("kernel", (3, 3), "float32")\n',
            'w = self.add_weight(name="kernel", shape=(3, 3), dtype="float32")\n',
        ),
        (
            "input-shape-on-layer",
            "import keras\nmodel = keras.Sequential([keras.layers.Dense(8, input_shape=(4,)), keras.layers.Dense(1)])\n",
            "import keras\nmodel = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8), keras.layers.Dense(1)])\n",
        ),
        (
            "input-shape-on-layer",
            "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(8, input_dim=4, activation='relu')])\n",
            "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.Input(shape=(4,)), tf.keras.layers.Dense(8, activation='relu')])\n",
        ),
        (
            "input-shape-on-layer",
            "import keras\nfirst = keras.layers.InputLayer(input_shape=(4,))\n",
            "import keras\nfirst = keras.layers.InputLayer(shape=(4,))\n",
        ),
        ("h5-format", 'model.save("out/model.h5")\n', 'model.save("out/model.keras")\n'),
        ("save-weights-suffix", 'model.save_weights("out/w.h5")\n', 'model.save_weights("out/w.weights.h5")\n'),
        ("save-weights-suffix", "model.save_weights('ckpt')\n", "model.save_weights('ckpt.weights.h5')\n"),
        (
            "softmax-with-from-logits",
            "import keras\nm = keras.Sequential([keras.layers.Dense(3, activation='softmax')])\n"
            "m.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))\n",
            "import keras\nm = keras.Sequential([keras.layers.Dense(3, activation='softmax')])\n"
            "m.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=False))\n",
        ),
        ("dense-one-unit-softmax", 'import keras\no = keras.layers.Dense(1, activation="softmax")\n', 'import keras\no = keras.layers.Dense(1, activation="sigmoid")\n'),
        ("yaml-export", "spec = model.to_yaml()\n", "spec = model.to_json()\n"),
        (
            "keras-backend-after-import",
            'import os\nimport keras\nos.environ["KERAS_BACKEND"] = "jax"\nx = 1\n',
            'import os\nos.environ["KERAS_BACKEND"] = "jax"\nimport keras\nx = 1\n',
        ),
        ("keras2-import-path", "from keras.layers.core import Dense\n", "from keras.layers import Dense\n"),
        ("keras2-import-path", "from tensorflow.keras.layers.merge import add\n", "from tensorflow.keras.layers import add\n"),
        ("optimizer-lr-argument", "import keras\no = keras.optimizers.Adam(lr=0.01)\n", "import keras\no = keras.optimizers.Adam(learning_rate=0.01)\n"),
        ("generator-methods", "model.fit_generator(gen, epochs=2)\n", "model.fit(gen, epochs=2)\n"),
    ],
)
def test_quick_fix_is_mechanical(rule: str, source: str, expected: str) -> None:
    assert fixed(source, rule) == expected
    assert findings(expected, rule) == []


@pytest.mark.parametrize(
    "rule, source",
    [
        ("input-shape-on-layer", "from keras import layers\nfirst = layers.Dense(8, input_shape=(4,))\n"),  # not inside a Sequential
        ("keras-backend-after-import", "import keras\nimport os\nos.environ['KERAS_BACKEND'] = 'jax'\n"),  # os comes after keras
        ("keras2-import-path", "from keras.wrappers.scikit_learn import KerasClassifier\n"),  # renamed classes: no mechanical fix
    ],
)
def test_no_fix_when_the_fix_is_not_mechanical(rule: str, source: str) -> None:
    (finding,) = findings(source, rule)
    assert finding.fix is None


def test_rules_survive_ipython_syntax_and_syntax_errors() -> None:
    source = """\
    %load_ext kerasq
    !pip install keras
    import keras
    def broken(:
        pass
    model = keras.Sequential([keras.layers.Dense(1, activation="softmax")])
    model.save("m.h5")
    """
    rules = {finding.rule for finding in check(analyze(textwrap.dedent(source)))}
    assert {"dense-one-unit-softmax", "h5-format"} <= rules


def test_keras_backend_rule_reads_jupyterlab_rewritten_env_magic() -> None:
    source = 'import keras\nget_ipython().run_line_magic("env", " KERAS_BACKEND=jax")\n'
    (finding,) = findings(source, "keras-backend-after-import")
    assert source.split("\n")[1][finding.span.start : finding.span.end] == "KERAS_BACKEND"
