"""Evaluate settings expressions without running them.

:class:`Evaluator` models a closed set of expressions: literals and containers, names and
attributes, subscripts, arithmetic and string operations on known values, comparisons (with
``"NAME" in os.environ``), boolean and conditional expressions, comprehensions over known items,
``:=``, lambdas, and calls. A call to the project's own helper functions is interpreted by
:mod:`.functions`; every other call it models (builtins, str and container methods, pure parsers,
the ways settings read the environment) is handled by the mixin it inherits from :mod:`.calls`.
References to modules and functions, and the helpers on evaluated data, are in :mod:`.refs`.
Anything else evaluates to :data:`~.values.UNKNOWN` with a reason: the audit reports what it
cannot know instead of guessing.
"""

from __future__ import annotations

import ast
import operator
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from . import environment as envmod
from .calls import BUILTINS, CONTAINER_METHODS, ITERATING, STR_METHODS, CallHandlers
from .environment import EnvReader
from .refs import (
    MAX_COMPREHENSION,
    MAX_SEQUENCE,
    FunctionDefinition,
    Ref,
    as_item,
    bind_target,
    known_constant,
    opaque,
    truth,
)
from .values import UNKNOWN, UNKNOWN_REST, Origin, Value, is_unknown, merge_env

BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Mod: operator.mod, ast.BitOr: operator.or_, ast.FloorDiv: operator.floordiv,
    ast.Pow: operator.pow,
}
COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Is: operator.is_, ast.IsNot: operator.is_not,
    ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
}


