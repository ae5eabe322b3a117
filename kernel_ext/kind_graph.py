"""Exercise kind `graph_function`: a function that builds part of a graph, checked inside a model.

The check calls the learner's function on `keras.Input(shape=input_shape)` with the exercise's
arguments, wraps input and result in a Functional model and compares its trace with the reference.

Settings (`exercise.check`): `input_shape` (without the batch dimension), `args` (positional
arguments after the input tensor), `kwargs` (keyword arguments), `config` (more layer attributes to
compare, as for the `model` kind).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from kerasq.compare import Settings, compare_models
from kerasq.findings import FAIL, Finding, Outcome
from kerasq.learner import FUNCTION, LearnerError, function_problem, run_learner
from kerasq.trace import Extra, ModelTrace, trace_model

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"input_shape", "args", "kwargs", "config"})  # the `check` keys this kind reads
TARGET = FUNCTION


def _call_text(name: str, settings: dict[str, Any]) -> str:
    arguments = ["x", *(repr(arg) for arg in settings.get("args", []))]
    arguments += [f"{key}={value!r}" for key, value in settings.get("kwargs", {}).items()]
    return f"{name}({', '.join(arguments)})"


def build_model(name: str, function: Callable[..., Any], settings: dict[str, Any]) -> Any:
    """Call ``function`` on a fresh symbolic input and wrap the result in a model (learner errors become findings)."""
    import keras

    shape = tuple(settings["input_shape"])
    inputs = keras.Input(shape=shape)
    call = _call_text(name, settings)
    result = run_learner(f"calling {call} with x = keras.Input(shape={shape})", name,
                         lambda: function(inputs, *settings.get("args", []), **settings.get("kwargs", {})))
    if result is None:
        raise LearnerError(Finding(FAIL, name, f"{call} returned None", "a tensor", "None",
                                   "end the function with `return` and the block's output tensor"))
    if isinstance(result, keras.Model):
        raise LearnerError(Finding(FAIL, name, f"{call} returned a model, not a tensor", "a tensor", "a keras model",
                                   "the function builds part of a graph: return the output tensor, not keras.Model(...)"))
    if not isinstance(result, keras.KerasTensor):
        raise LearnerError(Finding(FAIL, name, f"{call} returned {type(result).__name__}, not a tensor", "a KerasTensor",
                                   type(result).__name__, "return the tensor that the last layer produced"))
    return run_learner("wrapping the input and the returned tensor in keras.Model", name,
                       lambda: keras.Model(inputs, result))


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """The trace of the model built around the solution's function."""
    settings = question.exercise.check
    extra = Extra(tuple(settings.get("config", ())))
    return {"targets": {name: trace_model(build_model(name, namespace[name], settings), extra=extra).to_json()
                        for name in question.targets}}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Build a model around each function and compare its trace with the reference."""
    settings = question.exercise.check
    findings: list[Finding] = []
    tables = []
    for name, function in objects.items():
        problem = function_problem(name, function)
        if problem is not None:
            findings.append(problem)
            continue
        try:
            model = build_model(name, function, settings)
        except LearnerError as error:
            findings.append(error.finding)
            continue
        expected = ModelTrace.from_json(reference["targets"][name])
        found_trace = trace_model(model, extra=Extra(tuple(settings.get("config", ()))))
        found, table = compare_models(expected, found_trace, _call_text(name, settings), Settings())
        findings += found
        tables.append(table)
    return Outcome(tuple(findings), tuple(tables))
