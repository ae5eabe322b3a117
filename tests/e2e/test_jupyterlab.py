"""The learner's flow in a real JupyterLab 4 with jupyterlab-lsp, driven through headless Chromium.

Step 1 (the `practice` fixture) opens the notebook `kerasq notebook 10 -o ...` writes and runs
`%load_ext kerasq`; steps 2-4 are one test each and save screenshots to the folder printed at the end
of the run. The last tests start `make lab` headless and stop it with SIGTERM to its process group.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

BIN = Path(sys.executable).parent
QUESTION = 10
NOTEBOOK = "kerasq-practice.ipynb"
# What a learner types into the exercise cell: the scaffold's TODOs done, ending with the check.
CORRECT_MODEL = """import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(64, 64, 3)),
        layers.Conv2D(32, (3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=2),
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

%kerasq check 10"""
SAME_PADDING_MODEL = CORRECT_MODEL.replace(
    'layers.Conv2D(32, (3, 3), activation="relu")', 'layers.Conv2D(32, (3, 3), activation="relu", padding="same")'
)
assert SAME_PADDING_MODEL != CORRECT_MODEL
PASS_BANNER = f"Question {QUESTION} passed"
FAIL_BANNER = f"Question {QUESTION} failed"
HOVER_KEY = "Control"  # jupyterlab-lsp's default hover modifier (@jupyter-lsp/jupyterlab-lsp:hover, modifierKey)
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def record(request: pytest.FixtureRequest, screenshots: Path) -> None:
    """Put the screenshot folder in the test report (it is also printed)."""
    request.node.user_properties.append(("screenshots", str(screenshots)))
    print(f"kerasq e2e screenshots: {screenshots}")


def exercise_cell(practice) -> int:  # noqa: ANN001 - the NotebookPage driver
    """The index of the exercise cell `kerasq notebook` wrote: the code cell under the question's heading."""
    for index in practice.code_cell_indices():
        if index > 0 and f"Question {QUESTION}:" in practice.cell(index - 1).inner_text():
            return index
    pytest.fail(f"no code cell under the heading of question {QUESTION}")


def assert_no_traceback(text: str) -> None:
    """A learner never sees an internal traceback."""
    assert "Traceback" not in text and "File \"" not in text, text


@pytest.fixture(scope="module")
def practice(lab_server, notebook_page):
    """Step 1: the notebook from `kerasq notebook 10 -o ...`, opened in JupyterLab, `%load_ext kerasq` run."""
    written = subprocess.run(
        [str(BIN / "kerasq"), "notebook", str(QUESTION), "-o", str(lab_server.root / NOTEBOOK)],
        env=lab_server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert written.returncode == 0, written.stderr
    page = notebook_page.page
    page.goto(lab_server.url(f"lab/tree/{NOTEBOOK}"))
    page.wait_for_selector(".jp-Notebook .jp-CodeCell .cm-content")
    # Opening the notebook starts its kernel; Shift+Enter before it exists would ask which kernel to start.
    lab_server.wait_for_idle_kernel(NOTEBOOK)
    page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for()
    page.keyboard.press("ControlOrMeta+b")  # hide the file browser: more room for the notebook in the screenshots
    notebook_page.run(1)
    return notebook_page


def test_e2e_tests_share_one_xdist_worker(request) -> None:
    # One JupyterLab and one Chromium serve every browser test only if `--dist loadgroup` keeps the group together.
    if "PYTEST_XDIST_WORKER" not in os.environ:
        pytest.skip("not running in a pytest-xdist worker")
    if not request.config.getoption("loadgroup", False):
        pytest.skip("not run with --dist loadgroup")
    assert request.node.nodeid.endswith("@e2e"), f"xdist_group is ignored: {request.node.nodeid}"


def test_generated_notebook_opens_and_loads_kerasq(practice, bank) -> None:
    question = bank.get(QUESTION)
    assert practice.count() == 4
    assert practice.code_cell_indices() == [1, 3]
    assert practice.editor_text(1) == "%load_ext kerasq"
    assert re.fullmatch(r"\[\d+\]:", practice.prompt(1))
    assert practice.cell(1).locator(ERROR_OUTPUT).count() == 0, practice.output_text(1)
    assert question.title in practice.cell(2).inner_text()
    assert practice.editor_text(3) == question.scaffold.rstrip()


def test_question_cell_shows_the_scaffold_exactly_once(practice, bank, screenshots, request) -> None:
    from kerasq.practice import cell_for_question

    question = bank.get(QUESTION)
    scaffold = question.scaffold.strip()
    expected = cell_for_question(question)
    cell = practice.insert_cell_below(1)
    practice.set_text(cell, f"%kerasq {QUESTION}")
    cells = practice.count()

    practice.run(cell)
    practice.wait_until(
        lambda: practice.editor_text(cell) == expected,
        20,
        "the scaffold to replace the cell",
        lambda: f"the cell holds {practice.editor_text(cell)!r}; output {practice.output_text(cell)!r}",
    )
    assert practice.editor_text(cell).count(scaffold) == 1
    assert practice.count() == cells, "running `%kerasq 10` added cells instead of replacing its own"
    assert question.title in practice.output_text(cell)
    practice.show_cell(cell)
    practice.screenshot("step2a-scaffold-placed.png")

    practice.run(cell)  # the scaffold now runs; its `%kerasq 10` line is commented out
    assert practice.editor_text(cell) == expected
    assert practice.editor_text(cell).count(scaffold) == 1
    assert practice.count() == cells
    assert_no_traceback(practice.output_text(cell))
    practice.show_cell(cell)
    practice.screenshot("step2b-scaffold-still-once.png")
    record(request, screenshots)


def test_check_passes_then_names_the_shape_difference(practice, screenshots, request) -> None:
    cell = exercise_cell(practice)
    practice.set_text(cell, CORRECT_MODEL)
    practice.run(cell)
    passed = practice.output_text(cell)
    assert_no_traceback(passed)
    assert PASS_BANNER in passed and FAIL_BANNER not in passed, passed
    practice.show_cell(cell)
    practice.screenshot("step3a-check-passes.png")

    practice.set_text(cell, SAME_PADDING_MODEL)
    practice.run(cell)
    failed = practice.output_text(cell)
    assert_no_traceback(failed)
    assert FAIL_BANNER in failed and PASS_BANNER not in failed, failed
    # "valid" padding trims 64 to 62; "same" keeps 64: the failure names both shapes.
    assert "(None, 62, 62, 32)" in failed and "(None, 64, 64, 32)" in failed, failed
    practice.show_cell(cell)
    practice.screenshot("step3b-check-names-the-shape-difference.png")
    record(request, screenshots)


def kerasq_pylsp_plugins() -> list[str]:
    """The pylsp plugins kerasq registers (entry point group `pylsp`)."""
    return [entry.value for entry in metadata.entry_points(group="pylsp") if entry.value.startswith("kerasq")]


def language_servers(lab_server) -> dict[str, str]:  # noqa: ANN001 - the LabServer fixture
    """jupyter-lsp's view of each language server: started, not_started..."""
    return {name: session["status"] for name, session in lab_server.get_json("lsp/status")["sessions"].items()}


def test_hovering_dense_shows_the_kerasq_question(practice, lab_server, bank, screenshots, request) -> None:
    assert kerasq_pylsp_plugins(), "kerasq's pylsp plugin is not installed (no `pylsp` entry point): pip install -e '.[lab]'"
    cell = exercise_cell(practice)
    if "layers.Dense(" not in practice.editor_text(cell):
        practice.set_text(cell, CORRECT_MODEL)
    titles = [question.title for question in bank.questions if "keras.layers.Dense" in question.apis]
    assert titles, "no question in the bank is about keras.layers.Dense"
    try:
        tooltip = practice.hover_with_modifier(cell, "Dense", HOVER_KEY, seconds=120)
        shown = [title for title in titles if title in tooltip]
        if shown:  # the kerasq part may sit below pylsp's docstring: scroll the tooltip to it
            practice.page.locator(".lsp-hover").get_by_text(shown[0]).first.scroll_into_view_if_needed()
        practice.screenshot("step4-hover-dense.png")
    finally:
        practice.release(HOVER_KEY)
    record(request, screenshots)
    servers = language_servers(lab_server)
    assert "Dense" in tooltip, tooltip
    assert servers.get("pylsp") == "started", f"the notebook is not served by pylsp: {servers}"
    assert shown, f"no question about keras.layers.Dense in the hover (servers {servers}): {tooltip}"


def test_make_lab_serves_the_practice_notebook_and_stops_cleanly(make_lab, tmp_path) -> None:
    practice_dir = tmp_path / "practice"
    notebook = practice_dir / NOTEBOOK
    lab = make_lab(practice_dir)
    seconds = lab.wait_until_serving(f"lab/tree/{NOTEBOOK}")
    print(f"make lab served {NOTEBOOK} after {seconds:.1f} s")
    contents = lab.get_json(f"api/contents/{NOTEBOOK}")
    assert contents["type"] == "notebook"
    sources = [cell["source"] for cell in contents["content"]["cells"]]
    assert sources[1] == "%load_ext kerasq"
    assert any(source.startswith("## Question 15:") for source in sources), sources
    assert lab.get_json("api/status")["started"]

    stopped = lab.stop()
    print(f"make lab stopped in {stopped.seconds:.1f} s")
    assert not stopped.leftovers, f"processes outlived make lab: {stopped.leftovers}\n{lab.log_tail()}"
    assert lab.status_code(f"lab/tree/{NOTEBOOK}") is None, "the server still answers after make lab stopped"
    assert "stopping" in lab.log_tail(200), lab.log_tail()  # Jupyter's "received signal 15, stopping"
    assert notebook.exists()


def test_make_lab_keeps_the_learners_notebook(make_lab, tmp_path) -> None:
    practice_dir = tmp_path / "practice"
    practice_dir.mkdir()
    notebook = practice_dir / NOTEBOOK
    work = "model = keras.Sequential([keras.Input((64, 64, 3))])  # half done"
    mine = {
        "cells": [{"cell_type": "code", "id": "mine", "metadata": {}, "source": work, "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    notebook.write_text(json.dumps(mine), encoding="utf-8")
    lab = make_lab(practice_dir)
    try:
        lab.wait_until_serving(f"lab/tree/{NOTEBOOK}")
        served = lab.get_json(f"api/contents/{NOTEBOOK}")["content"]["cells"]
        assert [cell["source"] for cell in served] == [work], served
    finally:
        stopped = lab.stop()
    assert not stopped.leftovers, f"processes outlived make lab: {stopped.leftovers}\n{lab.log_tail()}"
    assert "kerasq notebook" not in lab.log_tail(400), lab.log_tail()
    assert json.loads(notebook.read_text(encoding="utf-8")) == mine
