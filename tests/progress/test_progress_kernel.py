"""`%kerasq next`, the quiz widget and the progress view in a real ipykernel driven by nbclient."""

from __future__ import annotations

import nbformat.v4 as v4
import pytest
from nbclient import NotebookClient

from kerasq.store import read_events

pytestmark = pytest.mark.kernel

WIDGET = "application/vnd.jupyter.widget-view+json"


def test_next_quiz_widget_and_progress_in_a_kernel(tmp_path, bank) -> None:
    sources = [
        "%load_ext kerasq",
        "%kerasq next",
        "card = get_ipython().run_line_magic('kerasq', 'quiz 2')\ncard",
        "card.widgets['reveal'].click()\ncard.widgets['grades']['good'].click()\nprint(card.widgets['status'].value)",
        "%kerasq progress",
    ]
    notebook = v4.new_notebook(cells=[v4.new_code_cell(source) for source in sources])
    replies: list[dict] = []
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
        on_cell_executed=lambda cell, cell_index, execute_reply: replies.append(execute_reply["content"]),
    )
    client.execute()
    assert [reply["status"] for reply in replies] == ["ok"] * len(sources)

    first = bank.questions[0]
    payloads = [payload for payload in replies[1]["payload"] if payload["source"] == "set_next_input"]
    assert len(payloads) == 1 and payloads[0]["replace"] is True
    assert payloads[0]["text"].startswith(f"# %kerasq {first.id}: ")

    card_output = notebook.cells[2].outputs[0]["data"]
    assert WIDGET in card_output and "Quiz · question 2" in card_output["text/plain"]
    assert not [payload for payload in replies[3].get("payload", []) if payload["source"] == "set_next_input"]
    status = notebook.cells[3].outputs[0]["text"]
    assert "Graded <strong>good</strong>. Recorded. Question 2 is in box 1 of 5" in status

    progress = notebook.cells[4].outputs[0]["data"]
    assert progress["text/html"].count("<svg") == 2 and "kerasq progress" in progress["text/plain"]
    assert [(event.kind, event.question, event.outcome) for event in read_events()] == [
        ("shown", first.id, None),
        ("quiz", 2, "good"),
    ]
