"""The exercise kinds the checker knows: kind name -> the module that checks it (imported on first use).

A kind module defines:

- ``TARGET``: what each target is ("model", "class", "function"), used to suggest close names;
- ``reference(question, namespace) -> dict``: the JSON-serialisable reference data, computed from the
  namespace the question's solution ran in (called by ``python -m kerasq.content.build``);
- ``check(question, objects, reference) -> Outcome``: compare the learner's objects (target name ->
  object, every name present) with the stored reference data.

Adding a kind is one module and one line here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

KINDS: dict[str, str] = {
    "model": "kerasq.kind_model",
    "models": "kerasq.kind_model",
    "graph_function": "kerasq.kind_graph",
    "layer_class": "kerasq.kind_layer",
    "roundtrip": "kerasq.kind_roundtrip",
    "environment": "kerasq.kind_environment",
    "function": "kerasq.kind_function",
    "callback_class": "kerasq.kind_callback",
    "dataset_class": "kerasq.kind_dataset",
    "train_step_model": "kerasq.kind_train_step",
}


def kind_module(kind: str) -> ModuleType | None:
    """The module that checks exercises of ``kind``, or None if no checker exists for it yet."""
    name = KINDS.get(kind)
    return importlib.import_module(name) if name else None
