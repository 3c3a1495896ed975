"""Evaluate settings expressions without running them.

Only a closed set of operations is modelled: literals and containers, names, arithmetic and
string operations on known values, comparisons, comprehensions over known items, ``:=``, the
common str methods and the reading list/dict methods, pure parsers of environment text
(``ast.literal_eval``, ``json.loads``, ``strtobool``), calls to project helper functions
(:mod:`.functions`), and the ways settings read the environment (``os.environ``, ``os.getenv``,
``"NAME" in os.environ``, django-environ, python-decouple, dj-database-url). Anything else
evaluates to :data:`~.values.UNKNOWN` with a reason: the audit reports what it cannot know
instead of guessing.
"""

from __future__ import annotations

import ast
import json
import operator
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from . import environment as envmod
from .environment import EnvReader
from .values import (
    MISSING,
    UNKNOWN,
    UNKNOWN_REST,
    EnvUse,
    Origin,
    Value,
    is_unknown,
    merge_env,
)

MAX_SEQUENCE = 10_000
"""Larger computed strings or lists are treated as unknown (a guard against `"x" * 10**9`)."""
MAX_COMPREHENSION = 1_000
"""Comprehensions over more items than this are not unrolled."""

STR_METHODS: dict[str, Callable[..., Any]] = {
    "lower": str.lower, "upper": str.upper, "strip": str.strip, "lstrip": str.lstrip,
    "rstrip": str.rstrip, "casefold": str.casefold, "title": str.title,
    "split": str.split, "rsplit": str.rsplit, "startswith": str.startswith,
    "endswith": str.endswith, "replace": str.replace, "format": str.format, "join": str.join,
    "removeprefix": str.removeprefix, "removesuffix": str.removesuffix,
    "encode": lambda s, *a: s,
}
CONTAINER_METHODS: dict[str, frozenset[str]] = {
    "list": frozenset({"index", "count", "copy"}),
    "tuple": frozenset({"index", "count"}),
    "dict": frozenset({"get", "keys", "values", "items", "copy"}),
}
"""Methods that read a list, tuple or dict (the mutating ones are statements, see the resolver)."""
BUILTINS: dict[str, Callable[..., Any]] = {
    "bool": bool, "int": int, "float": float, "str": str, "list": list, "tuple": tuple,
    "set": set, "frozenset": frozenset, "dict": dict, "len": len, "sorted": sorted,
    "any": any, "all": all, "min": min, "max": max, "abs": abs, "round": round,
}
ITERATING = frozenset({"map", "filter"})
"""Builtins that apply a callable to each item (see :meth:`Evaluator.apply`)."""
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


CSP_NONCE = "<CSP_NONCE_SENTINEL>"
"""What ``django.utils.csp.CSP.NONCE`` is; django-csp's ``csp.constants.NONCE`` maps to it too."""
CSP_CONSTANTS = {
    "SELF": "'self'", "NONE": "'none'", "UNSAFE_INLINE": "'unsafe-inline'",
    "UNSAFE_EVAL": "'unsafe-eval'", "UNSAFE_HASHES": "'unsafe-hashes'",
    "STRICT_DYNAMIC": "'strict-dynamic'", "WASM_UNSAFE_EVAL": "'wasm-unsafe-eval'",
    "REPORT_SAMPLE": "'report-sample'", "UNSAFE_ALLOW_REDIRECTS": "'unsafe-allow-redirects'",
    "NONCE": CSP_NONCE,
}
CONSTANT_MODULES = ("django.utils.csp.CSP", "csp.constants")
"""Modules whose constants settings use inside values: their strings are known."""


def known_constant(path: str) -> str | None:
    """The string a constant such as ``django.utils.csp.CSP.SELF`` stands for, if known."""
    module, _, name = path.rpartition(".")
    return CSP_CONSTANTS.get(name) if module in CONSTANT_MODULES else None


@dataclass(frozen=True)
class Ref:
    """A name bound to something other than data: a module, a function, a bound method."""

    path: str
    bound: Any = None


@dataclass(frozen=True, eq=False)
class FunctionDefinition:
    """A project function whose calls :mod:`.functions` interprets; the ``bound`` of its Ref."""

    path: str
    node: ast.FunctionDef
    scope: MutableMapping[str, Value]
    """The namespace of the module that defines it (its globals, looked up at call time)."""
    rel: str
    defaults: tuple[Value, ...] = ()
    kw_defaults: tuple[Value | None, ...] = ()


