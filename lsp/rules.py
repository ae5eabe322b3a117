"""Keras 3 pitfall rules: one small function per rule, each returning plain findings (with a fix when mechanical).

Every rule names the questions that explain it (the first one the bank holds is linked). Positions are
0-based lines and code-point indices in the analysed text; the server converts them to LSP positions.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from kerasq.lsp.analysis import MODULE_SCOPE, Analysis, Ref, dotted_ref
from kerasq.lsp.resolve import LEGACY_MODULES, MODEL_TYPES, Value, lookup, normalize, resolve_ref
from kerasq.lsp.source import byte_to_index

WARNING, INFORMATION = "warning", "information"


@dataclass(frozen=True, slots=True)
class Span:
    """A range of text: start line and index, end line and index (code points, end exclusive)."""

    line: int
    start: int
    end_line: int
    end: int


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in ``span`` with ``text``."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A mechanical correction: a title for the editor's menu and the edits that make it."""

    title: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One pitfall found in the source."""

    rule: str
    span: Span
    message: str
    severity: str
    questions: tuple[int, ...]  # the questions that explain it, best first
    fix: Fix | None = None


class Context:
    """The analysed source with the helpers rules share: positions, source text, resolution."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._resolved: dict[int, Value | None] = {}

    def span(self, node: ast.AST) -> Span:
        """The span of a node."""
        line, end_line = node.lineno - 1, (node.end_lineno or node.lineno) - 1  # type: ignore[attr-defined]
        return Span(line, self._index(line, node.col_offset), end_line, self._index(end_line, node.end_col_offset or 0))  # type: ignore[attr-defined]

    def _index(self, line: int, offset: int) -> int:
        lines = self.analysis.python
        return byte_to_index(lines[line], offset) if 0 <= line < len(lines) else 0

    def text(self, span: Span) -> str:
        """The original text in a span."""
        lines = self.analysis.lines
        if span.line == span.end_line:
            return lines[span.line][span.start : span.end]
        middle = lines[span.line + 1 : span.end_line]
        return "\n".join([lines[span.line][span.start :], *middle, lines[span.end_line][: span.end]])

    def value(self, node: ast.AST, scope: int) -> Value | None:
        """What a Name/Attribute chain denotes (None when unknown or not Keras)."""
        key = id(node)
        if key not in self._resolved:
            ref = dotted_ref(node)
            line = getattr(node, "lineno", 1) - 1
            self._resolved[key] = resolve_ref(self.analysis, ref, scope, line) if ref else None
        return self._resolved[key]

    def callee(self, call: ast.Call, scope: int) -> str | None:
        """The normalised Keras path a call's function denotes (`keras.layers.Dense`, `keras.Model.save`)."""
        value = self.value(call.func, scope)
        return normalize(value.path) if value is not None else None

    def spelling(self, api: str, line: int) -> str | None:
        """How this file can spell a Keras API at ``line`` with its own imports (`keras.Input`, `tf.keras.Input`)."""
        best: str | None = None
        for (scope, name), bindings in self.analysis.bindings.items():
            if scope != MODULE_SCOPE:
                continue
            binding = lookup(self.analysis, name, MODULE_SCOPE, line)
            if binding is None or binding.kind != "import":
                continue
            target = normalize(binding.target)
            if api == target:
                spelled = name
            elif api.startswith(target + "."):
                spelled = name + api[len(target) :]
            elif target == "tensorflow" and api.startswith("keras."):
                spelled = f"{name}.{api}"
            else:
                continue
            if best is None or len(spelled) < len(best):
                best = spelled
        return best


def _keyword(call: ast.Call, name: str) -> ast.keyword | None:
    return next((keyword for keyword in call.keywords if keyword.arg == name), None)


