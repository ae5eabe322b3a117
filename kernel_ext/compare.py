"""Compare a learner's model trace with the reference trace: ordered findings with specific hints.

The nodes of both traces are aligned by the cheapest edit script, so a missing or extra layer is
named as such instead of shifting every later row. The first place where the traces part gets the
finding; the rows keep every node side by side for the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from kerasq.canonical import ACCURACY, EXACT_ACCURACY, LINEAR
from kerasq.describe import article, call_text, family_ordinal, node_text, params_text, shape_text, value_text
from kerasq.findings import FAIL, NOTE, PASS, Finding, Row, Table
from kerasq.trace import COMMUTATIVE, FUNCTIONAL, INPUT, SEQUENTIAL, SUBCLASSED, CompileTrace, ModelTrace, Node

API_NAMES = {SEQUENTIAL: "keras.Sequential", FUNCTIONAL: "the Functional API", SUBCLASSED: "a subclassed keras.Model"}


@dataclass(frozen=True)
class Settings:
    """What a model exercise asks beyond the reference trace."""

    api: str | None = None  # "sequential" or "functional" when the task names one
    names: bool = False  # whether input and output names are part of the task
    output_names: bool = False  # whether output names are (input names may be anything)
    compile: bool = True  # whether compile settings are checked (when the reference is compiled)


def compare_models(expected: ModelTrace, found: ModelTrace, label: str, settings: Settings = Settings()) -> tuple[list[Finding], Table]:
    """Findings in order (API, inputs, layers, outputs, parameters, compile) and the side-by-side table."""
    pairs = _align(expected, found)
    table = _table(expected, found, pairs, label)
    findings: list[Finding] = []
    api = _api_finding(found, label, settings)
    if api is not None:
        findings.append(api)
    findings.append(_inputs_finding(expected, found, label, settings))
    layers = _layers_finding(expected, found, pairs, label)
    findings.append(layers)
    if layers.status == PASS:
        findings.append(_outputs_finding(expected, found, label, settings))
        findings.append(_params_finding(expected, found, label))
    if settings.compile and expected.compile is not None and len(expected.outputs) == len(found.outputs):
        findings.append(_compile_finding(expected, found, label))
    elif found.compile is not None:
        note = _loss_fit_note(found, label)
        if note is not None:
            findings.append(note)
    return findings, table


# ---------------------------------------------------------------------------------------------
# Alignment and the table


_GAP, _SAME_FAMILY, _OTHER_FAMILY = 2, 1, 3  # an edit script's costs: a substitution beats a gap pair


def _align(expected: ModelTrace, found: ModelTrace) -> list[tuple[int | None, int | None]]:
    """Pair nodes by the cheapest edit script (a small Needleman-Wunsch alignment).

    Identical nodes pair for free, nodes of the same family cheaply, other families at a price below
    one deletion plus one insertion; a gap is a missing or an extra layer. Ties prefer pairing, then
    a missing layer, so the report names the most plausible first difference.
    """
    want = [(_token(node), node.family) for node in expected.nodes]
    have = [(_token(node), node.family) for node in found.nodes]
    rows, cols = len(want), len(have)

    def step(i: int, j: int) -> int:
        if want[i][0] == have[j][0]:
            return 0
        return _SAME_FAMILY if want[i][1] == have[j][1] else _OTHER_FAMILY

    # cost[i][j]: the cheapest alignment of want[i:] with have[j:]; walking it forward from the start
    # pairs as early as possible (of two identical layers, the later one is the one reported missing).
    cost = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        cost[i][cols] = (rows - i) * _GAP
    for j in range(cols - 1, -1, -1):
        cost[rows][j] = (cols - j) * _GAP
    for i in range(rows - 1, -1, -1):
        row, below = cost[i], cost[i + 1]
        for j in range(cols - 1, -1, -1):
            row[j] = min(below[j + 1] + step(i, j), below[j] + _GAP, row[j + 1] + _GAP)
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < rows or j < cols:
        if i < rows and j < cols and cost[i][j] == cost[i + 1][j + 1] + step(i, j):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif i < rows and cost[i][j] == cost[i + 1][j] + _GAP:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    return pairs


def _token(node: Node) -> str:
    return f"{node.family}|{node.shapes}|{node.activation}|{node.config}"


def _table(expected: ModelTrace, found: ModelTrace, pairs: list[tuple[int | None, int | None]], label: str) -> Table:
    mapping = {j: i for i, j in pairs if i is not None and j is not None}
    rows = []
    first = None
    for i, j in pairs:
        left = node_text(expected.nodes[i]) if i is not None else ""
        right = node_text(found.nodes[j], with_name=True) if j is not None else ""  # their names help them find it
        differs = i is None or j is None or _node_difference(expected, found, i, j, mapping) is not None
        if differs and first is None:
            first = len(rows)
        rows.append(Row(f"{i}  {left}" if i is not None else "", f"{j}  {right}" if j is not None else "", differs))
    return Table(f"{label}: layers in canonical order (expected | found)", tuple(rows), first)


# ---------------------------------------------------------------------------------------------
# Aspects


def _api_finding(found: ModelTrace, label: str, settings: Settings) -> Finding | None:
    if settings.api is None:
        return None
    wanted = API_NAMES[settings.api]
    if found.api == settings.api:
        return Finding(PASS, "API", f"`{label}` is built with {wanted}")
    if settings.api == FUNCTIONAL:
        hint = ("start from inputs = keras.Input(shape=...), call each layer on the previous tensor "
                "(x = layers.Dense(...)(x)), then wrap them: keras.Model(inputs=inputs, outputs=x)")
    else:
        hint = "pass the layers as a list: keras.Sequential([keras.Input(shape=...), layers.Dense(...), ...])"
    return Finding(FAIL, "API", f"the task asks for {wanted}, and `{label}` is built with {API_NAMES[found.api]}",
                   wanted, API_NAMES[found.api], hint)


def _inputs_finding(expected: ModelTrace, found: ModelTrace, label: str, settings: Settings) -> Finding:
    want = [expected.nodes[i] for i in expected.inputs]
    have = [found.nodes[i] for i in found.inputs]
    shown_want = ", ".join(_input_text(node, settings.names) for node in want)
    shown_have = ", ".join(_input_text(node, settings.names) for node in have)
    if len(want) != len(have):
        hint = (f"create {len(want)} keras.Input tensors and pass them as a list: keras.Model(inputs=[...], outputs=...)"
                if len(want) > 1 else "the model takes a single keras.Input")
        return Finding(FAIL, "inputs", f"`{label}` has {len(have)} input(s); expected {len(want)}", shown_want, shown_have, hint)
    if settings.names:
        by_name = {node.name: node for node in have}
        missing = [node.name for node in want if node.name not in by_name]
        if missing:
            return Finding(FAIL, "inputs", f"`{label}` has no input named {', '.join(repr(n) for n in missing)}", shown_want, shown_have,
                           f"name each input when you create it: keras.Input(shape=..., name={missing[0]!r})")
        have = [by_name[node.name] for node in want]
    for position, (w, h) in enumerate(zip(want, have)):
        if w.shape != h.shape:
            which = "the input" if len(want) == 1 else f"input {w.name!r}" if settings.names else f"input {position + 1}"
            return Finding(FAIL, "inputs", f"{which} of `{label}` has shape {shape_text(h.shape)}; expected {shape_text(w.shape)}",
                           shape_text(w.shape), shape_text(h.shape), _input_shape_hint(w.shape, h.shape))
    return Finding(PASS, "inputs", f"inputs match: {shown_want}")


def _input_text(node: Node, names: bool) -> str:
    return f"{node.name} {shape_text(node.shape)}" if names else shape_text(node.shape)


def _input_shape_hint(want: tuple, have: tuple) -> str:
    if len(want) == len(have) and want[1:] != have[1:] and sorted(map(str, want[1:])) == sorted(map(str, have[1:])):
        return f"Keras is channels-last by default: (height, width, channels). Use keras.Input(shape={shape_text(want[1:])})"
    if want[1:] == have[1:] and want[0] != have[0]:
        return "leave the batch size open: keras.Input(shape=...) without batch_size or a batch dimension"
    return f"declare the input with keras.Input(shape={shape_text(want[1:])})"


def _outputs_finding(expected: ModelTrace, found: ModelTrace, label: str, settings: Settings) -> Finding:
    want_names, have_names = list(expected.output_names), list(found.output_names)
    if len(expected.outputs) != len(found.outputs):
        return Finding(FAIL, "outputs", f"`{label}` has {len(found.outputs)} output(s); expected {len(expected.outputs)}",
                       str(len(expected.outputs)), str(len(found.outputs)),
                       "pass every output tensor to keras.Model(inputs, outputs=[...])")
    if (settings.names or settings.output_names) and sorted(want_names) != sorted(have_names):
        missing = [name for name in want_names if name not in have_names]
        return Finding(FAIL, "outputs", f"the outputs of `{label}` are named {', '.join(have_names)}; expected {', '.join(want_names)}",
                       ", ".join(want_names), ", ".join(have_names),
                       f"an output takes the name of the layer that produces it: layers.Dense(..., name={missing[0]!r})")
    shapes = ", ".join(shape_text(expected.output_shape(k)) for k in range(len(expected.outputs)))
    return Finding(PASS, "outputs", f"outputs match: {shapes}")


def _params_finding(expected: ModelTrace, found: ModelTrace, label: str) -> Finding:
    if expected.params == found.params:
        return Finding(PASS, "parameters", f"{params_text(expected.params)}, as expected")
    return Finding(FAIL, "parameters", f"`{label}` has {params_text(found.params)}; expected {params_text(expected.params)}",
                   params_text(expected.params), params_text(found.params),
                   "the layers match, so the difference is in weights outside them or in layers that are frozen")


# ---------------------------------------------------------------------------------------------
# Layers: the first divergence


def _layers_finding(expected: ModelTrace, found: ModelTrace, pairs: list[tuple[int | None, int | None]], label: str) -> Finding:
    mapping = {j: i for i, j in pairs if i is not None and j is not None}
    for position, (i, j) in enumerate(pairs):
        if i is not None and j is not None:
            problem = _node_difference(expected, found, i, j, mapping)
            if problem is not None:
                following = pairs[position + 1] if position + 1 < len(pairs) else (None, None)
                if _moved_activation(expected, found, i, j, following):
                    return _missing(expected, found, pairs, position + 1, label)
                return problem
        elif i is not None:
            return _missing(expected, found, pairs, position, label)
        else:
            return _extra(expected, found, pairs, position, label)
    count = sum(1 for node in expected.nodes if node.family != INPUT)
    what = "the layer matches" if count == 1 else f"all {count} layers match, in order,"
    return Finding(PASS, "layers", f"{what} with the expected shapes and settings")


def _moved_activation(expected: ModelTrace, found: ModelTrace, i: int, j: int, following: tuple[int | None, int | None]) -> bool:
    """The node differs only by an activation that belongs to the next expected node, which is missing.

    That is the shape of a block whose merge is missing (a residual block without its Add): the
    activation that follows the merge lands on the node before it. The missing node is the cause.
    """
    want, have = expected.nodes[i], found.nodes[j]
    nxt, absent = following
    return (
        absent is None and nxt is not None and want.family == have.family and want.activation != have.activation
        and expected.nodes[nxt].activation == have.activation and want.shapes == have.shapes and want.config == have.config
    )


def _previous_expected(pairs: list[tuple[int | None, int | None]], position: int) -> int | None:
    for i, _ in reversed(pairs[:position]):
        if i is not None:
            return i
    return None


def _missing(expected: ModelTrace, found: ModelTrace, pairs: list, position: int, label: str) -> Finding:
    i = pairs[position][0]
    node = expected.nodes[i]
    source = node.inputs[0][0] if node.inputs else None
    after = f" after {family_ordinal(expected, source)}" if source is not None else ""
    message = f"`{label}` is missing {article(node.family)} {node.family}{after}"
    next_found = next((found.nodes[j] for _, j in pairs[position:] if j is not None), None)
    found_text = f"next comes {call_text(next_found)}" if next_found is not None else "nothing"
    return Finding(FAIL, "layers", message, node_text(node), found_text, _missing_hint(expected, node, source))


def _missing_hint(expected: ModelTrace, node: Node, source: int | None) -> str:
    before = expected.nodes[source].family if source is not None else "previous layer"
    family = node.family
    if family == INPUT:
        return _unused_input_hint(expected, node)
    if family == "Add":
        return ("this is a residual block without its shortcut: keep the block's input (shortcut = x) and add it back "
                "with layers.Add()([y, shortcut]) before the last relu")
    if family == "Flatten":
        return "Dense layers need a flat vector: put layers.Flatten() between the last convolution or pooling and the first Dense"
    if family.startswith(("MaxPooling", "AveragePooling")):
        return (f"is a {call_text(node)} missing after the {before}? Without it the next layers see a larger "
                f"feature map (it should be {shape_text(node.shape)} here)")
    if family.startswith(("Dropout", "SpatialDropout")):
        return f"add layers.Dropout({node.settings.get('rate')}) right after the {before}"
    if family == "BatchNormalization":
        return f"add layers.BatchNormalization() right after the {before}"
    if family == "Concatenate":
        return "join the branches with layers.Concatenate()([a, b]) before the shared layers"
    return f"add {call_text(node)} after the {before}; it should output {shape_text(node.shape)}"


def _unused_input_hint(expected: ModelTrace, node: Node) -> str:
    """An expected input the learner's outputs do not depend on: name the layer that should read it."""
    index = expected.nodes.index(node)
    reader = next((k for k, other in enumerate(expected.nodes) if any(source == index for source, _ in other.inputs)), None)
    if reader is None:
        return f"keep the input {shape_text(node.shape)} in keras.Model(inputs=[...])"
    hint = f"the outputs never depend on the input {shape_text(node.shape)}: feed it to {call_text(expected.nodes[reader])}"
    # A later layer reading the reader's extra outputs (an encoder's states) is how its work reaches the outputs.
    if any(source == reader and k > 0 for other in expected.nodes for source, k in other.inputs):
        hint += " and pass its states to the next recurrent layer with initial_state=..."
    return hint