class Evaluator(CallHandlers):
    """Evaluates expressions of one module against its namespace and the audit profile."""

    def __init__(self, namespace: MutableMapping[str, Value], profile: Mapping[str, str],
                 rel: str) -> None:
        self.namespace = namespace
        self.profile = profile
        self.rel = rel
        self.depth = 0
        """How many project helper calls are being interpreted (see :mod:`.functions`)."""
        self.required: Mapping[str, str] = {}
        """Variables the settings stop without (name → why), see the interpreter's ``raise``."""
        self.modules: Callable[[str], MutableMapping[str, Value] | None] | None = None
        """The namespace of a project module by dotted name (the resolver runs it), or None."""

    def _lookup(self, name: Any, default: Value | None, origin: Origin) -> Value:
        return envmod.lookup(self.profile, name, default, origin, self.required)

    def _is_present(self, name: str, origin: Origin) -> Value:
        return envmod.is_present(self.profile, name, origin, self.required)

    def scoped(self, local: dict[str, Value], rel: str | None = None,
               outer: MutableMapping[str, Value] | None = None) -> Evaluator:
        """An evaluator for an inner scope (a comprehension, a function body)."""
        child = Evaluator(ChainMap(local, self.namespace if outer is None else outer),
                          self.profile, rel or self.rel)
        child.depth = self.depth
        child.required = self.required
        child.modules = self.modules
        return child

    def origin(self, node: ast.AST) -> Origin:
        return Origin(self.rel, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)

    def unknown(self, node: ast.AST, reason: str, *parts: Value) -> Value:
        return Value(UNKNOWN, self.origin(node), env=merge_env(parts), reason=reason)

    def eval(self, node: ast.expr) -> Value:
        method = getattr(self, f"_eval_{type(node).__name__}", None)
        if method is None:
            return self.unknown(node, f"uses a {type(node).__name__} expression")
        try:
            value: Value = method(node)
        except RecursionError:
            return self.unknown(node, "expression too deeply nested")
        return value

    # literals and containers ---------------------------------------------------------------
    def _eval_Constant(self, node: ast.Constant) -> Value:
        return Value(node.value, self.origin(node), hardcoded=True)

    def _eval_JoinedStr(self, node: ast.JoinedStr) -> Value:
        parts = [self.eval(v.value) if isinstance(v, ast.FormattedValue) else self.eval(v)
                 for v in node.values]
        if any(opaque(p.data) for p in parts):
            return self.unknown(node, "f-string with a part that cannot be known", *parts)
        return self._combine(node, "".join(str(p.data) for p in parts), parts)

    def _sequence(self, node: ast.List | ast.Tuple | ast.Set) -> tuple[list[Any], list[Value]]:
        items: list[Any] = []
        parts: list[Value] = []
        for element in node.elts:
            if isinstance(element, ast.Starred):
                inner = self.eval(element.value)
                parts.append(inner)
                if isinstance(inner.data, (list, tuple, set)):
                    items.extend(inner.data)
                else:
                    items.append(UNKNOWN_REST)
                continue
            value = self.eval(element)
            parts.append(value)
            items.append(as_item(value.data))
        return items, parts

    def _eval_List(self, node: ast.List) -> Value:
        items, parts = self._sequence(node)
        return self._combine(node, items, parts)

    def _eval_Tuple(self, node: ast.Tuple) -> Value:
        items, parts = self._sequence(node)
        return self._combine(node, tuple(items), parts)

    def _eval_Set(self, node: ast.Set) -> Value:
        items, parts = self._sequence(node)
        try:
            return self._combine(node, set(items), parts)
        except TypeError:
            return self.unknown(node, "set of unhashable items", *parts)

    def _eval_Dict(self, node: ast.Dict) -> Value:
        data: dict[Any, Any] = {}
        leaves: dict[tuple[Any, ...], Value] = {}
        parts: list[Value] = []
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            value = self.eval(value_node)
            parts.append(value)
            if key_node is None:
                if not isinstance(value.data, dict):
                    return self.unknown(node, "merges in a dict that cannot be known", *parts)
                data.update(value.data)
                leaves.update(value.leaves)
                continue
            key = self.eval(key_node)
            if opaque(key.data) or isinstance(key.data, (list, dict, set)):
                return self.unknown(node, "has a key that cannot be known", *parts, key)
            data[key.data] = as_item(value.data)
            leaves[(key.data,)] = value
            leaves.update({(key.data, *path): leaf for path, leaf in value.leaves.items()})
        combined = self._combine(node, data, parts)
        return combined.with_data(data, leaves=leaves)

    def _combine(self, node: ast.AST, data: Any, parts: list[Value]) -> Value:
        hardcoded = all(p.hardcoded for p in parts) if parts else True
        return Value(data, self.origin(node), env=merge_env(parts), hardcoded=hardcoded)

    def _eval_NamedExpr(self, node: ast.NamedExpr) -> Value:
        value = self.eval(node.value)
        self.namespace[node.target.id] = value
        return value

    # comprehensions --------------------------------------------------------------------------
    def _eval_ListComp(self, node: ast.ListComp) -> Value:
        return self._comprehension(node, list)

    def _eval_SetComp(self, node: ast.SetComp) -> Value:
        return self._comprehension(node, set)

    def _eval_GeneratorExp(self, node: ast.GeneratorExp) -> Value:
        return self._comprehension(node, list)

    def _eval_DictComp(self, node: ast.DictComp) -> Value:
        return self._comprehension(node, dict)

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
                       kind: type) -> Value:
        """Unrolled over known items; unknown when an iterable or a filter cannot be known."""
        items: list[Any] = []
        parts: list[Value] = []
        scopes: list[dict[str, Value]] = [{}]
        for generator in node.generators:
            if generator.is_async:
                return self.unknown(node, "an async comprehension")
            expanded: list[dict[str, Value]] = []
            for scope in scopes:
                inner = self.scoped(scope)
                iterable = inner.eval(generator.iter)
                parts.append(iterable)
                data = iterable.data
                if isinstance(data, dict):
                    data = list(data)
                if isinstance(data, (list, tuple, set, frozenset, str)) \
                        and len(data) > MAX_COMPREHENSION:
                    return self.unknown(node, "a comprehension over too many items", *parts)
                if not isinstance(data, (list, tuple, set, frozenset, str)) or any(
                        is_unknown(x) for x in data):
                    return self.unknown(node, "a comprehension over values that cannot be known",
                                        *parts)
                for item in data:
                    bound = dict(scope)
                    if not bind_target(generator.target, iterable.with_data(item), bound):
                        return self.unknown(node, "a comprehension target it cannot unpack",
                                            *parts)
                    keep = True
                    for condition in generator.ifs:
                        test = self.scoped(bound).eval(condition)
                        parts.append(test)
                        decided = truth(test.data)
                        if decided is None:
                            return self.unknown(node, "a comprehension filter that cannot be "
                                                "known", *parts)
                        keep = keep and decided
                        if not keep:
                            break
                    if keep:
                        expanded.append(bound)
                    if len(expanded) > MAX_COMPREHENSION:
                        return self.unknown(node, "a comprehension over too many items", *parts)
            scopes = expanded
        for scope in scopes:
            inner = self.scoped(scope)
            if isinstance(node, ast.DictComp):
                key, value = inner.eval(node.key), inner.eval(node.value)
                parts.extend((key, value))
                if opaque(key.data) or isinstance(key.data, (list, dict, set)):
                    return self.unknown(node, "a dict comprehension with a key that cannot be "
                                        "known", *parts)
                items.append((key.data, as_item(value.data)))
            else:
                element = inner.eval(node.elt)
                parts.append(element)
                items.append(as_item(element.data))
        try:
            data = kind(items)
        except TypeError:
            return self.unknown(node, "a comprehension of unhashable items", *parts)
        return self._combine(node, data, parts)

    # names and attributes ------------------------------------------------------------------
    def _eval_Name(self, node: ast.Name) -> Value:
        if node.id in self.namespace:
            found = self.namespace[node.id]
            if isinstance(found.data, Ref) and known_constant(found.data.path) is not None:
                return Value(known_constant(found.data.path), self.origin(node), hardcoded=True)
            return found
        if node.id in BUILTINS or node.id in ITERATING or node.id == "getattr":
            return Value(Ref(f"builtins.{node.id}"), self.origin(node))
        return self.unknown(node, f"uses {node.id}, which is not defined in the settings")

    def _eval_Attribute(self, node: ast.Attribute) -> Value:
        base = self.eval(node.value)
        data = base.data
        if isinstance(data, Ref):
            constant = known_constant(f"{data.path}.{node.attr}")
            if constant is not None:
                return Value(constant, self.origin(node), hardcoded=True)
            if data.bound is None and self.modules is not None:
                # `import mysite.helpers` / `from . import helpers`: a project module's name
                namespace = self.modules(data.path)
                if namespace is not None and node.attr in namespace:
                    return namespace[node.attr]
            return base.with_data(Ref(f"{data.path}.{node.attr}", data.bound))
        if isinstance(data, EnvReader):
            return base.with_data(Ref(f"environ.reader.{node.attr}", data))
        if isinstance(data, str) and node.attr in STR_METHODS:
            return base.with_data(Ref(f"str.{node.attr}", data))
        kind = _container_kind(data)
        if kind is not None and node.attr in CONTAINER_METHODS[kind]:
            return base.with_data(Ref(f"{kind}.{node.attr}", data))
        return self.unknown(node, f"reads attribute .{node.attr}", base)

    def _eval_Subscript(self, node: ast.Subscript) -> Value:
        base = self.eval(node.value)
        if isinstance(base.data, Ref) and base.data.path == "os.environ":
            key = self.eval(node.slice)
            return self._lookup(key.data, None, self.origin(node))
        key = self.eval(node.slice)
        if opaque(base.data) or opaque(key.data):
            return self.unknown(node, "indexes a value that cannot be known", base, key)
        if isinstance(base.data, dict) and not isinstance(key.data, (list, dict, set)):
            if (key.data,) in base.leaves:
                return base.leaves[(key.data,)]
            if key.data in base.data:
                return base.leaf(key.data)
            return self.unknown(node, f"key {key.data!r} is not set", base)
        try:
            return self._combine(node, base.data[key.data], [base, key])
        except (TypeError, IndexError, KeyError):
            return self.unknown(node, "indexes a value that cannot be known", base, key)

    # operators -----------------------------------------------------------------------------
    def _eval_BinOp(self, node: ast.BinOp) -> Value:
        left, right = self.eval(node.left), self.eval(node.right)
        func = BINARY.get(type(node.op))
        if func is None or opaque(left.data) or opaque(right.data):
            if isinstance(node.op, ast.Add) and isinstance(left.data, list):
                return self._combine(node, [*left.data, UNKNOWN_REST], [left, right])
            return self.unknown(node, "computes with a value that cannot be known", left, right)
        if isinstance(node.op, ast.Mult) and _too_big(left.data, right.data):
            return self.unknown(node, "builds a very large value", left, right)
        try:
            result = func(left.data, right.data)
        except Exception:  # noqa: BLE001 - any failure of the modelled operation
            return self.unknown(node, "an operation that fails on these values", left, right)
        value = self._combine(node, result, [left, right])
        if isinstance(node.op, ast.BitOr) and isinstance(result, dict):
            return value.with_data(result, leaves={**left.leaves, **right.leaves})
        return value

    def _eval_UnaryOp(self, node: ast.UnaryOp) -> Value:
        operand = self.eval(node.operand)
        if opaque(operand.data):
            return self.unknown(node, "negates a value that cannot be known", operand)
        ops: dict[type[ast.unaryop], Callable[[Any], Any]] = {
            ast.Not: operator.not_, ast.USub: operator.neg, ast.UAdd: operator.pos,
            ast.Invert: operator.invert}
        try:
            return self._combine(node, ops[type(node.op)](operand.data), [operand])
        except Exception:  # noqa: BLE001
            return self.unknown(node, "an operation that fails on this value", operand)

    def _eval_BoolOp(self, node: ast.BoolOp) -> Value:
        seen: list[Value] = []
        for element in node.values:
            value = self.eval(element)
            seen.append(value)
            decided = truth(value.data)
            if decided is None:
                return self.unknown(node, "a condition that cannot be known", *seen)
            if decided is isinstance(node.op, ast.Or):
                return self._combine(node, value.data, seen)
        return self._combine(node, seen[-1].data, seen)

    def _eval_Compare(self, node: ast.Compare) -> Value:
        left = self.eval(node.left)
        seen = [left]
        result: Any = True
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = self.eval(comparator)
            seen.append(right)
            if _is_argv(right.data) and isinstance(op, (ast.In, ast.NotIn)):
                result = result and isinstance(op, ast.NotIn)  # production: not a test run
                left = right
                continue
            if _is_environ(right.data) and isinstance(op, (ast.In, ast.NotIn)) \
                    and isinstance(left.data, str):
                present = self._is_present(left.data, self.origin(node))
                seen.append(present)
                result = result and (present.data is isinstance(op, ast.In))
                left = right
                continue
            if opaque(left.data) or opaque(right.data):
                return self.unknown(node, "a comparison with a value that cannot be known", *seen)
            try:
                result = result and COMPARE[type(op)](left.data, right.data)
            except Exception:  # noqa: BLE001
                return self.unknown(node, "a comparison that fails on these values", *seen)
            left = right
        return self._combine(node, bool(result), seen)

    def _eval_IfExp(self, node: ast.IfExp) -> Value:
        test = self.eval(node.test)
        decided = truth(test.data)
        if decided is None:
            body, orelse = self.eval(node.body), self.eval(node.orelse)
            if not opaque(body.data) and body.data == orelse.data:
                return body
            return self.unknown(node, "a conditional expression that cannot be decided",
                                test, body, orelse)
        chosen = self.eval(node.body if decided else node.orelse)
        return chosen.with_data(chosen.data, env=merge_env([chosen, test]))

    # calls ---------------------------------------------------------------------------------
    def _eval_Call(self, node: ast.Call) -> Value:
        callee = self.eval(node.func)
        ref = callee.data
        if isinstance(ref, EnvReader):
            ref = Ref("environ.reader", ref)
        args = [self.eval(a) for a in node.args if not isinstance(a, ast.Starred)]
        if not isinstance(ref, Ref):
            return self.unknown(node, f"calls {ast.unparse(node.func)}()", *args)
        kwargs = self._keywords(node)
        if isinstance(ref.bound, FunctionDefinition) and ref.bound.path == ref.path:
            from .functions import call_function  # noqa: PLC0415 - functions imports this module

            return call_function(self, ref.bound, node, args, kwargs)
        handler = self._call_handler(ref.path)
        if handler is None:
            return self.unknown(node, f"calls {ast.unparse(node.func)}()", *args)
        return handler(node, ref, args, kwargs)

    def _eval_Lambda(self, node: ast.Lambda) -> Value:
        """A lambda is a one-``return`` function (``cast=lambda v: v.lower() == "true"``)."""
        body: list[ast.stmt] = [ast.Return(value=node.body)]
        function = ast.FunctionDef(name="<lambda>", args=node.args, body=body,
                                   decorator_list=[], returns=None)
        ast.copy_location(function, node)
        ast.fix_missing_locations(function)
        path = f"{self.rel}:{node.lineno}:{node.col_offset}:<lambda>"
        defaults = tuple(self.eval(d) for d in node.args.defaults)
        kw_defaults = tuple(None if d is None else self.eval(d) for d in node.args.kw_defaults)
        definition = FunctionDefinition(path, function, self.namespace, self.rel, defaults,
                                        kw_defaults)
        return Value(Ref(path, definition), self.origin(node))

    def apply(self, function: Value, argument: Value, node: ast.Call) -> Value | None:
        """``function(argument)`` for a callable the audit models, else None."""
        ref = function.data
        if not isinstance(ref, Ref):
            return None
        if isinstance(ref.bound, FunctionDefinition) and ref.bound.path == ref.path:
            from .functions import call_function  # noqa: PLC0415 - functions imports this module

            return call_function(self, ref.bound, node, [argument], {})
        name = ref.path.removeprefix("builtins.")
        if is_unknown(argument.data) or opaque(argument.data):
            return None
        try:
            if ref.path.startswith("builtins.") and name in BUILTINS:
                result = BUILTINS[name](argument.data)
            elif ref.path.startswith("builtins.str.") and isinstance(argument.data, str) \
                    and name[4:] in STR_METHODS:
                result = STR_METHODS[name[4:]](argument.data)
            else:
                return None
        except Exception:  # noqa: BLE001 - any failure of the modelled operation
            return None
        return self._combine(node, result, [argument])


def _is_argv(data: Any) -> bool:
    return isinstance(data, Ref) and data.path == "sys.argv"


def _container_kind(data: Any) -> str | None:
    if isinstance(data, list):
        return "list"
    if isinstance(data, tuple):
        return "tuple"
    if isinstance(data, dict):
        return "dict"
    return None


def _is_environ(data: Any) -> bool:
    return isinstance(data, Ref) and data.path == "os.environ"


def _too_big(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count > MAX_SEQUENCE
    return False
