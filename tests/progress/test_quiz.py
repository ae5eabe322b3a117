"""Quiz logic (item choice, reveal, grade, input parsing) and the terminal text prompt."""

from __future__ import annotations

from typing import Callable

import pytest

from kerasq.events import Event
from kerasq.quiz import QuizAttempt, QuizError, least_recent_item, make_card, parse_choice, parse_grade
from kerasq.quiz_prompt import run_text_quiz


@pytest.fixture()
def question(bank):
    return next(question for question in bank.questions if len(question.quiz) >= 3)


def quiz_event(n: int, question: int, item: object, ts: float) -> Event:
    return Event(f"{n:032x}", ts, "quiz", question, "good", {"item": item})


def test_least_recent_item_asks_new_items_first_then_the_oldest() -> None:
    assert least_recent_item(2, 3, []) == 0
    events = [quiz_event(1, 2, 0, 100.0), quiz_event(2, 2, 1, 200.0)]
    assert least_recent_item(2, 3, events) == 2
    events.append(quiz_event(3, 2, 2, 300.0))
    assert least_recent_item(2, 3, events) == 0
    # Other questions, bad item numbers and items beyond the current count are ignored.
    noise = [quiz_event(4, 5, 0, 400.0), quiz_event(5, 2, "0", 500.0), quiz_event(6, 2, 7, 600.0), quiz_event(7, 2, True, 700.0)]
    assert least_recent_item(2, 3, events + noise) == 0


def test_card_copies_the_item(question) -> None:
    card = make_card(question, 1, "because")
    item = question.quiz[1]
    assert (card.question, card.item, card.items, card.prompt, card.answer) == (
        question.id, 1, len(question.quiz), item.prompt, item.answer,
    )
    assert card.heading.startswith(f"Quiz · question {question.id} (item 2 of {len(question.quiz)})")
    assert card.label(0) == f"a) {item.choices[0]}"
    with pytest.raises(QuizError, match="has quiz items 1-"):
        make_card(question, len(question.quiz))


def test_attempt_reveals_then_grades_once(question) -> None:
    card = make_card(question, 0)
    attempt = QuizAttempt(card)
    with pytest.raises(QuizError, match="reveal the answer before grading"):
        attempt.grade("good")
    wrong = (card.answer + 1) % len(card.choices)
    feedback = attempt.reveal(wrong)
    assert feedback.correct is False and feedback.verdict.startswith("Not quite. The answer is")
    assert attempt.reveal(card.answer) is feedback  # the pick cannot change after the reveal
    with pytest.raises(QuizError, match="grade with one of again, hard, good, easy"):
        attempt.grade("perfect")
    outcome = attempt.grade("hard")
    assert outcome.detail() == {"item": 0, "chosen": wrong, "correct": False}
    with pytest.raises(QuizError, match="already graded 'hard'"):
        attempt.grade("easy")


def test_reveal_without_a_pick_and_with_an_impossible_pick(question) -> None:
    card = make_card(question, 0)
    with pytest.raises(QuizError, match="choose one of a-"):
        QuizAttempt(card).reveal(len(card.choices))
    feedback = QuizAttempt(card).reveal(None)
    assert feedback.correct is None and feedback.verdict.startswith("The answer is")


@pytest.mark.parametrize(("text", "expected"), [("b", 1), (" B) ", 1), ("3", 2), ("", None), ("   ", None)])
def test_parse_choice(text: str, expected: int | None) -> None:
    assert parse_choice(text, 4) == expected


@pytest.mark.parametrize("text", ["e", "5", "0", "-1", "bb", "answer"])
def test_parse_choice_rejects_with_what_is_valid(text: str) -> None:
    with pytest.raises(QuizError, match="a letter a-d or a number 1-4"):
        parse_choice(text, 4)


@pytest.mark.parametrize(("text", "expected"), [("1", "again"), ("a", "again"), ("Hard", "hard"), (" g ", "good"), ("4", "easy")])
def test_parse_grade(text: str, expected: str) -> None:
    assert parse_grade(text) == expected


@pytest.mark.parametrize("text", ["", "5", "great", "x"])
def test_parse_grade_rejects_with_what_is_valid(text: str) -> None:
    with pytest.raises(QuizError, match="1 again, 2 hard, 3 good or 4 easy"):
        parse_grade(text)


def scripted(*answers: str) -> tuple[Callable[[str], str], list[str]]:
    replies = iter(answers)
    said: list[str] = []

    def ask(prompt: str) -> str:
        said.append(prompt)
        try:
            return next(replies)
        except StopIteration:
            raise EOFError from None

    return ask, said


def test_text_prompt_asks_reveals_and_grades(question) -> None:
    card = make_card(question, 0)
    ask, said = scripted("x", "abcdef"[card.answer], "nine", "3")
    result = run_text_quiz(card, ask=ask, say=said.append)
    assert result.outcome.grade == "good" and result.outcome.correct is True
    transcript = "\n".join(said)
    assert card.prompt.split()[0] in transcript and "a letter a-" in transcript and "1 again, 2 hard" in transcript
    assert f"Correct: {card.label(card.answer)}" in transcript
    assert repr(result).endswith(f"You graded question {question.id} 'good'.")


def test_text_prompt_cancelled_by_end_of_input_records_nothing(question) -> None:
    ask, said = scripted("")  # reveal, then no grade: EOF
    result = run_text_quiz(make_card(question, 0), ask=ask, say=said.append)
    assert result.outcome is None and result.feedback is not None
    assert "Quiz cancelled; nothing was recorded." in repr(result)


def test_text_prompt_gives_up_after_three_unreadable_answers(question) -> None:
    ask, said = scripted("q", "r", "s")
    result = run_text_quiz(make_card(question, 0), ask=ask, say=said.append)
    assert result.outcome is None and result.feedback is None
    assert "No readable answer after 3 tries." in said


def test_text_prompt_without_stdin_is_cancelled(question) -> None:
    from IPython.core.error import StdinNotImplementedError

    def no_stdin(prompt: str) -> str:
        raise StdinNotImplementedError("raw_input was called, but this frontend does not support input requests.")

    assert run_text_quiz(make_card(question, 0), ask=no_stdin, say=lambda text: None).outcome is None
