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


def _matches(query_word: str, field_words: list[str]) -> int:
    return sum(1 for word in field_words if word == query_word or (len(query_word) >= 4 and word.startswith(query_word)))


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
                count = _matches(query_word, field_words)
                if name == "answer":
                    count = min(count, _ANSWER_HITS_CAP)
                else:
                    count = min(count, 1)
                word_score += _WEIGHTS[name] * count
            if word_score == 0:
                break
            score += word_score
        else:
            hits.append(SearchHit(question, score))
    hits.sort(key=lambda hit: (-hit.score, hit.question.id))
    return hits[:limit]
