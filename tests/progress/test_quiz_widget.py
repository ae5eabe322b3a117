"""The ipywidgets quiz card, driven by clicking its buttons from the test."""

from __future__ import annotations

import pytest

from kerasq.quiz import make_card
from kerasq.quiz_widget import QuizWidgetView


@pytest.fixture()
def card(bank):
    question = next(question for question in bank.questions if len(question.quiz) >= 2)
    return make_card(question, 1, "nothing is due for review")


def test_card_starts_with_grades_disabled(card) -> None:
    view = QuizWidgetView(card)
    parts = view.widgets
    assert parts["choices"].options == tuple((card.label(i), i) for i in range(len(card.choices)))
    assert parts["choices"].value is None
    assert all(button.disabled for button in parts["grades"].values())
    assert [button.description for button in parts["grades"].values()] == ["again", "hard", "good", "easy"]
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and card.prompt in bundle["text/plain"]


def test_pick_reveal_grade_sends_one_outcome_to_the_sink(card) -> None:
    view = QuizWidgetView(card)
    received = []
    view.connect(lambda outcome: received.append(outcome) or "Recorded. See you in 3 days.")
    parts = view.widgets
    parts["grades"]["good"].click()  # before the reveal: refused, nothing recorded
    assert received == [] and "Reveal the answer before grading" in parts["status"].value
    parts["choices"].value = card.answer
    parts["reveal"].click()
    assert parts["choices"].disabled and parts["reveal"].disabled
    assert "Correct" in parts["feedback"].value and not parts["grades"]["easy"].disabled
    parts["grades"]["easy"].click()
    parts["grades"]["again"].click()  # a second click never records twice
    assert [(o.question, o.item, o.grade, o.chosen, o.correct) for o in received] == [
        (card.question, 1, "easy", card.answer, True)
    ]
    assert all(button.disabled for button in parts["grades"].values())
    assert parts["grades"]["easy"].button_style == "success"
    assert "Graded <strong>easy</strong>. Recorded. See you in 3 days." in parts["status"].value


def test_reveal_without_a_pick_and_a_wrong_pick(card) -> None:
    view = QuizWidgetView(card)
    view.widgets["reveal"].click()
    assert "The answer is" in view.widgets["feedback"].value
    other = QuizWidgetView(card)
    other.widgets["choices"].value = (card.answer + 1) % len(card.choices)
    other.widgets["reveal"].click()
    assert "Not quite" in other.widgets["feedback"].value


def test_a_failing_sink_shows_on_the_card(card) -> None:
    view = QuizWidgetView(card)

    def broken(outcome):  # noqa: ANN001, ANN202
        raise RuntimeError("disk on fire")

    view.connect(broken)
    view.widgets["reveal"].click()
    view.widgets["grades"]["hard"].click()
    assert "Not recorded: disk on fire" in view.widgets["status"].value


def test_unconnected_card_says_it_did_not_record(card) -> None:
    view = QuizWidgetView(card)
    view.widgets["reveal"].click()
    view.widgets["grades"]["good"].click()
    assert "Not recorded" in view.widgets["status"].value


def test_card_strings_are_escaped(card) -> None:
    import dataclasses

    evil = dataclasses.replace(card, prompt="<script>x</script>", choices=("<b>a</b>", "b"), answer=0, reason="<i>why</i>")
    view = QuizWidgetView(evil)
    html = view.widgets["prompt"].value + view.widgets["header"].value + view._repr_html_()
    assert "<script>" not in html and "<b>a</b>" not in html and "<i>why" not in html
    view.widgets["reveal"].click()
    assert "<b>a</b>" not in view.widgets["feedback"].value