def _extra(expected: ModelTrace, found: ModelTrace, pairs: list, position: int, label: str) -> Finding:
    j = pairs[position][1]
    node = found.nodes[j]
    source = node.inputs[0][0] if node.inputs else None
    after = f" after {family_ordinal(found, source)}" if source is not None else ""
    previous = _previous_expected(pairs, position)
    expected_text = f"nothing between {call_text(expected.nodes[previous])} and the next layer" if previous is not None else "nothing here"
    family = node.family
    if family in ("Activation", "ReLU", "Softmax", "LeakyReLU", "ELU") and source is not None:
        hint = (f"the {found.nodes[source].family} before it already applies {found.nodes[source].activation}: "
                "an activation layer is only needed when the layer before has none")
    elif family.startswith(("Dropout", "SpatialDropout")) and any(j == node for node, _ in found.outputs):
        hint = "no dropout after the output layer: the model's output is the last Dense"
    else:
        hint = f"the task has no {family} here: remove it"
    return Finding(FAIL, "layers", f"`{label}` has an extra {family}{after}", expected_text, node_text(node), hint)


def _node_difference(expected: ModelTrace, found: ModelTrace, i: int, j: int, mapping: dict[int, int]) -> Finding | None:
    want, have = expected.nodes[i], found.nodes[j]
    where = family_ordinal(expected, i)
    if want.family != have.family:
        return Finding(FAIL, "layers", f"expected {article(want.family)} {want.family} here, found {article(have.family)} {have.family}",
                       node_text(want), node_text(have),
                       _replace_hint(want, have))
    if want.family == INPUT:
        return None  # input shapes and names are the inputs finding's business
    want_settings, have_settings = want.settings, have.settings
    for key in want_settings:
        if want_settings.get(key) != have_settings.get(key):
            return Finding(FAIL, "layers", f"{where}: expected {key}={value_text(want_settings[key])}, found {key}={value_text(have_settings.get(key))}",
                           node_text(want), node_text(have), _config_hint(expected, i, key, want, have))
    if want.activation != have.activation:
        return Finding(FAIL, "layers", f"{where}: expected activation {want.activation}, found {have.activation}",
                       node_text(want), node_text(have), _activation_hint(expected, i, want, have))
    if want.shapes != have.shapes:
        return Finding(FAIL, "layers", f"expected {shape_text(want.shape)} after {where}, found {shape_text(have.shape)}",
                       node_text(want), node_text(have), _shape_hint(expected, found, i, j))
    if (want.shared_with is None) != (have.shared_with is None) or (
        want.shared_with is not None and mapping.get(have.shared_with) != want.shared_with
    ):
        return Finding(FAIL, "layers", _shared_message(want, where), node_text(want), node_text(have), _shared_hint(want))
    if want.shared_with is None and want.params != have.params:
        hint = ("the layer is frozen (trainable=False): the task keeps it trainable"
                if sum(want.params) == sum(have.params) else "check the layer's settings: its weights have another size")
        return Finding(FAIL, "layers", f"{where}: expected {params_text(want.params)}, found {params_text(have.params)}",
                       node_text(want), node_text(have), hint)
    if not _same_sources(want, have, mapping, want.family in COMMUTATIVE):
        return Finding(FAIL, "layers", f"{where} is connected to other layers than expected",
                       _sources_text(expected, want), _sources_text(found, have), _sources_hint(expected, want))
    return None


