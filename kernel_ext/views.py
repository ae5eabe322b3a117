"""Output objects of the magics: each has a terminal form and an escaped HTML form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kerasq.render import code_html, esc, markdown_html, terminal_markdown, wrap

if TYPE_CHECKING:
    from kerasq.content.question import Question
    from kerasq.content.search import SearchHit

_STYLE = "font-family: var(--jp-content-font-family, sans-serif);"


class View:
    """Base of every output object: ``text()`` for terminals, ``html()`` for Jupyter."""

    def text(self) -> str:
        """Plain-text form."""
        raise NotImplementedError

    def html(self) -> str:
        """HTML form; every user or file string in it is escaped."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer, cycle: bool) -> None:  # noqa: ANN001 - IPython's pretty printer
        printer.text(self.text())

    def _repr_html_(self) -> str:
        return f'<div class="kerasq" style="{_STYLE}">{self.html()}</div>'


@dataclass(frozen=True, repr=False)
class Message(View):
    """A short notice (for example, that a feature is not available yet)."""

    body: str
    title: str = "kerasq"

    def text(self) -> str:
        return f"{self.title}: {self.body}"

    def html(self) -> str:
        return f"<p><strong>{esc(self.title)}</strong>: {esc(self.body)}</p>"


@dataclass(frozen=True, repr=False)
class QuestionTable(View):
    """The questions as a table, grouped by section."""

    questions: tuple["Question", ...]
    caption: str = "kerasq questions"

    def text(self) -> str:
        if not self.questions:
            return f"{self.caption}: no question matches."
        width = max(len(str(question.id)) for question in self.questions)
        kind_width = max(len(question.practice_kind) for question in self.questions)
        lines = [f"{self.caption} ({len(self.questions)})"]
        section = None
        for question in self.questions:
            if question.section != section:
                section = question.section
                lines.append(f"\n{section}")
            lines.append(f"  {question.id:>{width}}  {question.practice_kind:<{kind_width}}  {question.title}")
        lines.append("\nOpen one with %kerasq N, search with %kerasq search TEXT.")
        return "\n".join(lines)

    def html(self) -> str:
        if not self.questions:
            return f"<p>{esc(self.caption)}: no question matches.</p>"
        rows = []
        section = None
        for question in self.questions:
            if question.section != section:
                section = question.section
                rows.append(f'<tr><th colspan="3" style="text-align:left">{esc(section)}</th></tr>')
            rows.append(
                f"<tr><td style=\"text-align:right\">{question.id}</td><td>{esc(question.title)}</td>"
                f"<td><code>{esc(question.practice_kind)}</code></td></tr>"
            )
        return (
            f"<table><caption>{esc(self.caption)} ({len(self.questions)})</caption>"
            "<thead><tr><th>#</th><th>question</th><th>practice</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            "<p>Open one with <code>%kerasq N</code>, search with <code>%kerasq search TEXT</code>.</p>"
        )


@dataclass(frozen=True, repr=False)
class QuestionView(View):
    """A question as posed: title, task or quiz note, and the scaffold placed in the next cell."""

    question: "Question"

    def _task(self) -> str:
        if self.question.exercise is not None:
            return self.question.exercise.task
        return f"A conceptual question: answer it aloud, then test yourself with the quiz ({len(self.question.quiz)} items)."

    def _next_steps(self) -> str:
        number = self.question.id
        return f"%kerasq hint {number}  ·  %kerasq answer {number}" + (
            f"  ·  %kerasq check {number}" if self.question.has_exercise else ""
        )

    def text(self) -> str:
        question = self.question
        parts = [f"Question {question.id} · {question.section}", question.title, "", wrap(self._task())]
        if question.scaffold:
            parts += ["", "Scaffold (placed in this cell; fill in the TODOs and run it):", ""]
            parts += [f"    {line}" for line in question.scaffold.rstrip().splitlines()]
        parts += ["", self._next_steps()]
        return "\n".join(parts)

    def html(self) -> str:
        question = self.question
        scaffold = ""
        if question.scaffold:
            scaffold = (
                "<details><summary>Scaffold (placed in this cell; fill in the TODOs and run it)</summary>"
                f"{code_html(question.scaffold)}</details>"
            )
        return (
            f"<p><small>Question {question.id} · {esc(question.section)}</small></p>"
            f"<h3>{esc(question.title)}</h3>{markdown_html(self._task())}{scaffold}"
            f"<p><code>{esc(self._next_steps())}</code></p>"
        )


@dataclass(frozen=True, repr=False)
class HintView(View):
    """One hint, with how many there are."""

    question: "Question"
    level: int

    def _label(self) -> str:
        total = len(self.question.hints)
        more = f" (next: %kerasq hint {self.question.id} --level {self.level + 1})" if self.level < total else ""
        return f"Hint {self.level} of {total} for question {self.question.id}{more}"

    def text(self) -> str:
        return f"{self._label()}\n{wrap(self.question.hints[self.level - 1], indent='  ')}"

    def html(self) -> str:
        return f"<p><strong>{esc(self._label())}</strong></p><p>{esc(self.question.hints[self.level - 1])}</p>"


@dataclass(frozen=True, repr=False)
class AnswerView(View):
    """The revealed answer, plainly marked as a reveal."""

    question: "Question"

    def _banner(self) -> str:
        return f"Revealing the answer to question {self.question.id}: {self.question.title}"

    def text(self) -> str:
        pitfalls = "\n".join(f"  - {pitfall}" for pitfall in self.question.pitfalls)
        return f"{self._banner()}\n\n{terminal_markdown(self.question.answer_markdown)}\n\nPitfalls:\n{pitfalls}"

    def html(self) -> str:
        pitfalls = "".join(f"<li>{esc(pitfall)}</li>" for pitfall in self.question.pitfalls)
        return (
            f'<p style="background:#fff3cd;padding:4px 8px"><strong>{esc(self._banner())}</strong></p>'
            f"{markdown_html(self.question.answer_markdown)}<h4>Pitfalls</h4><ul>{pitfalls}</ul>"
        )


@dataclass(frozen=True, repr=False)
class SearchView(View):
    """Ranked search results."""

    query: str
    hits: tuple["SearchHit", ...]

    def text(self) -> str:
        if not self.hits:
            return f"No question matches '{self.query}'. Try fewer or shorter words, or %kerasq list."
        lines = [f"Questions matching '{self.query}':"]
        lines += [f"  {hit.question.id:>2}  {hit.question.title}  [{hit.question.section}]" for hit in self.hits]
        return "\n".join(lines)

    def html(self) -> str:
        if not self.hits:
            return f"<p>No question matches <q>{esc(self.query)}</q>. Try fewer or shorter words, or <code>%kerasq list</code>.</p>"
        items = "".join(
            f"<li><strong>{hit.question.id}</strong> {esc(hit.question.title)} <small>{esc(hit.question.section)}</small></li>"
            for hit in self.hits
        )
        return f"<p>Questions matching <q>{esc(self.query)}</q>:</p><ol>{items}</ol>"
