"""Canonical names for activations, losses, metrics and optimizers, so equivalent spellings compare equal.

`"mse"`, `"mean_squared_error"`, `keras.losses.MeanSquaredError()` and `keras.losses.mean_squared_error`
all become `"mean_squared_error"`; `Dense(activation=None)` and `"linear"` both become `"linear"`.
Keras is imported inside the functions only.
"""

from __future__ import annotations

import re
from typing import Any

LINEAR = "linear"
ACCURACY = "accuracy"
# keras.metrics.Accuracy compares predictions and labels for exact equality: not what "accuracy" means.
EXACT_ACCURACY = "accuracy (exact match)"
_ACCURACY_VARIANTS = {"binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy"}

# Symbolic keras.ops activations (x = keras.activations.relu(x) in a Functional model) by class name.
OP_ACTIVATIONS = {
    "relu": "relu",
    "relu6": "relu6",
    "sigmoid": "sigmoid",
    "softmax": "softmax",
    "logsoftmax": "log_softmax",
    "tanh": "tanh",
    "gelu": "gelu",
    "silu": "silu",
    "elu": "elu",
    "selu": "selu",
    "softplus": "softplus",
    "softsign": "softsign",
    "leakyrelu": "leaky_relu",
    "hardsigmoid": "hard_sigmoid",
}


def snake_case(name: str) -> str:
    """`MeanAbsoluteError` -> `mean_absolute_error`, `AUC` -> `auc`, `KLDivergence` -> `kl_divergence`."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def activation_name(activation: Any) -> str:
    """The canonical name of a layer's `activation` attribute (a function, a layer, a string or None)."""
    if activation is None:
        return LINEAR
    if isinstance(activation, str):
        return _resolve_activation_string(activation)
    layer_name = layer_activation(activation)
    if layer_name is not None:
        return layer_name
    name = getattr(activation, "__name__", None)
    if name in (None, "<lambda>"):
        return f"custom {type(activation).__name__}"
    return {"swish": "silu"}.get(name, name)


def _resolve_activation_string(text: str) -> str:
    import keras

    try:
        return activation_name(keras.activations.get(text))
    except (ValueError, TypeError):
        return text


def layer_activation(layer: Any) -> str | None:
    """The activation a weightless activation layer or op applies, or None if it is not one."""
    family = type(layer).__name__
    key = family.lower()
    is_layer = _is_keras_layer(layer)
    if family == "Activation" and is_layer:
        return activation_name(getattr(layer, "activation", None))
    if family == "ReLU" and is_layer:
        max_value = getattr(layer, "max_value", None)
        slope = float(getattr(layer, "negative_slope", 0.0) or 0.0)
        threshold = float(getattr(layer, "threshold", 0.0) or 0.0)
        if slope == 0.0 and threshold == 0.0:
            if max_value is None:
                return "relu"
            if float(max_value) == 6.0:
                return "relu6"
        return f"relu(max_value={max_value}, negative_slope={slope}, threshold={threshold})"
    if family == "Softmax" and is_layer:
        axis = getattr(layer, "axis", -1)
        return "softmax" if axis in (-1, [-1], (-1,)) else f"softmax(axis={axis})"
    if family == "LeakyReLU" and is_layer:
        slope = float(getattr(layer, "negative_slope", 0.3))
        # keras.activations.leaky_relu (activation="leaky_relu") uses a slope of 0.2.
        return "leaky_relu" if slope == 0.2 else f"leaky_relu(negative_slope={slope})"
    if family == "ELU" and is_layer:
        alpha = float(getattr(layer, "alpha", 1.0))
        return "elu" if alpha == 1.0 else f"elu(alpha={alpha})"
    if not is_layer and key in OP_ACTIVATIONS:
        axis = getattr(layer, "axis", -1)
        name = OP_ACTIVATIONS[key]
        return name if axis in (-1, None) else f"{name}(axis={axis})"
    return None


def _is_keras_layer(obj: Any) -> bool:
    import keras

    return isinstance(obj, keras.layers.Layer)


def combine_activations(first: str, then: str) -> str:
    """The activation of a node followed by an activation layer, e.g. linear + relu -> relu."""
    if then == LINEAR:
        return first
    if first == LINEAR:
        return then
    return f"{first}, then {then}"


def optimizer_name(optimizer: Any) -> str:
    """`Adam()`, `"adam"` (once compiled) -> `adam`; a LossScaleOptimizer is named after the one it wraps."""
    inner = getattr(optimizer, "inner_optimizer", None)
    if inner is not None:
        optimizer = inner
    return type(optimizer).__name__.lower()


def loss_name(serialized: Any) -> str:
    """The canonical name of one serialized loss: a string or a `{"class_name": ...}` dict."""
    if isinstance(serialized, dict) and "class_name" in serialized:
        config = serialized.get("config")
        if serialized["class_name"] == "function":
            return _resolve_loss_string(str(config))
        name = snake_case(serialized["class_name"])
        if isinstance(config, dict) and config.get("from_logits"):
            return f"{name} (from_logits=True)"
        return name
    if isinstance(serialized, str):
        return _resolve_loss_string(serialized)
    return f"custom {type(serialized).__name__}"


def _resolve_loss_string(text: str) -> str:
    import keras

    try:
        resolved = keras.losses.get(text)
    except (ValueError, TypeError):
        return text
    return _callable_name(resolved) or text


def metric_name(serialized: Any) -> str:
    """The canonical name of one serialized metric ("accuracy" keeps its compile-time meaning)."""
    if isinstance(serialized, str):
        if serialized.lower() in ("accuracy", "acc"):
            return ACCURACY
        return _resolve_metric_string(serialized)
    if isinstance(serialized, dict) and "class_name" in serialized:
        if serialized["class_name"] == "function":
            return metric_name(str(serialized.get("config")))
        if serialized["class_name"] == "Accuracy":
            return EXACT_ACCURACY
        return snake_case(serialized["class_name"])
    return f"custom {type(serialized).__name__}"


def _resolve_metric_string(text: str) -> str:
    import keras

    try:
        resolved = keras.metrics.get(text)
    except (ValueError, TypeError):
        return text
    name = _callable_name(resolved) or text
    return EXACT_ACCURACY if name == "accuracy" else name


def _callable_name(obj: Any) -> str | None:
    if isinstance(obj, type):
        return snake_case(obj.__name__)
    name = getattr(obj, "__name__", None)
    if name is not None:
        return name
    return snake_case(type(obj).__name__)


def accuracy_alias(metric: str, loss: str | None, units: int | None) -> str:
    """`"accuracy"` when ``metric`` is the variant Keras would pick for the string "accuracy" here.

    Keras resolves "accuracy" at compile time: binary for one output unit, sparse categorical for
    integer labels (the sparse loss), categorical otherwise. Naming that variant explicitly is the same.
    """
    if metric not in _ACCURACY_VARIANTS:
        return metric
    if units == 1:
        chosen = "binary_accuracy"
    elif loss is not None and loss.startswith("sparse_categorical_crossentropy"):
        chosen = "sparse_categorical_accuracy"
    else:
        chosen = "categorical_accuracy"
    return ACCURACY if metric == chosen else metric