ENV_GETTERS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})
ENVIRON_CLASSES = frozenset({"environ.Env", "environ.environ.Env", "environ.FileAwareEnv",
                             "environ.environ.FileAwareEnv"})
"""django-environ readers. ``FileAwareEnv`` also reads ``NAME_FILE``; the audit profile
supplies variables, not files, so both behave alike here."""
PARSERS: dict[str, Callable[[str], Any]] = {
    "ast.literal_eval": ast.literal_eval, "json.loads": json.loads,
    "distutils.util.strtobool": envmod.strtobool,
}
"""Pure functions settings apply to environment text (``ast.literal_eval(os.environ.get(...))``)."""
ENVIRON_METHODS = {
    "str": None, "bool": envmod.environ_bool, "int": int, "float": float,
    "list": envmod.split_list, "tuple": lambda d: tuple(envmod.split_list(d)),
    "db": "db", "db_url": "db", "url": None, "path": None, "json": None, "dict": None,
    "cache": None, "cache_url": None, "email": None, "email_url": None,
}


class Evaluator:
    """Evaluates expressions of one module against its namespace and the audit profile."""

    def __init__(self, namespace: MutableMapping[str, Value], profile: Mapping[str, str],
                 rel: str) -> None:
        self.namespace = namespace
        self.profile = profile
        self.rel = rel
        self.depth = 0
        """How many project helper calls are being interpreted (see :mod:`.functions`)."""
        self.required: Mapping[str, str] = {}
        """Variables the settings stop without (name → why), see the resolver's ``raise``."""
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
        if any(_opaque(p.data) for p in parts):
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
            items.append(_as_item(value.data))
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
            if _opaque(key.data) or isinstance(key.data, (list, dict, set)):
                return self.unknown(node, "has a key that cannot be known", *parts, key)
            data[key.data] = _as_item(value.data)
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
                if _opaque(key.data) or isinstance(key.data, (list, dict, set)):
                    return self.unknown(node, "a dict comprehension with a key that cannot be "
                                        "known", *parts)
                items.append((key.data, _as_item(value.data)))
            else:
                element = inner.eval(node.elt)
                parts.append(element)
                items.append(_as_item(element.data))
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
        if _opaque(base.data) or _opaque(key.data):
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
        if func is None or _opaque(left.data) or _opaque(right.data):
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
        if _opaque(operand.data):
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
            if _opaque(left.data) or _opaque(right.data):
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
            if not _opaque(body.data) and body.data == orelse.data:
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
        if is_unknown(argument.data) or _opaque(argument.data):
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

    def _keywords(self, node: ast.Call) -> dict[str, Value]:
        """Keyword arguments, with ``**mapping`` expanded when the mapping is known."""
        kwargs: dict[str, Value] = {}
        for keyword in node.keywords:
            if keyword.arg is not None:
                kwargs[keyword.arg] = self.eval(keyword.value)
                continue
            spread = self.eval(keyword.value)
            if isinstance(spread.data, dict):
                for key in spread.data:
                    if isinstance(key, str):
                        kwargs[key] = spread.leaf(key)
        return kwargs

    def _call_handler(self, path: str) -> Callable[..., Value] | None:
        if path in ENV_GETTERS:
            return self._call_env_get
        if path in PARSERS:
            return self._call_parser
        if path == "builtins.getattr":
            return self._call_getattr
        if path.removeprefix("builtins.") in ITERATING and path.startswith("builtins."):
            return self._call_iterating
        if path.startswith("builtins."):
            return self._call_builtin
        if path.startswith("str."):
            return self._call_str_method
        if path.partition(".")[0] in CONTAINER_METHODS:
            return self._call_container_method
        if path in ENVIRON_CLASSES:
            return self._call_environ_env
        if path == "environ.reader" or path.startswith("environ.reader."):
            return self._call_environ_reader
        if path in {"decouple.config", "decouple.AutoConfig", "decouple.Csv"}:
            return self._call_decouple
        if path in {"dj_database_url.config", "dj_database_url.parse"}:
            return self._call_dj_database_url
        return None

    def _call_env_get(self, node: ast.Call, ref: Ref, args: list[Value],
                      kwargs: dict[str, Value]) -> Value:
        if not args:
            return self.unknown(node, "reads the environment without a variable name")
        default = args[1] if len(args) > 1 else kwargs.get("default")
        if default is None:
            default = Value(None, self.origin(node), hardcoded=True)
        return self._lookup(args[0].data, default, self.origin(node))

    def _call_iterating(self, node: ast.Call, ref: Ref, args: list[Value],
                        kwargs: dict[str, Value]) -> Value:
        """``map(f, items)`` and ``filter(f or None, items)`` over known items, as a list."""
        name = ref.path.removeprefix("builtins.")
        if len(args) != 2 or kwargs or len(node.args) != 2:
            return self.unknown(node, f"calls {name}() with arguments it does not model", *args)
        function, items = args
        data = items.data
        if not isinstance(data, (list, tuple, set, frozenset, str)) or len(data) > \
                MAX_COMPREHENSION or any(is_unknown(item) for item in data):
            return self.unknown(node, f"calls {name}() over values that cannot be known",
                                *args)
        results: list[Any] = []
        parts = [items]
        for item in data:
            if name == "filter" and function.data is None:
                outcome: Value | None = items.with_data(item)
            else:
                outcome = self.apply(function, items.with_data(item), node)
            if outcome is None or is_unknown(outcome.data) or _opaque(outcome.data):
                return self.unknown(node, f"calls {name}() with a function the audit does not "
                                    "model", *args)
            parts.append(outcome)
            if name == "map":
                results.append(outcome.data)
            else:
                keep = truth(outcome.data)
                if keep is None:
                    return self.unknown(node, "calls filter() with a test that cannot be known",
                                        *args)
                if keep:
                    results.append(item)
        return self._combine(node, results, parts)

    def _call_getattr(self, node: ast.Call, ref: Ref, args: list[Value],
                      kwargs: dict[str, Value]) -> Value:
        """``getattr(configuration, "NAME", default)`` on an object the audit cannot see.

        NetBox-style settings read a user's configuration module this way. Like an unset
        environment variable, the attribute is taken as absent, so the code's default decides,
        and the dependence is recorded as ``configuration.NAME`` ("unless configuration.NAME
        is set").
        """
        if len(args) != 3 or kwargs or not isinstance(args[1].data, str) \
                or args[0].data is not UNKNOWN:
            return self.unknown(node, "calls getattr()", *args)
        label = f"{ast.unparse(node.args[0])}.{args[1].data}"
        default = args[2]
        return Value(default.data, self.origin(node),
                     env=(EnvUse(label, False, default.data), *default.env),
                     hardcoded=default.hardcoded, leaves=default.leaves, reason=default.reason)

    def _call_parser(self, node: ast.Call, ref: Ref, args: list[Value],
                     kwargs: dict[str, Value]) -> Value:
        if len(args) != 1 or kwargs or not isinstance(args[0].data, str):
            return self.unknown(node, f"calls {ref.path}() on a value that cannot be known",
                                *args)
        if len(args[0].data) > MAX_SEQUENCE:
            return self.unknown(node, f"calls {ref.path}() on a very large value", *args)
        try:
            result = PARSERS[ref.path](args[0].data)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return self.unknown(node, f"{ref.path}() fails on this value", *args)
        return self._combine(node, result, args)

    def _call_builtin(self, node: ast.Call, ref: Ref, args: list[Value],
                      kwargs: dict[str, Value]) -> Value:
        func = BUILTINS[ref.path.removeprefix("builtins.")]
        if kwargs or any(_opaque(a.data) for a in args):
            return self.unknown(node, f"calls {ref.path[9:]}() on a value that cannot be known",
                                *args)
        try:
            return self._combine(node, func(*(a.data for a in args)), args)
        except Exception:  # noqa: BLE001
            return self.unknown(node, f"{ref.path[9:]}() fails on this value", *args)

    def _call_str_method(self, node: ast.Call, ref: Ref, args: list[Value],
                         kwargs: dict[str, Value]) -> Value:
        receiver = Value(ref.bound, hardcoded=True)
        parts = [*args, *kwargs.values()]
        if any(_opaque(a.data) for a in parts):
            return self.unknown(node, "a string method on a value that cannot be known", *parts)
        method = STR_METHODS[ref.path.removeprefix("str.")]
        try:
            result = method(ref.bound, *(a.data for a in args),
                            **{k: v.data for k, v in kwargs.items()})
        except Exception:  # noqa: BLE001
            return self.unknown(node, "a string method that fails on these values", *parts)
        callee = self.eval(node.func.value) if isinstance(node.func, ast.Attribute) else receiver
        return self._combine(node, result, [callee, *parts])

    def _call_container_method(self, node: ast.Call, ref: Ref, args: list[Value],
                               kwargs: dict[str, Value]) -> Value:
        data = ref.bound
        method = ref.path.rpartition(".")[2]
        receiver = self.eval(node.func.value) if isinstance(node.func, ast.Attribute) \
            else Value(data)
        if kwargs or any(_opaque(a.data) for a in args):
            return self.unknown(node, f"calls .{method}() with a value that cannot be known",
                                receiver, *args)
        if isinstance(data, dict):
            if method == "get" and 1 <= len(args) <= 2:
                key = args[0].data
                if isinstance(key, (list, dict, set)):
                    return self.unknown(node, "looks up an unhashable key", receiver, *args)
                if key in data:
                    return receiver.leaf(key)
                if len(args) == 2:
                    return args[1]
                return self._combine(node, None, [receiver, *args])
            if args:
                return self.unknown(node, f"calls .{method}() with unexpected arguments",
                                    receiver, *args)
            result: Any = (list(data) if method == "keys" else list(data.values())
                           if method == "values" else [tuple(i) for i in data.items()]
                           if method == "items" else dict(data))
            value = self._combine(node, result, [receiver])
            return value.with_data(result, leaves=receiver.leaves) if method == "copy" else value
        if any(is_unknown(item) for item in data):
            return self.unknown(node, f"calls .{method}() on a list with unknown items",
                                receiver, *args)
        try:
            result = list(data) if method == "copy" else getattr(data, method)(
                *(a.data for a in args))
        except (ValueError, TypeError):
            return self.unknown(node, f".{method}() fails on these values", receiver, *args)
        return self._combine(node, result, [receiver, *args])

    def _call_environ_env(self, node: ast.Call, ref: Ref, args: list[Value],
                          kwargs: dict[str, Value]) -> Value:
        scheme: dict[str, tuple[Any, Any]] = {}
        for name, value in kwargs.items():
            if isinstance(value.data, tuple) and len(value.data) == 2:
                scheme[name] = (value.data[0], value.data[1])
            elif isinstance(value.data, (tuple, list)) and len(value.data) == 1:
                scheme[name] = (value.data[0], MISSING)
            else:
                scheme[name] = (value.data, MISSING)
        return Value(EnvReader(scheme), self.origin(node))

    def _call_environ_reader(self, node: ast.Call, ref: Ref, args: list[Value],
                             kwargs: dict[str, Value]) -> Value:
        method = ref.path.removeprefix("environ.reader").lstrip(".") or "__call__"
        reader: EnvReader = ref.bound
        if not args:
            return self.unknown(node, "reads the environment without a variable name")
        name = args[0].data
        cast_data, scheme_default = reader.scheme.get(name, (None, MISSING)) \
            if isinstance(name, str) else (None, MISSING)
        default = kwargs.get("default")
        if default is None and len(args) > 1 and method == "__call__":
            cast_data = args[1].data
            default = args[2] if len(args) > 2 else None
        elif default is None and len(args) > 1:
            default = args[1]
        if default is None and scheme_default is not MISSING:
            default = Value(scheme_default, self.origin(node), hardcoded=True)
        raw = self._lookup(name, default, self.origin(node))
        if "cast" in kwargs:
            cast_data = kwargs["cast"].data
        if method == "__call__":
            return self._environ_cast(raw, cast_data)
        if method not in ENVIRON_METHODS:
            return self.unknown(node, f"calls env.{method}()", raw)
        cast = ENVIRON_METHODS[method]
        if cast == "db":
            return envmod.database_from_url(raw)
        if not _is_env_text(raw) or method == "str":
            return raw
        if cast is None:
            return raw.with_data(UNKNOWN, reason=f"env.{method}() value")
        return envmod.cast_value(raw, cast)  # type: ignore[arg-type]

    def _environ_cast(self, raw: Value, cast_data: Any) -> Value:
        if not _is_env_text(raw):
            return raw
        if isinstance(cast_data, Ref) and cast_data.path == "builtins.bool":
            return envmod.cast_value(raw, envmod.environ_bool)
        if isinstance(cast_data, Ref) and cast_data.path in {"builtins.list", "builtins.tuple"}:
            return envmod.cast_value(raw, envmod.split_list)
        if isinstance(cast_data, Ref) and cast_data.path in {"builtins.int", "builtins.float"}:
            return envmod.cast_value(raw, BUILTINS[cast_data.path[9:]])
        if isinstance(cast_data, list):
            return envmod.cast_value(raw, envmod.split_list)
        return raw

    def _call_decouple(self, node: ast.Call, ref: Ref, args: list[Value],
                       kwargs: dict[str, Value]) -> Value:
        if ref.path == "decouple.AutoConfig":
            return Value(Ref("decouple.config"), self.origin(node))
        if ref.path == "decouple.Csv":
            return Value(Ref("decouple.csv"), self.origin(node))
        if not args:
            return self.unknown(node, "reads the environment without a variable name")
        default = args[1] if len(args) > 1 else kwargs.get("default")
        raw = self._lookup(args[0].data, default, self.origin(node))
        cast = kwargs.get("cast", args[2] if len(args) > 2 else None)
        if cast is None or is_unknown(raw.data):
            return raw
        casts: dict[str, Callable[[Any], Any]] = {
            "builtins.bool": envmod.decouple_bool, "decouple.csv": envmod.split_list,
            "builtins.int": int, "builtins.float": float, "builtins.str": str}
        func = casts.get(cast.data.path) if isinstance(cast.data, Ref) else None
        if func is None:
            applied = self.apply(cast, raw, node)
            if applied is not None:
                return applied.with_data(applied.data, env=merge_env([raw, applied]))
            return raw.with_data(UNKNOWN, reason="cast with a function the audit does not model")
        if func is envmod.split_list and raw.data is None:
            return raw.with_data([])
        return envmod.cast_value(raw, func)

    def _call_dj_database_url(self, node: ast.Call, ref: Ref, args: list[Value],
                              kwargs: dict[str, Value]) -> Value:
        if ref.path.endswith(".parse"):
            url = args[0] if args else self.unknown(node, "parse() without a URL")
            return envmod.database_from_url(url)
        name = kwargs.get("env", args[0] if args else None)
        variable = name.data if name is not None else "DATABASE_URL"
        default = kwargs.get("default", args[1] if len(args) > 1 else None)
        raw = self._lookup(variable, default, self.origin(node))
        return envmod.database_from_url(raw)