def _argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    keyword = _keyword(call, name)
    if keyword is not None:
        return keyword.value
    if len(call.args) > position and not any(isinstance(arg, ast.Starred) for arg in call.args[: position + 1]):
        return call.args[position]
    return None


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _method(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _replace_in_literal(ctx: Context, node: ast.AST, old: str, new: str) -> Edit | None:
    """An edit that replaces the last ``old`` inside a single-line string literal."""
    span = ctx.span(node)
    if span.line != span.end_line:
        return None
    source = ctx.text(span)
    at = source.lower().rfind(old.lower())
    if at < 0:
        return None
    return Edit(Span(span.line, span.start + at, span.line, span.start + at + len(old)), new)


# --- the rules -------------------------------------------------------------------------------------

_KERAS2_ADD_WEIGHT_ORDER = ("name", "shape", "dtype", "initializer", "regularizer", "trainable", "constraint")


def add_weight_positional_name(ctx: Context) -> Iterator[Finding]:
    """`add_weight("kernel", ...)`: Keras 3 takes the shape first and raises on a positional name."""
    for site in ctx.analysis.calls:
        call = site.node
        if _method(call) != "add_weight" or not call.args or _string(call.args[0]) is None:
            continue
        fix = None
        if len(call.args) <= len(_KERAS2_ADD_WEIGHT_ORDER) and not any(isinstance(a, ast.Starred) for a in call.args):
            given = {keyword.arg for keyword in call.keywords}
            names = _KERAS2_ADD_WEIGHT_ORDER[: len(call.args)]
            if not given & set(names):
                edits = tuple(Edit(Span(s.line, s.start, s.line, s.start), f"{n}=") for n, s in ((n, ctx.span(a)) for n, a in zip(names, call.args)))
                fix = Fix("Pass the add_weight arguments by keyword (name=..., shape=...)", edits)
        yield Finding(
            "add-weight-positional-name",
            ctx.span(call.args[0]),
            "In Keras 3 the first positional argument of add_weight is the shape, and a positional name raises "
            f"ValueError: write add_weight(shape=..., name={ctx.text(ctx.span(call.args[0]))}).",
            WARNING,
            (14,),
            fix,
        )


def input_shape_on_layer(ctx: Context) -> Iterator[Finding]:
    """`input_shape=`/`input_dim=` on a layer: Keras 3 warns; declare the input with `keras.Input`."""
    sequential_firsts = _first_layers_of_sequential(ctx)
    for site in ctx.analysis.calls:
        call = site.node
        path = ctx.callee(call, site.scope)
        if path is None or not path.startswith("keras.layers.") or not path.rsplit(".", 1)[-1][:1].isupper():
            continue
        for keyword in call.keywords:
            if keyword.arg not in ("input_shape", "input_dim"):
                continue
            if path == "keras.layers.InputLayer" and keyword.arg == "input_shape":
                span = ctx.span(keyword)
                name = Span(span.line, span.start, span.line, span.start + len("input_shape"))
                yield Finding(
                    "input-shape-on-layer",
                    span,
                    "InputLayer takes shape= in Keras 3; input_shape= is deprecated (it warns). Simpler still: keras.Input(shape=...).",
                    INFORMATION,
                    (9, 3),
                    Fix("Rename input_shape to shape", (Edit(name, "shape"),)) if span.line == span.end_line else None,
                )
                continue
            fix = None
            spelled = ctx.spelling("keras.Input", ctx.span(call).line)
            if id(call) in sequential_firsts and spelled:
                value = ctx.text(ctx.span(keyword.value))
                shape = value if keyword.arg == "input_shape" else f"({value},)"
                start = ctx.span(call)
                fix = Fix(
                    f"Declare the input with {spelled}(shape={shape}) instead",
                    (Edit(Span(start.line, start.start, start.line, start.start), f"{spelled}(shape={shape}), "), _remove_keyword(ctx, call, keyword)),
                )
            yield Finding(
                "input-shape-on-layer",
                ctx.span(keyword),
                f"{keyword.arg}= on a layer is Keras 2 style: Keras 3 warns and recommends declaring the input with "
                "keras.Input(shape=...) as the first item of a Sequential (or as the input of a functional model).",
                INFORMATION,
                (9, 3),
                fix,
            )


def _first_layers_of_sequential(ctx: Context) -> set[int]:
    found: set[int] = set()
    for site in ctx.analysis.calls:
        if ctx.callee(site.node, site.scope) not in ("keras.Sequential", "keras.models.Sequential"):
            continue
        layers = _argument(site.node, 0, "layers")
        if isinstance(layers, (ast.List, ast.Tuple)) and layers.elts and isinstance(layers.elts[0], ast.Call):
            found.add(id(layers.elts[0]))
    return found


def _remove_keyword(ctx: Context, call: ast.Call, keyword: ast.keyword) -> Edit:
    """Delete a keyword argument with the comma that joins it to its neighbour."""
    items = sorted([*call.args, *call.keywords], key=lambda node: (node.lineno, node.col_offset))
    position = next(i for i, item in enumerate(items) if item is keyword)
    own = ctx.span(keyword)
    if position > 0:
        previous = ctx.span(items[position - 1])
        return Edit(Span(previous.end_line, previous.end, own.end_line, own.end), "")
    if len(items) > 1:
        following = ctx.span(items[1])
        return Edit(Span(own.line, own.start, following.line, following.start), "")
    return Edit(own, "")


_H5 = re.compile(r"\.(h5|hdf5)$", re.IGNORECASE)


def h5_format(ctx: Context) -> Iterator[Finding]:
    """`model.save("m.h5")`: the legacy HDF5 format; Keras 3's native format is `.keras`."""
    for site in ctx.analysis.calls:
        call = site.node
        path = ctx.callee(call, site.scope)
        if path in ("keras.saving.save_model", "keras.models.save_model"):
            target = _argument(call, 1, "filepath")
        elif _method(call) == "save":
            target = _argument(call, 0, "filepath")
        else:
            continue
        name = _string(target)
        if name is None or not _H5.search(name) or name.lower().endswith(".weights.h5") or target is None:
            continue
        extension = _H5.search(name).group(0)  # type: ignore[union-attr]
        edit = _replace_in_literal(ctx, target, extension, ".keras")
        yield Finding(
            "h5-format",
            ctx.span(target),
            f"{extension} saves in the legacy HDF5 format. Keras 3's native format is .keras: one zip archive with "
            "the architecture, the weights and the optimizer state, which load_model restores faithfully.",
            WARNING,
            (8,),
            Fix("Save to the native .keras format", (edit,)) if edit else None,
        )


def save_weights_suffix(ctx: Context) -> Iterator[Finding]:
    """`model.save_weights("w.h5")`: Keras 3 requires the `.weights.h5` suffix (anything else raises ValueError)."""
    for site in ctx.analysis.calls:
        call = site.node
        if _method(call) != "save_weights":
            continue
        target = _argument(call, 0, "filepath")
        name = _string(target)
        if name is None or target is None or name.endswith(".weights.h5"):
            continue
        span = ctx.span(target)
        fix = None
        if span.line == span.end_line:
            literal = ctx.text(span)
            quote_at = len(literal) - 1 if literal[-1:] in "'\"" else -1
            stem = re.search(r"\.(h5|hdf5|weights|ckpt)$", name, re.IGNORECASE)
            cut = len(stem.group(0)) if stem else 0
            if quote_at > 0 and literal[:quote_at].endswith(name):  # a plain literal, no escapes
                position = span.start + quote_at - cut
                fix = Fix("End the file name in .weights.h5", (Edit(Span(span.line, position, span.line, span.start + quote_at), ".weights.h5"),))
        yield Finding(
            "save-weights-suffix",
            span,
            "In Keras 3 save_weights() only writes files whose names end in .weights.h5; any other name raises "
            "ValueError. To keep the whole model (architecture, weights, optimizer), use model.save('name.keras').",
            WARNING,
            (8,),
            fix,
        )


def dense_one_unit_softmax(ctx: Context) -> Iterator[Finding]:
    """`Dense(1, activation="softmax")`: softmax over one value is always 1.0."""
    for site in ctx.analysis.calls:
        call = site.node
        if ctx.callee(call, site.scope) != "keras.layers.Dense":
            continue
        units = _argument(call, 0, "units")
        activation = _argument(call, 1, "activation")
        if not (isinstance(units, ast.Constant) and units.value == 1 and not isinstance(units.value, bool)):
            continue
        if _string(activation) != "softmax" or activation is None:
            continue
        edit = _replace_in_literal(ctx, activation, "softmax", "sigmoid")
        yield Finding(
            "dense-one-unit-softmax",
            ctx.span(call),
            "Dense(1) with softmax always outputs 1.0, because softmax normalises over a single value. A single "
            "probability needs sigmoid (with binary cross-entropy); softmax needs one unit per class.",
            WARNING,
            (9,),
            Fix("Use a sigmoid activation", (edit,)) if edit else None,
        )


def softmax_with_from_logits(ctx: Context) -> Iterator[Finding]:
    """A softmax output trained with `from_logits=True`: the loss applies softmax a second time."""
    for site in ctx.analysis.calls:
        call = site.node
        if _method(call) != "compile":
            continue
        loss = _argument(call, 1, "loss")
        if not isinstance(loss, ast.Call):
            continue
        flag = _keyword(loss, "from_logits")
        if flag is None or not (isinstance(flag.value, ast.Constant) and flag.value.value is True):
            continue
        loss_path = ctx.callee(loss, site.scope)
        if loss_path is not None and not loss_path.startswith("keras.losses."):
            continue
        softmax_line = _softmax_output_line(ctx, call, site.scope)
        if softmax_line is None:
            continue
        yield Finding(
            "softmax-with-from-logits",
            ctx.span(flag),
            f"The model already ends in a softmax (line {softmax_line + 1}), but from_logits=True tells the loss it "
            "receives raw scores, so softmax is applied twice and training suffers. Use from_logits=False here, or "
            "drop the softmax from the output layer.",
            WARNING,
            (18, 9),
            Fix("Set from_logits=False (the model outputs probabilities)", (Edit(ctx.span(flag.value), "False"),)),
        )


def _softmax_output_line(ctx: Context, compile_call: ast.Call, scope: int) -> int | None:
    """The line of the softmax that ends the compiled model, when the file shows how it was built."""
    receiver = compile_call.func.value if isinstance(compile_call.func, ast.Attribute) else None
    if not isinstance(receiver, ast.Name):
        return None
    line = compile_call.lineno - 1
    added = [
        c.node
        for c in ctx.analysis.calls
        if _method(c.node) == "add" and isinstance(c.node.func.value, ast.Name)  # type: ignore[union-attr]
        and c.node.func.value.id == receiver.id and c.node.lineno - 1 < line and c.node.args  # type: ignore[union-attr]
    ]
    if added:
        return _softmax_layer_line(ctx, max(added, key=lambda c: c.lineno).args[0], scope)
    binding = lookup(ctx.analysis, receiver.id, scope, line)
    built = binding.value if binding is not None else None
    if not isinstance(built, ast.Call):
        return None
    model = ctx.callee(built, binding.scope)  # type: ignore[union-attr]
    if model in ("keras.Sequential", "keras.models.Sequential"):
        layers = _argument(built, 0, "layers")
        if isinstance(layers, (ast.List, ast.Tuple)) and layers.elts:
            return _softmax_layer_line(ctx, layers.elts[-1], scope)
    elif model in ("keras.Model", "keras.models.Model"):
        outputs = _argument(built, 1, "outputs")
        return _softmax_tensor_line(ctx, outputs, scope, line)
    return None


def _softmax_tensor_line(ctx: Context, tensor: ast.AST | None, scope: int, line: int, depth: int = 0) -> int | None:
    if depth > 4:
        return None
    if isinstance(tensor, ast.Name):
        binding = lookup(ctx.analysis, tensor.id, scope, line)
        if binding is not None and binding.value is not None:
            return _softmax_tensor_line(ctx, binding.value, scope, binding.line, depth + 1)
        return None
    if isinstance(tensor, ast.Call) and isinstance(tensor.func, ast.Call):  # layers.Dense(...)(x)
        return _softmax_layer_line(ctx, tensor.func, scope)
    return None


def _softmax_layer_line(ctx: Context, layer: ast.AST, scope: int) -> int | None:
    if not isinstance(layer, ast.Call):
        return None
    path = ctx.callee(layer, scope) or ""
    if path == "keras.layers.Softmax":
        return layer.lineno - 1
    if path == "keras.layers.Activation":
        activation = _argument(layer, 0, "activation")
    elif path.startswith("keras.layers."):
        activation = _keyword(layer, "activation")
        activation = activation.value if activation is not None else (_argument(layer, 1, "activation") if path == "keras.layers.Dense" else None)
    else:
        return None
    is_softmax = _string(activation) == "softmax" or (isinstance(activation, ast.Attribute) and activation.attr == "softmax")
    return layer.lineno - 1 if is_softmax else None


def yaml_export(ctx: Context) -> Iterator[Finding]:
    """`model.to_yaml()` and `model_from_yaml`: removed from Keras (they raise)."""
    for site in ctx.analysis.calls:
        call = site.node
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "to_yaml":
            root = func.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name):
                binding = lookup(ctx.analysis, root.id, site.scope, call.lineno - 1)
                if binding is not None and binding.kind == "import" and not normalize(binding.target).startswith("keras"):
                    continue  # another library's to_yaml (OmegaConf, ...)
            old, new = "to_yaml", "to_json"
        elif (isinstance(func, ast.Attribute) and func.attr == "model_from_yaml") or (isinstance(func, ast.Name) and func.id == "model_from_yaml"):
            old, new = "model_from_yaml", "model_from_json"
        else:
            continue
        span = ctx.span(func)
        name_span = Span(span.end_line, span.end - len(old), span.end_line, span.end)
        yield Finding(
            "yaml-export",
            name_span,
            f"{old} was removed from Keras (calling it raises). Keep the architecture as JSON with to_json / "
            "keras.models.model_from_json, or save the whole model to a .keras file.",
            WARNING,
            (8,),
            Fix(f"Use {new} instead", (Edit(name_span, new),)),
        )


