"""The question bank: question files, their schema, loading, indexing and search."""

from kerasq.content.bank import Bank, load_bank
from kerasq.content.errors import QuestionFileError
from kerasq.content.question import Question

__all__ = ["Bank", "Question", "QuestionFileError", "load_bank"]
