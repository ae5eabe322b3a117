"""Short human descriptions of trace nodes and values, for findings and the side-by-side rows."""

from __future__ import annotations

from typing import Any

from kerasq.canonical import LINEAR
from kerasq.trace import INPUT, ModelTrace, Node, Shape

_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal(number: int) -> str:
    """1 -> "first", 12 -> "12th"."""
    if 1 <= number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def shape_text(shape: Shape) -> str:
    """`(None, 32, 32, 3)`; a one-element shape keeps its comma."""
    return "(" + ", ".join("None" if dim is None else str(dim) for dim in shape) + ("," if len(shape) == 1 else "") + ")"


def value_text(value: Any) -> str:
    """A config value as the learner would write it."""
    if isinstance(value, tuple):
        return shape_text(value) if value else "()"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def params_text(params: tuple[int, int]) -> str:
    """`896 params` or `256 params (128 non-trainable)`."""
    trainable, frozen = params
    total = trainable + frozen
    text = f"{total:,} param{'s' if total != 1 else ''}"
    if frozen:
        text += f" ({frozen:,} non-trainable)"
    return text


def _size(value: Any) -> str:
    if isinstance(value, tuple) and value and all(isinstance(item, int) for item in value):
        return "x".join(str(item) for item in value)
    return value_text(value)


def call_text(node: Node) -> str:
    """The node as a short layer call: `Conv2D(32, 3x3, relu)`, `Dropout(0.2)`, `Dense(64, no bias)`."""
    settings = node.settings
    parts: list[str] = []
    if "units" in settings:
        parts.append(str(settings["units"]))
    if "filters" in settings:
        parts.append(str(settings["filters"]))
    if "kernel_size" in settings:
        parts.append(_size(settings["kernel_size"]))
    if "pool_size" in settings:
        parts.append(_size(settings["pool_size"]))
    if "rate" in settings:
        parts.append(str(settings["rate"]))
    strides = settings.get("strides")
    default_strides = settings.get("pool_size") if "pool_size" in settings else tuple(1 for _ in (strides or ()))
    if strides is not None and strides != default_strides:
        parts.append(f"strides {_size(strides)}")
    if settings.get("padding") not in (None, "valid"):
        parts.append(f"padding {settings['padding']!r}")
    if settings.get("use_bias") is False:
        parts.append("no bias")
    if settings.get("return_sequences"):
        parts.append("return_sequences")
    if settings.get("return_state"):
        parts.append("return_state")
    shown = {"units", "filters", "kernel_size", "pool_size", "rate", "strides", "padding", "use_bias", "return_sequences",
             "return_state", "dilation_rate", "depth_multiplier", "axis", "center", "scale", "go_backwards"}
    parts += [f"{key}={value_text(value)}" for key, value in node.config if key not in shown]
    if node.activation != LINEAR:
        parts.append(node.activation)
    return f"{node.family}({', '.join(parts)})" if parts else node.family


def node_text(node: Node, *, with_name: bool = False) -> str:
    """One row of the side-by-side view: call, output shape, parameters."""
    if node.family == INPUT:
        name = f" {node.name!r}" if with_name and node.name else ""
        return f"Input{name} {shape_text(node.shape)}"
    text = f"{call_text(node)} -> {shape_text(node.shape)}"
    if len(node.shapes) > 1:
        text += " + " + ", ".join(shape_text(shape) for shape in node.shapes[1:])
    if node.shared_with is not None:
        return text + f", shares the layer of row {node.shared_with}"
    text += f", {params_text(node.params)}"
    if with_name and node.name:
        text += f" [{node.name}]"
    return text


def family_ordinal(trace: ModelTrace, index: int) -> str:
    """"the second Conv2D": the node's family with its rank among nodes of that family."""
    node = trace.nodes[index]
    if node.family == INPUT:
        if len(trace.inputs) == 1:
            return "the input"
        return f"the {ordinal(trace.inputs.index(index) + 1)} input" if index in trace.inputs else "an input"
    rank = sum(1 for other in trace.nodes[: index + 1] if other.family == node.family)
    total = sum(1 for other in trace.nodes if other.family == node.family)
    if total == 1:
        return f"the {node.family}"
    if rank == total and total > 2:
        return f"the last {node.family}"
    return f"the {ordinal(rank)} {node.family}"


def article(word: str) -> str:
    """"a Dense", "an Add", "an LSTM"."""
    return "an" if word[:1].upper() in "AEIOU" or word in ("LSTM", "RNN") else "a"