def _replace_hint(want: Node, have: Node) -> str:
    if want.family == "Flatten" and have.family.startswith("Global"):
        return f"the task flattens the feature maps: use layers.Flatten() (it gives {shape_text(want.shape)}) instead of {have.family}"
    if want.family.startswith("Global") and have.family == "Flatten":
        return f"the task pools the feature maps: use layers.{want.family}() instead of Flatten"
    if want.family.startswith("MaxPooling") and have.family.startswith("AveragePooling"):
        return f"the task takes the maximum over each window: layers.{want.family}"
    return f"use {call_text(want)} here; it should output {shape_text(want.shape)}"


def _config_hint(expected: ModelTrace, i: int, key: str, want: Node, have: Node) -> str:
    value = want.settings[key]
    shape = shape_text(want.shape)
    if key in ("units", "filters"):
        return f"set {key}={value}: the output of this {want.family} should be {shape}"
    if key == "padding":
        if value == "valid":
            return (f"padding='same' keeps the height and width; the task keeps the default padding='valid', where a "
                    f"{_kernel_text(want)} kernel trims the border (expected {shape}, found {shape_text(have.shape)})")
        return f"add padding='same' so the output keeps the input's height and width ({shape})"
    if key == "rate":
        return f"use layers.{want.family}({value}): the dropout rate is the fraction of units zeroed during training"
    if key == "use_bias":
        if value is False:
            following = _consumer(expected, i)
            reason = (" (the BatchNormalization after it adds its own offset, so a bias would be wasted)"
                      if following is not None and expected.nodes[following].family == "BatchNormalization" else "")
            return f"this {want.family} should have no bias: pass use_bias=False{reason}"
        return f"keep the bias: remove use_bias=False from this {want.family}"
    if key == "return_sequences":
        if value:
            return "set return_sequences=True so the next layer receives the whole sequence"
        return "keep return_sequences=False (the default) so the layer returns only its last output"
    if key in ("kernel_size", "pool_size", "strides"):
        return f"use {key}={value_text(value)} on this {want.family} (an integer n means (n, n))"
    if key == "axis":
        return "normalise over the channels: keep the default axis=-1"
    return f"set {key}={value_text(value)} on this {want.family}"


