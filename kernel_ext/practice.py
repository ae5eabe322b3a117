"""The plain functions behind the magics: look questions up and build the views to display."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kerasq.command_line import UsageProblem
from kerasq.views import AnswerView, HintView, QuestionTable, QuestionView, SearchView

if TYPE_CHECKING:
    from kerasq.content.bank import Bank
    from kerasq.content.question import Question


def find_question(bank: "Bank", token: str | int | None, command: str = "") -> "Question":
    """The question numbered ``token``, or a `UsageProblem` that says how questions are numbered."""
    if token is None:
        usage = f"%kerasq {command} N".replace("  ", " ")
        raise UsageProblem(f"{command or 'this command'} needs a question number: {usage} (questions are numbered {bank.describe_range()})")
    text = str(token).strip()
    if not text.lstrip("-").isdigit():
        raise UsageProblem(f"'{text}' is not a question number: questions are numbered {bank.describe_range()}")
    question = bank.get(int(text))
    if question is None:
        raise UsageProblem(f"no question {int(text)}: questions are numbered {bank.describe_range()}")
    return question


def list_questions(bank: "Bank", section: str | None = None, tag: str | None = None) -> QuestionTable:
    """The questions, optionally only one section's (a case-insensitive substring) or one tag's."""
    questions = bank.questions
    caption = "kerasq questions"
    if section:
        matching = [name for name in bank.sections if section.lower() in name.lower()]
        if not matching:
            raise UsageProblem(f"no section matches '{section}'; sections: {'; '.join(bank.sections)}")
        questions = tuple(question for question in questions if question.section in matching)
        caption += f" in {' / '.join(matching)}"
    if tag:
        if tag not in bank.tags:
            raise UsageProblem(f"no question has the tag '{tag}'; tags: {', '.join(bank.tags)}")
        questions = tuple(question for question in questions if tag in question.tags)
        caption += f" tagged {tag}"
    return QuestionTable(questions, caption)


def show_question(bank: "Bank", token: str | int) -> QuestionView:
    """The view of question ``token`` (its scaffold is placed by the caller)."""
    return QuestionView(find_question(bank, token))


def cell_for_question(question: "Question") -> str:
    """The cell text that replaces `%kerasq N`: the line commented out, then the scaffold."""
    header = f"# %kerasq {question.id}: {question.title}\n"
    if question.scaffold:
        return header + question.scaffold.rstrip() + "\n"
    return header + f"# A conceptual question. Test yourself: %kerasq answer {question.id}\n"


def hint(bank: "Bank", token: str | int, level: int = 1) -> HintView:
    """Hint number ``level`` (1-based) of question ``token``."""
    question = find_question(bank, token, "hint")
    total = len(question.hints)
    if not 1 <= level <= total:
        raise UsageProblem(f"question {question.id} has {total} hints: choose --level 1-{total}")
    return HintView(question, level)


def reveal_answer(bank: "Bank", token: str | int) -> AnswerView:
    """The answer to question ``token``, marked as revealed."""
    return AnswerView(find_question(bank, token, "answer"))


def search_questions(bank: "Bank", text: str) -> SearchView:
    """The questions matching ``text``, best first."""
    from kerasq.content.search import search

    if not text.strip():
        raise UsageProblem("search needs some words, for example: %kerasq search dropout")
    return SearchView(text, tuple(search(bank, text)))
