"""Rank questions against a free-text query over titles, tags, APIs, summaries and answers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kerasq.content.bank import Bank
from kerasq.content.question import Question

_WORD = re.compile(r"[a-z0-9]+")
# Where a query word is found matters more than how often: a title hit outranks many answer hits.
_WEIGHTS = {"title": 6.0, "tags": 5.0, "apis": 5.0, "summary": 2.0, "pitfalls": 1.0, "answer": 0.5}
_ANSWER_HITS_CAP = 6


@dataclass(frozen=True)
class SearchHit:
    """One ranked search result."""

    question: Question
    score: float


def words(text: str) -> list[str]:
    """Lower-case alphanumeric words of ``text``, camelCase split ("Conv2D" gives "conv2d")."""
    return _WORD.findall(text.lower())


def _fields(question: Question) -> dict[str, list[str]]:
    api_words: list[str] = []
    for api in question.apis:
        api_words.extend(words(api.rsplit(".", 1)[-1]))
    return {
        "title": words(question.title),
        "tags": [part for tag in question.tags for part in words(tag)] + list(question.tags),
        "apis": api_words,
        "summary": words(question.summary),
        "pitfalls": words(" ".join(question.pitfalls)),
        "answer": words(question.answer_markdown),
    }


_SUFFIXES = ("ing", "ed", "es", "s", "e")
# A prefix-only match ("save" in "savedmodel") says less than the word itself or an inflection of it.
_PREFIX_CREDIT = 0.5


def _stem(word: str) -> str:
    """Strip one common English ending, so "saving", "saved" and "save" meet at "sav"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _match_credit(query_word: str, word: str) -> float:
    if word == query_word or _stem(word) == _stem(query_word):
        return 1.0
    if len(query_word) >= 4 and word.startswith(query_word):
        return _PREFIX_CREDIT
    return 0.0


def _matches(query_word: str, field_words: list[str]) -> list[float]:
    return [credit for word in field_words if (credit := _match_credit(query_word, word))]


def search(bank: Bank, query: str, limit: int = 10) -> list[SearchHit]:
    """The questions that match ``query``, best first; every query word must appear somewhere."""
    query_words = words(query)
    if not query_words:
        return []
    hits: list[SearchHit] = []
    for question in bank.questions:
        fields = _fields(question)
        score = 0.0
        for query_word in query_words:
            word_score = 0.0
            for name, field_words in fields.items():
                credits = sorted(_matches(query_word, field_words), reverse=True)
                # The answer counts its best few hits; any other field counts its best hit once.
                word_score += _WEIGHTS[name] * sum(credits[: _ANSWER_HITS_CAP if name == "answer" else 1])
            if word_score == 0:
                break
            score += word_score
        else:
            hits.append(SearchHit(question, score))
    hits.sort(key=lambda hit: (-hit.score, hit.question.id))
    return hits[:limit]