def _kernel_text(node: Node) -> str:
    kernel = node.settings.get("kernel_size") or node.settings.get("pool_size")
    if isinstance(kernel, tuple):
        return "x".join(str(size) for size in kernel)
    return "this"


def _activation_hint(expected: ModelTrace, i: int, want: Node, have: Node) -> str:
    consumer = _consumer(expected, i)
    is_output = any(i == node for node, _ in expected.outputs)
    units = want.shape[-1] if want.shape else None
    if want.activation == LINEAR:
        if consumer is not None and expected.nodes[consumer].activation == have.activation:
            return f"the {have.activation} belongs after the {expected.nodes[consumer].family}, not in this {want.family}"
        if is_output:
            return "the output should stay linear (no activation): remove it"
        return f"this {want.family} has no activation in the task: remove activation={have.activation!r}"
    if want.activation == "softmax" and have.activation == "sigmoid":
        return f"softmax turns the {units} outputs into one probability distribution; sigmoid scores each class on its own"
    if want.activation == "sigmoid" and have.activation == "softmax" and units == 1:
        return "softmax over a single unit always outputs 1.0: a one-unit probability needs sigmoid"
    if have.activation == LINEAR:
        return f"add activation={want.activation!r} to this {want.family} (or an Activation layer right after it)"
    return f"use activation={want.activation!r} on this {want.family}"