# `%env KERAS_BACKEND=jax`, also as JupyterLab's virtual documents spell it: run_line_magic("env", " KERAS_BACKEND=jax").
_ENV_MAGIC = re.compile(r"""^\s*%env\s+KERAS_BACKEND\b|run_line_magic\(\s*["']env["']\s*,\s*["']\s*KERAS_BACKEND\b""")


def keras_backend_after_import(ctx: Context) -> Iterator[Finding]:
    """`KERAS_BACKEND` set after keras was imported: the backend is already chosen, so it has no effect."""
    imports = _keras_import_lines(ctx)
    if not imports:
        return
    first_import, first_stmt = imports[0]
    for line, span, statement in _backend_settings(ctx):
        if line <= first_import:
            continue
        fix = None
        if statement is not None and first_stmt is not None and _movable(ctx, statement, first_stmt):
            text = ctx.analysis.lines[line]
            fix = Fix(
                "Move this line above the first keras import",
                (
                    Edit(Span(first_import, 0, first_import, 0), text + "\n"),
                    Edit(Span(line, 0, line + 1, 0), "") if line + 1 < len(ctx.analysis.lines) else Edit(Span(line, 0, line, len(text)), ""),
                ),
            )
        yield Finding(
            "keras-backend-after-import",
            span,
            f"KERAS_BACKEND is read once, when keras is first imported (line {first_import + 1}); setting it afterwards "
            "has no effect in this process. Set it before the first import (in a notebook: restart the kernel and set "
            "it in the first cell).",
            WARNING,
            (6, 52),
            fix,
        )


