"""With nbclient in a real kernel: the scaffold `%kerasq N` places is "not attempted"; filled in, it passes."""

from __future__ import annotations

import nbformat.v4 as v4
import pytest
from nbclient import NotebookClient

pytestmark = [pytest.mark.kernel, pytest.mark.keras]


def outputs_text(cell) -> str:
    parts = []
    for output in cell.outputs:
        if "data" in output:
            parts += [output["data"].get("text/plain", ""), output["data"].get("text/html", "")]
        parts += [output.get("text", ""), output.get("evalue", ""), "\n".join(output.get("traceback", []))]
    return "\n".join(parts)


def test_scaffolds_from_the_magic_untouched_and_filled(tmp_path, bank) -> None:
    notebook = v4.new_notebook(cells=[v4.new_code_cell("%load_ext kerasq")])
    replies: list[dict] = []

    def on_cell_executed(cell, cell_index, execute_reply) -> None:  # noqa: ANN001 - nbclient's hook
        replies.append(execute_reply["content"])

    client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
                            allow_errors=True, on_cell_executed=on_cell_executed)

    def run(source: str):
        cell = v4.new_code_cell(source)
        notebook.cells.append(cell)
        client.execute_cell(cell, len(notebook.cells) - 1)
        return cell, replies[-1]

    with client.setup_kernel():
        client.execute_cell(notebook.cells[0], 0)
        for number in (1, 14, 15):
            _, reply = run(f"%kerasq {number}")
            placed = [payload["text"] for payload in reply.get("payload", []) if payload.get("source") == "set_next_input"]
            assert len(placed) == 1 and placed[0].rstrip().endswith(f"%kerasq check {number}")

            untouched, _ = run(placed[0])
            text = outputs_text(untouched)
            assert f"Question {number}: not attempted yet." in text and "Traceback" not in text, text

            filled_source = placed[0].replace(bank.get(number).scaffold.rstrip(), bank.get(number).solution.rstrip() + f"\n%kerasq check {number}")
            assert filled_source != placed[0]
            filled, _ = run(filled_source)
            text = outputs_text(filled)
            assert f"Question {number} passed" in text and "kerasq-check-banner" in text, text
