"""Parse and validate one question file (YAML front matter, Markdown answer, fenced code blocks)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from kerasq.content.errors import QuestionFileError
from kerasq.content.question import Question
from kerasq.content.schema import FrontMatter

FILE_NAME = re.compile(r"^(?P<number>\d{3})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
BLOCK_KINDS = ("example", "scaffold", "solution")
_FENCE = re.compile(r"^```python[ \t]+(?P<kind>\w+)[ \t]*\n(?P<code>.*?)^```[ \t]*$\n?", re.MULTILINE | re.DOTALL)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_question_file(path: Path) -> Question:
    """Read, validate and return the question stored at ``path``."""
    match = FILE_NAME.match(path.name)
    if match is None:
        raise QuestionFileError(path, "file name", "expected NNN-slug.md, for example 012-dropout.md")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionFileError(path, "file", f"cannot be read: {exc}") from None
    return parse_question_text(text, path, int(match["number"]), match["slug"])


def parse_question_text(text: str, path: Path, number: int, slug: str) -> Question:
    """Validate the text of a question file whose name gave ``number`` and ``slug``."""
    raw_front, body = _split_front_matter(text, path)
    front = _validate_front_matter(raw_front, path)
    if front.id != number:
        raise QuestionFileError(path, "id", f"is {front.id} but the file name says {number}")
    blocks = _code_blocks(body, path)
    scaffold = _single_block(blocks, "scaffold", path)
    solution = _single_block(blocks, "solution", path)
    _check_practice(front, scaffold, solution, path)
    return Question(
        id=front.id,
        slug=slug,
        title=front.title,
        section=front.section,
        tags=tuple(front.tags),
        apis=tuple(front.apis),
        summary=front.summary,
        hints=tuple(front.hints),
        pitfalls=tuple(front.pitfalls),
        answer_markdown=_answer_markdown(body),
        examples=tuple(blocks.get("example", [])),
        scaffold=scaffold,
        solution=solution,
        exercise=front.exercise,
        quiz=tuple(front.quiz or ()),
        path=path,
    )


def _split_front_matter(text: str, path: Path) -> tuple[object, str]:
    if not text.startswith("---\n"):
        raise QuestionFileError(path, "front matter", "the file must start with a '---' line")
    end = text.find("\n---\n", 3)
    if end == -1:
        raise QuestionFileError(path, "front matter", "no closing '---' line")
    try:
        raw = yaml.load(text[4:end], Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise QuestionFileError(path, "front matter", f"invalid YAML{line}: {problem}") from None
    if not isinstance(raw, dict):
        raise QuestionFileError(path, "front matter", "must be a YAML mapping of field names to values")
    return raw, text[end + 5 :]


def _validate_front_matter(raw: object, path: Path) -> FrontMatter:
    try:
        return FrontMatter.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or "front matter"
        problem = error["msg"]
        if error["type"] == "missing":
            problem = "is required but missing"
        elif error["type"] == "extra_forbidden":
            problem = "is not a known field"
        raise QuestionFileError(path, field, problem) from None


def _code_blocks(body: str, path: Path) -> dict[str, list[str]]:
    blocks: dict[str, list[str]] = {}
    for match in _FENCE.finditer(body):
        kind = match["kind"]
        if kind not in BLOCK_KINDS:
            raise QuestionFileError(path, "code block", f"unknown block kind 'python {kind}'; use {', '.join(BLOCK_KINDS)}")
        blocks.setdefault(kind, []).append(match["code"])
    return blocks


def _single_block(blocks: dict[str, list[str]], kind: str, path: Path) -> str | None:
    found = blocks.get(kind, [])
    if len(found) > 1:
        raise QuestionFileError(path, f"{kind} block", f"there are {len(found)}; at most one is allowed")
    return found[0] if found else None


def _check_practice(front: FrontMatter, scaffold: str | None, solution: str | None, path: Path) -> None:
    if front.exercise is None:
        if not front.quiz:
            raise QuestionFileError(path, "exercise", "a question needs an 'exercise' or a 'quiz'")
        if scaffold or solution:
            raise QuestionFileError(path, "exercise", "scaffold and solution blocks need an 'exercise' field")
        return
    if scaffold is None:
        raise QuestionFileError(path, "scaffold block", "the exercise has no ```python scaffold block")
    if solution is None:
        raise QuestionFileError(path, "solution block", "the exercise has no ```python solution block")
    for target in front.exercise.targets:
        defines = re.compile(rf"^\s*(?:def|class)\s+{target}\b|^\s*{target}\s*=", re.MULTILINE)
        if not defines.search(scaffold):
            raise QuestionFileError(path, "scaffold block", f"does not define the target '{target}'")
        if not defines.search(solution):
            raise QuestionFileError(path, "solution block", f"does not define the target '{target}'")
    last_line = scaffold.rstrip().splitlines()[-1].strip() if scaffold.strip() else ""
    if last_line != f"%kerasq check {front.id}":
        raise QuestionFileError(path, "scaffold block", f"must end with the line '%kerasq check {front.id}'")


def _answer_markdown(body: str) -> str:
    """The answer as shown to people: the body without scaffold and solution, examples as plain python."""

    def keep(match: re.Match[str]) -> str:
        if match["kind"] == "example":
            return f"```python\n{match['code']}```\n"
        return ""

    return _FENCE.sub(keep, body).strip() + "\n"