def _keras_import_lines(ctx: Context) -> list[tuple[int, ast.stmt | None]]:
    found: list[tuple[int, ast.stmt | None]] = []
    for node in ctx.analysis.imports:
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            modules = [node.module]
        if any(module == "keras" or module.startswith("keras.") for module in modules):
            found.append((node.lineno - 1, node if node.col_offset == 0 else None))  # type: ignore[attr-defined]
    return sorted(found, key=lambda item: item[0])


def _backend_settings(ctx: Context) -> Iterator[tuple[int, Span, ast.stmt | None]]:
    for number, text in enumerate(ctx.analysis.lines):
        if "KERAS_BACKEND" in text and _ENV_MAGIC.search(text):
            start = text.index("KERAS_BACKEND")
            yield number, Span(number, start, number, start + len("KERAS_BACKEND")), None
    for node in ctx.analysis.statements:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and _is_environ(target.value) and _string(target.slice) == "KERAS_BACKEND":
                    yield node.lineno - 1, ctx.span(target), node if node.col_offset == 0 else None
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            call = node.value
            func = call.func
            is_setter = isinstance(func, ast.Attribute) and (
                (func.attr == "setdefault" and _is_environ(func.value)) or (func.attr == "putenv" and isinstance(func.value, ast.Name) and func.value.id == "os")
            )
            if is_setter and call.args and _string(call.args[0]) == "KERAS_BACKEND":
                yield node.lineno - 1, ctx.span(call.args[0]), node if node.col_offset == 0 else None
            elif isinstance(func, ast.Attribute) and func.attr == "update" and _is_environ(func.value):
                for keyword in call.keywords:
                    if keyword.arg == "KERAS_BACKEND":
                        yield node.lineno - 1, ctx.span(keyword), node if node.col_offset == 0 else None
                for arg in call.args:
                    if isinstance(arg, ast.Dict) and any(_string(key) == "KERAS_BACKEND" for key in arg.keys):
                        yield node.lineno - 1, ctx.span(arg), node if node.col_offset == 0 else None


