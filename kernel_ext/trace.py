"""Reduce a Keras model to a trace: plain, JSON-serialisable data in a canonical node order.

A trace lists the model's inputs, its nodes (one per layer call) in a canonical topological order,
and its outputs. Each node keeps its layer family, output shape, parameter counts, the config that
matters for its family, and its activation, with weightless activation layers (`Activation`,
`ReLU`, `Softmax`...) folded into the node before them. Compile settings are part of the trace.

Only public Keras 3 APIs are used (`model.operations`, `layer.input` / `layer.output`, `get_config`),
and nothing runs the model: tracing the question 1 model takes a fraction of a millisecond.
Keras is imported inside the functions only.
"""

from __future__ import annotations

import hashlib
import math
import weakref
from dataclasses import dataclass, field
from typing import Any

from kerasq.learner import CheckerSignal
from kerasq.canonical import (
    LINEAR,
    accuracy_alias,
    activation_name,
    combine_activations,
    layer_activation,
    loss_name,
    metric_name,
    optimizer_name,
)

Shape = tuple  # of int | None
SEQUENTIAL, FUNCTIONAL, SUBCLASSED = "sequential", "functional", "subclassed"
INPUT = "Input"
NESTED_MODEL = "Model"

# The config each family is compared on (constructor arguments stored as public attributes).
_CONV = ("filters", "kernel_size", "strides", "padding", "dilation_rate", "use_bias", "depth_multiplier")
_POOL = ("pool_size", "strides", "padding")
_RNN = ("units", "return_sequences", "return_state", "go_backwards")
_DROPOUT = ("rate",)
CONFIG_KEYS: dict[str, tuple[str, ...]] = {
    "Dense": ("units", "use_bias"),
    "EinsumDense": ("equation", "partial_output_shape", "bias_axes"),
    **dict.fromkeys(
        [
            "Conv1D", "Conv2D", "Conv3D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
            "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D", "DepthwiseConv2D",
        ],
        _CONV,
    ),
    **dict.fromkeys(
        ["MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D"],
        _POOL,
    ),
    **dict.fromkeys(["Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianDropout", "AlphaDropout"], _DROPOUT),
    "GaussianNoise": ("stddev",),
    "BatchNormalization": ("axis", "center", "scale"),
    "LayerNormalization": ("axis", "center", "scale"),
    **dict.fromkeys(["SimpleRNN", "LSTM", "GRU"], _RNN),
    "Bidirectional": ("merge_mode",),
    "Embedding": ("input_dim", "output_dim", "mask_zero"),
    "Concatenate": ("axis",),
    "Reshape": ("target_shape",),
    "Permute": ("dims",),
    "RepeatVector": ("n",),
    "ZeroPadding1D": ("padding",),
    "ZeroPadding2D": ("padding",),
    "UpSampling1D": ("size",),
    "UpSampling2D": ("size",),
    "Rescaling": ("scale", "offset"),
    "MultiHeadAttention": ("num_heads", "key_dim", "value_dim"),
}
_AXIS_KEYS = {"axis"}
# Merges whose result does not depend on the order of their inputs (for Concatenate only up to a
# permutation of features, which the next layer absorbs): their inputs are ordered structurally.
COMMUTATIVE = frozenset({"Add", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"})


class TraceProblem(CheckerSignal):
    """The object cannot be traced; ``message`` and ``hint`` explain why to the learner."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Node:
    """One layer call: family, output shape(s), parameters, activation, config, where its inputs come from."""

    family: str
    shapes: tuple[Shape, ...]
    inputs: tuple[tuple[int, int], ...] = ()  # (node index, output index)
    params: tuple[int, int] = (0, 0)  # (trainable, non-trainable)
    activation: str = LINEAR
    config: tuple[tuple[str, Any], ...] = ()
    name: str = ""  # the layer's name: shown, compared only when an exercise says names matter
    shared_with: int | None = None  # the first node that calls the same layer (shared weights)

    @property
    def shape(self) -> Shape:
        """The (first) output shape."""
        return self.shapes[0] if self.shapes else ()

    @property
    def settings(self) -> dict[str, Any]:
        """The compared config as a dict."""
        return dict(self.config)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data."""
        data: dict[str, Any] = {
            "family": self.family,
            "name": self.name,
            "shapes": [list(shape) for shape in self.shapes],
            "inputs": [list(ref) for ref in self.inputs],
            "params": list(self.params),
            "activation": self.activation,
            "config": {key: _jsonable(value) for key, value in self.config},
        }
        if self.shared_with is not None:
            data["shared_with"] = self.shared_with
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Node":
        """The node stored by `to_json`."""
        return cls(
            family=data["family"],
            name=data.get("name", ""),
            shapes=tuple(tuple(shape) for shape in data["shapes"]),
            inputs=tuple((int(a), int(b)) for a, b in data["inputs"]),
            params=(int(data["params"][0]), int(data["params"][1])),
            activation=data.get("activation", LINEAR),
            config=tuple((key, _frozen(value)) for key, value in data.get("config", {}).items()),
            shared_with=data.get("shared_with"),
        )


@dataclass(frozen=True)
class CompileTrace:
    """Compile settings, one loss and one sorted metric list per output position."""

    optimizer: str
    losses: tuple[str | None, ...]
    metrics: tuple[tuple[str, ...], ...]
    # Settings an exercise asks for by name, e.g. ("optimizer.learning_rate", 0.0001), ("loss.from_logits", True).
    details: tuple[tuple[str, Any], ...] = ()
    loss_weights: tuple[float, ...] = ()  # per output; empty when compile was given none (all 1.0)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data."""
        data: dict[str, Any] = {"optimizer": self.optimizer, "losses": list(self.losses), "metrics": [list(m) for m in self.metrics]}
        if self.loss_weights:
            data["loss_weights"] = list(self.loss_weights)
        if self.details:
            data["details"] = {key: _jsonable(value) for key, value in self.details}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "CompileTrace":
        """The settings stored by `to_json`."""
        details = tuple((key, _frozen(value)) for key, value in data.get("details", {}).items())
        weights = tuple(float(weight) for weight in data.get("loss_weights", ()))
        return cls(data["optimizer"], tuple(data["losses"]), tuple(tuple(m) for m in data["metrics"]), details, weights)


@dataclass(frozen=True)
class ModelTrace:
    """A model as plain data: how it was written, its nodes in canonical order, inputs, outputs, compile."""

    api: str
    nodes: tuple[Node, ...]
    inputs: tuple[int, ...]
    outputs: tuple[tuple[int, int], ...]
    output_names: tuple[str, ...] = ()
    params: tuple[int, int] = (0, 0)
    compile: CompileTrace | None = None

    @property
    def input_names(self) -> tuple[str, ...]:
        """The names of the model's inputs."""
        return tuple(self.nodes[index].name for index in self.inputs)

    def output_shape(self, position: int) -> Shape:
        """The shape of output ``position``."""
        node, index = self.outputs[position]
        return self.nodes[node].shapes[index]

    def output_node(self, position: int) -> Node:
        """The node that produces output ``position``."""
        return self.nodes[self.outputs[position][0]]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data."""
        return {
            "api": self.api,
            "inputs": list(self.inputs),
            "outputs": [list(ref) for ref in self.outputs],
            "output_names": list(self.output_names),
            "params": list(self.params),
            "compile": self.compile.to_json() if self.compile else None,
            "nodes": [node.to_json() for node in self.nodes],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ModelTrace":
        """The trace stored by `to_json`."""
        return cls(
            api=data["api"],
            nodes=tuple(Node.from_json(node) for node in data["nodes"]),
            inputs=tuple(data["inputs"]),
            outputs=tuple((int(a), int(b)) for a, b in data["outputs"]),
            output_names=tuple(data.get("output_names", ())),
            params=(int(data["params"][0]), int(data["params"][1])),
            compile=CompileTrace.from_json(data["compile"]) if data.get("compile") else None,
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    return value


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


# ---------------------------------------------------------------------------------------------
# Building the raw graph


@dataclass
class _Raw:
    """A node while the graph is assembled (mutable; becomes a `Node`)."""

    op: Any
    family: str
    shapes: list[Shape]
    inputs: list[tuple[int, int]]
    name: str
    activation: str = LINEAR
    is_input: bool = False
    fold: str | None = None  # the activation this node applies if it is a weightless activation layer
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Extra:
    """Settings beyond the defaults that an exercise asks to compare (from its `check` settings)."""

    layer_keys: tuple[str, ...] = ()  # more layer attributes, e.g. kernel_regularizer
    optimizer_keys: tuple[str, ...] = ()  # optimizer config entries, e.g. learning_rate
    loss_keys: tuple[str, ...] = ()  # loss config entries, e.g. from_logits
    metric_keys: tuple[str, ...] = ()  # metric config entries, e.g. k


def trace_model(model: Any, *, input_shapes: list[Shape] | None = None, extra: Extra = Extra()) -> ModelTrace:
    """The trace of a Keras 3 model (Sequential, Functional, or subclassed traced on ``input_shapes``)."""
    import keras

    if isinstance(model, keras.Sequential):
        api = SEQUENTIAL
        if not model.built or not _has_inputs(model):
            raise TraceProblem(
                "the Sequential model has no input shape yet, so its layers have no shapes or weights",
                "start the list with keras.Input(shape=...) so Keras builds the model as you define it",
            )
        graph_model, operations = model, list(model.layers)
    elif isinstance(model, keras.Function):
        api = FUNCTIONAL
        graph_model, operations = model, list(model.operations)
    else:
        api = SUBCLASSED
        graph_model = _symbolic_functional(model, input_shapes)
        operations = list(graph_model.operations)
    raw, inputs, outputs = _fast_graph(graph_model, operations, extra.layer_keys)
    if raw is None:
        raw, inputs, outputs = _config_graph(graph_model, api, extra.layer_keys)
    nodes, inputs, outputs = _finish(raw, inputs, outputs)
    return ModelTrace(
        api=api,
        nodes=nodes,
        inputs=inputs,
        outputs=outputs,
        output_names=tuple(_output_names(model, graph_model)),
        params=_total_params(nodes),
        compile=_compile_trace(model, nodes, outputs, extra),
    )


def _has_inputs(model: Any) -> bool:
    try:
        return bool(model.inputs)
    except (AttributeError, ValueError):
        return False


def _symbolic_functional(model: Any, input_shapes: list[Shape] | None) -> Any:
    """Trace a subclassed model by calling its `call` on symbolic inputs (this records its layer calls)."""
    import keras

    if not input_shapes:
        raise TraceProblem("a subclassed model can only be traced on an input shape, and none is known here")
    inputs = [keras.Input(batch_shape=tuple(shape)) for shape in input_shapes]
    outputs = model.call(inputs[0] if len(inputs) == 1 else inputs)
    try:
        return keras.Model(inputs, outputs)
    except (ValueError, TypeError, AttributeError) as exc:
        raise TraceProblem(
            f"calling the model on keras.Input(shape={tuple(input_shapes[0][1:])}) did not give a connected graph ({exc})",
            "call() should compute its result from `inputs` through layers created in __init__ and keras.ops",
        ) from None


def _fast_graph(model: Any, operations: list[Any], keys: tuple[str, ...]) -> tuple[list[_Raw] | None, list[int], list[tuple[int, int]]]:
    """Connect nodes by the identity of each operation's first input and output tensors.

    Covers every model whose layers are each called once; a shared layer (or one called before
    elsewhere) leaves a tensor whose producer is unknown, and the caller falls back to the config.
    """
    import keras

    flatten = keras.tree.flatten
    raw: list[_Raw] = []
    producers: dict[int, tuple[int, int]] = {}
    # Keras passes a layer's mask (Embedding(mask_zero=True)'s NotEqual...) to the layers after it as an
    # extra input. A Sequential model does not record it, so a Functional trace leaves it out too: the
    # readers drop the reference, and the op computing the mask, which nothing else reads, is not reached.
    masks: set[int] = set()
    inputs: list[int] = []
    for tensor in model.inputs:
        producers[id(tensor)] = (len(raw), 0)
        inputs.append(len(raw))
        raw.append(_Raw(None, INPUT, [_shape(tensor)], [], getattr(tensor, "name", ""), is_input=True))
    for op in operations:
        if isinstance(op, keras.layers.InputLayer):
            continue
        try:
            sources = flatten(op.input)
            results = flatten(op.output)
        except (AttributeError, ValueError):
            return None, [], []
        refs = []
        for tensor in sources:
            if id(tensor) in masks:
                continue
            ref = producers.get(id(tensor))
            if ref is None:
                return None, [], []
            refs.append(ref)
        index = len(raw)
        for k, tensor in enumerate(results):
            producers[id(tensor)] = (index, k)
            mask = getattr(tensor, "_keras_mask", None)
            if mask is not None:
                masks.add(id(mask))
        raw.append(_describe(op, [_shape(tensor) for tensor in results], refs, keys))
    outputs = []
    for tensor in model.outputs:
        ref = producers.get(id(tensor))
        if ref is None:
            return None, [], []
        outputs.append(ref)
    return raw, inputs, outputs


def _config_graph(model: Any, api: str, keys: tuple[str, ...]) -> tuple[list[_Raw], list[int], list[tuple[int, int]]]:
    """Connect nodes from the model's serialised config, which lists every call of a shared layer."""
    if api == SEQUENTIAL:
        return _sequential_chain(model, keys)
    try:
        config = model.get_config()
    except Exception as exc:  # noqa: BLE001 - a learner's custom layer may fail to serialise
        raise TraceProblem(
            f"the model's structure cannot be read: get_config() failed ({type(exc).__name__}: {_first_line(exc)})",
            "a custom layer in the model needs a get_config() that returns its constructor arguments",
        ) from None
    ops_by_name = {op.name: op for op in model.operations}
    shapes: dict[tuple[str, int, int], Shape] = {}
    calls: list[tuple[str, int, list[tuple[str, int, int]]]] = []
    for entry in config["layers"]:
        for k, inbound in enumerate(entry.get("inbound_nodes") or []):
            refs = []
            for history, shape in _tensors_in(_without_mask(inbound)):
                key = (history[0], int(history[1]), int(history[2]))
                refs.append(key)
                shapes[key] = tuple(shape)
            calls.append((entry["name"], k, refs))
    input_keys = _layer_refs(config.get("input_layers"))
    output_keys = _layer_refs(config.get("output_layers"))
    for key, tensor in zip(output_keys, model.outputs):
        shapes[key] = _shape(tensor)
    for key, tensor in zip(input_keys, model.inputs):
        shapes[key] = _shape(tensor)

    raw: list[_Raw] = []
    index_of: dict[tuple[str, int], int] = {}
    for name, node, _ in input_keys:
        index_of[(name, node)] = len(raw)
        raw.append(_Raw(None, INPUT, [shapes[(name, node, 0)]], [], name, is_input=True))
    for offset, (name, k, _) in enumerate(calls):  # every call gets its index before any is connected
        index_of[(name, k)] = len(input_keys) + offset
    for name, k, refs in calls:
        count = 1 + max((t for (n, node, t) in shapes if n == name and node == k), default=0)
        call_shapes = [shapes.get((name, k, t), ()) for t in range(count)]
        raw.append(_describe(ops_by_name[name], call_shapes, [(index_of[(n, node)], t) for n, node, t in refs], keys))
    inputs = [index_of[(name, node)] for name, node, _ in input_keys]
    outputs = [(index_of[(name, node)], t) for name, node, t in output_keys]
    return raw, inputs, outputs


def _sequential_chain(model: Any, keys: tuple[str, ...]) -> tuple[list[_Raw], list[int], list[tuple[int, int]]]:
    """A Sequential whose layers were also called elsewhere: chain them, computing shapes symbolically."""
    import keras

    tensor = model.inputs[0]
    raw = [_Raw(None, INPUT, [_shape(tensor)], [], getattr(tensor, "name", ""), is_input=True)]
    spec = keras.KerasTensor(_shape(tensor))
    for layer in model.layers:
        spec = layer.compute_output_spec(spec)
        raw.append(_describe(layer, [_shape(spec)], [(len(raw) - 1, 0)], keys))
    return raw, [0], [(len(raw) - 1, 0)]


def _without_mask(inbound: Any) -> Any:
    """A serialised call without the `mask` Keras passed along (see `masks` in `_fast_graph`)."""
    if isinstance(inbound, dict) and isinstance(inbound.get("kwargs"), dict) and "mask" in inbound["kwargs"]:
        return {**inbound, "kwargs": {key: value for key, value in inbound["kwargs"].items() if key != "mask"}}
    return inbound


def _tensors_in(structure: Any):  # noqa: ANN202 - a generator of (keras_history, shape)
    if isinstance(structure, dict):
        if structure.get("class_name") == "__keras_tensor__":
            config = structure["config"]
            yield config["keras_history"], config["shape"]
            return
        for value in structure.values():
            yield from _tensors_in(value)
    elif isinstance(structure, (list, tuple)):
        for value in structure:
            yield from _tensors_in(value)


def _layer_refs(refs: Any) -> list[tuple[str, int, int]]:
    if not refs:
        return []
    if isinstance(refs[0], str):  # a single [name, node, tensor]
        refs = [refs]
    flat: list[tuple[str, int, int]] = []
    for ref in refs:
        if isinstance(ref, dict):
            flat += _layer_refs(list(ref.values()))
        elif ref and isinstance(ref[0], str):
            flat.append((ref[0], int(ref[1]), int(ref[2])))
        else:
            flat += _layer_refs(ref)
    return flat


def _shape(tensor: Any) -> Shape:
    return tuple(None if dim is None else int(dim) for dim in tensor.shape)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ---------------------------------------------------------------------------------------------
# What one operation contributes


def _describe(op: Any, shapes: list[Shape], refs: list[tuple[int, int]], keys: tuple[str, ...] = ()) -> _Raw:
    import keras

    # A model used as a layer (a backbone) is one node, whichever API built it.
    family = NESTED_MODEL if isinstance(op, keras.Model) else type(op).__name__
    node = _Raw(op, family, shapes, refs, getattr(op, "name", ""))
    # Dense acts on the last axis, so TimeDistributed(Dense) computes exactly what the Dense alone does:
    # describe the wrapped Dense (the node keeps `op`, whose weights are the Dense's, for the parameters).
    layer = _time_distributed_dense(op) or op
    if layer is not op:
        family = node.family = type(layer).__name__
    node.fold = layer_activation(layer)
    if node.fold is None and hasattr(layer, "activation") and family != NESTED_MODEL:
        node.activation = activation_name(layer.activation)
    node.extra["config"] = _config(layer, family, shapes, keys)
    return node


def _time_distributed_dense(op: Any) -> Any:
    """The Dense a `TimeDistributed` wraps, or None for any other operation."""
    import keras

    if isinstance(op, keras.layers.TimeDistributed) and type(op.layer) is keras.layers.Dense:
        return op.layer
    return None


def _config(op: Any, family: str, shapes: list[Shape], extra_keys: tuple[str, ...] = ()) -> tuple[tuple[str, Any], ...]:
    keys = CONFIG_KEYS.get(family, ()) + tuple(key for key in extra_keys if key not in CONFIG_KEYS.get(family, ()))
    rank = len(shapes[0]) if shapes and shapes[0] else 0
    items = []
    for key in keys:
        if not hasattr(op, key):
            continue
        value = _plain(getattr(op, key), objects=key in extra_keys)
        if value is _SKIP:
            continue
        if key in _AXIS_KEYS and rank:
            value = _positive_axis(value, rank)
        items.append((key, value))
    return tuple(items)


_SKIP = object()


def _plain(value: Any, *, objects: bool = False) -> Any:
    """A config value as plain, comparable data; with ``objects``, Keras objects become `Name(key=value, ...)`."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (list, tuple)):
        items = tuple(_plain(item, objects=objects) for item in value)
        return _SKIP if any(item is _SKIP for item in items) else items
    if isinstance(value, int) or type(value).__name__.startswith("int"):
        try:
            return int(value)
        except (TypeError, ValueError):
            return _SKIP
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        return round_value(float(value))
    if objects and hasattr(value, "get_config"):
        return object_text(value)
    return _SKIP


def round_value(value: float) -> float:
    """Six significant digits: float32 storage (0.0010000000474974513) compares equal to 0.001."""
    return float(f"{value:.6g}")


_PENALTIES = {"L1", "L2", "L1L2"}


def object_text(value: Any) -> str:
    """A Keras object (regularizer, initializer, schedule...) as `Name(key=value, ...)` from its config."""
    try:
        config = value.get_config()
    except (NotImplementedError, TypeError, AttributeError):
        return type(value).__name__
    if type(value).__name__ in _PENALTIES and type(value).__module__.startswith("keras"):
        return _penalty_text(config)
    parts = []
    for key, item in sorted(config.items()):
        if key in ("name", "dtype", "seed"):
            continue
        plain = _plain(item, objects=True)
        parts.append(f"{key}={plain if plain is not _SKIP else type(item).__name__}")
    return f"{type(value).__name__}({', '.join(parts)})"


def _penalty_text(config: dict[str, Any]) -> str:
    """L1, L2 and L1L2 by the penalty they add: L1L2(l2=0.001) and L2(0.001) are the same regularizer."""
    l1 = round_value(float(config.get("l1", 0.0) or 0.0))
    l2 = round_value(float(config.get("l2", 0.0) or 0.0))
    if l1 and not l2:
        return f"L1(l1={l1})"
    if l2 and not l1:
        return f"L2(l2={l2})"
    return f"L1L2(l1={l1}, l2={l2})"


def _positive_axis(value: Any, rank: int) -> Any:
    if isinstance(value, int):
        return value % rank
    if isinstance(value, tuple):
        return tuple(sorted(item % rank if isinstance(item, int) else item for item in value))
    return value


def _layer_params(op: Any) -> tuple[int, int]:
    trainable = non_trainable = 0
    for weight in getattr(op, "weights", ()):
        count = math.prod(weight.shape)
        if weight.trainable:
            trainable += count
        else:
            non_trainable += count
    return trainable, non_trainable


def _total_params(nodes: tuple[Node, ...]) -> tuple[int, int]:
    """The model's parameters: each layer counted once, however often it is called."""
    owners = [node for node in nodes if node.shared_with is None]
    return sum(node.params[0] for node in owners), sum(node.params[1] for node in owners)


# ---------------------------------------------------------------------------------------------
# Folding activations and the canonical order


def _finish(raw: list[_Raw], inputs: list[int], outputs: list[tuple[int, int]]) -> tuple[tuple[Node, ...], tuple[int, ...], tuple[tuple[int, int], ...]]:
    alive = _fold_activations(raw, outputs)
    order = _canonical_order(raw, alive, inputs, outputs)
    position = {old: new for new, old in enumerate(order)}
    first_call: dict[int, int] = {}
    params_of: dict[int, tuple[int, int]] = {}
    nodes = []
    for new, old in enumerate(order):
        node = raw[old]
        shared_with = None
        params = (0, 0)
        if node.op is not None:
            key = id(node.op)
            if key in first_call:
                shared_with = first_call[key]
                params = params_of[key]
            else:
                first_call[key] = new
                params = params_of[key] = _layer_params(node.op)
        sources = [(position[source], k) for source, k in node.inputs]
        if node.family in COMMUTATIVE:
            sources.sort()
        nodes.append(
            Node(
                family=node.family,
                shapes=tuple(node.shapes),
                inputs=tuple(sources),
                params=params,
                activation=node.activation,
                config=node.extra.get("config", ()),
                name=node.name,
                shared_with=shared_with,
            )
        )
    return (
        tuple(nodes),
        tuple(position[index] for index in inputs),
        tuple((position[node], k) for node, k in outputs),
    )


def _fold_activations(raw: list[_Raw], outputs: list[tuple[int, int]]) -> list[bool]:
    """Merge each weightless activation node into its producer when nothing else reads the producer."""
    alive = [True] * len(raw)
    readers: dict[tuple[int, int], int] = {}
    for node in raw:
        for ref in node.inputs:
            readers[ref] = readers.get(ref, 0) + 1
    output_refs = set(outputs)
    redirect: dict[int, int] = {}
    for index in _topological(raw):
        node = raw[index]
        node.inputs = [(redirect.get(source, source), k) for source, k in node.inputs]
        if node.fold is None or len(node.inputs) != 1:
            continue
        source, k = node.inputs[0]
        producer = raw[source]
        if producer.is_input or len(producer.shapes) != 1 or (source, k) in output_refs or readers.get((source, k), 0) != 1:
            continue
        producer.activation = combine_activations(producer.activation, node.fold)
        # Readers of this node now read the producer; later nodes are rewritten as they are reached.
        readers[(source, k)] = readers.get((index, 0), 0)
        redirect[index] = source
        alive[index] = False
    for position, (node, k) in enumerate(outputs):
        while node in redirect:
            node = redirect[node]
        outputs[position] = (node, k)
    for index, node in enumerate(raw):
        if node.fold is not None and alive[index]:
            node.activation = node.fold  # an activation layer that could not be folded keeps its meaning
    return alive


def _topological(raw: list[_Raw]) -> list[int]:
    """Every node after the nodes it reads (the raw list is usually in this order already)."""
    if all(source < index for index, node in enumerate(raw) for source, _ in node.inputs):
        return list(range(len(raw)))
    order: list[int] = []
    state = [0] * len(raw)  # 0 new, 1 waiting for its inputs, 2 placed
    for start in range(len(raw)):
        stack = [start]
        while stack:
            index = stack[-1]
            if state[index] == 2:
                stack.pop()
                continue
            pending = [source for source, _ in raw[index].inputs if state[source] != 2]
            if state[index] == 0 and pending:
                state[index] = 1
                stack.extend(pending)
                continue
            state[index] = 2
            order.append(stack.pop())
    return order


def _canonical_order(raw: list[_Raw], alive: list[bool], inputs: list[int], outputs: list[tuple[int, int]]) -> list[int]:
    """Post-order from the outputs; the inputs of commutative merges are visited in a structural order."""
    signatures = _signatures(raw) if any(node.family in COMMUTATIVE and len(node.inputs) > 1 for node in raw) else None
    visited: set[int] = set()
    order: list[int] = []
    stack: list[tuple[int, bool]] = [(node, False) for node, _ in reversed(outputs)]
    while stack:
        index, expanded = stack.pop()
        if index in visited:
            continue
        if expanded:
            visited.add(index)
            order.append(index)
            continue
        stack.append((index, True))
        sources = [source for source, _ in raw[index].inputs]
        if signatures is not None and raw[index].family in COMMUTATIVE:
            sources = sorted(sources, key=lambda source: signatures[source])
        for source in reversed(sources):
            if source not in visited:
                stack.append((source, False))
    for index in inputs:  # an input nothing reads still belongs to the model
        if index not in visited:
            visited.add(index)
            order.append(index)
    return [index for index in order if alive[index]]


def _signatures(raw: list[_Raw]) -> list[str]:
    """A digest of each node's whole upstream structure (names excluded), computed in graph order."""
    memo: dict[int, str] = {}

    def signature(index: int) -> str:
        stack = [index]
        while stack:
            current = stack[-1]
            pending = [source for source, _ in raw[current].inputs if source not in memo]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            if current in memo:
                continue
            node = raw[current]
            parts = [memo[source] + f":{k}" for source, k in node.inputs]
            if node.family in COMMUTATIVE:
                parts.sort()
            text = f"{node.family}|{node.shapes}|{node.extra.get('config')}|{node.activation}|{node.fold}|{','.join(parts)}"
            memo[current] = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
        return memo[index]

    return [signature(index) for index in range(len(raw))]


# ---------------------------------------------------------------------------------------------
# Outputs and compile settings


def _output_names(model: Any, graph_model: Any) -> list[str]:
    names = getattr(graph_model, "output_names", None) or getattr(model, "output_names", None)
    if names:
        return [str(name) for name in names]
    try:
        return [str(getattr(tensor, "name", "")) for tensor in graph_model.outputs]
    except (AttributeError, ValueError):
        return []


# model -> (what identified its compile call, output signature, the compile trace). Reading the compile
# settings serialises the optimizer (a third of a check), so each model's are read once per compile() call.
# Every compile() creates a new loss tracker and metrics container (public `model.metrics`); the cache holds
# them, so a new compile() can never present the same objects again. Entries die with their model.
_COMPILE_CACHE: "weakref.WeakKeyDictionary[Any, tuple[tuple[Any, ...], Any, CompileTrace]]" = weakref.WeakKeyDictionary()


def _compile_trace(model: Any, nodes: tuple[Node, ...], outputs: tuple[tuple[int, int], ...], extra: Extra = Extra()) -> CompileTrace | None:
    if not getattr(model, "compiled", False):
        return None
    marker = (model.optimizer, *model.metrics)
    signature = (tuple(nodes[node].shapes[k] for node, k in outputs), tuple(_output_names(model, model)), extra)
    try:
        cached = _COMPILE_CACHE.get(model)
    except TypeError:  # an unhashable or non-weakrefable model: no cache
        cached = None
    if cached is not None and cached[1] == signature and len(cached[0]) == len(marker) and all(
        old is new for old, new in zip(cached[0], marker)
    ):
        return cached[2]
    result = _read_compile_trace(model, nodes, outputs, extra)
    try:
        _COMPILE_CACHE[model] = (marker, signature, result)
    except TypeError:
        pass
    return result


def _read_compile_trace(model: Any, nodes: tuple[Node, ...], outputs: tuple[tuple[int, int], ...], extra: Extra) -> CompileTrace:
    config = model.get_compile_config() or {}
    names = _output_names(model, model) if len(outputs) > 1 else []
    count = len(outputs)
    losses = _per_output(config.get("loss"), names, count, many=False)
    metrics_raw = _per_output(config.get("metrics"), names, count, many=True)
    canonical_losses = tuple(loss_name(loss) if loss is not None else None for loss in losses)
    metrics = []
    for position, items in enumerate(metrics_raw):
        node, k = outputs[position]
        shape = nodes[node].shapes[k]
        units = shape[-1] if shape else None
        loss = canonical_losses[position]
        names_here = [accuracy_alias(metric_name(item), loss, units) for item in (items or [])]
        metrics.append(tuple(sorted(names_here)))
    details = _compile_details(model, losses, metrics_raw, metrics, extra) if extra != Extra() else ()
    weights = _per_output(config.get("loss_weights"), names, count, many=False)
    loss_weights = () if all(weight is None for weight in weights) else tuple(
        round_value(float(1.0 if weight is None else weight)) for weight in weights)
    if loss_weights and all(weight == 1.0 for weight in loss_weights):
        loss_weights = ()
    return CompileTrace(optimizer_name(model.optimizer), canonical_losses, tuple(metrics), details, loss_weights)


def _compile_details(model: Any, losses: list[Any], metrics_raw: list[Any], metrics: list[tuple[str, ...]], extra: Extra) -> tuple[tuple[str, Any], ...]:
    details: list[tuple[str, Any]] = []
    if extra.optimizer_keys:
        optimizer = getattr(model.optimizer, "inner_optimizer", None) or model.optimizer
        config = optimizer.get_config()
        details += [(f"optimizer.{key}", _plain(config.get(key), objects=True)) for key in extra.optimizer_keys]
    several = len(losses) > 1
    for position, loss in enumerate(losses):
        where = f"loss[{position}]" if several else "loss"
        config = loss_config(loss) if extra.loss_keys else {}
        details += [(f"{where}.{key}", _plain(config.get(key), objects=True)) for key in extra.loss_keys]
    for position, items in enumerate(metrics_raw):
        for item, name in zip(items or [], [metric_name(item) for item in items or []]):
            config = item.get("config") if isinstance(item, dict) and isinstance(item.get("config"), dict) else {}
            prefix = f"metric[{position}]." if several else "metric."
            details += [(f"{prefix}{name}.{key}", _plain(config[key], objects=True)) for key in extra.metric_keys if key in config]
    return tuple((key, None if value is _SKIP else value) for key, value in details)


def loss_config(serialized: Any) -> dict[str, Any]:
    """A loss's config, with the defaults of its class when it was given as a string or function."""
    import keras

    if isinstance(serialized, dict) and serialized.get("class_name") not in (None, "function"):
        return dict(serialized.get("config") or {})
    name = loss_name(serialized).split(" ")[0]
    cls = getattr(keras.losses, "".join(part.capitalize() for part in name.split("_")), None)
    try:
        return cls().get_config() if isinstance(cls, type) else {}
    except TypeError:
        return {}


def _per_output(value: Any, names: list[str], count: int, *, many: bool) -> list[Any]:
    """Spread a compile argument over the output positions (a dict by output name, a list by position)."""
    if value is None:
        return [None] * count
    if isinstance(value, dict) and "class_name" not in value:
        items = [value.get(name) for name in names] if names else list(value.values())[:1] * count
    elif isinstance(value, (list, tuple)) and count > 1 and len(value) == count and (
        not many or all(isinstance(item, (list, tuple)) for item in value)
    ):
        items = list(value)
    elif not many and isinstance(value, (list, tuple)) and len(value) == 1:
        items = [value[0]] * count
    else:
        items = [value] * count
    return [_as_list(item) if many and item is not None else item for item in items]


def _as_list(item: Any) -> list[Any]:
    if isinstance(item, (list, tuple)):
        return list(item)
    return [item]
