"""`python -m kerasq.content.build`: regenerate the reference traces in content/traces/ from the solutions.

Each exercise's solution runs in a fresh namespace (with Keras's name counters reset, so layer names
are reproducible); the exercise kind's checker turns the objects it defines into plain JSON, which is
committed. At check time no reference model is built: the checker only reads these files.

This is the one place where `kerasq.content` reaches into the kernel side: tracing needs Keras and
the checker's own tracer, and the traces must be made by exactly the code that later reads them.
The import is lazy, so loading the bank (and the language server) never imports Keras.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path
from typing import Any, Sequence

from kerasq.content.bank import load_bank
from kerasq.content.question import Question
from kerasq.content.traces import TRACES_DIR, dumps, trace_path


def run_solution(question: Question) -> dict[str, Any]:
    """Run the question's solution in a fresh namespace and return that namespace."""
    import keras

    keras.utils.clear_session()
    keras.utils.set_random_seed(0)
    namespace: dict[str, Any] = {"__name__": f"kerasq_solution_{question.id}"}
    code = compile(question.solution or "", f"<solution of question {question.id}>", "exec")
    with contextlib.redirect_stdout(io.StringIO()):  # solutions may print; the build's output stays readable
        exec(code, namespace)  # noqa: S102 - our own reference solutions
    return namespace


def reference_data(question: Question) -> dict[str, Any]:
    """The reference trace of one exercise as JSON-ready data."""
    from kerasq.kinds import kind_module  # lazy: the content package must not import the checker

    assert question.exercise is not None
    module = kind_module(question.exercise.kind)
    if module is None:
        raise LookupError(f"question {question.id}: no checker for exercise kind {question.exercise.kind!r}")
    unknown = sorted(set(question.exercise.check) - set(module.SETTINGS))
    if unknown:
        known = ", ".join(sorted(module.SETTINGS)) or "none"
        raise ValueError(f"unknown check setting(s) {', '.join(unknown)} for kind {question.exercise.kind!r}; known: {known}")
    namespace = run_solution(question)
    with contextlib.redirect_stdout(io.StringIO()):  # a solution's callbacks may print while the check trains
        data = module.reference(question, namespace)
    return {"question": question.id, "kind": question.exercise.kind, **data}


class BuildError(Exception):
    """Some reference traces could not be made; the message names each question and why."""


def build(directory: Path = TRACES_DIR, numbers: Sequence[int] | None = None) -> list[Path]:
    """Write the traces of the selected exercises (all with a checker by default); return the files that changed.

    Every question is attempted; if any fails, `BuildError` lists the failures after the others are written.
    """
    from kerasq.kinds import KINDS

    directory.mkdir(parents=True, exist_ok=True)
    changed, failures = [], []
    for question in load_bank().questions:
        if question.exercise is None or question.exercise.kind not in KINDS:
            continue
        if numbers is not None and question.id not in numbers:
            continue
        path = trace_path(question.id, directory)
        try:
            text = dumps(reference_data(question))
        except Exception as exc:  # noqa: BLE001 - report every broken question, not only the first
            detail = exc.finding.message if hasattr(exc, "finding") else f"{type(exc).__name__}: {exc}"
            failures.append(f"question {question.id} ({question.exercise.kind}): {detail}")
            continue
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    if failures:
        raise BuildError("; ".join(failures))
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Regenerate the traces; print which files changed."""
    parser = argparse.ArgumentParser(prog="python -m kerasq.content.build", description=__doc__.splitlines()[0])
    parser.add_argument("numbers", nargs="*", type=int, help="only these questions (default: every exercise)")
    parser.add_argument("--out", type=Path, default=TRACES_DIR, help="the folder to write (default: the packaged traces)")
    args = parser.parse_args(argv)
    try:
        changed = build(args.out, args.numbers or None)
    except BuildError as exc:
        print(f"some traces could not be made: {exc}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(changed)} trace file(s) changed in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
