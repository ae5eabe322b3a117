"""Exercise kind `layer_class`: a custom layer class, instantiated and probed by the check.

For each case in the settings the check creates the layer with the case's arguments, calls it on a
symbolic input (output shape, weights created in `build`), then on a probe batch with deterministic
weights (the values it computes, so a missing activation or bias shows), and round-trips it through
`get_config` / `from_config` (JSON-serialisable, same values, same outputs).

Settings (`exercise.check`): `input_shape` (without the batch dimension), or `input_shapes` for a
layer called on a list of tensors; `cases`, a list of `{args: [...], kwargs: {...}}` (default: one
case without arguments), the first one being the main case.
"""

from __future__ import annotations

import inspect
import json
from typing import TYPE_CHECKING, Any

from kerasq.canonical import activation_name
from kerasq.describe import shape_text
from kerasq.findings import FAIL, PASS, Finding, Outcome
from kerasq.learner import CLASS, LearnerError, legacy_finding, legacy_keras, run_learner, wrong_type_finding
from kerasq.probes import fill_weights, probe_input, rounded

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"input_shape", "input_shapes", "cases"})  # the `check` keys this kind reads
TARGET = CLASS
_TOLERANCE = 1e-4


def _call_text(name: str, case: dict[str, Any]) -> str:
    arguments = [repr(arg) for arg in case.get("args", [])] + [f"{key}={value!r}" for key, value in case.get("kwargs", {}).items()]
    return f"{name}({', '.join(arguments)})"


def _weights(layer: Any) -> list[dict[str, Any]]:
    return [{"shape": [int(dim) for dim in weight.shape], "trainable": bool(weight.trainable)} for weight in layer.weights]


def _constructor_keys(cls: type) -> list[str]:
    parameters = inspect.signature(cls.__init__).parameters.values()
    return [p.name for p in parameters if p.name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]


def _canonical_config_value(key: str, value: Any) -> Any:
    if key.endswith("activation"):
        import keras

        try:
            return activation_name(keras.activations.get(value))
        except (ValueError, TypeError):
            return repr(value)
    return value


Shapes = "tuple[int, ...] | list[tuple[int, ...]]"


def input_shapes(settings: dict[str, Any]) -> "Shapes":
    """One shape (a tuple) or, for layers called on a list of tensors, a list of shapes."""
    if "input_shapes" in settings:
        return [tuple(shape) for shape in settings["input_shapes"]]
    if "input_shape" not in settings:
        raise KeyError("layer_class exercises need check.input_shape (or check.input_shapes)")
    return tuple(settings["input_shape"])


def _symbolic(shapes: "Shapes") -> Any:
    import keras

    return [keras.Input(shape=shape) for shape in shapes] if isinstance(shapes, list) else keras.Input(shape=shapes)


def _batch(shapes: "Shapes") -> Any:
    return [probe_input(shape) for shape in shapes] if isinstance(shapes, list) else probe_input(shapes)


def _shapes_text(shapes: "Shapes") -> str:
    if isinstance(shapes, list):
        return "[" + ", ".join(shape_text(shape) for shape in shapes) + "]"
    return shape_text(shapes)


