"""`kerasq.check(question, target=None, *, namespace=None)`: check an exercise against its reference trace.

The question's exercise kind says how (see `kerasq.kinds`). Targets come from ``target``, else from
``namespace``, else from the IPython user namespace, else from the caller's globals. Whatever goes
wrong in the learner's code, or in finding it, becomes a finding: the learner never sees a traceback.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from kerasq.check_view import CheckResult
from kerasq.findings import ERROR, Finding, Outcome
from kerasq.learner import LearnerError, missing_finding, scaffold_finding

if TYPE_CHECKING:
    from kerasq.content.question import Question


def check(question: int | str, target: Any = None, *, namespace: Mapping[str, Any] | None = None) -> CheckResult:
    """Check exercise ``question``; return a `CheckResult` (`.passed`, `.findings`, text and HTML reports)."""
    if namespace is None and target is None:
        namespace = _default_namespace(inspect.currentframe())
    return run_check(question, target, namespace or {})


def run_check(question: int | str, target: Any, namespace: Mapping[str, Any]) -> CheckResult:
    """`check` with the namespace already chosen (the magic and the CLI call this)."""
    found = _find_question(question)
    if isinstance(found, CheckResult):
        return found
    try:
        outcome = _check_question(found, target, namespace)
    except Exception as exc:  # noqa: BLE001 - a checker bug must not show the learner a traceback
        outcome = Outcome((Finding(ERROR, "checker", f"the checker failed on question {found.id}: {type(exc).__name__}: {exc}",
                                   hint="this is a kerasq bug, not a problem with your code; please report it with the code you checked"),))
    return CheckResult(found.id, found.title, outcome.findings, outcome.tables)


def _default_namespace(frame: Any) -> Mapping[str, Any]:
    shell = _ipython_shell()
    if shell is not None:
        return shell.user_ns
    caller = frame.f_back if frame is not None else None
    return caller.f_globals if caller is not None else {}


def _ipython_shell() -> Any:
    if "IPython" not in sys.modules:
        return None
    from IPython import get_ipython

    return get_ipython()


def _find_question(question: int | str) -> "Question | CheckResult":
    from kerasq.command_line import UsageProblem
    from kerasq.content.bank import load_bank
    from kerasq.practice import find_question

    try:
        found = find_question(load_bank(), question, "check")
    except UsageProblem as exc:
        return CheckResult(_number(question), "", (Finding(ERROR, "question", str(exc)),))
    if found.exercise is None:
        return CheckResult(found.id, found.title, (Finding(
            ERROR, "question", f"question {found.id} is conceptual: there is no exercise to check",
            hint=f"answer it aloud, then compare with %kerasq answer {found.id} or take its quiz"),))
    return found


def _number(question: Any) -> int:
    try:
        return int(str(question).strip())
    except ValueError:
        return 0


def _check_question(question: "Question", target: Any, namespace: Mapping[str, Any]) -> Outcome:
    from kerasq.kinds import kind_module

    exercise = question.exercise
    assert exercise is not None
    module = kind_module(exercise.kind)
    if module is None:
        return Outcome((Finding(ERROR, "question", f"exercises of kind {exercise.kind!r} cannot be checked yet"),))
    keras_problem = _keras_problem()
    if keras_problem is not None:
        return Outcome((keras_problem,))
    reference = reference_for(question.id)
    if reference is None:
        return Outcome((Finding(ERROR, "reference", f"question {question.id} has no reference trace",
                                hint="a developer must run python -m kerasq.content.build"),))
    objects, problems = _targets(question, target, namespace, getattr(module, "TARGET", "object"))
    if problems and not objects:
        return Outcome(tuple(problems))
    try:
        outcome = module.check(question, objects, reference)
    except LearnerError as error:
        outcome = Outcome((error.finding,))
    return Outcome(tuple(problems) + outcome.findings, outcome.tables)


def _targets(question: "Question", target: Any, namespace: Mapping[str, Any], wanted: str) -> tuple[dict[str, Any], list[Finding]]:
    names = question.targets
    if target is not None:
        if isinstance(target, Mapping) and len(names) != 1:
            namespace = target
        elif len(names) == 1:
            namespace = {names[0]: target}
        else:
            return {}, [Finding(ERROR, "target", f"question {question.id} checks {len(names)} objects ({', '.join(names)})",
                                hint=f"pass them as a dict, kerasq.check({question.id}, {{{', '.join(f'{n!r}: ...' for n in names)}}}), or define them")]
    objects: dict[str, Any] = {}
    problems: list[Finding] = []
    for name in names:
        if name not in namespace:
            problems.append(missing_finding(name, dict(namespace), wanted))
        elif namespace[name] is Ellipsis:
            problems.append(scaffold_finding(name))
        else:
            objects[name] = namespace[name]
    return objects, problems


def _keras_problem() -> Finding | None:
    try:
        import keras
    except ImportError as exc:
        return Finding(ERROR, "keras", f"Keras cannot be imported: {exc}", hint="install Keras 3: pip install -U keras")
    version = getattr(keras, "__version__", "0")
    if int(version.split(".")[0]) < 3:
        return Finding(ERROR, "keras", f"Keras {version} is installed; kerasq checks Keras 3 code",
                       expected="Keras 3", found=f"Keras {version}", hint="upgrade: pip install -U 'keras>=3', then restart the kernel")
    return None


@lru_cache(maxsize=None)
def _cached_reference(number: int, directory: str | None) -> dict[str, Any] | None:
    from pathlib import Path

    from kerasq.content.traces import read_trace

    return read_trace(number, Path(directory) if directory else None)


def reference_for(number: int) -> dict[str, Any] | None:
    """The stored reference data of question ``number`` (read once; `KERASQ_TRACES_DIR` overrides the folder)."""
    import os

    return _cached_reference(number, os.environ.get("KERASQ_TRACES_DIR"))
