"""Add the kerasq questions about a Keras object to IPython's `obj?` help and Jupyter's tooltips."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Callable

from kerasq.render import esc

if TYPE_CHECKING:
    from kerasq.content.bank import Bank
    from kerasq.content.question import Question

HOOK_MIME_TYPES = ("text/plain", "text/html", "text/markdown")


def _resolve(root: Any, dotted: str) -> Any:
    value = root
    for part in dotted.split(".")[1:]:
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def questions_for_object(obj: Any, bank: "Bank") -> list["Question"]:
    """The questions whose `apis` name this very object (a Keras class, function or bound method)."""
    keras = sys.modules.get("keras")
    if keras is None:  # nothing the user holds can be a Keras object
        return []
    candidates = [getattr(obj, "__func__", obj)]
    if not isinstance(obj, type) and not callable(obj):
        candidates.append(type(obj))
    found: dict[int, "Question"] = {}
    for target in candidates:
        name = getattr(target, "__name__", None)
        if not name:
            continue
        for api in bank.apis:
            if api.rsplit(".", 1)[-1] == name and _resolve(keras, api) is target:
                for question in bank.about_api(api):
                    found.setdefault(question.id, question)
    return [found[number] for number in sorted(found)]


def questions_text(questions: list["Question"]) -> str:
    """The kerasq section of the help, as plain text."""
    lines = [f"{question.id:>3}. {question.title}  (practise: %kerasq {question.id})" for question in questions]
    return "Interview questions about this API:\n" + "\n".join(lines)


def questions_html(questions: list["Question"]) -> str:
    """The kerasq section of the help, as escaped HTML."""
    items = "".join(
        f"<li>{question.id}. {esc(question.title)} <code>%kerasq {question.id}</code></li>" for question in questions
    )
    return f"<p>Interview questions about this API:</p><ul>{items}</ul>"


def make_hooks(inspector: Any, bank_loader: Callable[[], "Bank"]) -> dict[str, Callable[[Any], Any]]:
    """The `Inspector.mime_hooks` entries: plain text and HTML get a kerasq section appended."""

    def base_fields(data: Any, mime: str) -> list[tuple[str, str]] | None:
        # A hook's result replaces the whole field list, so rebuild IPython's own fields first.
        try:
            bundle = inspector._make_info_unformatted(  # noqa: SLF001 - no public way to extend the list
                data.obj, data.info_dict, None, data.detail_level, data.omit_sections
            )
        except Exception:  # an IPython without this helper: keep its help untouched
            return None
        return list(bundle[mime])

    def questions(data: Any) -> list["Question"]:
        try:
            return questions_for_object(data.obj, bank_loader())
        except Exception:  # help must never fail because of kerasq
            return []

    def plain(data: Any) -> Any:
        found = questions(data)
        fields = base_fields(data, "text/plain") if found else None
        return None if fields is None else fields + [("kerasq", questions_text(found))]

    def html(data: Any) -> Any:
        found = questions(data)
        fields = base_fields(data, "text/html") if found else None
        return None if fields is None else fields + [("kerasq", questions_html(found))]

    def markdown(data: Any) -> Any:
        found = questions(data)
        return questions_text(found) if found else None

    return {"text/plain": plain, "text/html": html, "text/markdown": markdown}
