"""Exercise kinds `model` and `models`: Keras models read from the namespace, compared with reference traces.

Settings (`exercise.check`): `api` ("sequential" or "functional", or a mapping target -> api) when the
task names a way of building the model; `names: true` when input and output names are part of the
task; `compile: false` to ignore compile settings even if the reference is compiled; `config` (more
layer attributes to compare, e.g. kernel_regularizer), `optimizer_config`, `loss_config`,
`metric_config` (config entries to compare, e.g. learning_rate, from_logits, k; a list of keys, or
a mapping whose values the reference must have); `output_names` (a list: the outputs must carry these
names); `trainable_params` / `non_trainable_params` / `loss_weights` / `batch_size` (what the reference must have: a
guard for the question's author, checked when the traces are built; loss weights are always compared).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kerasq.compare import Settings, compare_models
from kerasq.describe import shape_text
from kerasq.findings import FAIL, Finding, Outcome, Table
from kerasq.learner import MODEL, LearnerError, legacy_finding, legacy_keras, run_learner, wrong_type_finding
from kerasq.trace import Extra, ModelTrace, TraceProblem, trace_model

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"api", "names", "compile", "config", "optimizer_config", "loss_config", "metric_config",
                      "trainable_params", "non_trainable_params", "output_names", "loss_weights", "batch_size"})  # the `check` keys this kind reads
TARGET = MODEL


def _keys(value: Any) -> tuple[str, ...]:
    return tuple(value) if value else ()


def extra_for(question: "Question") -> Extra:
    """The extra settings an exercise compares."""
    check = question.exercise.check if question.exercise else {}
    return Extra(_keys(check.get("config")), _keys(check.get("optimizer_config")), _keys(check.get("loss_config")),
                 _keys(check.get("metric_config")))


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """The traces of the solution's models, one per target (checked against the totals the question states)."""
    check = question.exercise.check
    traces = {}
    for name in question.targets:
        trace = trace_model(namespace[name], extra=extra_for(question))
        _guard(question, name, trace, check)
        traces[name] = trace.to_json()
    return {"targets": traces}


def _guard(question: "Question", name: str, trace: ModelTrace, check: dict[str, Any]) -> None:
    """Fail the build when the solution disagrees with what the question's settings state."""
    stated = {"trainable_params": trace.params[0], "non_trainable_params": trace.params[1]}
    for key, actual in stated.items():
        if key in check and int(check[key]) != actual:
            raise ValueError(f"{name}: check.{key} says {check[key]} but the solution's model has {actual}")
    if "batch_size" in check and any(trace.nodes[i].shape[0] != check["batch_size"] for i in trace.inputs):
        raise ValueError(f"{name}: check.batch_size says {check['batch_size']} but the solution's inputs are "
                         f"{[trace.nodes[i].shape for i in trace.inputs]}")
    if "output_names" in check and sorted(check["output_names"]) != sorted(trace.output_names):
        raise ValueError(f"{name}: check.output_names says {check['output_names']} but the solution's outputs are {list(trace.output_names)}")
    if isinstance(check.get("loss_weights"), dict) and trace.compile is not None:
        weights = dict(zip(trace.output_names, trace.compile.loss_weights or (1.0,) * len(trace.output_names)))
        if any(weights.get(key) != float(value) for key, value in check["loss_weights"].items()):
            raise ValueError(f"{name}: check.loss_weights says {check['loss_weights']} but the solution has {weights}")
    details = dict(trace.compile.details) if trace.compile else {}
    for setting, prefix in (("optimizer_config", "optimizer."), ("loss_config", "loss.")):
        if isinstance(check.get(setting), dict):
            for key, value in check[setting].items():
                if details.get(prefix + key) != value:
                    raise ValueError(f"{name}: check.{setting}.{key} says {value} but the solution has {details.get(prefix + key)}")


def settings_for(question: "Question", target: str) -> Settings:
    """The exercise's settings for one target."""
    check = question.exercise.check if question.exercise else {}
    api = check.get("api")
    if isinstance(api, dict):
        api = api.get(target)
    return Settings(api=api, names=bool(check.get("names", False)), compile=bool(check.get("compile", True)),
                    output_names=bool(check.get("output_names")))


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Trace each model and compare it with its reference trace."""
    findings: list[Finding] = []
    tables: list[Table] = []
    for name, value in objects.items():
        expected = parsed_trace(reference["targets"][name])
        found, table = check_model(name, value, expected, settings_for(question, name), extra_for(question))
        findings += found
        if table is not None:
            tables.append(table)
    return Outcome(tuple(findings), tuple(tables))


# id of a stored reference dict -> (that dict, its parsed trace). The stored dicts are cached and never
# change, and the entry keeps its dict alive, so an id cannot be reused while it is here.
_PARSED: dict[int, tuple[dict[str, Any], ModelTrace]] = {}


def parsed_trace(data: dict[str, Any]) -> ModelTrace:
    """The `ModelTrace` of stored reference data, parsed once per data object."""
    cached = _PARSED.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1]
    trace = ModelTrace.from_json(data)
    if len(_PARSED) > 256:
        _PARSED.clear()
    _PARSED[id(data)] = (data, trace)
    return trace


def check_model(label: str, value: Any, expected: ModelTrace, settings: Settings, extra: Extra = Extra()) -> tuple[list[Finding], Table | None]:
    """Findings and the side-by-side table for one object that should be a model like ``expected``."""
    import keras

    if legacy_keras(value):
        return [legacy_finding(label)], None
    if not isinstance(value, keras.Model):
        return [wrong_type_finding(label, value, MODEL)], None
    shapes = [expected.nodes[index].shape for index in expected.inputs]
    subclassed = not isinstance(value, (keras.Sequential, keras.Function))
    try:
        if subclassed:  # its call() is learner code, run on symbolic inputs
            what = f"calling `{label}` on keras.Input(shape={shape_text(shapes[0][1:])})"
            found = run_learner(what, label, lambda: trace_model(value, input_shapes=shapes, extra=extra))
        else:
            found = trace_model(value, extra=extra)
    except TraceProblem as problem:
        return [Finding(FAIL, label, f"`{label}` cannot be traced: {problem.message}", hint=problem.hint)], None
    except LearnerError as error:
        return [error.finding], None
    findings, table = compare_models(expected, found, label, settings)
    return findings, table
