"""Exercise kind `roundtrip`: a function `f(model, path)` called on the check's own model.

The check builds a small compiled model with deterministic weights, calls the learner's function
with it and a temporary path, and compares what comes back with the original.

- By default the function saves and reloads a Keras model: the result must be a new model, loaded
  from a native `.keras` file at that path, with the same architecture and compile settings
  (traces), the same weights and the same predictions.
- With `endpoint` set (an export, e.g. a SavedModel), the path is a directory to create and the
  result only has to answer `result.<endpoint>(x)` with the model's predictions.

Settings (`exercise.check`, all optional): `input_shape` (default [4]), `output_units` (default 3),
`endpoint` (the callable attribute of an exported artefact).
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kerasq.compare import Settings, compare_models
from kerasq.findings import FAIL, PASS, Finding, Outcome
from kerasq.learner import FUNCTION, LearnerError, function_problem, run_learner, wrong_type_finding
from kerasq.probes import fill_weights, probe_input, rounded
from kerasq.trace import ModelTrace, trace_model

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"input_shape", "output_units", "endpoint"})  # the `check` keys this kind reads
TARGET = FUNCTION
FILE_NAME = "kerasq-roundtrip.keras"
_INPUT_SHAPE = (4,)


def checker_model(settings: dict[str, Any] | None = None) -> Any:
    """The model the check saves and reloads: two Dense layers around a Dropout, compiled, fixed weights."""
    import keras
    from keras import layers

    settings = settings or {}
    units = int(settings.get("output_units", 3))
    inputs = keras.Input(shape=_input_shape(settings), name="features")
    x = layers.Dense(8, activation="relu", name="hidden")(inputs)
    x = layers.Dropout(0.25, name="dropout")(x)
    outputs = layers.Dense(units, activation="sigmoid" if units == 1 else "softmax", name="scores")(x)
    model = keras.Model(inputs, outputs, name="kerasq_roundtrip")
    loss = "binary_crossentropy" if units == 1 else "sparse_categorical_crossentropy"
    model.compile(optimizer="adam", loss=loss, metrics=["accuracy"])
    for layer in model.layers:
        fill_weights(layer)
    return model


def _input_shape(settings: dict[str, Any]) -> tuple[int, ...]:
    return tuple(settings.get("input_shape", _INPUT_SHAPE))


def _path(folder: Path, settings: dict[str, Any]) -> Path:
    return folder / ("exported" if settings.get("endpoint") else FILE_NAME)


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """The trace of the model the solution reloads (or, for an export, the endpoint's predictions)."""
    import keras

    settings = question.exercise.check
    targets = {}
    for name in question.targets:
        with tempfile.TemporaryDirectory(prefix="kerasq-") as folder:
            model = checker_model(settings)
            result = namespace[name](model, str(_path(Path(folder), settings)))
            if settings.get("endpoint"):
                batch = probe_input(_input_shape(settings), batch=3)
                answer = getattr(result, settings["endpoint"])(batch)
                targets[name] = {"endpoint": settings["endpoint"], "predictions": rounded(keras.ops.convert_to_numpy(answer))}
            else:
                targets[name] = trace_model(result).to_json()
    return {"targets": targets}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Call each function on the checker's model and compare what comes back."""
    settings = question.exercise.check
    findings: list[Finding] = []
    tables = []
    for name, function in objects.items():
        problem = function_problem(name, function)
        if problem is not None:
            findings.append(problem)
            continue
        with tempfile.TemporaryDirectory(prefix="kerasq-") as folder:
            try:
                if settings.get("endpoint"):
                    found, table = _check_export(name, function, Path(folder), settings, reference["targets"][name])
                else:
                    expected = ModelTrace.from_json(reference["targets"][name])
                    found, table = _check_function(name, function, Path(folder), settings, expected)
            except LearnerError as error:
                found, table = [error.finding], None
        findings += found
        if table is not None:
            tables.append(table)
    return Outcome(tuple(findings), tuple(tables))


def _check_export(name: str, function: Any, folder: Path, settings: dict[str, Any], expected: dict[str, Any]) -> tuple[list[Finding], None]:
    import keras
    import numpy as np

    model = checker_model(settings)
    path = _path(folder, settings)
    call = f"{name}(model, {str(path)!r})"
    result = run_learner(f"calling {call}", name, lambda: function(model, str(path)))
    endpoint = settings["endpoint"]
    if result is None:
        return [Finding(FAIL, name, f"{call} returned None", "the reloaded artefact", "None", "return the object you loaded back")], None
    if not path.exists():
        return [Finding(FAIL, name, "nothing was written at the path the function was given", str(path),
                        ", ".join(sorted(item.name for item in folder.iterdir())) or "an empty folder", "export to the path argument")], None
    if not callable(getattr(result, endpoint, None)):
        return [Finding(FAIL, name, f"the returned object has no callable `{endpoint}` endpoint", endpoint, type(result).__name__,
                        f"return what the loader gives back; an export made with model.export has a `{endpoint}` endpoint")], None
    batch = probe_input(_input_shape(settings), batch=3)
    answer = run_learner(f"calling result.{endpoint}(x)", name, lambda: getattr(result, endpoint)(batch))
    values = np.asarray(keras.ops.convert_to_numpy(answer) if not isinstance(answer, np.ndarray) else answer, dtype="float64")
    want = keras.ops.convert_to_numpy(model(batch, training=False))
    if values.shape != want.shape or not np.allclose(values, want, atol=1e-5):
        return [Finding(FAIL, name, f"result.{endpoint}(x) differs from the model's own predictions", str(np.round(want, 4).tolist()),
                        str(np.round(values, 4).tolist()), "export the model you were given, unchanged")], None
    return [Finding(PASS, name, f"{call} exported the model and result.{endpoint}(x) matches its predictions")], None


def _check_function(name: str, function: Any, folder: Path, settings: dict[str, Any], expected: ModelTrace) -> tuple[list[Finding], Any]:
    import keras
    import numpy as np

    original = checker_model(settings)
    path = _path(folder, settings)
    call = f"{name}(model, {str(path)!r})"
    result = run_learner(f"calling {call}", name, lambda: function(original, str(path)))
    if result is None:
        return [Finding(FAIL, name, f"{call} returned None", "the reloaded model", "None",
                        "return the model loaded back from the file: return keras.saving.load_model(path)")], None
    if result is original:
        return [Finding(FAIL, name, f"{call} returned the model it was given, not the one loaded from the file",
                        "a new model loaded from path", "the same object", "return keras.saving.load_model(path) after saving")], None
    if not isinstance(result, keras.Model):
        return [wrong_type_finding(name, result, "model", "return the model that keras.saving.load_model(path) gives back")], None
    file_problem = _file_problem(name, path, folder)
    if file_problem is not None:
        return [file_problem], None
    findings = [Finding(PASS, name, f"{call} wrote a native .keras file and returned a new model")]
    # Compile settings are not part of the task (load_model(path, compile=False) is a fine reload).
    compared, table = compare_models(expected, trace_model(result), "the reloaded model", Settings(names=True, compile=False))
    findings += compared
    if any(not finding.ok for finding in compared):
        return findings, table
    for want, have in zip(original.weights, result.weights):
        if tuple(want.shape) != tuple(have.shape) or not np.allclose(keras.ops.convert_to_numpy(want), keras.ops.convert_to_numpy(have)):
            findings.append(Finding(FAIL, name, f"the reloaded weight {have.path} differs from the saved one",
                                    hint="save the whole model (model.save(path)) and load it back unchanged, without re-initialising"))
            return findings, table
    batch = probe_input(_input_shape(settings), batch=3)
    before = keras.ops.convert_to_numpy(original(batch, training=False))
    after = run_learner("calling the reloaded model on a probe batch", name, lambda: keras.ops.convert_to_numpy(result(batch, training=False)))
    if not np.allclose(before, after, atol=1e-5):
        findings.append(Finding(FAIL, name, "the reloaded model predicts other values than the original",
                                hint="load exactly what was saved: keras.saving.load_model(path)"))
        return findings, table
    findings.append(Finding(PASS, name, "weights and predictions of the reloaded model equal the original's"))
    return findings, table


def _file_problem(name: str, path: Path, folder: Path) -> Finding | None:
    if path.is_file():
        if zipfile.is_zipfile(path):
            return None
        return Finding(FAIL, name, f"{path.name} is not a native Keras file (a zip archive)", "the native .keras format",
                       "another format", "save with model.save(path) where path ends in .keras")
    others = sorted(item.name for item in folder.iterdir())
    if any(other.endswith((".h5", ".hdf5")) for other in others):
        return Finding(FAIL, name, "the model was saved in the legacy HDF5 format", "a .keras file at path", ", ".join(others),
                       "use the native format: model.save(path) with the .keras path you were given")
    return Finding(FAIL, name, "nothing was saved at the path the function was given", str(path),
                   ", ".join(others) or "an empty folder", "save to the path argument: model.save(path)")
