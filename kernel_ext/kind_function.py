"""Exercise kind `function`: a plain function, called on the exercise's inputs; its results are compared.

Settings (`exercise.check`):

- `cases`: a list of `{args: [...], kwargs: {...}}` with literal arguments; or
- `args`: names of objects the check provides (see `kerasq.fixtures`: model, x, y, samples, x_path,
  y_path, export_dir, reference, current, features), with `kwargs`, and the fixtures' sizes
  (`input_shape`, `output_units`, `samples`, `shapes` for `features`: one case per shape);
- `tolerance` for numbers (default 1e-6, relative to values above 1);
- `compare: attributes` with `attributes: [...]` to compare the returned object's class and those
  attributes instead of the value; `dtype: integer` to require integer arrays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from kerasq import fixtures
from kerasq.findings import FAIL, PASS, Finding, Outcome
from kerasq.learner import FUNCTION, LearnerError, function_problem, run_learner
from kerasq.values import describe, difference, dtype_of, plain

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"cases", "tolerance", "compare", "attributes", "args", "kwargs", "input_shape", "output_units",
                      "samples", "shapes", "dtype"})  # the `check` keys this kind reads
TARGET = FUNCTION
DEFAULT_TOLERANCE = 1e-6
_MISSING = "(missing attribute)"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def calls(name: str, settings: dict[str, Any], workspace: fixtures.Workspace) -> list[tuple[str, list[Any], dict[str, Any]]]:
    """(call text, args, kwargs) for every case of the exercise."""
    kwargs = dict(settings.get("kwargs") or {})
    keywords = [f"{key}={value!r}" for key, value in kwargs.items()]
    if "args" in settings:
        names = list(settings["args"])
        made = fixtures.make(names, settings, workspace)
        text = f"{name}({', '.join(names + keywords)})"
        return [(text + (f" [case {index + 1}]" if len(made) > 1 else ""), args, kwargs) for index, args in enumerate(made)]
    result = []
    for case in settings.get("cases") or [{}]:
        args, case_kwargs = list(case.get("args", [])), dict(case.get("kwargs") or {})
        shown = [_short(arg) for arg in args] + [f"{key}={value!r}" for key, value in case_kwargs.items()]
        result.append((f"{name}({', '.join(shown)})", args, case_kwargs))
    return result


def observe(result: Any, settings: dict[str, Any]) -> Any:
    """What is compared: the value as plain data, or the class and chosen attributes."""
    if settings.get("compare") == "attributes":
        return {
            "class": type(result).__name__,
            "attributes": {key: plain(getattr(result, key, _MISSING)) for key in settings.get("attributes", [])},
        }
    return plain(result)


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """The solution's result for every case."""
    settings = question.exercise.check
    targets = {}
    for name in question.targets:
        with fixtures.Workspace() as workspace:
            cases = [{"call": text, "result": observe(namespace[name](*args, **kwargs), settings)}
                     for text, args, kwargs in calls(name, settings, workspace)]
        targets[name] = {"cases": cases}
    return {"targets": targets}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Call each function case by case; the first result that differs is the finding."""
    settings = question.exercise.check
    findings: list[Finding] = []
    for name, function in objects.items():
        problem = function_problem(name, function)
        if problem is not None:
            findings.append(problem)
            continue
        with fixtures.Workspace() as workspace:
            try:
                findings.append(_check_function(name, function, settings, reference["targets"][name]["cases"], workspace))
            except LearnerError as error:
                findings.append(error.finding)
    return Outcome(tuple(findings))


def _check_function(name: str, function: Callable[..., Any], settings: dict[str, Any], expected: list[dict[str, Any]],
                    workspace: fixtures.Workspace) -> Finding:
    tolerance = float(settings.get("tolerance", DEFAULT_TOLERANCE))
    planned = calls(name, settings, workspace)
    for (text, args, kwargs), want in zip(planned, expected):
        result = run_learner(f"calling {text}", name, lambda: function(*args, **kwargs))
        found = observe(result, settings)
        problem = difference(want["result"], found, tolerance)
        if problem is not None:
            return Finding(FAIL, name, f"{text}: {problem}", describe(want["result"]), describe(found), _hint(want["result"], found, settings))
        if settings.get("dtype") == "integer" and dtype_of(found) not in (None, "integer"):
            return Finding(FAIL, name, f"{text} returns {dtype_of(found)} values; the task asks for integers", "integer", str(dtype_of(found)),
                           "convert the counts: np.asarray(result).astype(int)")
    return Finding(PASS, name, f"{len(planned)} case{'s' if len(planned) != 1 else ''} give the expected result")


def _hint(want: Any, found: Any, settings: dict[str, Any]) -> str:
    if settings.get("compare") == "attributes":
        if isinstance(found, dict) and want.get("class") != found.get("class"):
            return f"return a {want.get('class')} object"
        return "set every argument the task names when you create the object"
    if isinstance(want, dict) and not isinstance(found, dict):
        return f"return a dict with the keys {', '.join(map(repr, want))}" if "__array__" not in want else "return a NumPy array"
    if found is None:
        return "the function returned None: end it with `return` and the result"
    return "work one case out by hand and compare it with what the function returns; the task says exactly what to return"