def _shape_hint(expected: ModelTrace, found: ModelTrace, i: int, j: int) -> str:
    want, have = expected.nodes[i], found.nodes[j]
    return (f"this {want.family} has the expected settings, so its input differs: compare the rows before it "
            f"(expected {shape_text(want.shape)}, found {shape_text(have.shape)})")


def _shared_message(want: Node, where: str) -> str:
    if want.shared_with is not None:
        return f"{where} should reuse the layer of row {want.shared_with} (shared weights), but it is a separate layer"
    return f"{where} should be a layer of its own, but it reuses another layer's weights"


def _shared_hint(want: Node) -> str:
    if want.shared_with is not None:
        return "create the layer once (shared = layers.Dense(...)) and call that same object on each input"
    return "create a new layer object for this call instead of calling an existing one again"


def _same_sources(want: Node, have: Node, mapping: dict[int, int], commutative: bool) -> bool:
    mapped = [(mapping.get(node), k) for node, k in have.inputs]
    if commutative:
        return sorted(mapped, key=str) == sorted(want.inputs, key=str)
    return mapped == list(want.inputs)


def _sources_text(trace: ModelTrace, node: Node) -> str:
    return "reads " + ", ".join(f"row {source}: {call_text(trace.nodes[source])}" for source, _ in node.inputs)


