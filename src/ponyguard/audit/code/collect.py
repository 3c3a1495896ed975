"""Phase 1: one module's tree → its :class:`~ponyguard.audit.code.facts.ModuleFacts`.

Module-level names (imports, constants, variables, defs), classes (bases, attributes such as
``form_class``, form/serializer fields, ``Meta.fields``), a summary of every function and
method (nested ones too), the calls each makes into the project, and URL routes.
"""

from __future__ import annotations

import ast
import contextlib
import re

from ..source import SourceFile
from ..taint.engine import Analysis, analyze
from ..taint.expressions import Evaluator
from ..taint.sanitizers import is_escape_table
from ..taint.scope import (
    FunctionInfo,
    FunctionNode,
    ModuleScope,
    decorator_names,
    is_method,
    method_names,
)
from ..taint.values import UNKNOWN, Value, data, join, origin_order, unknown
from .facts import CallSite, ClassFacts, FunctionSummary, ModuleFacts, Param
from .names import import_bindings, is_literal, module_statements, package_of, short
from .routes import collect_routes

MAX_NESTING = 4
FORM_NAME = re.compile(r"(?<![A-Za-z0-9_])[A-Z][A-Za-z0-9_]*Form(?![A-Za-z0-9_])")
"""A form class's name, as the text mentions it (``PageAdminForm``, ``"ProfileForm"``)."""


def module_label(module: str | None, rel: str) -> str:
    """The dotted name used for a module's functions (``<rel>`` when it is not importable)."""
    return module or f"<{rel}>"


def collect(source: SourceFile, module: str | None, packages: frozenset[str]) -> ModuleFacts:
    """Facts of one file; a file that cannot be read or parsed gets only its problem."""
    facts = ModuleFacts(rel=source.rel, module=module, digest=source.digest)
    tree = source.tree
    if tree is None:
        kind = source.problem_kind or "unreadable"
        facts.problem = (kind, source.problem or "not audited", source.problem_line)
        return facts
    scope = module_scope(tree, source.rel, module, packages)
    text = source.text or ""
    facts.mentions = frozenset(FORM_NAME.findall(text)) if "Form" in text else frozenset()
    facts.imports, facts.constants, facts.globals = scope.aliases, scope.constants, scope.globals
    facts.defs, facts.escape_tables = scope.defs, scope.escape_tables
    calls: dict[int, CallSite] = {}
    for statement in module_statements(tree.body):
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _function(facts, scope, statement, f"{scope.module}.{statement.name}", None, calls, 0)
        elif isinstance(statement, ast.ClassDef):
            _class(facts, scope, statement, f"{scope.module}.{statement.name}", calls)
    _module_calls(scope, tree.body, calls)
    facts.calls = list(calls.values())
    facts.routes, facts.includes = collect_routes(tree, scope)
    return facts


def _module_calls(scope: ModuleScope, body: list[ast.stmt],
                  calls: dict[int, CallSite]) -> None:
    """The calls module-level code makes into the project (``policy = OwnershipPolicy(Image,
    owner_field_name="uploaded_by")``): callers too, for the parameters of the callees."""
    with contextlib.suppress(RecursionError):  # too deep to follow: its calls are not linked
        analyze(scope, FunctionInfo(scope.module), body, calls=calls)


def module_scope(tree: ast.Module, rel: str, module: str | None,
                 packages: frozenset[str]) -> ModuleScope:
    """The module-level names of ``tree``."""
    label = module_label(module, rel)
    package = package_of(module, rel)
    aliases: dict[str, str] = {}
    defs: dict[str, str] = {}
    literal: set[str] = set()
    other: set[str] = set()
    tables: set[str] = set()
    bound: set[str] = set()
    for statement in module_statements(tree.body):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            aliases.update(import_bindings(statement, package))
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defs[statement.name] = f"{label}.{statement.name}"
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) \
                else [statement.target]
            value = statement.value
            simple = value is not None and is_literal(value) \
                and not isinstance(statement, ast.AugAssign)
            mutable = isinstance(value, (ast.List, ast.Dict, ast.Set))
            for target in targets:
                for name in _names(target):
                    constant = simple and (not mutable or name.isupper())
                    (literal if constant else other).add(name)
                    if name in bound:
                        tables.discard(name)  # rebound: which table is used is not known
                    elif isinstance(target, ast.Name) and value is not None \
                            and not isinstance(statement, ast.AugAssign) \
                            and is_escape_table(value, aliases):
                        tables.add(name)
                    bound.add(name)
        elif isinstance(statement, (ast.For, ast.AsyncFor)):
            other.update(_names(statement.target))
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            for item in statement.items:
                if item.optional_vars is not None:
                    other.update(_names(item.optional_vars))
    for name in aliases:
        defs.pop(name, None)
    return ModuleScope(rel, label, aliases, frozenset(literal - other), frozenset(other),
                       defs, packages, frozenset(tables))


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for element in target.elts for n in _names(element)]
    if isinstance(target, ast.Starred):
        return _names(target.value)
    return []


