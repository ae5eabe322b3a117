"""The quiz as an ipywidgets card for Jupyter: the question, a reveal, then four self-grade buttons.

The callbacks only update the card and hand the grade to a sink (which records it); they never touch the
notebook's cells (no ``set_next_input``), since a widget callback has no cell of its own to replace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from kerasq.events import GRADES
from kerasq.quiz import GRADE_HELP, QuizAttempt, QuizCard, QuizOutcome
from kerasq.render import esc
from kerasq.study_views import card_text
from kerasq.views import View

GradeSink = Callable[[QuizOutcome], str]


def _unconnected(outcome: QuizOutcome) -> str:
    return "Not recorded: this card is not connected to a progress store."


@dataclass(frozen=True, repr=False, eq=False)
class QuizWidgetView(View):
    """A quiz card; displayed in Jupyter it is a live widget, elsewhere it falls back to text and HTML."""

    card: QuizCard
    attempt: QuizAttempt = field(init=False)
    widgets: dict[str, Any] = field(init=False)
    _sink: list[GradeSink] = field(init=False)

    def __post_init__(self) -> None:
        import ipywidgets as w

        card = self.card
        header = f"<p><small>{esc(card.heading)}</small></p>"
        if card.reason:
            header += f"<p><small>Why this one: {esc(card.reason)}.</small></p>"
        parts: dict[str, Any] = {
            "header": w.HTML(header),
            "prompt": w.HTML(f"<p><strong>{esc(card.prompt)}</strong></p>"),
            "choices": w.RadioButtons(
                options=[(card.label(index), index) for index in range(len(card.choices))],
                value=None,
                layout=w.Layout(width="auto"),
            ),
            "reveal": w.Button(description="Reveal the answer", button_style="primary"),
            "feedback": w.HTML(""),
            "grades": {
                grade: w.Button(description=grade, tooltip=GRADE_HELP[grade], disabled=True, layout=w.Layout(width="80px"))
                for grade in GRADES
            },
            "status": w.HTML("<small>Pick an answer if you like, then reveal it and grade yourself.</small>"),
            "output": w.Output(),
        }
        parts["reveal"].on_click(self._on_reveal)
        for grade, button in parts["grades"].items():
            button.on_click(lambda _button, grade=grade: self._on_grade(grade))
        parts["box"] = w.VBox(
            [
                parts["header"],
                parts["prompt"],
                parts["choices"],
                parts["reveal"],
                parts["feedback"],
                w.HBox([w.Label("How well did you know it?"), *parts["grades"].values()]),
                parts["status"],
                parts["output"],
            ],
            layout=w.Layout(border="1px solid #ccc", padding="6px 10px", max_width="720px"),
        )
        object.__setattr__(self, "attempt", QuizAttempt(card))
        object.__setattr__(self, "widgets", parts)
        object.__setattr__(self, "_sink", [_unconnected])

    def connect(self, sink: GradeSink) -> None:
        """Send the grade to ``sink``, which records it and returns a note to show on the card."""
        self._sink[0] = sink

    def _on_reveal(self, _button: Any = None) -> None:
        parts = self.widgets
        feedback = self.attempt.reveal(parts["choices"].value)
        colour = "#2e7d32" if feedback.correct else ("#b71c1c" if feedback.correct is False else "#333")
        parts["feedback"].value = (
            f'<p style="color:{colour}"><strong>{esc(feedback.verdict)}</strong></p><p>{esc(feedback.explanation)}</p>'
        )
        parts["choices"].disabled = True
        parts["reveal"].disabled = True
        for button in parts["grades"].values():
            button.disabled = False
        parts["status"].value = "<small>Now grade yourself: again, hard, good or easy.</small>"

    def _on_grade(self, grade: str) -> None:
        parts = self.widgets
        if not self.attempt.revealed:
            parts["status"].value = "<small>Reveal the answer before grading yourself.</small>"
            return
        if self.attempt.outcome is not None:
            return  # a second click (or a double click) never records twice
        outcome = self.attempt.grade(grade)
        for name, button in parts["grades"].items():
            button.disabled = True
            button.button_style = "success" if name == grade else ""
        with parts["output"]:  # in Jupyter, a store warning printed by the sink appears on the card
            try:
                note = self._sink[0](outcome)
            except Exception as exc:  # noqa: BLE001 - a callback error must end up on the card, not in a log
                note = f"Not recorded: {exc}"
        parts["status"].value = f"<small>Graded <strong>{esc(grade)}</strong>. {esc(note)}</small>"

    def text(self) -> str:
        return card_text(self.card) + f"\n\nIn Jupyter this is a card with buttons; here, use %kerasq quiz {self.card.question} --text."

    def html(self) -> str:
        choices = "".join(f"<li>{esc(self.card.label(index))}</li>" for index in range(len(self.card.choices)))
        return (
            f"<p><small>{esc(self.card.heading)}</small></p><p><strong>{esc(self.card.prompt)}</strong></p>"
            f'<ul style="list-style:none">{choices}</ul>'
            f"<p><small>This frontend cannot show widgets: use <code>%kerasq quiz {self.card.question} --text</code>.</small></p>"
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widgets["box"]._repr_mimebundle_())
        bundle["text/plain"] = self.text()
        return bundle