def _sources_hint(expected: ModelTrace, want: Node) -> str:
    if want.family == "Add" and any(expected.nodes[source].family == INPUT or source in expected.inputs for source, _ in want.inputs):
        return "the shortcut must be the block's input itself: keep shortcut = x before the main path and add that"
    sources = " and ".join(f"the output of {family_ordinal(expected, source)}" for source, _ in want.inputs)
    return f"connect it to {sources}"


def _consumer(trace: ModelTrace, index: int) -> int | None:
    for position, node in enumerate(trace.nodes):
        if any(source == index for source, _ in node.inputs):
            return position
    return None


# ---------------------------------------------------------------------------------------------
# Compile settings


def _compile_finding(expected: ModelTrace, found: ModelTrace, label: str) -> Finding:
    want = expected.compile
    assert want is not None
    if found.compile is None:
        return Finding(FAIL, "compile", f"`{label}` is not compiled", _compile_text(want), "not compiled",
                       f"call {label}.compile({_compile_call(want)}) after building it")
    have = found.compile
    if want.optimizer != have.optimizer:
        return Finding(FAIL, "compile", f"expected the {want.optimizer} optimizer, found {have.optimizer}", want.optimizer, have.optimizer,
                       f"compile with optimizer={want.optimizer!r} (or the keras.optimizers class of that name)")
    multi = len(want.losses) > 1
    for position, loss in enumerate(want.losses):
        got = have.losses[position] if position < len(have.losses) else None
        if loss is not None and loss != got:
            which = f" for output {_output_label(expected, position)}" if multi else ""
            return Finding(FAIL, "compile", f"expected the loss {loss}{which}, found {got or 'none'}", loss, str(got),
                           _loss_hint(found, position, loss, got))
    for position, metrics in enumerate(want.metrics):
        got = have.metrics[position] if position < len(have.metrics) else ()
        missing = [metric for metric in metrics if metric not in got]
        if missing:
            which = f" for output {_output_label(expected, position)}" if multi else ""
            return Finding(FAIL, "compile", f"the metric {missing[0]} is missing{which}", ", ".join(metrics), ", ".join(got) or "no metrics",
                           _metric_hint(missing[0], got))
    if (want.loss_weights or have.loss_weights) and (want.loss_weights or (1.0,) * len(want.losses)) != (have.loss_weights or (1.0,) * len(have.losses)):
        shown_want = ", ".join(map(str, want.loss_weights or (1.0,) * len(want.losses)))
        shown_have = ", ".join(map(str, have.loss_weights or (1.0,) * len(have.losses)))
        return Finding(FAIL, "compile", f"expected loss weights {shown_want}, found {shown_have}", shown_want, shown_have,
                       "pass loss_weights to compile, keyed by output name like the losses: loss_weights={'name': weight, ...}")
    found_details = dict(have.details)
    for key, value in want.details:
        if found_details.get(key) != value:
            return Finding(FAIL, "compile", f"expected {key}={value_text(value)}, found {key}={value_text(found_details.get(key))}",
                           f"{key}={value_text(value)}", f"{key}={value_text(found_details.get(key))}", _detail_hint(key, value))
    extra = sorted({metric for position, metrics in enumerate(have.metrics) for metric in metrics
                    if position >= len(want.metrics) or metric not in want.metrics[position]})
    if extra:
        return Finding(NOTE, "compile", f"compile settings match; extra metrics are fine: {', '.join(extra)}", _compile_text(want), _compile_text(have))
    return Finding(PASS, "compile", f"compile settings match: {_compile_text(want)}")