def _function(facts: ModuleFacts, scope: ModuleScope, node: FunctionNode, qualname: str,
              cls: ClassFacts | None, calls: dict[int, CallSite],
              depth: int, methods: tuple[str, ...] = ()) -> dict[str, Value]:
    """Summarise a function (and the functions nested in it); return what it assigns to
    ``self.<name>``."""
    info = FunctionInfo(qualname, node, cls.qualname if cls else None,
                        cls.bases if cls else (), is_method(node, scope, cls is not None),
                        methods)
    try:
        result = analyze(scope, info, calls=calls)
    except RecursionError:  # an expression too deep to follow: its value is unknown
        result = Analysis(info, Evaluator(scope, info))
        result.returns = unknown("a value nested too deeply to analyse", scope.rel, node.lineno)
    facts.functions[qualname] = FunctionSummary(
        qualname, scope.rel, node.lineno, _params(node), compact(result.returns), info.is_method,
        decorator_names(node, scope), decorator_args(node.decorator_list, scope))
    if depth < MAX_NESTING:
        for nested in result.nested:
            _function(facts, scope, nested, f"{qualname}.<locals>.{nested.name}", None, calls,
                      depth + 1)
    return result.attributes


def compact(value: Value) -> Value:
    """A return value as stored in a summary: one unknown origin is as good as many that are
    sanitised for the same sinks (or more). The one kept is the first in a fixed order."""
    value = data(value)
    unknowns = [o for o in value.origins if o.kind == UNKNOWN]
    if len(unknowns) <= 1:
        return value
    kinds = {o.sanitized for o in unknowns}
    weakest = {k for k in kinds if not any(other < k for other in kinds)}
    keep = {min((o for o in unknowns if o.sanitized == k), key=origin_order) for k in weakest}
    return Value(frozenset(o for o in value.origins if o.kind != UNKNOWN or o in keep))


def _params(node: FunctionNode) -> tuple[Param, ...]:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    first_default = len(positional) - len(args.defaults)
    params = [Param(a.arg, "positional", i >= first_default) for i, a in enumerate(positional)]
    if args.vararg is not None:
        params.append(Param(args.vararg.arg, "varargs", True))
    params.extend(Param(a.arg, "keyword", d is not None)
                  for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True))
    if args.kwarg is not None:
        params.append(Param(args.kwarg.arg, "varkw", True))
    return tuple(params)


