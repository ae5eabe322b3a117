"""What each `%kerasq` command records, decided in one place from the command's name and the view it returned."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:  # imported on first use: `%load_ext kerasq` stays fast
    from kerasq.recorder import Recorder

_FIELD_LIMIT = 500  # characters kept of each finding field: enough to say what differed, never a whole model
_OK_STATUSES = {"ok", "pass", "passed", "note"}
_FINDING_FIELDS = ("status", "topic", "message", "expected", "found", "hint")


def _question_id(view: Any) -> int | None:
    question = getattr(view, "question", None)
    number = getattr(question, "id", question)
    return number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= _FIELD_LIMIT else text[: _FIELD_LIMIT - 1] + "…"


def first_finding(result: Any) -> dict[str, str | None] | None:
    """The finding worth remembering from a check result: the first one not marked ok (else the first one)."""
    try:
        findings = list(getattr(result, "findings", None) or ())
    except TypeError:
        return None
    if not findings:
        return None
    chosen = next((finding for finding in findings if not _is_ok(finding)), findings[0])
    return {name: _text(getattr(chosen, name, None)) for name in _FINDING_FIELDS}


def _is_ok(finding: Any) -> bool:
    ok = getattr(finding, "ok", None)  # the checker's Finding says so itself; otherwise judge by the status
    return ok if isinstance(ok, bool) else str(getattr(finding, "status", "")).lower() in _OK_STATUSES


def _check(recorder: "Recorder", command: Any, view: Any) -> None:
    passed = getattr(view, "passed", None)
    if not isinstance(passed, bool):
        return  # not a check result (for example a notice that the check could not run): nothing was checked
    number = _question_id(view)
    if number is None:
        try:
            number = int(str(getattr(command.args, "question", "")).strip())
        except ValueError:
            return
    if number < 1:
        return
    detail: Mapping[str, Any] = {"finding": first_finding(view)}
    recorder.record("check", number, "pass" if passed else "fail", detail)


def _quiz(recorder: "Recorder", view: Any) -> Any:
    from kerasq.quiz_widget import QuizWidgetView
    from kerasq.study_views import QuizResultView

    if isinstance(view, QuizWidgetView):
        view.connect(lambda outcome: record_grade(recorder, outcome))
    elif isinstance(view, QuizResultView) and view.outcome is not None:
        return dataclasses.replace(view, note=record_grade(recorder, view.outcome))
    return view


def record_grade(recorder: "Recorder", outcome: Any) -> str:
    """Record a quiz self-grade; return a note on when the question comes back (or why it was not recorded)."""
    from kerasq.content.bank import load_bank
    from kerasq.content.errors import QuestionFileError
    from kerasq.study import now, review_note

    if recorder.record("quiz", outcome.question, outcome.grade, outcome.detail()) is None:
        return f"Not recorded: {recorder.path} cannot be used (see the warning)."
    events = recorder.events()
    if events is None:
        return "Recorded."
    try:
        return "Recorded. " + review_note(load_bank(), events, outcome.question, now())
    except QuestionFileError:  # the bank changed on disk since the card was shown: the grade is safe anyway
        return "Recorded."


def record_command(owner: Any, command: Any, view: Any) -> Any:
    """Record what ``command`` did, judging by the ``view`` it returned; return the view (perhaps with a note)."""
    from kerasq.recorder import recorder_for

    recorder = recorder_for(owner)
    name = command.name
    number = _question_id(view)
    if name in ("show", "next") and number is not None:
        recorder.record("shown", number, detail={"via": name})
    elif name == "hint" and number is not None:
        recorder.record("hint", number, detail={"level": getattr(view, "level", None)})
    elif name == "answer" and number is not None:
        recorder.record("answer", number)
    elif name == "check":
        _check(recorder, command, view)
    elif name == "quiz":
        return _quiz(recorder, view)
    return view
