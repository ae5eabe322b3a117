"""The kerasq hover: the interview questions about the Keras API under the cursor, as short Markdown."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import lru_cache

from kerasq.lsp.analysis import Analysis, analyze
from kerasq.lsp.bankindex import BankIndex, Entry, shared_index
from kerasq.lsp.resolve import apis_at
from kerasq.lsp.source import split_lines, utf16_to_index

MAX_RELATED = 4
SUMMARY_CHARS = 320
_MAGIC = re.compile(r"^\s*%kerasq\s+(?:(?:show|hint|answer|check)\s+)?(\d+)\b")
_COMMENT = re.compile(r"^\s*#\s*%?kerasq\s+(\d+)\b")
# JupyterLab's virtual documents spell `%kerasq 15` as `get_ipython().run_line_magic("kerasq", " 15")`.
_REWRITTEN = re.compile(r"""run_line_magic\(\s*["']kerasq["']\s*,\s*["']\s*(?:(?:show|hint|answer|check)\s+)?(\d+)\b""")


_ANALYSES: OrderedDict[tuple[str, tuple[int, ...]], Analysis] = OrderedDict()
_IN_PROGRESS: dict[tuple[str, tuple[int, ...]], threading.Event] = {}
_LOCK = threading.Lock()
MAX_ANALYSES = 4  # an analysis of a 10,000-line file holds about 30 MB


def cached_analysis(text: str, segments: tuple[int, ...] = (0,)) -> Analysis:
    """The analysis of ``text``: computed once even when a hover and the diagnostics thread ask together."""
    key = (text, segments)
    while True:
        with _LOCK:
            found = _ANALYSES.get(key)
            if found is not None:
                _ANALYSES.move_to_end(key)
                return found
            running = _IN_PROGRESS.get(key)
            if running is None:
                running = _IN_PROGRESS[key] = threading.Event()
                break
        running.wait()  # another thread is analysing this very text: share its result
    try:
        analysis = analyze(text, segments)
        with _LOCK:
            _ANALYSES[key] = analysis
            while len(_ANALYSES) > MAX_ANALYSES:
                _ANALYSES.popitem(last=False)
        return analysis
    finally:
        with _LOCK:
            del _IN_PROGRESS[key]
        running.set()


def hover_markdown(source: str, line: int, character: int) -> str | None:
    """The kerasq hover (Markdown) for the name at an LSP position (0-based line, UTF-16 column) in a Python/IPython source, or None."""
    lines = split_lines(source)
    if not 0 <= line < len(lines):
        return None
    index = utf16_to_index(lines[line], character)
    if index is None:
        return None
    bank = shared_index()
    if bank is None:
        return None
    return markdown_at(bank, cached_analysis(source), line, index)


def markdown_at(bank: BankIndex, analysis: Analysis, line: int, index: int) -> str | None:
    """The hover for a code-point position in an analysed source, or None."""
    if not 0 <= line < len(analysis.lines):
        return None
    number = question_on_line(analysis.lines[line], index)
    if number is not None:
        entry = bank.get(number)
        return question_markdown(entry) if entry else None
    for api in apis_at(analysis, line, index):
        if bank.about_api(api):
            return api_markdown(bank, api)
    return None


def question_on_line(line: str, index: int) -> int | None:
    """The number in a `%kerasq N` (or `# kerasq N`) line when the position is on that number."""
    match = _MAGIC.match(line) or _COMMENT.match(line) or _REWRITTEN.search(line)
    if match and match.start(1) <= index <= match.end(1):
        return int(match.group(1))
    return None


def _shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"


def _practice(entry: Entry) -> str:
    how = f"`%kerasq {entry.id}` in a notebook"
    if entry.has_exercise:
        how += f", then `%kerasq check {entry.id}`"
    return f"**Practise:** {how} · `%kerasq answer {entry.id}` for the answer"


def best_pitfall(entries: tuple[Entry, ...], api: str) -> tuple[Entry, str] | None:
    """The first pitfall that names the API (main question first), else the main question's first pitfall."""
    short = api.rsplit(".", 1)[-1]
    pattern = re.compile(rf"(?<![\w.]){re.escape(short)}\b")
    for entry in entries:
        for pitfall in entry.pitfalls:
            if pattern.search(pitfall):
                return entry, pitfall
    return (entries[0], entries[0].pitfalls[0]) if entries and entries[0].pitfalls else None


@lru_cache(maxsize=512)
def api_markdown(bank: BankIndex, api: str) -> str | None:
    """The hover for a fully qualified API: main question, summary, pitfall, related questions, practice."""
    entries = bank.about_api(api)
    if not entries:
        return None
    main = entries[0]
    parts = [
        f"**kerasq** · interview questions on `{api}`",
        f"**Q{main.id} · {main.title}**",
        _shorten(main.summary),
    ]
    found = best_pitfall(entries, api)
    if found:
        source, pitfall = found
        label = "**Pitfall:**" if source is main else f"**Pitfall** (Q{source.id}):"
        parts.append(f"{label} {_shorten(pitfall, 260)}")
    related = [f"- Q{e.id} · {e.title}" for e in entries[1 : 1 + MAX_RELATED]]
    if len(entries) - 1 > MAX_RELATED:
        related.append(f"- … and {len(entries) - 1 - MAX_RELATED} more: `%kerasq search {api.rsplit('.', 1)[-1]}`")
    if related:
        parts.append("**Also asked**\n" + "\n".join(related))
    parts.append(_practice(main))
    return "\n\n".join(parts)


@lru_cache(maxsize=256)
def question_markdown(entry: Entry) -> str:
    """The hover on a `%kerasq N` line: that question's title, summary, first pitfall and practice."""
    parts = [f"**kerasq · Q{entry.id} · {entry.title}**", _shorten(entry.summary)]
    if entry.pitfalls:
        parts.append(f"**Pitfall:** {_shorten(entry.pitfalls[0], 260)}")
    parts.append(_practice(entry))
    return "\n\n".join(parts)