def _probe(cls: type, name: str, case: dict[str, Any], input_shape: "Shapes") -> dict[str, Any]:
    """Everything the check observes about one case (learner errors become `LearnerError`)."""
    import keras

    call = _call_text(name, case)
    args, kwargs = case.get("args", []), case.get("kwargs", {})
    symbolic = run_learner(f"creating {call}", name, lambda: cls(*args, **kwargs))
    spec = run_learner(f"calling {call} on symbolic inputs of shape {_shapes_text(input_shape)}", name,
                       lambda: symbolic(_symbolic(input_shape)))
    layer = run_learner(f"creating {call}", name, lambda: cls(*args, **kwargs))
    batch = _batch(input_shape)
    batch_text = _shapes_text([tuple(item.shape) for item in batch] if isinstance(batch, list) else tuple(batch.shape))
    run_learner(f"calling {call} on a batch of shape {batch_text}", name, lambda: layer(batch))
    count = len(layer.weights)
    fill_weights(layer)
    outputs = run_learner(f"calling {call} on a batch of shape {batch_text}", name,
                          lambda: keras.ops.convert_to_numpy(layer(batch)))
    return {
        "layer": layer,
        "batch": batch,
        "output_shape": list(getattr(spec, "shape", ()) or ()),
        "weights": _weights(symbolic),
        "weights_after_second_call": len(layer.weights) - count,
        "outputs": outputs,
    }


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """For each case: output shape, weights, outputs on the probe batch, and the config keys it must keep."""
    settings = question.exercise.check
    input_shape = input_shapes(settings)
    targets = {}
    for name in question.targets:
        cls = namespace[name]
        keys = _constructor_keys(cls)
        cases = []
        for case in settings.get("cases", [{}]):
            observed = _probe(cls, name, case, input_shape)
            config = observed["layer"].get_config()
            cases.append({
                "call": _call_text(name, case),
                "output_shape": observed["output_shape"],
                "weights": observed["weights"],
                "outputs": rounded(observed["outputs"]),
                "config": {key: _canonical_config_value(key, config[key]) for key in keys if key in config},
            })
        targets[name] = {"cases": cases}
    return {"targets": targets}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Probe each class case by case; stop at the first case that fails."""
    settings = question.exercise.check
    input_shape = input_shapes(settings)
    findings: list[Finding] = []
    for name, cls in objects.items():
        findings += _check_class(name, cls, settings.get("cases", [{}]), reference["targets"][name]["cases"], input_shape)
    return Outcome(tuple(findings))


def _check_class(name: str, cls: Any, cases: list[dict[str, Any]], expected: list[dict[str, Any]], input_shape: "Shapes") -> list[Finding]:
    import keras

    if legacy_keras(cls):
        return [legacy_finding(name)]
    if not inspect.isclass(cls):
        return [wrong_type_finding(name, cls, CLASS)]
    if not issubclass(cls, keras.layers.Layer):
        return [Finding(FAIL, name, f"`{name}` does not subclass keras.layers.Layer", "a subclass of keras.layers.Layer",
                        f"bases: {', '.join(base.__name__ for base in cls.__bases__)}", f"declare it as class {name}(keras.layers.Layer):")]
    findings: list[Finding] = []
    observed_outputs = []
    for case, want in zip(cases, expected):
        try:
            observed = _probe(cls, name, case, input_shape)
            problem = _compare_case(name, want, observed, expected, cls)
        except LearnerError as error:
            return findings + [error.finding]
        if problem is not None:
            return findings + [problem]
        observed_outputs.append(observed["outputs"])
        findings.append(Finding(PASS, name, f"{want['call']}: shape {shape_text(tuple(want['output_shape']))}, "
                                f"{len(want['weights'])} weights, outputs and get_config round trip as expected"))
    return findings


def _compare_case(name: str, want: dict[str, Any], observed: dict[str, Any], cases: list[dict[str, Any]], cls: type) -> Finding | None:
    import numpy as np

    call = want["call"]
    shape = tuple(observed["output_shape"])
    if shape != tuple(want["output_shape"]):
        return Finding(FAIL, name, f"{call} returns shape {shape_text(shape)}; expected {shape_text(tuple(want['output_shape']))}",
                       shape_text(tuple(want["output_shape"])), shape_text(shape),
                       "the kernel should map the last input axis to `units`: shape (input_shape[-1], units)")
    weights_problem = _compare_weights(name, call, want["weights"], observed["weights"])
    if weights_problem is not None:
        return weights_problem
    if observed["weights_after_second_call"]:
        return Finding(FAIL, name, f"{call} creates new weights every time it is called", "weights created once, in build()",
                       f"{observed['weights_after_second_call']} more weights after a second call",
                       "create weights in build() (Keras calls it once), never in call()")
    expected_outputs = np.asarray(want["outputs"], dtype="float64")
    outputs = np.asarray(observed["outputs"], dtype="float64")
    if outputs.shape != expected_outputs.shape or not np.allclose(outputs, expected_outputs, atol=_TOLERANCE):
        return Finding(FAIL, name, f"{call} computes different values than expected on a probe batch",
                       _values_text(expected_outputs), _values_text(outputs), _values_hint(want, outputs, expected_outputs, cases))
    return _compare_config(name, call, want, observed, cls)


def _compare_weights(name: str, call: str, want: list[dict[str, Any]], have: list[dict[str, Any]]) -> Finding | None:
    def key(weight: dict[str, Any]) -> tuple:
        return (tuple(weight["shape"]), weight["trainable"])

    if sorted(map(key, want)) == sorted(map(key, have)):
        return None
    expected = ", ".join(_weight_text(weight) for weight in want)
    found = ", ".join(_weight_text(weight) for weight in have) or "no weights"
    missing = [weight for weight in want if key(weight) not in map(key, have)]
    if missing and any(tuple(w["shape"]) == tuple(missing[0]["shape"]) for w in have):
        hint = "pass trainable=True to add_weight so fit() updates this weight"
    elif missing:
        hint = (f"create a weight of shape {shape_text(tuple(missing[0]['shape']))} in build() with "
                "self.add_weight(shape=..., initializer=..., trainable=True, name=...)")
    else:
        hint = "the task asks for exactly these weights: remove the extra ones"
    return Finding(FAIL, name, f"{call} has weights {found}; expected {expected}", expected, found, hint)


def _weight_text(weight: dict[str, Any]) -> str:
    return shape_text(tuple(weight["shape"])) + ("" if weight["trainable"] else " non-trainable")


def _values_text(values: Any) -> str:
    import numpy as np

    flat = np.asarray(values).reshape(-1)[:6]
    return "[" + ", ".join(f"{value:.3g}" for value in flat) + (", ...]" if np.asarray(values).size > 6 else "]")


def _values_hint(want: dict[str, Any], outputs: Any, expected: Any, cases: list[dict[str, Any]]) -> str:
    import numpy as np

    for other in cases:
        if other is want or other["output_shape"] != want["output_shape"]:
            continue
        other_outputs = np.asarray(other["outputs"])
        if other_outputs.shape == outputs.shape and np.allclose(outputs, other_outputs, atol=_TOLERANCE):
            return (f"these are the values of {other['call']}: the activation argument is not applied; store "
                    "keras.activations.get(activation) in __init__ and apply it at the end of call()")
    difference = outputs - expected
    if outputs.shape == expected.shape and np.allclose(difference, difference[:1], atol=_TOLERANCE):
        return "every row is off by the same amount: is the bias added (inputs @ kernel + bias)?"
    if outputs.shape == expected.shape and np.all(outputs >= -_TOLERANCE) and np.any(expected < 0):
        return "the outputs are never negative: is an activation applied even when none was asked for?"
    return "call() should return activation(inputs @ kernel + bias), using keras.ops.matmul"


def _compare_config(name: str, call: str, want: dict[str, Any], observed: dict[str, Any], cls: type) -> Finding | None:
    import keras
    import numpy as np

    layer = observed["layer"]
    config = run_learner(f"{call}.get_config()", name, layer.get_config)
    if not isinstance(config, dict):
        return Finding(FAIL, name, f"{call}.get_config() returned {type(config).__name__}, not a dict", "a dict", type(config).__name__,
                       "start from config = super().get_config(), add your arguments, and return config")
    for key, value in want["config"].items():
        if key not in config:
            return Finding(FAIL, name, f"{call}.get_config() has no {key!r}", f"{key}: {value!r}", ", ".join(sorted(config)),
                           f"add it: config.update({{{key!r}: self.{key}}}) (serialise activations with keras.activations.serialize)")
        if _canonical_config_value(key, config[key]) != value:
            return Finding(FAIL, name, f"{call}.get_config() stores {key}={config[key]!r}; expected {value!r}", repr(value),
                           repr(config[key]), f"store the constructor's {key} argument unchanged")
    try:
        json.dumps(config)
    except (TypeError, ValueError):
        bad = next((key for key, value in config.items() if not _jsonable(value)), "?")
        return Finding(FAIL, name, f"{call}.get_config() is not JSON-serialisable: {bad}={config.get(bad)!r}",
                       "plain values (numbers, strings, lists, dicts)", f"{bad}: {type(config.get(bad)).__name__}",
                       "serialise objects first, e.g. keras.activations.serialize(self.activation)")
    clone = run_learner(f"{name}.from_config({call}.get_config())", name, lambda: cls.from_config(config))
    batch = observed["batch"]
    run_learner(f"calling the layer rebuilt by {name}.from_config", name, lambda: clone(batch))
    fill_weights(clone)
    again = run_learner(f"calling the layer rebuilt by {name}.from_config", name, lambda: keras.ops.convert_to_numpy(clone(batch)))
    if np.shape(again) != np.shape(observed["outputs"]) or not np.allclose(again, observed["outputs"], atol=_TOLERANCE):
        return Finding(FAIL, name, f"the layer rebuilt from {call}.get_config() computes other values", _values_text(observed["outputs"]),
                       _values_text(again), "get_config() must return every constructor argument so from_config can rebuild the same layer")
    return None


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True
