"""Resolve a reference in an analysed source to fully qualified Keras API names, without type inference."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from kerasq.lsp.analysis import MODULE_SCOPE, Analysis, Binding, Ref, Site

# Names that mean the usual modules even when the file (or the visible part of a notebook) never imports them.
DEFAULT_ROOTS = {"keras": "keras", "tf": "tensorflow", "tensorflow": "tensorflow"}

# Spellings of the same Keras object; the first of each pair is the one the bank is expected to use.
EQUIVALENT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("keras.Sequential", "keras.models.Sequential"),
    ("keras.Model", "keras.models.Model"),
    ("keras.Input", "keras.layers.Input"),
    ("keras.layers.Layer", "keras.Layer"),
    ("keras.saving.load_model", "keras.models.load_model"),
    ("keras.saving.save_model", "keras.models.save_model"),
    ("keras.layers.Conv2D", "keras.layers.Convolution2D"),
    ("keras.layers.MaxPooling2D", "keras.layers.MaxPool2D"),
)

# Callables that return a model although their names are not classes.
MODEL_FACTORIES = frozenset(
    {
        "keras.saving.load_model",
        "keras.models.load_model",
        "keras.models.clone_model",
        "keras.models.model_from_json",
        "keras.saving.deserialize_keras_object",
    }
)
MODEL_TYPES = frozenset({"keras.Model", "keras.Sequential", "keras.models.Model", "keras.models.Sequential"})

_MAX_DEPTH = 8


@dataclass(frozen=True, slots=True)
class Value:
    """What a reference denotes: a Keras object by path, an instance of a Keras class, or a user class."""

    kind: str  # "path" | "instance" | "class" (a user class whose first Keras base is `path`)
    path: str


# Keras 2 modules whose names moved to one Keras 3 module (the import fails, but the name means the same API).
LEGACY_MODULES: dict[str, str] = {
    **{
        f"keras.layers.{module}": "keras.layers"
        for module in (
            "core", "merge", "convolutional", "recurrent", "pooling", "normalization", "embeddings",
            "advanced_activations", "wrappers", "noise", "local", "cudnn_recurrent", "rnn", "attention",
            "dense_attention", "experimental.preprocessing", "experimental", "preprocessing",
        )
    },
    "keras.utils.np_utils": "keras.utils",
}


def normalize(path: str) -> str:
    """``tensorflow.keras.X`` and ``tf.keras.X`` spelled out become ``keras.X``."""
    if path == "tensorflow.keras" or path.startswith("tensorflow.keras."):
        return path[len("tensorflow.") :]
    return path


def modern(path: str) -> str:
    """A name imported through a Keras 2 module, as Keras 3 spells it (``keras.layers.core.Dense`` -> ``keras.layers.Dense``)."""
    for old, new in LEGACY_MODULES.items():
        if path.startswith(old + "."):
            return new + path[len(old) :]
    return path


def is_keras(path: str) -> bool:
    """Whether a normalised path names something in Keras."""
    return path == "keras" or path.startswith("keras.")


def variants(path: str) -> list[str]:
    """``path`` and its equivalent spellings, the bank's preferred one first."""
    found = [path]
    for preferred, other in EQUIVALENT_PREFIXES:
        for source, replacement in ((other, preferred), (preferred, other)):
            if path == source or path.startswith(source + "."):
                spelled = replacement + path[len(source) :]
                if spelled not in found:
                    found.insert(0 if replacement == preferred else len(found), spelled)
    return found


def lineage(owner: str) -> list[str]:
    """A Keras class and the classes whose documented methods it inherits (for method lookups)."""
    chain = variants(owner)
    if owner in MODEL_TYPES or owner.startswith("keras.applications."):
        chain += [name for name in ("keras.Model",) if name not in chain]
    if owner.startswith("keras.layers.") or owner in MODEL_TYPES:
        chain += [name for name in ("keras.layers.Layer",) if name not in chain]
    return chain


def lookup(analysis: Analysis, name: str, scope: int, line: int) -> Binding | None:
    """The binding of ``name`` seen from ``line`` in ``scope``: enclosing functions, then the module."""
    first = True
    while scope >= 0:
        if first or scope not in analysis.class_scopes:
            bindings = analysis.bindings.get((scope, name))
            if bindings:
                before = bisect_right(analysis.binding_lines[(scope, name)], line)
                if before:
                    return bindings[before - 1]
                if scope != MODULE_SCOPE and scope not in analysis.class_scopes:
                    return bindings[0]  # a function's locals are local throughout its body
                if not first:
                    return bindings[0]  # a function body runs later, when the module's names are bound
        first = False
        scope = analysis.parents.get(scope, -1)
    return None