def _is_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ" and isinstance(node.value, ast.Name) and node.value.id == "os") or (
        isinstance(node, ast.Name) and node.id == "environ"
    )


def _movable(ctx: Context, statement: ast.stmt, first_import: ast.stmt) -> bool:
    """A one-line, top-level setting whose `os` is already imported above the first keras import."""
    if statement.lineno != statement.end_lineno or first_import.col_offset != 0:
        return False
    target = first_import.lineno - 1
    names = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name)}
    for name in names:
        bindings = ctx.analysis.bindings.get((MODULE_SCOPE, name), [])
        if not any(binding.line < target for binding in bindings):
            return False
    return True


# Keras 2 modules that no longer exist in Keras 3 -> (where the names live now, or None; advice).
REMOVED_MODULES: dict[str, tuple[str | None, str]] = {
    **{old: (new, f"import the same names from {new}") for old, new in LEGACY_MODULES.items()},
    "keras.wrappers.scikit_learn": (None, "use keras.wrappers.SKLearnClassifier / SKLearnRegressor (or the scikeras package)"),
    "keras.engine": (None, "use keras.Model, keras.layers.Layer and keras.Input"),
    "keras.preprocessing.text": (None, "use the keras.layers.TextVectorization layer"),
    "keras.utils.generic_utils": (None, "use keras.saving.get_custom_objects / register_keras_serializable"),
    "keras.saving.hdf5_format": (None, "use model.save(...) with a .keras file and keras.saving.load_model"),
}


