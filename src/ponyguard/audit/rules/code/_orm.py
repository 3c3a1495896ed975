"""What the ORM rules (PG202 orm-filter-injection, PG203 orm-field-injection) share.

* :func:`is_queryset` — whether a receiver is a manager or a queryset (``Model.objects``,
  ``qs``, ``self.get_queryset()``, a chain of queryset methods, a variable bound to one);
* :func:`mapping_keys` — the keys of a mapping unpacked with ``**`` into a call, judged one
  by one where the code that builds the mapping is visible (dict literals, comprehensions,
  ``dict(...)``, a local variable with its ``d[key] = ...``/``d.update(...)``), so that
  request *values* stored under literal keys (``filters["status"] = request.GET["s"]``)
  stay silent while request-chosen *keys* are reported;
* :func:`uses_filtered_relation` — whether ``FilteredRelation`` is built next to a call
  (CVE-2025-57833 makes ``annotate(**...)``/``alias(**...)`` aliases of a
  ``FilteredRelation`` SQL injection, reported by PG202 rather than PG203);
* :func:`flow_at` — ``ctx.flow`` that also binds the variables of the comprehensions
  around an expression (``[Q(**{f"{f}__icontains": q}) for f in FIELDS]``) and honours
  their ``if`` clauses (``[f for f in fields if f in ALLOWED]``), also for a variable bound
  once to such a comprehension (:func:`refined_flow`);
* :func:`code_defined` — model metadata (``model._meta.pk.name``, ``User.USERNAME_FIELD``),
  which is not reported as a name of unknown origin.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ....core.severity import Confidence
from ...context import FileContext
from ...taint.flow import Flow
from ...taint.sanitizers import MUTATORS

MANAGER_HINTS = ("objects", "_default_manager", "_base_manager")
QUERYSET_METHODS = frozenset({
    "all", "filter", "exclude", "using", "order_by", "values", "values_list", "annotate",
    "alias", "select_related", "prefetch_related", "distinct", "none", "defer", "only",
    "select_for_update", "reverse", "complex_filter", "union", "intersection", "difference",
})
QUERYSET_NAME = re.compile(r"(?:^|_)(?:qs|queryset|querysets|objects|manager)$", re.IGNORECASE)
GET_QUERYSET = frozenset({"get_queryset", "get_query_set", "get_base_queryset"})
FILTERED_RELATION = frozenset({
    "django.db.models.FilteredRelation", "django.db.models.query_utils.FilteredRelation",
})
PARSERS = frozenset({
    "json.loads", "json.load", "simplejson.loads", "ujson.loads", "orjson.loads",
    "yaml.safe_load", "yaml.load", "urllib.parse.parse_qs", "urllib.parse.parse_qsl",
    "django.http.QueryDict",
})
"""Calls that turn one string into a mapping: with request data, the keys are the request's."""
WHOLE_MAPPING = re.compile(
    r"^(?:self\.)?request\.(?:GET|POST|data|query_params|COOKIES|headers|META|body|stream|"
    r"FILES)(?:\.(?:dict|copy|items|keys|lists|read)\(\))?$|^(?:self\.)?request\.read\(\)$")
"""Source text of a whole request mapping (not one value read from it)."""
METADATA = re.compile(r"\b_meta\b|\b(?:USERNAME_FIELD|EMAIL_FIELD|get_email_field_name)\b")
"""Model metadata (``model._meta.pk.name``, ``User.USERNAME_FIELD``): names the code defines."""
MAX_DEPTH = 5


def code_defined(expr: ast.expr, flow: Flow, ctx: FileContext) -> bool:
    """An unknown value that is model metadata: not reported as of unknown origin."""
    return flow.unknown and bool(METADATA.search(ctx.snippet(expr, 200))
                                 or METADATA.search(flow.source or ""))


def is_manager_chain(receiver: ast.expr, ctx: FileContext, methods: frozenset[str], *,
                     related: bool = False) -> bool:
    """``Model.objects``/``_default_manager``/``_base_manager``, optionally followed by calls of
    ``methods`` (``Model.objects.filter(...)``); with ``related``, ``obj.items_set`` too."""
    node = receiver
    while True:
        if isinstance(node, ast.Attribute):
            if node.attr in MANAGER_HINTS or (related and node.attr.endswith("_set")):
                return True
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in methods:
            node = node.func.value
        else:
            dotted = ctx.qualname(receiver) or ""
            return any(f".{hint}" in dotted for hint in MANAGER_HINTS)