def _detail_hint(key: str, value: object) -> str:
    owner, _, setting = key.rpartition(".")
    if owner == "optimizer":
        return f"create the optimizer object with {setting}={value_text(value)}, e.g. keras.optimizers.Adam({setting}=...), and pass it to compile"
    if owner.startswith("loss"):
        return f"pass a loss object with {setting}={value_text(value)}, e.g. keras.losses.SparseCategoricalCrossentropy({setting}=...)"
    return f"create the metric object with {setting}={value_text(value)}"


def _output_label(trace: ModelTrace, position: int) -> str:
    if position < len(trace.output_names):
        return repr(trace.output_names[position])
    return str(position + 1)


def _compile_text(settings: CompileTrace) -> str:
    losses = ", ".join(dict.fromkeys(str(loss) for loss in settings.losses))
    metrics = ", ".join(dict.fromkeys(metric for group in settings.metrics for metric in group))
    return f"{settings.optimizer}, loss {losses}" + (f", metrics {metrics}" if metrics else "")


def _compile_call(settings: CompileTrace) -> str:
    losses = list(dict.fromkeys(str(loss) for loss in settings.losses))
    metrics = list(dict.fromkeys(metric for group in settings.metrics for metric in group))
    text = f"optimizer={settings.optimizer!r}, loss={losses[0]!r}"
    if metrics:
        text += f", metrics={metrics!r}"
    return text


def _loss_hint(found: ModelTrace, position: int, want: str, got: str | None) -> str:
    node = found.output_node(position)
    units = found.output_shape(position)[-1] if found.output_shape(position) else None
    activation = node.activation
    if got is None:
        return f"pass loss={want!r} to compile"
    if got.endswith("(from_logits=True)") and activation in ("softmax", "sigmoid"):
        return (f"from_logits=True expects raw scores, but the output already applies {activation}: "
                "drop from_logits (or remove the activation)")
    if got.startswith("binary_crossentropy") and activation == "softmax" and units and units > 1:
        return (f"binary cross-entropy scores each of the {units} outputs as a separate yes/no; one class out of {units} "
                f"with a softmax output needs {want}")
    if got.startswith("categorical_crossentropy") and want.startswith("sparse_categorical_crossentropy"):
        return "categorical_crossentropy expects one-hot labels; with integer class labels use sparse_categorical_crossentropy"
    if got.startswith("sparse_categorical_crossentropy") and want.startswith("categorical_crossentropy"):
        return "the labels here are one-hot vectors: categorical_crossentropy fits them"
    if want.startswith("binary_crossentropy") and units == 1:
        return "a single sigmoid output is a probability for one class: it pairs with binary_crossentropy"
    return f"the task asks for loss={want!r}"


def _metric_hint(metric: str, got: tuple[str, ...]) -> str:
    if metric == ACCURACY and EXACT_ACCURACY in got:
        return ("keras.metrics.Accuracy() counts exact equality between predictions and labels, which probabilities never "
                "reach; pass the string 'accuracy' so Keras picks the right accuracy for the loss")
    return f"add {metric!r} to metrics=[...] in compile"


def _loss_fit_note(found: ModelTrace, label: str) -> Finding | None:
    """The task does not ask for compile settings; still point out a loss that cannot fit the output."""
    if found.compile is None:
        return None
    for position, loss in enumerate(found.compile.losses):
        if loss is None:
            continue
        node = found.output_node(position)
        shape = found.output_shape(position)
        units = shape[-1] if shape else None
        if loss.startswith("binary_crossentropy") and node.activation == "softmax" and units and units > 1:
            return Finding(NOTE, "compile", f"`{label}` is compiled with binary_crossentropy on a softmax output of {units} units",
                           hint="one class out of several with softmax pairs with (sparse_)categorical_crossentropy")
        if "crossentropy" in loss and "categorical" in loss and node.activation == "sigmoid" and units == 1:
            return Finding(NOTE, "compile", f"`{label}` is compiled with {loss} on a single sigmoid unit",
                           hint="a single sigmoid output pairs with binary_crossentropy")
        if loss.endswith("(from_logits=True)") and node.activation in ("softmax", "sigmoid"):
            return Finding(NOTE, "compile", f"`{label}` uses from_logits=True on an output that already applies {node.activation}",
                           hint="from_logits=True expects raw scores: drop it or remove the activation")
    return None
