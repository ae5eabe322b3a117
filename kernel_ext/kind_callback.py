"""Exercise kind `callback_class`: a `keras.callbacks.Callback` subclass, used in a short `fit` by the check.

For each case the check creates the callback, fits its own small model with it (fixed weights and
data, no shuffling) and compares what happened with the reference: how many epochs ran and the
attributes the task names.

Settings (`exercise.check`): `cases` (a list of `{args, kwargs, expect}`; `expect` states what the
solution must do, checked when the traces are built), or `init` (names of check objects passed to
the constructor, e.g. [samples]); `fit` (`epochs`, `batch_size`, `samples`, `validation_split`) or
top-level `epochs`; `attributes` (or one `attribute`) to compare after training; `input_shape`,
`output_units`, `samples` for the model and data; `tolerance` (default 1e-4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kerasq import fixtures
from kerasq.findings import FAIL, PASS, Finding, Outcome
from kerasq.learner import CLASS, LearnerError, run_learner, subclass_problem
from kerasq.values import describe, difference, plain

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"cases", "init", "fit", "epochs", "attributes", "attribute", "input_shape", "output_units", "samples",
                      "tolerance"})  # the `check` keys this kind reads
TARGET = CLASS
_MISSING = "(missing attribute)"


def _attributes(settings: dict[str, Any]) -> list[str]:
    return list(settings.get("attributes") or ([settings["attribute"]] if "attribute" in settings else []))


def _fit_settings(settings: dict[str, Any]) -> dict[str, Any]:
    fit = dict(settings.get("fit") or {})
    fit.setdefault("epochs", settings.get("epochs", 2))
    fit.setdefault("batch_size", 8)
    return fit


def _cases(name: str, settings: dict[str, Any], workspace: fixtures.Workspace) -> list[tuple[str, list[Any], dict[str, Any], dict[str, Any]]]:
    if "init" in settings:
        names = list(settings["init"])
        return [(f"{name}({', '.join(names)})", args, {}, {}) for args in fixtures.make(names, settings, workspace)]
    result = []
    for case in settings.get("cases") or [{}]:
        args, kwargs = list(case.get("args", [])), dict(case.get("kwargs") or {})
        shown = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
        result.append((f"{name}({', '.join(shown)})", args, kwargs, dict(case.get("expect") or {})))
    return result


def _run(name: str, cls: type, text: str, args: list[Any], kwargs: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """Fit the check's model with one callback; return what is compared."""
    fit = _fit_settings(settings)
    output_units = fixtures.units(settings)
    data_settings = {**settings, "fit": fit}
    model = fixtures.model(settings, output_units)
    x, y = fixtures.data_x(data_settings), fixtures.data_y(data_settings, output_units)
    callback = run_learner(f"creating {text}", name, lambda: cls(*args, **kwargs))
    history = run_learner(
        f"model.fit(..., epochs={fit['epochs']}, callbacks=[{text}])", name,
        lambda: model.fit(x, y, epochs=int(fit["epochs"]), batch_size=int(fit["batch_size"]), shuffle=False, verbose=0,
                          validation_split=float(fit.get("validation_split", 0.0)), callbacks=[callback]),
    )
    observed = {"epochs_run": len(history.history.get("loss", []))}
    for attribute in _attributes(settings):
        observed[attribute] = plain(getattr(callback, attribute, _MISSING), digits=6)
    return observed


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """What happened with the solution's callback in every case (checked against each case's `expect`)."""
    settings = question.exercise.check
    targets = {}
    for name in question.targets:
        cases = []
        with fixtures.Workspace() as workspace:
            for text, args, kwargs, expect in _cases(name, settings, workspace):
                observed = _run(name, namespace[name], text, args, kwargs, settings)
                for key, value in expect.items():
                    if observed.get(key) != value:
                        raise ValueError(f"{text}: the solution gives {key}={observed.get(key)!r}, but expect says {value!r}")
                cases.append({"call": text, "observed": observed})
        targets[name] = {"cases": cases}
    return {"targets": targets}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Fit with the learner's callback case by case; the first difference is the finding."""
    import keras

    settings = question.exercise.check
    findings: list[Finding] = []
    for name, cls in objects.items():
        problem = subclass_problem(name, cls, keras.callbacks.Callback, ("keras.callbacks.Callback", "a Callback subclass"),
                                   f"declare it as class {name}(keras.callbacks.Callback): and call super().__init__()")
        if problem is not None:
            findings.append(problem)
            continue
        with fixtures.Workspace() as workspace:
            try:
                findings.append(_check_class(name, cls, settings, reference["targets"][name]["cases"], workspace))
            except LearnerError as error:
                findings.append(error.finding)
    return Outcome(tuple(findings))


def _check_class(name: str, cls: type, settings: dict[str, Any], expected: list[dict[str, Any]], workspace: fixtures.Workspace) -> Finding:
    tolerance = float(settings.get("tolerance", 1e-4))
    planned = _cases(name, settings, workspace)
    for (text, args, kwargs, _), want in zip(planned, expected):
        observed = _run(name, cls, text, args, kwargs, settings)
        for key, value in want["observed"].items():
            problem = difference(value, observed.get(key), tolerance, key)
            if problem is not None:
                return Finding(FAIL, name, f"with {text}: {problem}", describe(value), describe(observed.get(key)), _hint(key, value, observed.get(key)))
    return Finding(PASS, name, f"{len(planned)} training run{'s' if len(planned) != 1 else ''} behave like the reference")


def _hint(key: str, want: Any, found: Any) -> str:
    if key == "epochs_run":
        if isinstance(found, int) and isinstance(want, int) and found > want:
            return "training should stop earlier: set self.model.stop_training = True in on_epoch_end when the condition holds"
        return "training stopped too early: check the condition (and that a missing log key does nothing)"
    if found == _MISSING:
        return f"set self.{key} in __init__ (and update it in the callback's methods)"
    return f"compare how self.{key} is set with the task: it is read after training"
