"""Turn what goes wrong in learner code into findings: errors, scaffolds, missing names, wrong objects.

Nothing here imports keras at import time; the type tests look at keras only when it is loaded.
"""

from __future__ import annotations

import difflib
import inspect
import re
import sys
import sysconfig
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from kerasq.findings import ERROR, FAIL, NOT_ATTEMPTED, Finding

MODEL, CLASS, FUNCTION = "model", "class", "function"
_MAX_MESSAGE = 400


class CheckerSignal(Exception):
    """Raised by the checker itself inside learner calls; `run_learner` lets it through unchanged."""


class LearnerError(CheckerSignal):
    """Learner code raised while the check ran it; ``finding`` explains what happened."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def run_learner(what: str, target: str, call: Callable[[], Any]) -> Any:
    """Call learner code; turn an exception into a `LearnerError` carrying an explained finding.

    ``what`` says what the check was doing, e.g. "calling identity_block(x, 3, [64, 64, 256])".
    """
    try:
        return call()
    except CheckerSignal:
        raise
    except Exception as exc:  # noqa: BLE001 - anything learner code raises becomes a finding
        raise LearnerError(error_finding(exc, what, target)) from None


def error_finding(exc: BaseException, what: str, target: str) -> Finding:
    """A finding for an exception: not attempted (a scaffold's NotImplementedError) or the error and the learner's line."""
    frames = traceback.extract_tb(exc.__traceback__)
    learner_frames = [frame for frame in frames if is_learner_file(frame.filename)]
    if isinstance(exc, NotImplementedError) and frames and learner_frames and frames[-1] is learner_frames[-1]:
        function = frames[-1].name
        reason = f" ({_first_lines(exc)})" if str(exc).strip() else ""
        return Finding(
            NOT_ATTEMPTED,
            target,
            f"`{target}` is not attempted yet: {function}() still raises NotImplementedError{reason}",
            hint="fill in the TODOs in the scaffold, run the cell again, then check",
        )
    where = _where(learner_frames[-1]) if learner_frames else ""
    return Finding(
        ERROR,
        target,
        f"{what} raised {type(exc).__name__}: {_first_lines(exc)}",
        found=where,
        hint=_error_hint(exc),
    )


def syntax_finding(exc: SyntaxError, source_name: str) -> Finding:
    """A finding for code that does not parse."""
    line = (exc.text or "").strip()
    where = f"line {exc.lineno}: {line}" if exc.lineno else ""
    return Finding(ERROR, source_name, f"{source_name} does not parse: {type(exc).__name__}: {exc.msg}", found=where,
                   hint="fix the syntax on that line and run again")


def _where(frame: traceback.FrameSummary) -> str:
    source = (frame.line or "").strip()
    place = "your cell" if _is_notebook_cell(frame.filename) else Path(frame.filename).name
    return f"{place}, line {frame.lineno}" + (f": {source}" if source else "")


def _is_notebook_cell(filename: str) -> bool:
    return filename.startswith("<ipython-input") or "ipykernel_" in filename or filename.startswith("<cell")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Keras re-raises errors from a symbolic call with its own preamble; the learner's message follows this.
_KERAS_WRAPPER = "Error encountered:"


def _first_lines(exc: BaseException) -> str:
    text = _ANSI.sub("", str(exc)).split("Arguments received by", 1)[0].strip()  # Keras's call-context suffix
    if isinstance(exc, NotImplementedError) and _KERAS_WRAPPER in text:
        text = text.rsplit(_KERAS_WRAPPER, 1)[1].strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    text = " ".join(lines[:3]) if lines else type(exc).__name__
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def _error_hint(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, NameError):
        return "a name is used before it is defined: run the cells above first, or check the spelling"
    if "Only input tensors may be passed as positional arguments" in text or "must be a KerasTensor" in text:
        return "a layer was called on something that is not a tensor: call layers on the tensor from keras.Input or the previous layer"
    if "Inputs have incompatible shapes" in text or "requires inputs with matching shapes" in text:
        return ("a merge (Add, Concatenate...) got tensors of different shapes: a convolution that must keep the size "
                "needs padding='same', and the branch's last layer must restore the channel count")
    if "object is not callable" in text and "'str'" in text:
        return "a name such as 'relu' was called as a function: turn it into one with keras.activations.get(name)"
    if "incompatible" in text.lower() or "shape" in text.lower():
        return "the shapes do not fit together here: print x.shape after each step to see where they part"
    if isinstance(exc, TypeError) and ("argument" in text or "positional" in text):
        return "the call's arguments do not match the signature: compare them with the task"
    return "read the message above; the line shown is the last line of your code before Keras raised"


@lru_cache(maxsize=1)
def _library_roots() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    roots = {paths.get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    here = Path(__file__).resolve().parent
    roots |= {str(here), str(here.parent / "content")}
    return tuple(sorted(str(Path(root).resolve()) for root in roots if root))


def is_learner_file(filename: str) -> bool:
    """Whether a traceback frame comes from the learner's code (a cell or their file), not a library."""
    if filename.startswith("<"):
        return not filename.startswith("<frozen")
    try:
        resolved = str(Path(filename).resolve())
    except OSError:
        return True
    return not any(resolved.startswith(root) for root in _library_roots())


# ---------------------------------------------------------------------------------------------
# Targets: missing names, wrong objects, scaffolds


def scaffold_finding(target: str) -> Finding:
    """The finding for a model target still assigned `...` in the scaffold."""
    return Finding(NOT_ATTEMPTED, target, f"`{target}` is not attempted yet: it is still `...` from the scaffold",
                   hint="replace the `...` with your code, run the cell, then check")


def missing_finding(target: str, namespace: dict[str, Any], wanted: str) -> Finding:
    """`target` is not defined: name what is defined that looks close (a similar name, an object of the right kind)."""
    candidates = _candidates(namespace, wanted)
    close = difflib.get_close_matches(target, [name for name in namespace if _is_user_name(name)], n=3, cutoff=0.6)
    suggestions = list(dict.fromkeys([*close, *candidates]))[:4]
    if suggestions:
        found = "defined: " + ", ".join(f"{name} ({describe_object(namespace[name])})" for name in suggestions)
        hint = (f"the check reads the name `{target}`: rename {suggestions[0]} to {target}, "
                f"or add the line {target} = {suggestions[0]}")
    else:
        found = "nothing with that name"
        hint = f"define `{target}` (run the cell that builds it first); the check reads it by that name"
    return Finding(ERROR, target, f"`{target}` is not defined", expected=f"a {wanted} named {target}", found=found, hint=hint)


def _is_user_name(name: str) -> bool:
    return not name.startswith("_") and name not in {"In", "Out", "exit", "quit", "get_ipython"}


def _candidates(namespace: dict[str, Any], wanted: str) -> list[str]:
    module = namespace.get("__name__", "__main__")
    names = []
    for name, value in namespace.items():
        if not _is_user_name(name) or inspect.ismodule(value):
            continue
        if wanted == MODEL and _is_keras_model(value):
            names.append(name)
        elif wanted == CLASS and inspect.isclass(value) and getattr(value, "__module__", None) == module:
            names.append(name)
        elif wanted == FUNCTION and inspect.isfunction(value) and getattr(value, "__module__", None) == module:
            names.append(name)
    return names


def _is_keras_model(value: Any) -> bool:
    keras = sys.modules.get("keras")
    return keras is not None and isinstance(value, keras.Model)


def describe_object(value: Any) -> str:
    """What an object is, in a few words: "a keras.Sequential model", "a KerasTensor", "a function"."""
    if value is None:
        return "None"
    if value is Ellipsis:
        return "`...` (the scaffold's placeholder)"
    if inspect.isclass(value):
        return f"the class {value.__module__.split('.')[0]}.{value.__name__}" if value.__module__.startswith("keras") else f"a class {value.__name__}"
    if inspect.isfunction(value) or inspect.ismethod(value):
        return "a function"
    kind = type(value)
    module = kind.__module__ or ""
    if module.startswith("keras"):
        if kind.__name__ == "KerasTensor":
            return f"a KerasTensor of shape {tuple(value.shape)}"
        keras = sys.modules.get("keras")
        if keras is not None and isinstance(value, keras.Model):
            return f"a keras {kind.__name__} model"
        return f"a keras {kind.__name__}"
    return f"a {kind.__name__}"


def legacy_keras(value: Any) -> bool:
    """Whether an object comes from Keras 2 (tf_keras, tf.keras before Keras 3) rather than Keras 3."""
    classes = value.__mro__ if inspect.isclass(value) else type(value).__mro__
    for cls in classes:
        module = getattr(cls, "__module__", "") or ""
        if module.startswith(("tf_keras", "tensorflow.python.keras", "keras.engine", "keras.src.engine", "tensorflow.keras")):
            return True
    return False


def legacy_finding(target: str) -> Finding:
    """The finding for an object built with Keras 2."""
    return Finding(
        FAIL,
        target,
        f"`{target}` was built with Keras 2 (tf_keras or the old tf.keras), not Keras 3",
        expected="an object from Keras 3 (`import keras`)",
        found="a Keras 2 object",
        hint="import keras itself (import keras; from keras import layers) instead of tf_keras or tensorflow.keras, "
             "and unset TF_USE_LEGACY_KERAS; then rebuild the object",
    )


def wrong_type_finding(target: str, value: Any, wanted: str, hint: str = "") -> Finding:
    """`target` exists but is not the kind of object the exercise needs."""
    what = describe_object(value)
    if not hint:
        hint = _wrong_type_hint(target, value, wanted)
    return Finding(FAIL, target, f"`{target}` is {what}, not a {_wanted_text(wanted)}", expected=f"a {_wanted_text(wanted)}",
                   found=what, hint=hint)


def function_problem(target: str, value: Any) -> Finding | None:
    """Why ``value`` is not a function the check can call (a class or a non-callable), or None when it is."""
    if inspect.isclass(value) or not callable(value):
        return wrong_type_finding(target, value, FUNCTION)
    return None


def subclass_problem(target: str, value: Any, base: type, names: tuple[str, str], declare: str) -> Finding | None:
    """Why ``value`` is not a Keras 3 class deriving from ``base``, or None when it is.

    ``names`` is how the message and the expectation name the base, e.g. ("keras.Model", "a keras.Model subclass").
    """
    if legacy_keras(value):
        return legacy_finding(target)
    if not inspect.isclass(value):
        return wrong_type_finding(target, value, CLASS)
    if not issubclass(value, base):
        bases = ", ".join(parent.__name__ for parent in value.__bases__)
        qualified, expected = names
        return Finding(FAIL, target, f"`{target}` does not subclass {qualified}", expected, f"bases: {bases}", declare)
    return None


def _wanted_text(wanted: str) -> str:
    return {MODEL: "Keras model", CLASS: "class", FUNCTION: "function"}.get(wanted, wanted)


def _wrong_type_hint(target: str, value: Any, wanted: str) -> str:
    if wanted == MODEL:
        if type(value).__name__ == "KerasTensor":
            return f"that is the output tensor: wrap inputs and outputs in a model, {target} = keras.Model(inputs, outputs)"
        if inspect.isclass(value):
            return f"call it to create the model: {target} = {value.__name__}(...)"
        if inspect.isfunction(value):
            return f"call the function and keep its result: {target} = {value.__name__}()"
        if value is None:
            return "a function that builds the model probably forgot to `return` it"
        keras = sys.modules.get("keras")
        if keras is not None and isinstance(value, keras.layers.Layer):
            return "that is a single layer: put it in a model, for example keras.Sequential([keras.Input(shape=...), ...])"
    if wanted == CLASS and not inspect.isclass(value):
        return f"define it with `class {target}(...):` (the check creates its own instances)"
    if wanted == FUNCTION and not callable(value):
        return f"define it with `def {target}(...):` (the check calls it with its own arguments)"
    return f"the check needs `{target}` to be a {_wanted_text(wanted)}"