def resolve_ref(analysis: Analysis, ref: Ref, scope: int, line: int, depth: int = 0) -> Value | None:
    """What ``ref`` denotes, or None when it is not a Keras object (or cannot be known lexically)."""
    if depth > _MAX_DEPTH:
        return None
    if ref.call is not None:
        value = call_result(analysis, resolve_ref(analysis, ref.call, scope, line, depth + 1))
    elif ref.absolute:
        value = Value("path", ref.head)
    else:
        value = _resolve_name(analysis, ref.head, scope, line, depth)
    for attr in ref.attrs:
        if value is None:
            return None
        if value.kind == "path":
            value = Value("path", f"{value.path}.{attr}")
        elif value.kind == "instance":
            value = Value("member", f"{value.path}.{attr}")
        else:
            return None  # attributes of members or user classes are beyond a lexical resolver
    if value is None:
        return None
    path = modern(normalize(value.path))
    return Value(value.kind, path) if is_keras(path) or value.kind == "path" else None


def _resolve_name(analysis: Analysis, name: str, scope: int, line: int, depth: int) -> Value | None:
    binding = lookup(analysis, name, scope, line)
    if binding is None:
        root = DEFAULT_ROOTS.get(name)
        return Value("path", root) if root else None
    if binding.kind == "import":
        return Value("path", binding.target)
    if binding.kind == "alias" and binding.ref is not None:
        return resolve_ref(analysis, binding.ref, binding.scope, binding.line, depth + 1)
    if binding.kind == "call" and binding.ref is not None:
        return call_result(analysis, resolve_ref(analysis, binding.ref, binding.scope, binding.line, depth + 1))
    if binding.kind == "annotation" and binding.ref is not None:
        annotated = resolve_ref(analysis, binding.ref, binding.scope, binding.line, depth + 1)
        return call_result(analysis, annotated) if annotated is not None and annotated.kind in ("path", "class") else None
    if binding.kind == "class":
        for base in binding.bases:
            value = resolve_ref(analysis, base, binding.scope, binding.line, depth + 1)
            if value is not None and value.kind in ("path", "class") and is_keras(normalize(value.path)):
                return Value("class", normalize(value.path))
    return None


def call_result(analysis: Analysis, callee: Value | None) -> Value | None:
    """What calling ``callee`` gives, when a name alone says so (a class, or a model factory)."""
    if callee is None:
        return None
    path = normalize(callee.path)
    if not is_keras(path):
        return None
    if callee.kind == "class":
        return Value("instance", path)
    if callee.kind != "path":
        return None
    if path in MODEL_FACTORIES or (path.startswith("keras.applications.") and path.rsplit(".", 1)[-1][:1].isupper()):
        return Value("instance", "keras.Model")
    if path.rsplit(".", 1)[-1][:1].isupper():
        return Value("instance", path)
    return None


def candidates(value: Value | None) -> list[str]:
    """The API names a resolved value may be documented under, most specific first."""
    if value is None or value.kind == "instance" or value.kind == "class":
        return []
    owner, _, attr = value.path.rpartition(".")
    if value.kind == "member":
        return [f"{cls}.{attr}" for cls in lineage(owner)]
    if owner.rpartition(".")[2][:1].isupper():  # a method spelled through its class: keras.Sequential.fit
        return [f"{cls}.{attr}" for cls in lineage(owner)]
    return variants(value.path) if is_keras(value.path) else []


def site_at(analysis: Analysis, line: int, index: int) -> Site | None:
    """The narrowest site under a code-point index on a line; a name just before the index also counts."""
    inside = [site for site in analysis.sites_on(line) if site.start <= index < site.end]
    touching = inside or [site for site in analysis.sites_on(line) if site.end == index and site.start < index]
    return min(touching, key=lambda site: site.end - site.start, default=None)


def apis_at(analysis: Analysis, line: int, index: int) -> list[str]:
    """The candidate Keras API names for the name at a position, most specific first."""
    site = site_at(analysis, line, index)
    if site is None and line in analysis.unparsed:
        site = _scan_site(analysis, line, index)
    if site is None:
        return []
    return candidates(resolve_ref(analysis, site.ref, site.scope, line))


def _scan_site(analysis: Analysis, line: int, index: int) -> Site | None:
    """A dotted name at a position on a line that did not parse (ignoring comments and strings)."""
    text = analysis.python[line] if line < len(analysis.python) else ""
    if not _in_code(text, index):
        return None
    start = index
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    end = index
    while end < len(text) and (text[end].isalnum() or text[end] == "_"):
        end += 1
    if start == end or text[start].isdigit():
        return None
    parts = [text[start:end]]
    cursor = start
    while True:
        probe = cursor - 1
        while probe >= 0 and text[probe] == " ":
            probe -= 1
        if probe < 0 or text[probe] != ".":
            break
        probe -= 1
        while probe >= 0 and text[probe] == " ":
            probe -= 1
        word_end = probe + 1
        while probe >= 0 and (text[probe].isalnum() or text[probe] == "_"):
            probe -= 1
        word = text[probe + 1 : word_end]
        if not word or word[0].isdigit():
            return None
        parts.insert(0, word)
        cursor = probe + 1
    return Site(line, start, end, Ref(parts[0], tuple(parts[1:])), MODULE_SCOPE)


def _in_code(text: str, index: int) -> bool:
    quote = ""
    for position, char in enumerate(text[:index]):
        if quote:
            if char == quote and text[position - 1 : position] != "\\":
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#":
            return False
    return not quote
