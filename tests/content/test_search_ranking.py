"""Search ranking: inflections count as the word, prefix-only completions count less, the later questions are found."""

from __future__ import annotations

import pytest

from kerasq.content.bank import Bank
from kerasq.content.question import Question
from kerasq.content.search import search


def _question(number: int, title: str, tags: tuple[str, ...] = ("misc",)) -> Question:
    return Question(id=number, slug=f"q{number}", title=title, section="Keras Basic Concepts", tags=tags,
                    apis=("keras.Model",), summary="A summary.", hints=("a", "b"), pitfalls=("p",),
                    answer_markdown="An answer.\n")


def test_an_inflected_title_outranks_a_prefix_only_title() -> None:
    bank = Bank((_question(1, "Exporting a SavedModel"), _question(2, "Saving and loading models")))
    hits = search(bank, "save")
    assert [hit.question.id for hit in hits] == [2, 1]
    assert hits[0].score == 2 * hits[1].score  # a full title hit against half credit for the prefix


@pytest.mark.parametrize("query", ["saved", "saving", "saves"])
def test_inflections_meet(query: str) -> None:
    bank = Bank((_question(1, "How to save a model"), _question(2, "Unrelated topic")))
    assert [hit.question.id for hit in search(bank, query)] == [1]


def test_short_words_are_not_stemmed_into_others() -> None:
    bank = Bank((_question(1, "GANs and generators"), _question(2, "Gate layers")))
    assert [hit.question.id for hit in search(bank, "gan")] == [1]


@pytest.mark.parametrize(
    ("query", "first"),
    [("save", 8), ("savedmodel", 57), ("autoencoder", 70), ("confusion matrix", 48), ("pydataset", 47),
     ("gan", 61), ("tensorflow serving", 58), ("early stopping", 28), ("graph neural network", 65)],
)
def test_the_obvious_question_comes_first(bank, query: str, first: int) -> None:
    hits = search(bank, query)
    assert hits and hits[0].question.id == first, [(hit.question.id, hit.score) for hit in hits]
