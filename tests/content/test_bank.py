"""The packaged bank: every question validates, questions 1-15 are complete, search ranks sensibly."""

from __future__ import annotations

import re

import pytest

from kerasq.content.schema import EXERCISE_KINDS
from kerasq.content.search import search

CONTRACT_TARGETS = {
    1: ("model",),
    3: ("seq_model", "func_model"),
    4: ("model",),
    5: ("model",),
    6: (),
    8: ("save_and_reload",),
    9: ("model",),
    10: ("model",),
    11: ("model",),
    12: ("model",),
    13: ("model",),
    14: ("MyDense",),
    15: ("identity_block",),
}
CONCEPTUAL = (2, 7)


def test_questions_one_to_fifteen_exist(bank) -> None:
    assert set(range(1, 16)) <= set(bank.ids)


@pytest.mark.parametrize("number", sorted(CONTRACT_TARGETS))
def test_exercise_contracts(bank, number: int) -> None:
    question = bank.get(number)
    assert question.exercise is not None and question.exercise.kind in EXERCISE_KINDS
    assert question.targets == CONTRACT_TARGETS[number]


@pytest.mark.parametrize("number", CONCEPTUAL)
def test_conceptual_questions_have_quizzes(bank, number: int) -> None:
    question = bank.get(number)
    assert question.exercise is None and len(question.quiz) >= 3


def test_every_question_is_complete(bank) -> None:
    for question in bank.questions:
        assert 2 <= len(question.hints) <= 3, question.id
        assert question.pitfalls and question.apis and question.summary, question.id
        assert len(question.answer_markdown.split()) >= 80, f"question {question.id}: the answer is too thin"


def test_seed_errata_are_not_repeated(bank) -> None:
    """Claims known to be wrong in circulating answers never appear as advice in ours."""
    positional_name = re.compile(r"add_weight\(\s*['\"]")
    for question in bank.questions:
        code = "\n".join([*question.examples, question.solution or "", question.scaffold or ""])
        assert not positional_name.search((question.solution or "") + (question.scaffold or "")), question.id
        for example in question.examples:  # shown only as the error it is
            assert not positional_name.search(example) or "except ValueError" in example, question.id
        assert "load_data()" not in code, question.id
        assert "tf.keras" not in code, question.id
        assert "to_yaml" not in code, question.id


@pytest.mark.parametrize(
    ("query", "first"),
    [("dropout", 12), ("batch normalization", 13), ("residual", 15), ("custom layer", 14), ("save", 8)],
)
def test_search_ranks_the_obvious_question_first(bank, query: str, first: int) -> None:
    hits = search(bank, query)
    assert hits and hits[0].question.id == first, [(hit.question.id, hit.score) for hit in hits]


def test_search_without_match_or_words(bank) -> None:
    assert search(bank, "zebra quantum") == []
    assert search(bank, "  !! ") == []


def test_api_index(bank) -> None:
    assert any(question.id == 12 for question in bank.about_api("keras.layers.Dropout"))
    assert bank.about_api("keras.layers.NoSuchLayer") == ()