def _removed(module: str) -> tuple[str, str | None, str] | None:
    normalized = normalize(module)
    for old in sorted(REMOVED_MODULES, key=len, reverse=True):
        if normalized == old or normalized.startswith(old + "."):
            replacement, advice = REMOVED_MODULES[old]
            return old, replacement, advice
    return None


def keras2_import_path(ctx: Context) -> Iterator[Finding]:
    """Keras 2 import paths (`keras.layers.core`, `keras.layers.merge`, ...) that raise ImportError in Keras 3."""
    for node in ctx.analysis.imports:
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            modules = [(node.module, node)]
        elif isinstance(node, ast.Import):
            modules = [(alias.name, alias) for alias in node.names]
        else:
            continue
        for module, holder in modules:
            found = _removed(module)
            if found is None:
                continue
            old, replacement, advice = found
            span = _module_span(ctx, holder, module)
            fix = None
            if replacement is not None and span is not None and normalize(module) == old:
                prefix = module[: len(module) - len(normalize(module))]  # keep `tensorflow.` when it was written
                fix = Fix(f"Import from {prefix}{replacement}", (Edit(span, prefix + replacement),))
            yield Finding(
                "keras2-import-path",
                span or ctx.span(node),
                f"{module} is a Keras 2 module that no longer exists in Keras 3 (ImportError): {advice}.",
                WARNING,
                (52, 1),
                fix,
            )