def is_queryset(receiver: ast.expr, ctx: FileContext, depth: int = 0) -> bool:
    """``Model.objects``, ``Model._default_manager``, ``qs``/``queryset`` variables and
    attributes, ``self.get_queryset()``, queryset method chains and variables bound to one."""
    node = receiver
    while True:
        if isinstance(node, ast.Attribute):
            if node.attr in MANAGER_HINTS or QUERYSET_NAME.search(node.attr):
                return True
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in GET_QUERYSET:
                return True
            if node.func.attr not in QUERYSET_METHODS:
                break
            node = node.func.value
        else:
            break
    if isinstance(node, ast.Name):
        if QUERYSET_NAME.search(node.id):
            return True
        bound = ctx.assigned_value(node) if depth < 3 else None
        if bound is not None and is_queryset(bound, ctx, depth + 1):
            return True
    dotted = ctx.qualname(receiver) or ""
    return any(f".{hint}" in dotted for hint in MANAGER_HINTS)


@dataclass(frozen=True, slots=True)
class Key:
    """A key of an unpacked mapping that is not safe.

    ``seen``: the key expression itself was judged (``expr`` is the key); otherwise the keys
    could not be seen and ``flow`` is that of the whole mapping (``expr``).
    """

    expr: ast.expr
    flow: Flow
    seen: bool

    @property
    def rank(self) -> int:
        """Lower is worse: proven request keys first, then request mappings, then unknown."""
        if self.flow.tainted:
            return 0 if self.seen or _whole(self.flow) else 1
        return 2 if self.seen else 3

    @property
    def confidence(self) -> Confidence:
        """High for request-chosen keys (or a whole request mapping); medium for a mapping
        that holds request data under keys ponyguard cannot see; low for unknown keys."""
        return (Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW, Confidence.LOW)[self.rank]


def _whole(flow: Flow) -> bool:
    return bool(flow.source and WHOLE_MAPPING.match(flow.source))


def worst(keys: list[Key]) -> Key | None:
    """The key to report: the most certain one, the first in the source on ties."""
    return min(keys, key=lambda k: (k.rank, k.expr.lineno, k.expr.col_offset), default=None)


def mapping_keys(mapping: ast.expr, ctx: FileContext, sink: str) -> list[Key]:
    """The keys of ``mapping`` (unpacked with ``**``) that are not safe for ``sink``."""
    return list(_keys(mapping, ctx, sink, frozenset(), 0))


def _keys(node: ast.expr, ctx: FileContext, sink: str, names: frozenset[str],
          depth: int) -> Iterator[Key]:
    if depth > MAX_DEPTH:
        yield from _opaque(node, ctx, sink)
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:
                yield from _keys(value, ctx, sink, names, depth + 1)
            elif not isinstance(key, ast.Constant):
                yield from _key(key, ctx, sink)
    elif isinstance(node, ast.DictComp):
        keys = ast.copy_location(ast.DictComp(key=node.key, value=ast.Constant(None),
                                              generators=node.generators), node)
        flow = flow_at(keys, ctx, sink)
        if not flow.safe:
            yield Key(node.key, flow, True)
    elif isinstance(node, ast.Call):
        yield from _call_keys(node, ctx, sink, names, depth)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        yield from _keys(node.left, ctx, sink, names, depth + 1)
        yield from _keys(node.right, ctx, sink, names, depth + 1)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _keys(value, ctx, sink, names, depth + 1)
    elif isinstance(node, ast.IfExp):
        yield from _keys(node.body, ctx, sink, names, depth + 1)
        yield from _keys(node.orelse, ctx, sink, names, depth + 1)
    elif isinstance(node, ast.Name):
        yield from _name_keys(node, ctx, sink, names, depth)
    elif not isinstance(node, ast.Constant):
        yield from _opaque(node, ctx, sink)


def _call_keys(node: ast.Call, ctx: FileContext, sink: str, names: frozenset[str],
               depth: int) -> Iterator[Key]:
    callee = ctx.qualname(node.func)
    if callee == "dict":
        for arg in node.args:
            yield from _keys(arg.value if isinstance(arg, ast.Starred) else arg, ctx, sink,
                             names, depth + 1)
        for keyword in node.keywords:
            if keyword.arg is None:
                yield from _keys(keyword.value, ctx, sink, names, depth + 1)
    elif isinstance(node.func, ast.Attribute) and node.func.attr == "copy" and not node.args:
        yield from _keys(node.func.value, ctx, sink, names, depth + 1)
    elif callee in PARSERS:
        flow = flow_at(node, ctx, sink)
        if not flow.safe:
            yield Key(node, flow, True)
    else:
        yield from _opaque(node, ctx, sink)


