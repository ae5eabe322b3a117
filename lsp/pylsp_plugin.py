"""python-lsp-server plugin (entry point group `pylsp`): pylsp's own hovers gain the kerasq section.

JupyterLab gives a notebook to one language server only, and that is pylsp when it is installed; this
plugin brings the kerasq hover (questions, pitfall, how to practise) into pylsp's answer. Settings:
`pylsp.plugins.kerasq.enabled` (default true) and `pylsp.plugins.kerasq.placement`: "end" (default,
after pylsp's signature and docstring) or "start" (before them, so it shows without scrolling).
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from typing import Any

from pylsp import hookimpl

from kerasq.lsp.hover import hover_markdown

log = logging.getLogger(__name__)

PLUGIN = "kerasq"
RULE = "\n\n---\n\n"
PLACEMENTS = ("end", "start")


@hookimpl
def pylsp_settings(config: Any) -> dict[str, Any]:
    """The plugin's default settings: enabled, the kerasq section after pylsp's hover."""
    return {"plugins": {PLUGIN: {"enabled": True, "placement": "end"}}}


@hookimpl(hookwrapper=True)
def pylsp_hover(config: Any, workspace: Any, document: Any, position: dict[str, int]) -> Generator[None, Any, None]:
    """Wrap pylsp's hover: add the kerasq section to whatever the other plugins answered."""
    outcome = yield
    try:
        hover = outcome.get_result()
    except Exception:  # another plugin failed: pylsp reports that itself, we add nothing
        return
    try:
        section = kerasq_section(workspace, document, position)
    except Exception:  # a kerasq bug must never cost the user pylsp's own hover
        log.exception("kerasq: hover failed at %s in %s", position, getattr(document, "uri", "?"))
        return
    if section:
        outcome.force_result(merge_hover(hover, section, prefers_markdown(config), section_first(config)))


def kerasq_section(workspace: Any, document: Any, position: dict[str, int]) -> str | None:
    """The kerasq Markdown for this position; in a notebook cell, earlier cells' imports count."""
    line, character = int(position["line"]), int(position["character"])
    notebook_uri = getattr(document, "notebook_uri", None)
    if not notebook_uri:
        return hover_markdown(document.source, line, character)
    source, offset = notebook_source(workspace, notebook_uri, document.uri, document.source)
    return hover_markdown(source, offset + line, character)


def notebook_source(workspace: Any, notebook_uri: str, cell_uri: str, cell_source: str) -> tuple[str, int]:
    """The cells of a notebook up to ``cell_uri``, joined, and the line where that cell starts."""
    notebook = workspace.get_maybe_document(notebook_uri)
    cells = notebook.cell_data() if notebook is not None and hasattr(notebook, "cell_data") else {}
    if cell_uri not in cells:
        return cell_source, 0
    sources: list[str] = []
    for uri, data in cells.items():
        sources.append(data["source"])
        if uri == cell_uri:
            return "\n".join(sources), data["line_start"]
    return cell_source, 0  # unreachable: cell_uri is among the cells


def section_first(config: Any) -> bool:
    """Whether the `placement` setting puts the kerasq section before pylsp's hover."""
    placement = config.plugin_settings(PLUGIN).get("placement", "end")
    if placement not in PLACEMENTS:
        log.warning("kerasq: pylsp.plugins.kerasq.placement is %r; it must be one of %s (using 'end')", placement, PLACEMENTS)
    return placement == "start"


def prefers_markdown(config: Any) -> bool:
    """Whether the client renders Markdown hovers (LSP: the first listed format is preferred)."""
    formats = config.capabilities.get("textDocument", {}).get("hover", {}).get("contentFormat") or ["markdown"]
    return next((kind for kind in formats if kind in ("markdown", "plaintext")), "markdown") == "markdown"


def merge_hover(hover: Any, section: str, markdown: bool = True, first: bool = False) -> dict[str, Any]:
    """pylsp's hover (in any of the LSP content shapes) with the kerasq section after it, or before."""
    hover = dict(hover) if isinstance(hover, dict) else {}
    contents = hover.get("contents")

    def join(text: str, joiner: str = RULE) -> str:
        return section + joiner + text if first else text + joiner + section

    if isinstance(contents, dict) and "kind" in contents:  # MarkupContent
        value = contents.get("value") or ""
        joiner = RULE if contents["kind"] == "markdown" else "\n\n"
        hover["contents"] = {"kind": contents["kind"], "value": join(value, joiner) if value.strip() else section}
    elif isinstance(contents, str) and contents.strip():  # a MarkedString, read as Markdown
        hover["contents"] = join(contents)
    elif isinstance(contents, dict) and contents.get("value"):  # a MarkedString with a language
        hover["contents"] = [section, contents] if first else [contents, section]
    elif isinstance(contents, list) and contents:
        hover["contents"] = [section, *contents] if first else [*contents, section]
    else:  # pylsp found nothing: the kerasq section alone
        hover["contents"] = {"kind": "markdown" if markdown else "plaintext", "value": section}
    return hover