def _module_span(ctx: Context, holder: ast.AST, module: str) -> Span | None:
    start = ctx.span(holder)
    text = ctx.analysis.lines[start.line]
    at = text.find(module, start.start)
    return Span(start.line, at, start.line, at + len(module)) if at >= 0 else None


def optimizer_lr_argument(ctx: Context) -> Iterator[Finding]:
    """`Adam(lr=...)`: Keras 3 optimizers only accept `learning_rate=` (lr raises ValueError)."""
    for site in ctx.analysis.calls:
        path = ctx.callee(site.node, site.scope)
        if path is None or not path.startswith("keras.optimizers.") or not path.rsplit(".", 1)[-1][:1].isupper():
            continue
        keyword = _keyword(site.node, "lr")
        if keyword is None:
            continue
        name = Span(ctx.span(keyword).line, ctx.span(keyword).start, ctx.span(keyword).line, ctx.span(keyword).start + 2)
        yield Finding(
            "optimizer-lr-argument",
            ctx.span(keyword),
            "Keras 3 optimizers take learning_rate=; the old lr= raises ValueError (Argument(s) not recognized).",
            WARNING,
            (17, 26),
            Fix("Rename lr to learning_rate", (Edit(name, "learning_rate"),)),
        )


_GENERATOR_METHODS = {"fit_generator": "fit", "evaluate_generator": "evaluate", "predict_generator": "predict"}


def generator_methods(ctx: Context) -> Iterator[Finding]:
    """`model.fit_generator(...)` and friends: removed; `fit`/`evaluate`/`predict` take generators and PyDatasets."""
    for site in ctx.analysis.calls:
        method = _method(site.node)
        if method not in _GENERATOR_METHODS:
            continue
        receiver = resolve_ref(ctx.analysis, dotted_ref(site.node.func.value) or Ref("?"), site.scope, site.node.lineno - 1)  # type: ignore[union-attr]
        if receiver is not None and receiver.kind == "instance" and receiver.path not in MODEL_TYPES:
            continue
        span = ctx.span(site.node.func)
        name = Span(span.end_line, span.end - len(method), span.end_line, span.end)
        yield Finding(
            "generator-methods",
            name,
            f"{method} was removed in Keras 3: {_GENERATOR_METHODS[method]}() accepts generators, tf.data datasets and "
            "keras.utils.PyDataset objects directly.",
            WARNING,
            (47, 52),
            Fix(f"Use {_GENERATOR_METHODS[method]} instead", (Edit(name, _GENERATOR_METHODS[method]),)),
        )


RULES: dict[str, Callable[[Context], Iterator[Finding]]] = {
    "add-weight-positional-name": add_weight_positional_name,
    "input-shape-on-layer": input_shape_on_layer,
    "h5-format": h5_format,
    "save-weights-suffix": save_weights_suffix,
    "softmax-with-from-logits": softmax_with_from_logits,
    "dense-one-unit-softmax": dense_one_unit_softmax,
    "yaml-export": yaml_export,
    "keras-backend-after-import": keras_backend_after_import,
    "keras2-import-path": keras2_import_path,
    "optimizer-lr-argument": optimizer_lr_argument,
    "generator-methods": generator_methods,
}


def check(analysis: Analysis) -> list[Finding]:
    """Every finding of every rule, in source order."""
    ctx = Context(analysis)
    findings = [finding for rule in RULES.values() for finding in rule(ctx)]
    return sorted(findings, key=lambda f: (f.span.line, f.span.start, f.rule))

