"""Turn Markdown and plain strings into safe HTML and readable terminal text."""

from __future__ import annotations

import html
import textwrap
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _markdown() -> "MarkdownIt":
    from markdown_it import MarkdownIt

    # html=False: raw HTML inside a question file is shown as text, never injected into the page.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def markdown_html(text: str) -> str:
    """Render Markdown to HTML, escaping any raw HTML it contains."""
    return _markdown().render(text)


def esc(value: object) -> str:
    """HTML-escape any value's string form, quotes included."""
    return html.escape(str(value), quote=True)


def code_html(code: str) -> str:
    """A block of code as escaped, preformatted HTML."""
    return f'<pre class="kerasq-code"><code>{esc(code)}</code></pre>'


def wrap(text: str, width: int = 96, indent: str = "") -> str:
    """Wrap prose for the terminal, keeping blank lines between paragraphs."""
    paragraphs = [" ".join(part.split()) for part in text.strip().split("\n\n")]
    return "\n\n".join(
        textwrap.fill(paragraph, width=width, initial_indent=indent, subsequent_indent=indent) for paragraph in paragraphs
    )


def terminal_markdown(text: str) -> str:
    """Markdown made tidy for a terminal: fences dropped, code indented, prose left as written."""
    lines: list[str] = []
    in_code = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        lines.append(f"    {line}" if in_code else line)
    return "\n".join(lines).strip()