def _class(facts: ModuleFacts, scope: ModuleScope, node: ast.ClassDef, qualname: str,
           calls: dict[int, CallSite]) -> None:
    bases = tuple(scope.dotted(b) or short(b, 80) for b in node.bases)
    attrs: list[tuple[str, str]] = []
    fields: list[tuple[str, str]] = []
    name_lists: list[tuple[str, tuple[str, ...]]] = []
    relations: list[tuple[str, str]] = []
    meta_fields: tuple[str, ...] | None = None
    for statement in node.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) \
                else [statement.target]
            value = statement.value
            for name in (n for t in targets for n in _names(t)):
                if isinstance(value, (ast.Name, ast.Attribute)):
                    attrs.append((name, scope.dotted(value) or short(value, 80)))
                elif isinstance(value, ast.Call):
                    callee = scope.dotted(value.func) or short(value.func, 80)
                    fields.append((name, callee))
                    if callee.rsplit(".", 1)[-1] in RELATION_FIELDS:
                        relations.append((name, _relation_target(value, scope)))
                elif isinstance(value, (ast.List, ast.Tuple)) and not any(
                        isinstance(e, ast.Constant) for e in value.elts):
                    name_lists.append((name, tuple(scope.dotted(e) or short(e, 80)
                                                   for e in value.elts)))
        elif isinstance(statement, ast.ClassDef):
            if statement.name == "Meta":
                meta_fields = _meta_fields(statement)
            _class(facts, scope, statement, f"{qualname}.{statement.name}", calls)
    cls = ClassFacts(qualname, scope.rel, node.lineno, bases, tuple(attrs), tuple(fields),
                     meta_fields, _class_decorators(node, scope),
                     decorator_args(node.decorator_list, scope), tuple(name_lists),
                     tuple(relations))
    facts.classes[qualname] = cls
    attributes = _class_attributes(node, scope, qualname, calls)
    methods = method_names(node)
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assigned = _function(facts, scope, statement, f"{qualname}.{statement.name}", cls,
                                 calls, 0, methods)
            for name, found in assigned.items():
                known = attributes.get(name)
                attributes[name] = found if known is None else join(known, found)
    if attributes:
        facts.attributes[qualname] = attributes


def _class_attributes(node: ast.ClassDef, scope: ModuleScope, qualname: str,
                      calls: dict[int, CallSite]) -> dict[str, Value]:
    """Values bound in the class body (``success_url = reverse_lazy("done")``)."""
    evaluator = Evaluator(scope, FunctionInfo(qualname), calls)
    found: dict[str, Value] = {}
    for statement in node.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) \
                else [statement.target]
            try:
                value = data(evaluator.eval(statement.value, {}))
            except RecursionError:
                value = unknown("a value nested too deeply to analyse", scope.rel,
                                statement.lineno)
            for name in (n for t in targets for n in _names(t)):
                found[name] = value
    return found


RELATION_FIELDS = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField", "ParentalKey",
                             "ParentalManyToManyField"})


def decorator_args(decorators: list[ast.expr], scope: ModuleScope) -> tuple[str, ...]:
    """Dotted names passed to decorator calls, list and tuple items and nested calls'
    functions included (``method_decorator(permission_required("x"))`` →
    ``permission_required``)."""
    found: list[str] = []
    pending = [arg for d in decorators if isinstance(d, ast.Call)
               for arg in (*d.args, *(k.value for k in d.keywords))]
    while pending:
        arg = pending.pop(0)
        if isinstance(arg, (ast.List, ast.Tuple)):
            pending.extend(arg.elts)
        elif isinstance(arg, ast.Call):
            pending.append(arg.func)
        elif isinstance(arg, (ast.Name, ast.Attribute)):
            name = scope.dotted(arg)
            if name:
                found.append(name)
    return tuple(found)


def _class_decorators(node: ast.ClassDef, scope: ModuleScope) -> tuple[str, ...]:
    names = (scope.dotted(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list)
    return tuple(n for n in names if n)


def _relation_target(call: ast.Call, scope: ModuleScope) -> str:
    """What a ``ForeignKey(...)`` points to: a dotted name, a ``"app.Model"`` text, or ``?``."""
    target = call.args[0] if call.args else next(
        (k.value for k in call.keywords if k.arg == "to"), None)
    if isinstance(target, ast.Constant) and isinstance(target.value, str):
        return target.value
    if isinstance(target, ast.Call):
        name = scope.dotted(target.func)
        return f"{name}()" if name else short(target, 80)
    if isinstance(target, (ast.Name, ast.Attribute)):
        return scope.dotted(target) or short(target, 80)
    return "?"


def _meta_fields(meta: ast.ClassDef) -> tuple[str, ...] | None:
    for statement in meta.body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "fields" for t in statement.targets):
            value = statement.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return (value.value,)
            if isinstance(value, (ast.List, ast.Tuple)) and all(
                    isinstance(e, ast.Constant) for e in value.elts):
                return tuple(str(e.value) for e in value.elts)  # type: ignore[attr-defined]
    return None
