"""End to end through a real ipykernel driven by nbclient."""

from __future__ import annotations

import nbformat.v4 as v4
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.kernel


def execute(sources: list[str], tmp_path) -> tuple[object, list[dict]]:
    """Run the cells in a fresh kernel; return the notebook and each cell's execute_reply content."""
    notebook = v4.new_notebook(cells=[v4.new_code_cell(source) for source in sources])
    replies: list[dict] = []

    def on_cell_executed(cell, cell_index, execute_reply) -> None:  # noqa: ANN001 - nbclient's hook
        replies.append(execute_reply["content"])

    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
        on_cell_executed=on_cell_executed,
        allow_errors=True,
    )
    client.execute()
    return notebook, replies


def text_of(cell) -> str:
    parts = []
    for output in cell.outputs:
        if "data" in output:
            parts.append(output["data"].get("text/plain", ""))
            parts.append(output["data"].get("text/html", ""))
        parts.append(output.get("text", ""))
        parts.append(output.get("evalue", ""))
    return "\n".join(parts)


def test_question_cell_carries_one_set_next_input_payload(tmp_path, bank) -> None:
    notebook, replies = execute(["%load_ext kerasq", "%kerasq 15"], tmp_path)
    payloads = replies[1]["payload"]
    set_inputs = [payload for payload in payloads if payload["source"] == "set_next_input"]
    assert len(set_inputs) == 1
    assert set_inputs[0]["replace"] is True
    assert bank.get(15).scaffold.strip() in set_inputs[0]["text"]
    shown = text_of(notebook.cells[1])
    assert bank.get(15).title in shown and "def identity_block" in shown


def test_bad_line_in_kernel_is_one_line_error(tmp_path) -> None:
    notebook, replies = execute(["%load_ext kerasq", "%kerasq 999"], tmp_path)
    assert replies[1]["status"] == "error"
    shown = text_of(notebook.cells[1])
    # IPython reports a UsageError as one line on stderr, without a traceback.
    assert "UsageError: no question 999: questions are numbered" in shown
    assert "Traceback" not in shown and len(shown.strip().splitlines()) == 1
    assert not replies[1].get("payload")


def test_help_hook_in_kernel_inspect(tmp_path) -> None:
    notebook, _ = execute(
        ["%load_ext kerasq", "import keras", "bundle = get_ipython().object_inspect_mime('keras.layers.Dense')\n"
         "print('%kerasq 9' in bundle['text/plain'])"],
        tmp_path,
    )
    assert "True" in text_of(notebook.cells[2])