def _key(key: ast.expr, ctx: FileContext, sink: str) -> Iterator[Key]:
    flow = flow_at(key, ctx, sink)
    if not flow.safe and not code_defined(key, flow, ctx):
        yield Key(key, flow, True)


def _opaque(node: ast.expr, ctx: FileContext, sink: str) -> Iterator[Key]:
    flow = flow_at(node, ctx, sink)
    if not flow.safe and not code_defined(node, flow, ctx):
        yield Key(node, flow, False)


def _name_keys(name: ast.Name, ctx: FileContext, sink: str, names: frozenset[str],
               depth: int) -> Iterator[Key]:
    """A local mapping: every way the function fills it."""
    function = ctx.enclosing_function(name)
    if function is None:
        yield from _opaque(name, ctx, sink)
        return
    if name.id in names:
        return
    names = names | {name.id}
    args = function.args
    if args.kwarg is not None and args.kwarg.arg == name.id:
        yield from _varkw_keys(name, function, ctx)
        return
    params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg)
              if a is not None}
    bound = name.id in params
    if bound:  # what callers pass, and below, the keys the function adds
        yield from _opaque(name, ctx, sink)
    for node in _function_nodes(function):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id == name.id:
                    bound = True
                    if node.value is None:
                        continue
                    if isinstance(node, ast.AugAssign) and not isinstance(node.op, ast.BitOr):
                        yield from _opaque(name, ctx, sink)
                    else:
                        yield from _keys(node.value, ctx, sink, names, depth + 1)
                elif isinstance(target, ast.Subscript) and _is(target.value, name):
                    if not isinstance(target.slice, ast.Constant):
                        yield from _key(target.slice, ctx, sink)
                elif _binds(target, name):
                    yield from _opaque(name, ctx, sink)
                    return
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and _is(node.func.value, name):
            yield from _method_keys(node, ctx, sink, names, depth)
        elif isinstance(node, (ast.For, ast.AsyncFor)) and _binds(node.target, name) \
                or isinstance(node, (ast.With, ast.AsyncWith)) and any(
                    item.optional_vars is not None and _binds(item.optional_vars, name)
                    for item in node.items) \
                or isinstance(node, ast.NamedExpr) and node.target.id == name.id \
                or isinstance(node, (ast.Global, ast.Nonlocal)) and name.id in node.names:
            yield from _opaque(name, ctx, sink)
            return
    if not bound:
        yield from _opaque(name, ctx, sink)


def _method_keys(node: ast.Call, ctx: FileContext, sink: str, names: frozenset[str],
                 depth: int) -> Iterator[Key]:
    method = node.func.attr  # type: ignore[attr-defined]
    if method == "update":
        for arg in node.args:
            yield from _keys(arg, ctx, sink, names, depth + 1)
        for keyword in node.keywords:
            if keyword.arg is None:
                yield from _keys(keyword.value, ctx, sink, names, depth + 1)
    elif method in ("setdefault", "__setitem__") and node.args \
            and not isinstance(node.args[0], ast.Constant):
        yield from _key(node.args[0], ctx, sink)


def _varkw_keys(name: ast.Name, function: ast.FunctionDef | ast.AsyncFunctionDef,
                ctx: FileContext) -> Iterator[Key]:
    """``def f(**kwargs): qs.filter(**kwargs)``: the keys are the keyword names of the calls
    to ``f`` — literal, unless a caller unpacks a mapping itself."""
    qualname = ctx.function_qualname(function)
    for site in ctx.index.callers(qualname):
        if site.star:
            text = f"`*`/`**` arguments passed to `{function.name}()`"
            yield Key(name, Flow("unknown", text, site.rel, site.line), False)
            return


def _is(node: ast.expr, name: ast.Name) -> bool:
    return isinstance(node, ast.Name) and node.id == name.id


def _binds(target: ast.expr, name: ast.Name) -> bool:
    """Whether an unpacking target binds ``name`` (``a, name = ...``, ``for name in ...``)."""
    return any(isinstance(n, ast.Name) and n.id == name.id and isinstance(n.ctx, ast.Store)
               for n in ast.walk(target))


