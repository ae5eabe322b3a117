"""Benchmark: what the kerasq pylsp plugin adds to a pylsp hover, beside pylsp's own (jedi) hover.

Both run in this process on the same Keras file and positions, with pylsp's real Document and
Workspace objects: pylsp's hover plugin, then the kerasq section the wrapper adds. Printed, not asserted.
"""

from __future__ import annotations

import statistics
import textwrap
import time

import pytest

pytest.importorskip("pylsp")

from pylsp.config.config import Config  # noqa: E402
from pylsp.plugins import hover as pylsp_hover_plugin  # noqa: E402
from pylsp.workspace import Document, Workspace  # noqa: E402

from kerasq.lsp.pylsp_plugin import kerasq_section, merge_hover  # noqa: E402

PYLSP_ROUNDS = 1  # jedi and black make pylsp's hover slow (~0.1-2 s here): one round shows its scale
KERASQ_ROUNDS = 100
SOURCE = textwrap.dedent(
    """\
    import keras
    from keras import layers
    from keras.layers import Dense, Conv2D

    inputs = keras.Input(shape=(32, 32, 3))
    x = Conv2D(32, 3, activation="relu")(inputs)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Flatten()(x)
    x = Dense(64, activation="relu")(x)
    outputs = Dense(10, activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=5, validation_split=0.1)
    """
)
# (line, character) on Conv2D, layers.MaxPooling2D, Dense, model.compile, model.fit
POSITIONS = [(5, 6), (6, 15), (8, 6), (11, 8), (12, 7)]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_pylsp_hover_with_and_without_the_kerasq_section(tmp_path) -> None:
    root = tmp_path.as_uri()
    config = Config(root, {}, 0, {})
    workspace = Workspace(root, None, config=config)
    document = Document(root + "/model.py", workspace, SOURCE)
    positions = [{"line": line, "character": character} for line, character in POSITIONS]

    start = time.perf_counter()
    pylsp_hover_plugin.pylsp_hover(config, document, positions[0])
    pylsp_first = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    kerasq_section(workspace, document, positions[0])
    kerasq_first = (time.perf_counter() - start) * 1000

    pylsp_ms, kerasq_ms, kerasq_edited_ms = [], [], []
    hovers = {}
    for _ in range(PYLSP_ROUNDS):
        for index, position in enumerate(positions):
            start = time.perf_counter()
            hovers[index] = pylsp_hover_plugin.pylsp_hover(config, document, position)
            pylsp_ms.append((time.perf_counter() - start) * 1000)
    sections = 0
    for round_number in range(KERASQ_ROUNDS):
        for index, position in enumerate(positions):
            start = time.perf_counter()
            section = kerasq_section(workspace, document, position)
            if section:
                merge_hover(hovers[index], section)
                sections += 1
            kerasq_ms.append((time.perf_counter() - start) * 1000)
        # After an edit the kerasq analysis runs again (jedi keeps its own caches either way).
        edited = Document(root + "/model.py", workspace, SOURCE + f"# edit {round_number}\n")
        start = time.perf_counter()
        kerasq_section(workspace, edited, positions[0])
        kerasq_edited_ms.append((time.perf_counter() - start) * 1000)

    pylsp_p50, kerasq_p50 = statistics.median(pylsp_ms), statistics.median(kerasq_ms)
    print(
        f"\npylsp hover, {len(pylsp_ms)} hovers on {len(POSITIONS)} Keras positions: "
        f"first {pylsp_first:.1f} ms, p50 {pylsp_p50:.2f} ms, max {max(pylsp_ms):.2f} ms"
        f"\nkerasq section added by the plugin: first {kerasq_first:.1f} ms, p50 {kerasq_p50:.3f} ms, "
        f"p99 {percentile(kerasq_ms, 0.99):.3f} ms; after an edit p50 {statistics.median(kerasq_edited_ms):.2f} ms"
        f"\nadded time / pylsp's own hover (p50): {kerasq_p50 / pylsp_p50:.2e} ({kerasq_p50 / pylsp_p50:.4%})"
    )
    assert sections == len(kerasq_ms), "every position is a Keras API with questions"
