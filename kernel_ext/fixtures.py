"""The objects a check hands to learner code, made the same way every time (no randomness, no downloads).

Exercise settings name them (`args: [model, x, y]`, `init: [samples]`); `make` builds them from the
exercise's `check` settings. Sizes: `input_shape` (default [4]), `output_units` (default 1, or 3 for a
`model` argument), `samples` (rows of data; `fit.samples` wins for training data).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from kerasq.probes import fill_weights, probe_input

FIXTURES = ("model", "x", "y", "samples", "x_path", "y_path", "export_dir", "reference", "current", "features")
DEFAULT_ROWS = 16


def input_shape(settings: dict[str, Any]) -> tuple[int, ...]:
    """The shape of one input sample."""
    return tuple(settings.get("input_shape", (4,)))


def rows(settings: dict[str, Any]) -> int:
    """How many samples the data fixtures hold."""
    fit = settings.get("fit") or {}
    return int(fit.get("samples", settings.get("samples", DEFAULT_ROWS)))


def units(settings: dict[str, Any], default: int = 1) -> int:
    """Output units of the check's model."""
    return int(settings.get("output_units", default))


def data_x(settings: dict[str, Any]) -> Any:
    """Float32 inputs, `rows` samples of `input_shape`."""
    return probe_input(input_shape(settings), batch=rows(settings))


def data_y(settings: dict[str, Any], output_units: int) -> Any:
    """Integer class labels for several units; 0/1 float targets for one."""
    import numpy as np

    count = rows(settings)
    if output_units == 1:
        return (np.arange(count) % 2).astype("float32")
    return (np.arange(count) % output_units).astype("int64")


def model(settings: dict[str, Any], output_units: int) -> Any:
    """A small compiled classifier with fixed weights: Dense 8 relu -> Dense(output_units), sigmoid or softmax."""
    import keras
    from keras import layers

    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=input_shape(settings), name="features")
    hidden = layers.Dense(8, activation="relu", name="hidden")(inputs)
    activation = "sigmoid" if output_units == 1 else "softmax"
    outputs = layers.Dense(output_units, activation=activation, name="scores")(hidden)
    built = keras.Model(inputs, outputs, name="kerasq_check_model")
    loss = "binary_crossentropy" if output_units == 1 else "sparse_categorical_crossentropy"
    built.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss=loss, metrics=["accuracy"])
    for layer in built.layers:
        fill_weights(layer)
    return built


class Workspace:
    """A temporary folder for file fixtures; use as a context manager."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="kerasq-check-")
        self.path = Path(self._folder.name)

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._folder.cleanup()


def make(names: list[str], settings: dict[str, Any], workspace: Workspace) -> list[list[Any]]:
    """The argument lists for ``names``: one list per case (several when a fixture has variants)."""
    import numpy as np

    output_units = units(settings, default=3 if "model" in names else 1)
    values: dict[str, list[Any]] = {}
    for name in names:
        if name == "model":
            values[name] = [model(settings, output_units)]
        elif name in ("x", "samples"):
            values[name] = [data_x(settings)]
        elif name == "y":
            values[name] = [data_y(settings, output_units)]
        elif name in ("x_path", "y_path"):
            path = workspace.path / f"{name[0]}.npy"
            np.save(path, data_x(settings) if name == "x_path" else data_y(settings, 1))
            values[name] = [str(path)]
        elif name == "export_dir":
            folder = workspace.path / "export"
            model(settings, output_units).export(str(folder), verbose=False)
            values[name] = [str(folder)]
        elif name == "reference":
            values[name] = [np.random.default_rng(0).normal(size=1000)]
        elif name == "current":
            base = np.random.default_rng(0).normal(size=1000)
            values[name] = [base * 1.2 + 0.5, base]  # a shifted sample, then the reference itself
        elif name == "features":
            values[name] = [probe_input(tuple(shape[1:]), batch=shape[0]) for shape in settings["shapes"]]
        else:
            raise KeyError(f"unknown argument name {name!r}; the check can provide: {', '.join(FIXTURES)}")
    cases = max((len(options) for options in values.values()), default=1)
    return [[values[name][min(case, len(values[name]) - 1)] for name in names] for case in range(cases)]