def _function_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """Every node of a function body, not those of nested functions, classes or lambdas."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        pending.extend(ast.iter_child_nodes(node))


def uses_filtered_relation(node: ast.AST, ctx: FileContext) -> bool:
    """Whether ``FilteredRelation(...)`` is built in the function around ``node``."""
    function = ctx.enclosing_function(node)
    nodes = _function_nodes(function) if function is not None else ast.walk(node)
    return any(isinstance(n, ast.Call) and ctx.qualname(n.func) in FILTERED_RELATION
               for n in nodes)


COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def refined_flow(expr: ast.expr, ctx: FileContext, sink: str) -> Flow:
    """``ctx.flow(expr, sink)``; for a comprehension (or a variable bound once to one), its
    elements as seen by its ``if`` clauses: ``[f for f in request.GET.getlist("o") if f in
    ALLOWED]`` is safe."""
    if isinstance(expr, ast.Name):
        bound = ctx.assigned_value(expr)
        if isinstance(bound, COMPREHENSIONS) and not _mutated(expr, ctx):
            expr = bound
    if not isinstance(expr, COMPREHENSIONS):
        return ctx.flow(expr, sink)
    tests = [test for generator in expr.generators for test in generator.ifs]
    if not tests:
        return ctx.flow(expr, sink)
    test = tests[0] if len(tests) == 1 else ast.BoolOp(op=ast.And(), values=tests)

    def guarded(element: ast.expr) -> ast.expr:
        return ast.copy_location(ast.IfExp(test=test, body=element,
                                           orelse=ast.Constant(None)), element)

    synthetic: ast.expr
    if isinstance(expr, ast.DictComp):
        synthetic = ast.DictComp(key=guarded(expr.key), value=guarded(expr.value),
                                 generators=expr.generators)
    else:
        synthetic = type(expr)(elt=guarded(expr.elt), generators=expr.generators)
    return ctx.flow(ast.copy_location(synthetic, expr), sink)


def _mutated(name: ast.Name, ctx: FileContext) -> bool:
    """Whether a method such as ``append()`` adds to the variable somewhere in its function."""
    function = ctx.enclosing_function(name)
    return function is None or any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and _is(n.func.value, name)
        and n.func.attr in MUTATORS for n in _function_nodes(function))


def flow_at(expr: ast.expr, ctx: FileContext, sink: str) -> Flow:
    """``ctx.flow(expr, sink)`` where ``expr`` appears: inside a comprehension its variables
    are bound (and its ``if`` clauses refine them) as they are for the element."""
    generators = _generators_around(expr, ctx)
    if not generators:
        return refined_flow(expr, ctx, sink)
    outer, found = generators
    synthetic = ast.copy_location(ast.ListComp(elt=expr, generators=found), outer)
    return refined_flow(synthetic, ctx, sink)


def _generators_around(expr: ast.expr, ctx: FileContext
                       ) -> tuple[ast.expr, list[ast.comprehension]] | None:
    """The outermost comprehension around ``expr`` and the generators in scope at ``expr``
    (compared by position: ``expr`` may be a synthetic copy)."""
    function = ctx.enclosing_function(expr)
    pending: list[ast.AST] = list(function.body if function is not None else ctx.tree.body)
    around: list[ast.expr] = []
    while pending:
        node = pending.pop()
        if hasattr(node, "lineno") and not _within(expr, node) or _same_place(expr, node):
            continue
        if isinstance(node, COMPREHENSIONS):
            around.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                                 ast.Lambda)):
            pending.extend(ast.iter_child_nodes(node))
    if not around:
        return None
    around.sort(key=lambda n: (n.lineno, n.col_offset, -(n.end_lineno or 0),
                               -(n.end_col_offset or 0)))
    found: list[ast.comprehension] = []
    for comprehension in around:
        generators = comprehension.generators  # type: ignore[attr-defined]
        for index, generator in enumerate(generators):
            if _within(expr, generator.iter):
                found.extend(generators[:index])
                break
            if any(_within(expr, part) for part in (generator.target, *generator.ifs)):
                found.extend(generators[:index + 1])
                break
        else:
            found.extend(generators)
    return around[0], found


def _within(inner: ast.AST, outer: ast.AST) -> bool:
    try:
        return (outer.lineno, outer.col_offset) <= (  # type: ignore[attr-defined]
            inner.lineno, inner.col_offset) and (  # type: ignore[attr-defined]
            inner.end_lineno, inner.end_col_offset) <= (  # type: ignore[attr-defined]
            outer.end_lineno, outer.end_col_offset)  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return False


def _same_place(a: ast.AST, b: ast.AST) -> bool:
    return _within(a, b) and _within(b, a)
