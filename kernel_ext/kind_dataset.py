"""Exercise kind `dataset_class`: a `keras.utils.PyDataset` subclass, read batch by batch, then used in `fit`.

Settings (`exercise.check`): `args` (names of check objects passed to the constructor: x_path,
y_path, x, y...), `kwargs` (e.g. batch_size), `input_shape` and `samples` for the data, and
`expected_len`, the number of batches the solution must give (checked when the traces are built).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kerasq import fixtures
from kerasq.findings import FAIL, PASS, Finding, Outcome
from kerasq.learner import CLASS, LearnerError, run_learner, subclass_problem
from kerasq.values import describe, difference, plain

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS = frozenset({"args", "kwargs", "input_shape", "samples", "expected_len"})  # the `check` keys this kind reads
TARGET = CLASS


def _create(name: str, cls: type, settings: dict[str, Any], workspace: fixtures.Workspace) -> tuple[str, Any]:
    names = list(settings.get("args", []))
    kwargs = dict(settings.get("kwargs") or {})
    args = fixtures.make(names, settings, workspace)[0] if names else []
    text = f"{name}({', '.join(names + [f'{key}={value!r}' for key, value in kwargs.items()])})"
    return text, run_learner(f"creating {text}", name, lambda: cls(*args, **kwargs))


def _read(name: str, text: str, dataset: Any) -> dict[str, Any]:
    count = run_learner(f"len({text})", name, lambda: len(dataset))
    batches = [plain(run_learner(f"{text}[{index}]", name, lambda index=index: dataset[index])) for index in range(int(count))]
    return {"len": int(count), "batches": batches}


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """Length and batches of the solution's dataset."""
    settings = question.exercise.check
    targets = {}
    for name in question.targets:
        with fixtures.Workspace() as workspace:
            text, dataset = _create(name, namespace[name], settings, workspace)
            observed = _read(name, text, dataset)
        if "expected_len" in settings and observed["len"] != settings["expected_len"]:
            raise ValueError(f"{text}: the solution has {observed['len']} batches, but expected_len says {settings['expected_len']}")
        targets[name] = observed
    return {"targets": targets}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Compare length and batches, then fit a small model on the dataset for one epoch."""
    import keras

    settings = question.exercise.check
    findings: list[Finding] = []
    for name, cls in objects.items():
        problem = subclass_problem(name, cls, keras.utils.PyDataset, ("keras.utils.PyDataset", "a PyDataset subclass"),
                                   f"declare it as class {name}(keras.utils.PyDataset): and pass **kwargs to super().__init__")
        if problem is not None:
            findings.append(problem)
        else:
            with fixtures.Workspace() as workspace:
                try:
                    findings += _check_class(name, cls, settings, reference["targets"][name], workspace)
                except LearnerError as error:
                    findings.append(error.finding)
    return Outcome(tuple(findings))


def _check_class(name: str, cls: type, settings: dict[str, Any], expected: dict[str, Any], workspace: fixtures.Workspace) -> list[Finding]:
    text, dataset = _create(name, cls, settings, workspace)
    count = run_learner(f"len({text})", name, lambda: len(dataset))
    if count != expected["len"]:
        return [Finding(FAIL, name, f"len({text}) is {count}; expected {expected['len']} batches", str(expected["len"]), str(count),
                        "__len__ returns the number of batches, rounding up: math.ceil(samples / batch_size)")]
    for index, want in enumerate(expected["batches"]):
        found = plain(run_learner(f"{text}[{index}]", name, lambda index=index: dataset[index]))
        problem = difference(want, found, 1e-6, f"batch {index}")
        if problem is not None:
            return [Finding(FAIL, name, f"{text}[{index}] differs: {problem}", describe(want), describe(found),
                            "__getitem__(index) returns (x, y) for rows index * batch_size up to (index + 1) * batch_size, in order")]
    findings = [Finding(PASS, name, f"{count} batches with the expected rows")]
    model = fixtures.model(settings, 1)
    run_learner(f"model.fit({text}, epochs=1)", name, lambda: model.fit(dataset, epochs=1, verbose=0))
    findings.append(Finding(PASS, name, f"model.fit({text}, epochs=1) runs"))
    return findings