def _opaque(data: Any) -> bool:
    """Data no operation can use: unknown, or a module/function reference."""
    return is_unknown(data) or isinstance(data, (Ref, EnvReader))


def _as_item(data: Any) -> Any:
    """What a container holds for ``data``: references other than types become unknown."""
    if isinstance(data, Ref) and data.path.startswith("builtins."):
        return data  # a cast in a django-environ scheme: Env(DEBUG=(bool, False))
    return UNKNOWN if isinstance(data, (Ref, EnvReader)) else data


def _is_env_text(value: Value) -> bool:
    """Whether a looked-up value is still raw text (a typed default needs no cast)."""
    return isinstance(value.data, str)


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


def bind_target(target: ast.expr, value: Value, scope: MutableMapping[str, Value]) -> bool:
    """Bind a loop or comprehension target (a name or nested tuple of names) in ``scope``."""
    if isinstance(target, ast.Name):
        scope[target.id] = value
        return True
    if isinstance(target, (ast.Tuple, ast.List)):
        data = value.data
        if not isinstance(data, (list, tuple)) or len(data) != len(target.elts):
            return False
        return all(bind_target(element, value.with_data(item), scope)
                   for element, item in zip(target.elts, data, strict=True))
    return False


def _too_big(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count > MAX_SEQUENCE
    return False


def truth(data: Any) -> bool | None:
    """Python truthiness of evaluated data, or None when it cannot be known."""
    if is_unknown(data) or isinstance(data, Ref):
        return None
    if isinstance(data, (list, tuple, set)) and any(is_unknown(x) for x in data):
        return True if any(not is_unknown(x) for x in data) else None
    try:
        return bool(data)
    except TypeError:
        return None
