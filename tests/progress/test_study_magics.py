"""`%kerasq next`, `quiz`, `progress` and the recording of every step, in a real IPython shell."""

from __future__ import annotations

import builtins
import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from IPython.core.error import UsageError

from kerasq import recorder as recorder_module
from kerasq import study, study_commands
from kerasq.content.bank import Bank
from kerasq.events import new_event
from kerasq.magics import COMMAND_HANDLERS
from kerasq.progress_view import ProgressView
from kerasq.quiz_widget import QuizWidgetView
from kerasq.store import DB_NAME, Store, read_events
from kerasq.study_views import NextView, QuizResultView
from kerasq.views import Message, QuestionView


def run(shell, line: str) -> Any:
    return shell.run_line_magic("kerasq", line)


def kinds() -> list[tuple[str, int, str | None]]:
    return [(event.kind, event.question, event.outcome) for event in read_events()]


def test_show_hint_and_answer_are_recorded(shell) -> None:
    run(shell, "12")
    run(shell, "hint 12")
    run(shell, "hint 12 --level 2")
    run(shell, "answer 12")
    run(shell, "search dropout")
    run(shell, "list")
    events = read_events()
    assert kinds() == [("shown", 12, None), ("hint", 12, None), ("hint", 12, None), ("answer", 12, None)]
    assert [event.detail for event in events] == [{"via": "show"}, {"level": 1}, {"level": 2}, {}]


def test_bad_input_records_nothing(shell) -> None:
    for line in ("999", "hint 12 --level 9", "answer x", "quiz 999", "quiz 1 --nope", "next 3", "progress --all"):
        with pytest.raises(UsageError):
            run(shell, line)
    assert read_events() == []


@dataclasses.dataclass
class Finding:
    status: str
    message: str
    expected: Any = None
    found: Any = None
    hint: str | None = None


@dataclasses.dataclass
class FakeCheckResult:
    """Stands in for the checker's CheckResult: only the attributes the recording reads."""

    passed: bool
    question: int
    findings: list[Finding]


def test_checks_are_recorded_with_their_first_finding(shell, monkeypatch: pytest.MonkeyPatch) -> None:
    results = iter(
        [
            FakeCheckResult(False, 1, [
                Finding("pass", "input matches"),
                Finding("note", "layer names differ, which is fine"),
                Finding("mismatch", "second Conv2D", "(None, 13, 13, 64)", "(None, 6, 6, 64)", "is a MaxPooling2D missing?"),
                Finding("mismatch", "later"),
            ]),
            FakeCheckResult(True, 1, [Finding("ok", "all 9 layers match")]),
            FakeCheckResult(True, 1, []),
        ]
    )
    monkeypatch.setitem(COMMAND_HANDLERS, "check", lambda magics, command, cell: next(results))
    for _ in range(3):
        run(shell, "check 1")
    events = read_events()
    assert [(event.kind, event.question, event.outcome) for event in events] == [("check", 1, "fail"), ("check", 1, "pass"), ("check", 1, "pass")]
    assert events[0].detail["finding"] == {
        "status": "mismatch",
        "topic": None,
        "message": "second Conv2D",
        "expected": "(None, 13, 13, 64)",
        "found": "(None, 6, 6, 64)",
        "hint": "is a MaxPooling2D missing?",
    }
    assert events[1].detail["finding"]["message"] == "all 9 layers match" and events[2].detail["finding"] is None


def test_odd_check_results_are_read_defensively(shell, monkeypatch: pytest.MonkeyPatch) -> None:
    class Odd:
        passed = True
        question = "not a number"
        findings = 42  # not iterable

    class Long:
        passed = False
        question = 3
        findings = [Finding("mismatch", "x" * 5000)]

    results = iter([Odd(), Long()])
    monkeypatch.setitem(COMMAND_HANDLERS, "check", lambda magics, command, cell: next(results))
    run(shell, "check 1")  # the question falls back to the one on the line
    run(shell, "check 3")
    events = read_events()
    assert [(e.question, e.outcome, e.detail["finding"] is None) for e in events] == [(1, "pass", True), (3, "fail", False)]
    assert len(events[1].detail["finding"]["message"]) == 500


