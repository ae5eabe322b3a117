"""Exercise kind `train_step_model`: a `keras.Model` subclass with its own `train_step`, trained by the check.

The check builds the class Functional-style around its own layers, compiles it as the settings say,
fits it on fixed data with fixed weights and compares the logged values epoch by epoch.

Settings (`exercise.check`): `build` (`input_shape`, `layers`: a list of `{LayerName: {kwargs}}`),
`compile` (`optimizer`: a name or `{ClassName: {kwargs}}`, `loss`, `metrics`), `fit` (`epochs`,
`batch_size`, `samples`), `expect_keys` (logs the solution must produce, checked when the traces
are built), `tolerance` (default 1e-4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kerasq import fixtures
from kerasq.findings import FAIL, PASS, Finding, Outcome
from kerasq.learner import CLASS, LearnerError, run_learner, subclass_problem
from kerasq.probes import fill_weights
from kerasq.values import difference, plain

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"build", "compile", "fit", "expect_keys", "tolerance"})  # the `check` keys this kind reads
TARGET = CLASS


def _object(module: Any, spec: Any) -> Any:
    """`"adam"` or `{"SGD": {"learning_rate": 0.1}}` -> an object from ``module`` (keras.optimizers...)."""
    if isinstance(spec, dict):
        (class_name, kwargs), = spec.items()
        return getattr(module, class_name)(**(kwargs or {}))
    return spec


def _train(name: str, cls: type, settings: dict[str, Any]) -> dict[str, Any]:
    import keras
    import numpy as np

    build = settings.get("build") or {}
    shape = tuple(build.get("input_shape", (4,)))
    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=shape)
    x = inputs
    for spec in build.get("layers") or [{"Dense": {"units": 1}}]:
        (layer_name, kwargs), = spec.items()
        x = getattr(keras.layers, layer_name)(**(kwargs or {}))(x)
    model = run_learner(f"{name}(inputs, outputs)", name, lambda: cls(inputs, x))
    for layer in model.layers:
        fill_weights(layer)
    compile_settings = settings.get("compile") or {}
    run_learner(f"compiling {name}", name, lambda: model.compile(
        optimizer=_object(keras.optimizers, compile_settings.get("optimizer", "sgd")),
        loss=compile_settings.get("loss", "mse"), metrics=list(compile_settings.get("metrics") or [])))
    fit = {"epochs": 2, "batch_size": 8, **(settings.get("fit") or {})}
    data = {"input_shape": shape, "samples": fit.get("samples", fixtures.DEFAULT_ROWS)}
    features = fixtures.data_x(data)
    targets = (features.reshape(len(features), -1).sum(axis=1, keepdims=True) * 0.25).astype(np.float32)
    history = run_learner(f"{name}.fit(x, y, epochs={fit['epochs']})", name, lambda: model.fit(
        features, targets, epochs=int(fit["epochs"]), batch_size=int(fit["batch_size"]), shuffle=False, verbose=0))
    return {key: plain(values, digits=6) for key, values in sorted(history.history.items())}


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """The solution's logs, epoch by epoch."""
    settings = question.exercise.check
    targets = {}
    for name in question.targets:
        logs = _train(name, namespace[name], settings)
        missing = [key for key in settings.get("expect_keys", []) if key not in logs]
        if missing:
            raise ValueError(f"the solution's logs have no {', '.join(missing)} (they have {', '.join(logs)})")
        targets[name] = {"logs": logs}
    return {"targets": targets}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Train the learner's class and compare its logs with the reference."""
    import keras

    settings = question.exercise.check
    findings: list[Finding] = []
    for name, cls in objects.items():
        problem = subclass_problem(name, cls, keras.Model, ("keras.Model", "a keras.Model subclass"),
                                   f"declare it as class {name}(keras.Model):")
        if problem is not None:
            findings.append(problem)
        elif getattr(cls, "train_step", None) is getattr(keras.Model, "train_step", None):
            findings.append(Finding(FAIL, name, f"`{name}` does not override train_step", "a train_step(self, data) method",
                                    "the inherited one", "define def train_step(self, data): in the class"))
        else:
            try:
                findings.append(_compare(name, _train(name, cls, settings), reference["targets"][name]["logs"], settings))
            except LearnerError as error:
                findings.append(error.finding)
    return Outcome(tuple(findings))


def _compare(name: str, logs: dict[str, Any], expected: dict[str, Any], settings: dict[str, Any]) -> Finding:
    tolerance = float(settings.get("tolerance", 1e-4))
    for key, values in expected.items():
        if key not in logs:
            return Finding(FAIL, name, f"the training logs have no {key!r}", ", ".join(expected), ", ".join(logs) or "nothing",
                           f"return {key!r} in the dict train_step returns (every metric's result, plus what the task adds)")
        problem = difference(values, logs[key], tolerance, f"logs[{key!r}]")
        if problem is not None:
            return Finding(FAIL, name, f"training gives other values: {problem}", str(values), str(logs[key]),
                           "compute the loss with self.compute_loss, apply the gradients with self.optimizer.apply, "
                           "and update the metrics with the same y and y_pred")
    return Finding(PASS, name, f"train_step logs {', '.join(expected)} with the reference's values")
