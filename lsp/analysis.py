"""One pass over a Python/IPython source: scopes, name bindings, name and attribute sites, calls.

The analysis is lexical: it records what each name was bound to (an import, the result of a call,
an annotation, a class, or something else), never inferring types. A source that does not parse is
split into top-level blocks that are parsed one by one; blocks that still fail are scanned line by
line for imports and simple assignments, so a typo in one cell does not blind the whole notebook.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence

from kerasq.lsp.source import byte_to_index, python_lines, split_lines

MODULE_SCOPE = 0
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


@dataclass(frozen=True, slots=True)
class Ref:
    """A dotted reference: a name (or an absolute dotted path, or the result of a call), then attributes."""

    head: str = ""
    attrs: tuple[str, ...] = ()
    absolute: bool = False  # `head` is already a fully qualified path (from an import statement)
    call: "Ref | None" = None  # the reference starts from the result of calling this


@dataclass(frozen=True, slots=True)
class Binding:
    """What a name was bound to at one line of one scope."""

    line: int
    kind: str  # "import" | "alias" | "call" | "annotation" | "class" | "local"
    target: str = ""  # import: the absolute dotted path
    ref: Ref | None = None  # alias: the referenced expression; call: the callee; annotation: the type
    bases: tuple[Ref, ...] = ()  # class: its bases
    scope: int = MODULE_SCOPE  # where `ref`/`bases` are resolved
    value: ast.AST | None = field(default=None, compare=False)  # the assigned expression, for rules


@dataclass(frozen=True, slots=True)
class Site:
    """A name or attribute in the source: its span on one line and the reference it spells."""

    line: int
    start: int  # code-point index of the first character
    end: int  # code-point index after the last character
    ref: Ref
    scope: int


@dataclass(frozen=True, slots=True)
class CallSite:
    """A call expression with the scope it appears in (rules inspect these)."""

    node: ast.Call
    scope: int


@dataclass(slots=True)
class Analysis:
    """Everything the resolver, the hover and the rules need to know about one source."""

    text: str
    lines: list[str]  # the LSP lines of the original text
    python: list[str]  # the same lines with IPython syntax blanked
    parents: dict[int, int] = field(default_factory=lambda: {MODULE_SCOPE: -1})
    class_scopes: set[int] = field(default_factory=set)
    bindings: dict[tuple[int, str], list[Binding]] = field(default_factory=dict)
    sites: dict[int, list[Site]] = field(default_factory=dict)
    calls: list[CallSite] = field(default_factory=list)
    imports: list[ast.Import | ast.ImportFrom] = field(default_factory=list)
    statements: list[ast.Assign | ast.Expr] = field(default_factory=list)  # assignments and expression statements
    binding_lines: dict[tuple[int, str], list[int]] = field(default_factory=dict)  # sorted, for bisecting
    trees: list[ast.Module] = field(default_factory=list)
    unparsed: set[int] = field(default_factory=set)  # lines of blocks that do not parse
    derived: dict[str, object] = field(default_factory=dict)  # results computed from this analysis (findings)

    def bind(self, scope: int, name: str, binding: Binding) -> None:
        """Record a binding of ``name`` in ``scope``."""
        self.bindings.setdefault((scope, name), []).append(binding)

    def sites_on(self, line: int) -> list[Site]:
        """The sites recorded on one line."""
        return self.sites.get(line, [])

    def nodes(self) -> Iterator[ast.AST]:
        """Every AST node of every parsed part."""
        for tree in self.trees:
            yield from ast.walk(tree)


def analyze(text: str, segments: Sequence[int] = (0,)) -> Analysis:
    """Analyse ``text``; ``segments`` are the first lines of independently parsed parts (notebook cells)."""
    python = python_lines(text)
    analysis = Analysis(text=text, lines=split_lines(text), python=python)
    starts = sorted({0, *(start for start in segments if 0 < start < len(python))})
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(python)
        _parse_part(analysis, start, stop)
    for key, bindings in analysis.bindings.items():
        bindings.sort(key=lambda binding: binding.line)
        analysis.binding_lines[key] = [binding.line for binding in bindings]
    return analysis


def _parse(lines: Sequence[str], first: int) -> ast.Module | None:
    try:
        tree = ast.parse("\n".join(lines))
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    if first:
        ast.increment_lineno(tree, first)
    return tree


def _parse_part(analysis: Analysis, start: int, stop: int) -> None:
    tree = _parse(analysis.python[start:stop], start)
    if tree is not None:
        _Walker(analysis).run(tree)
        return
    for block_start, block_stop in _blocks(analysis.python, start, stop):
        tree = _parse(analysis.python[block_start:block_stop], block_start)
        if tree is not None:
            _Walker(analysis).run(tree)
        else:
            _scan_lines(analysis, block_start, block_stop)


_CONTINUES_BLOCK = re.compile(r"(else|elif|except|finally)\b|[)\]}]")


def _blocks(lines: Sequence[str], start: int, stop: int) -> Iterator[tuple[int, int]]:
    """Top-level statements: a line starting at column 0 and the indented or closing lines after it."""
    block_start = start
    for number in range(start + 1, stop):
        line = lines[number]
        if not line.strip() or line[0] in " \t#" or _CONTINUES_BLOCK.match(line):
            continue
        if lines[number - 1].lstrip().startswith("@"):
            continue  # a decorated definition stays with its decorators
        yield block_start, number
        block_start = number
    if block_start < stop:
        yield block_start, stop


_IMPORT_LINE = re.compile(r"^\s*(?:import\s|from\s+[\w.]+\s+import\s)")
_ASSIGN_LINE = re.compile(r"^\s*[A-Za-z_]\w*\s*(?::[^=]*)?=[^=]")


def _scan_lines(analysis: Analysis, start: int, stop: int) -> None:
    """Recover imports and simple assignments from lines that do not parse as a block."""
    analysis.unparsed.update(range(start, stop))
    for number in range(start, stop):
        line = analysis.python[number]
        is_import = _IMPORT_LINE.match(line) is not None
        if not (is_import or _ASSIGN_LINE.match(line)):
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        chunk = [stripped]
        if is_import and "(" in stripped and ")" not in stripped:  # a parenthesised import over several lines
            for following in analysis.python[number + 1 : min(stop, number + 50)]:
                chunk.append(following)
                if ")" in following:
                    break
        tree = _parse(chunk, number)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) == number + 1:
                node.col_offset += indent  # type: ignore[attr-defined]
                if getattr(node, "end_lineno", None) == number + 1:
                    node.end_col_offset += indent  # type: ignore[attr-defined]
        _Walker(analysis).run(tree)


def dotted_ref(node: ast.AST) -> Ref | None:
    """The reference spelled by a Name/Attribute chain, possibly rooted in a call; None otherwise."""
    attrs: list[str] = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    attrs.reverse()
    if isinstance(node, ast.Name):
        return Ref(node.id, tuple(attrs))
    if isinstance(node, ast.Call):
        callee = dotted_ref(node.func)
        if callee is not None:
            return Ref("", tuple(attrs), call=callee)
    return None


class _Walker:
    """An iterative walk (deeply nested expressions must not exhaust the recursion limit)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis

    def _new_scope(self, parent: int, is_class: bool = False) -> int:
        scope = len(self.analysis.parents)
        self.analysis.parents[scope] = parent
        if is_class:
            self.analysis.class_scopes.add(scope)
        return scope

    def _site(self, line_1: int, byte_start: int, byte_end: int, ref: Ref, scope: int) -> None:
        line = line_1 - 1
        if not 0 <= line < len(self.analysis.python):
            return
        text = self.analysis.python[line]
        site = Site(line, byte_to_index(text, byte_start), byte_to_index(text, byte_end), ref, scope)
        self.analysis.sites.setdefault(line, []).append(site)

    def _bind_target(self, target: ast.AST, scope: int, binding: Binding | None = None) -> None:
        if isinstance(target, ast.Name):
            self.analysis.bind(scope, target.id, binding or Binding(target.lineno - 1, "local"))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._bind_target(element, scope)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, scope)

    def _value_binding(self, value: ast.AST | None, line: int, scope: int) -> Binding:
        if isinstance(value, ast.Call):
            callee = dotted_ref(value.func)
            if callee is not None:
                return Binding(line, "call", ref=callee, scope=scope, value=value)
        elif isinstance(value, (ast.Name, ast.Attribute)):
            ref = dotted_ref(value)
            if ref is not None:
                return Binding(line, "alias", ref=ref, scope=scope, value=value)
        return Binding(line, "local", value=value)

    def run(self, tree: ast.Module) -> None:
        """Walk one parsed module (or block) at module scope."""
        self.analysis.trees.append(tree)
        handlers = self._handlers()
        stack: list[tuple[ast.AST, int, str | None]] = [(tree, MODULE_SCOPE, None)]
        pop, extend = stack.pop, stack.extend
        while stack:
            node, scope, owner = pop()
            handler = handlers.get(type(node))
            children = handler(node, scope, owner) if handler is not None else None
            if children is None:
                children = [(child, scope, None) for child in _children(node)]
            extend(reversed(children))

    def _handlers(self) -> dict[type, Callable[[Any, int, str | None], list[tuple[ast.AST, int, str | None]] | None]]:
        """Node type -> what to record; a handler returning None lets the walk visit the node's children."""
        return {
            ast.Module: lambda node, scope, owner: None,
            ast.FunctionDef: self._function,
            ast.AsyncFunctionDef: self._function,
            ast.Lambda: self._lambda,
            ast.ClassDef: self._class,
            ast.Import: self._import,
            ast.ImportFrom: self._import_from,
            ast.Assign: self._assign,
            ast.AnnAssign: self._annotated,
            ast.For: self._loop,
            ast.AsyncFor: self._loop,
            ast.comprehension: self._loop,
            ast.With: self._with,
            ast.AsyncWith: self._with,
            ast.NamedExpr: self._walrus,
            ast.ExceptHandler: self._except,
            ast.Name: self._name,
            ast.Attribute: self._attribute,
            ast.Call: self._call,
            ast.Expr: self._expression,
        }

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: int, owner: str | None) -> list[tuple[ast.AST, int, str | None]]:
        self.analysis.bind(scope, node.name, Binding(node.lineno - 1, "local"))
        outer = [(child, scope, None) for child in (*node.decorator_list, *_defaults(node.args), *_annotations(node))]
        inner = self._new_scope(scope)
        self._bind_parameters(node.args, inner, scope, owner, node.lineno - 1)
        return outer + [(child, inner, None) for child in node.body]

    def _lambda(self, node: ast.Lambda, scope: int, owner: str | None) -> list[tuple[ast.AST, int, str | None]]:
        inner = self._new_scope(scope)
        self._bind_parameters(node.args, inner, scope, None, node.lineno - 1)
        return [(child, scope, None) for child in _defaults(node.args)] + [(node.body, inner, None)]

    def _class(self, node: ast.ClassDef, scope: int, owner: str | None) -> list[tuple[ast.AST, int, str | None]]:
        bases = tuple(ref for ref in map(dotted_ref, node.bases) if ref is not None)
        self.analysis.bind(scope, node.name, Binding(node.lineno - 1, "class", bases=bases, scope=scope))
        outer = [(child, scope, None) for child in (*node.decorator_list, *node.bases, *node.keywords)]
        inner = self._new_scope(scope, is_class=True)
        return outer + [(child, inner, node.name) for child in node.body]

    def _assign(self, node: ast.Assign, scope: int, owner: str | None) -> None:
        self.analysis.statements.append(node)
        binding = self._value_binding(node.value, node.lineno - 1, scope)
        for target in node.targets:
            self._bind_target(target, scope, binding if isinstance(target, ast.Name) else None)

    def _annotated(self, node: ast.AnnAssign, scope: int, owner: str | None) -> None:
        if isinstance(node.target, ast.Name):
            ref = dotted_ref(node.annotation)
            if ref is not None:
                self.analysis.bind(scope, node.target.id, Binding(node.lineno - 1, "annotation", ref=ref, scope=scope))
            else:
                self.analysis.bind(scope, node.target.id, self._value_binding(node.value, node.lineno - 1, scope))

    def _loop(self, node: ast.For | ast.AsyncFor | ast.comprehension, scope: int, owner: str | None) -> None:
        self._bind_target(node.target, scope)

    def _with(self, node: ast.With | ast.AsyncWith, scope: int, owner: str | None) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                self._bind_target(item.optional_vars, scope)

    def _walrus(self, node: ast.NamedExpr, scope: int, owner: str | None) -> None:
        self._bind_target(node.target, scope, self._value_binding(node.value, node.lineno - 1, scope))

    def _except(self, node: ast.ExceptHandler, scope: int, owner: str | None) -> None:
        if node.name:
            self.analysis.bind(scope, node.name, Binding(node.lineno - 1, "local"))

    def _name(self, node: ast.Name, scope: int, owner: str | None) -> list[tuple[ast.AST, int, str | None]]:
        self._site(node.lineno, node.col_offset, node.end_col_offset or node.col_offset, Ref(node.id), scope)
        return []

    def _attribute(self, node: ast.Attribute, scope: int, owner: str | None) -> None:
        ref = dotted_ref(node)
        if ref is not None and node.end_lineno is not None and node.end_col_offset is not None:
            width = len(node.attr.encode("utf-8"))
            self._site(node.end_lineno, node.end_col_offset - width, node.end_col_offset, ref, scope)

    def _call(self, node: ast.Call, scope: int, owner: str | None) -> None:
        self.analysis.calls.append(CallSite(node, scope))
        self._help_request(node, scope)

    def _expression(self, node: ast.Expr, scope: int, owner: str | None) -> None:
        self.analysis.statements.append(node)

    def _help_request(self, call: ast.Call, scope: int) -> None:
        """`Dense?` as JupyterLab's virtual documents spell it: get_ipython().run_line_magic('pinfo', 'Dense')."""
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "run_line_magic" and len(call.args) == 2):
            return
        kind, target = call.args
        if not (isinstance(kind, ast.Constant) and kind.value in ("pinfo", "pinfo2") and isinstance(target, ast.Constant)):
            return
        text = target.value
        if not isinstance(text, str) or target.lineno != target.end_lineno or not _DOTTED.fullmatch(text.strip()):
            return
        line = self.analysis.python[target.lineno - 1]
        literal_start = byte_to_index(line, target.col_offset)
        found = line.find(text.strip(), literal_start)
        if found < 0:
            return
        parts = text.strip().split(".")
        start = found
        for index, part in enumerate(parts):
            ref = Ref(parts[0], tuple(parts[1 : index + 1]))
            site = Site(target.lineno - 1, start, start + len(part), ref, scope)
            self.analysis.sites.setdefault(target.lineno - 1, []).append(site)
            start += len(part) + 1

    def _bind_parameters(self, args: ast.arguments, inner: int, outer: int, owner: str | None, line: int) -> None:
        positional = [*args.posonlyargs, *args.args]
        every = [*positional, *args.kwonlyargs, *(a for a in (args.vararg, args.kwarg) if a is not None)]
        for arg in every:
            ref = dotted_ref(arg.annotation) if arg.annotation is not None else None
            if ref is not None:
                binding = Binding(line, "annotation", ref=ref, scope=outer)
            elif owner is not None and positional and arg is positional[0]:
                binding = Binding(line, "annotation", ref=Ref(owner), scope=outer)  # `self` is the class
            else:
                binding = Binding(line, "local")
            self.analysis.bind(inner, arg.arg, binding)

    def _import(self, node: ast.Import, scope: int, owner: str | None = None) -> list[tuple[ast.AST, int, str | None]]:
        self.analysis.imports.append(node)
        for alias in node.names:
            line = node.lineno - 1
            if alias.asname:
                self.analysis.bind(scope, alias.asname, Binding(line, "import", target=alias.name))
            else:
                head = alias.name.split(".")[0]
                self.analysis.bind(scope, head, Binding(line, "import", target=head))
            offset = alias.col_offset
            path = ""
            for part in alias.name.split("."):
                path = f"{path}.{part}" if path else part
                width = len(part.encode("utf-8"))
                self._site(alias.lineno, offset, offset + width, Ref(path, absolute=True), scope)
                offset += width + 1
        return []

    def _import_from(self, node: ast.ImportFrom, scope: int, owner: str | None = None) -> list[tuple[ast.AST, int, str | None]]:
        self.analysis.imports.append(node)
        line = node.lineno - 1
        for alias in node.names:
            if alias.name == "*":
                continue
            name = alias.asname or alias.name
            if node.level or not node.module:
                self.analysis.bind(scope, name, Binding(line, "local"))  # a relative import: the project's own code
                continue
            target = f"{node.module}.{alias.name}"
            self.analysis.bind(scope, name, Binding(line, "import", target=target))
            width = len(alias.name.encode("utf-8"))
            self._site(alias.lineno, alias.col_offset, alias.col_offset + width, Ref(target, absolute=True), scope)
        return []


_FIELDS: dict[type, tuple[str, ...]] = {}


def _children(node: ast.AST) -> list[ast.AST]:
    """The child nodes of ``node`` in field order (like `ast.iter_child_nodes`, without load/store markers)."""
    kind = type(node)
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = _FIELDS[kind] = tuple(name for name in kind._fields if name != "ctx")
    found: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            found.extend(item for item in value if isinstance(item, ast.AST))
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


def _defaults(args: ast.arguments) -> list[ast.AST]:
    return [*args.defaults, *(d for d in args.kw_defaults if d is not None)]


def _annotations(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.AST]:
    args = node.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, *(a for a in (args.vararg, args.kwarg) if a is not None)]
    found: list[ast.AST] = [arg.annotation for arg in every if arg.annotation is not None]
    if node.returns is not None:
        found.append(node.returns)
    return found