def test_a_findings_own_ok_flag_wins_over_its_status(shell, monkeypatch: pytest.MonkeyPatch) -> None:
    @dataclasses.dataclass
    class Flagged(Finding):
        ok: bool = True

    result = FakeCheckResult(False, 4, [Flagged("fine-ish", "a"), Flagged("pass", "b", ok=False), Flagged("fail", "c", ok=False)])
    monkeypatch.setitem(COMMAND_HANDLERS, "check", lambda magics, command, cell: result)
    run(shell, "check 4")
    assert read_events()[0].detail["finding"]["message"] == "b"


def test_a_check_that_did_not_run_records_nothing(shell, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(COMMAND_HANDLERS, "check", lambda magics, command, cell: Message("cannot check: no `model`"))
    run(shell, "check 1")
    assert read_events() == []


def test_next_offers_the_chosen_question_like_show(shell, bank) -> None:
    first = bank.questions[0]
    view = run(shell, "next")
    assert isinstance(view, NextView) and view.question.id == first.id
    assert shell.rl_next_input.startswith(f"# %kerasq {first.id}: ")
    assert "Why: nothing is due for review; it is the first of the" in repr(view)
    assert isinstance(view.shown, QuestionView) and view.shown.html() in view._repr_html_()
    assert kinds() == [("shown", first.id, None)] and read_events()[0].detail == {"via": "next"}
    # The shown question is started but has no review: it is due, and next keeps offering it until it is.
    shell.rl_next_input = None
    again = run(shell, "next")
    assert again.question.id == first.id and again.reason.startswith("due today: you started it on")
    with Store.open() as store:
        store.record(new_event("quiz", first.id, "good", {"item": 0}))
    assert run(shell, "next").question.id == bank.questions[1].id


def test_text_quiz_is_recorded_with_a_review_note(shell, bank, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    question = bank.get(2)
    answers = iter(["abcdef"[question.quiz[0].answer], "good"])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(answers))
    view = run(shell, "quiz 2")
    assert isinstance(view, QuizResultView) and view.outcome.grade == "good"
    assert question.quiz[0].prompt.split()[0] in capsys.readouterr().out
    event = read_events()[0]
    assert (event.kind, event.question, event.outcome) == ("quiz", 2, "good")
    assert event.detail == {"item": 0, "chosen": question.quiz[0].answer, "correct": True}
    assert "Recorded. Question 2 is in box 1 of 5 (every 1 day); next review tomorrow" in repr(view)
    # The next quiz on question 2 asks the item asked longest ago: a new one.
    answers = iter(["", "1"])
    assert run(shell, "quiz 2").card.item == 1
    assert kinds()[-1] == ("quiz", 2, "again") and shell.rl_next_input is None


def test_cancelled_text_quiz_records_nothing(shell, monkeypatch: pytest.MonkeyPatch) -> None:
    def end_of_input(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(builtins, "input", end_of_input)
    view = run(shell, "quiz --text")
    assert isinstance(view, QuizResultView) and view.outcome is None and read_events() == []
    assert view.card.reason.startswith("nothing is due for review")  # the schedule chose it, and says why


def test_widget_quiz_records_from_its_callback_and_never_touches_cells(shell, bank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(study_commands, "_wants_widget", lambda shell: True)
    view = run(shell, "quiz 7")
    assert isinstance(view, QuizWidgetView) and view.card.question == 7
    assert read_events() == []  # nothing is recorded until the learner grades

    def forbidden(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a widget callback called set_next_input")

    monkeypatch.setattr(shell, "set_next_input", forbidden)
    view.widgets["choices"].value = 0
    view.widgets["reveal"].click()
    view.widgets["grades"]["hard"].click()
    assert kinds() == [("quiz", 7, "hard")]
    assert "Recorded. Question 7 is in box 1 of 5" in view.widgets["status"].value
    assert shell.rl_next_input is None


def test_text_flag_wins_over_widgets(shell, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(study_commands, "_wants_widget", lambda shell: True)

    def interrupted(prompt: str = "") -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(builtins, "input", interrupted)
    view = run(shell, "quiz 2 --text")
    assert isinstance(view, QuizResultView) and view.outcome is None


def test_terminal_shell_gets_the_text_prompt() -> None:
    class TerminalShell:
        pass

    class KernelShell:
        kernel = object()

    assert study_commands._wants_widget(TerminalShell()) is False
    assert study_commands._wants_widget(KernelShell()) is True


def test_quiz_errors_name_what_is_valid(shell, bank) -> None:
    with pytest.raises(UsageError, match="'x' is not a question number"):
        run(shell, "quiz x")
    without = Bank(tuple(dataclasses.replace(q, quiz=()) if q.id == 2 else q for q in bank.questions))
    with pytest.raises(study.UsageProblem, match="question 2 has no quiz items; questions with a quiz: 1, 3"):
        study.quiz_card(without, [], study.now(), "2")
    empty = Bank(tuple(dataclasses.replace(q, quiz=()) for q in bank.questions))
    with pytest.raises(study.UsageProblem, match="no question in the bank has quiz items"):
        study.quiz_card(empty, [], study.now(), None)


def test_progress_reflects_what_was_recorded(shell, bank) -> None:
    run(shell, "12")
    with Store.open() as store:
        store.record(new_event("check", 12, "pass", {"finding": None}))
    view = run(shell, "progress")
    assert isinstance(view, ProgressView)
    report = view.report
    assert report.total == len(bank.questions) and report.practising == 1 and report.events == 2
    assert report.streak == 1 and report.practised_today
    text = repr(view)
    assert f"0 of {len(bank.questions)} questions mastered, 1 practising (2 recorded steps)" in text
    assert "nothing is due today; the next review is on" in text
    assert view._repr_html_().count("<svg") == 2


# -- a broken store never breaks the notebook ------------------------------------------------------------------


def corrupt(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DB_NAME
    path.write_bytes(b"definitely not sqlite" * 500)
    return path


def warnings_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("kerasq: your progress is not being recorded")]


def test_damaged_store_warns_once_and_every_command_still_works(shell, data_dir: Path, capsys, monkeypatch) -> None:
    path = corrupt(data_dir)
    assert isinstance(run(shell, "12"), QuestionView) and shell.rl_next_input.startswith("# %kerasq 12")
    run(shell, "hint 12")
    view = run(shell, "next")
    assert isinstance(view, NextView) and study.UNREADABLE in repr(view)
    progress = run(shell, "progress")
    assert isinstance(progress, ProgressView) and study.UNREADABLE in repr(progress)
    monkeypatch.setattr(builtins, "input", lambda prompt="": "3")
    quiz = run(shell, "quiz 2")
    assert "Not recorded:" in repr(quiz) and str(path) in repr(quiz)
    captured = capsys.readouterr()
    found = warnings_in(captured.err)
    assert len(found) == 1 and str(path) in found[0] and "Traceback" not in captured.err + captured.out
    assert path.read_bytes().startswith(b"definitely not sqlite")


def test_damaged_store_through_run_cell_shows_no_traceback(shell, data_dir: Path, capsys) -> None:
    corrupt(data_dir)
    for source in ("%kerasq 9", "%kerasq answer 9", "%kerasq progress"):
        assert shell.run_cell(source).success
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err and len(warnings_in(captured.err)) == 1


def test_locked_store_warns_once_and_reload_ext_resumes(shell, data_dir: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(recorder_module, "BUSY_TIMEOUT_S", 0.05)
    with Store.open():
        pass
    holder = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert isinstance(run(shell, "12"), QuestionView)
        run(shell, "hint 12")
    finally:
        holder.execute("ROLLBACK")
    found = warnings_in(capsys.readouterr().err)
    assert len(found) == 1 and "database is locked" in found[0] and str(data_dir / DB_NAME) in found[0]
    run(shell, "hint 12")
    assert read_events() == []  # this session gave up on the file, as the warning said
    shell.run_line_magic("reload_ext", "kerasq")
    run(shell, "hint 12")
    assert kinds() == [("hint", 12, None)]


def test_unwritable_store_warns_once(shell, tmp_path: Path, capsys, monkeypatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("KERASQ_DATA_DIR", str(blocker / "kerasq"))
    run(shell, "12")
    run(shell, "answer 12")
    assert isinstance(run(shell, "progress"), ProgressView)
    found = warnings_in(capsys.readouterr().err)
    assert len(found) == 1 and str(blocker / "kerasq" / DB_NAME) in found[0]
