"""Exercise kind `environment`: is Keras 3 importable, is a backend active and working?

No learner object is read: the check inspects the kernel it runs in, which is what the exercise
sets up. Settings: none.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from kerasq.findings import FAIL, NOTE, PASS, Finding, Outcome

if TYPE_CHECKING:
    from kerasq.content.question import Question

SETTINGS: frozenset[str] = frozenset()  # the `check` keys this kind reads
TARGET = "object"
BACKENDS = ("tensorflow", "jax", "torch", "numpy", "openvino")


def reference(question: "Question", namespace: dict[str, Any]) -> dict[str, Any]:
    """What the environment must offer: Keras 3 and one of the known backends."""
    return {"keras_major": 3, "backends": list(BACKENDS)}


def check(question: "Question", objects: dict[str, Any], reference: dict[str, Any]) -> Outcome:
    """Keras version, active backend, the backend's library and one small computation."""
    import keras

    findings: list[Finding] = []
    version = keras.__version__
    if int(version.split(".")[0]) < reference["keras_major"]:
        return Outcome((Finding(FAIL, "keras", f"Keras {version} is installed; Keras 3 is required", "3.x", version,
                                "pip install -U 'keras>=3' and restart the kernel"),))
    findings.append(Finding(PASS, "keras", f"Keras {version} is importable"))
    backend = keras.backend.backend()
    if backend not in reference["backends"]:
        return Outcome((*findings, Finding(FAIL, "backend", f"the active backend {backend!r} is not one Keras 3 supports",
                                           ", ".join(reference["backends"]), backend,
                                           "set KERAS_BACKEND to tensorflow, jax or torch before importing keras")))
    module_name = "openvino" if backend == "openvino" else backend
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return Outcome((*findings, Finding(FAIL, "backend", f"the backend {backend!r} is active but its library cannot be imported: {exc}",
                                           hint=f"install it (pip install {module_name}) or choose another backend with KERAS_BACKEND")))
    findings.append(Finding(PASS, "backend", f"backend {backend} ({module_name} {getattr(module, '__version__', 'version unknown')})"))
    try:
        total = float(keras.ops.convert_to_numpy(keras.ops.sum(keras.ops.ones((2, 3)))))
    except Exception as exc:  # noqa: BLE001 - a broken backend installation
        return Outcome((*findings, Finding(FAIL, "backend", f"a small computation failed on {backend}: {type(exc).__name__}: {exc}",
                                           hint="reinstall the backend library, then restart the kernel")))
    if total != 6.0:
        return Outcome((*findings, Finding(FAIL, "backend", f"keras.ops.sum(keras.ops.ones((2, 3))) gave {total}, not 6.0")))
    findings.append(Finding(PASS, "backend", "keras.ops runs: sum(ones((2, 3))) = 6.0"))
    requested = os.environ.get("KERAS_BACKEND")
    if requested and requested != backend:
        findings.append(Finding(NOTE, "backend", f"KERAS_BACKEND is {requested!r} but the active backend is {backend!r}",
                                hint="KERAS_BACKEND is read when keras is first imported: set it, then restart the kernel"))
    return Outcome(tuple(findings))
