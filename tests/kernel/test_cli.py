"""The `kerasq` console script: exit status 0 on success, 2 on usage errors with a clear message."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

KERASQ = shutil.which("kerasq") or str(Path(sys.executable).parent / "kerasq")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KERASQ, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_version() -> None:
    from kerasq import __version__

    result = cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"kerasq {__version__}"


def test_list_json(bank) -> None:
    result = cli("list", "--json")
    rows = json.loads(result.stdout)
    assert result.returncode == 0 and len(rows) == len(bank.questions)
    first = rows[0]
    assert {"number", "title", "section", "has_exercise"} <= set(first)
    assert {row["number"] for row in rows if not row["has_exercise"]} >= {2, 7}


def test_list_text_and_show() -> None:
    listing = cli("list")
    assert listing.returncode == 0 and "Keras Model Architecture" in listing.stdout
    shown = cli("show", "12")
    assert shown.returncode == 0 and "Dropout" in shown.stdout and "%kerasq check 12" in shown.stdout
    with_answer = cli("show", "12", "--answer")
    assert "Revealing the answer to question 12" in with_answer.stdout


def test_notebook_is_valid_and_ordered(tmp_path: Path) -> None:
    output = tmp_path / "practice.ipynb"
    result = cli("notebook", "1-3,8", "-o", str(output))
    assert result.returncode == 0, result.stderr
    notebook = nbformat.read(output, as_version=4)
    nbformat.validate(notebook)
    sources = [cell.source for cell in notebook.cells]
    assert notebook.cells[0].cell_type == "markdown" and sources[1] == "%load_ext kerasq"
    assert len(notebook.cells) == 2 + 2 * 4
    assert sources[2].startswith("## Question 1:") and "%kerasq check 1" in sources[3]
    assert sources[8].startswith("## Question 8:") and "save_and_reload" in sources[9]


def test_notebook_does_not_overwrite(tmp_path: Path) -> None:
    output = tmp_path / "mine.ipynb"
    output.write_text("my work", encoding="utf-8")
    result = cli("notebook", "1", "-o", str(output))
    assert result.returncode == 2 and "--force" in result.stderr
    assert output.read_text(encoding="utf-8") == "my work"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("show", "999"), "no question 999"),
        (("show", "abc"), "'abc' is not a question number"),
        (("notebook", "1-x", "-o", "out.ipynb"), "cannot read '1-x'"),
        (("notebook", "5-2", "-o", "out.ipynb"), "runs backwards"),
        (("notebook", "1-200", "-o", "out.ipynb"), "no question"),
        (("notebook", "1", "-o", "no/such/folder/out.ipynb"), "does not exist"),
        (("notebook", "1"), "-o/--output"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
        (("list", "--tag", "nope"), "no question has the tag 'nope'"),
        ((), "usage: kerasq"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.ipynb").exists()
