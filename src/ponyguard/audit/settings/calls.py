"""The calls the evaluator models, as a mixin of :class:`~.evaluator.Evaluator`.

Builtins on known values, the common str methods and the reading list/dict methods, ``map``/
``filter``, ``getattr(configuration, NAME, default)``, pure parsers of environment text
(``ast.literal_eval``, ``json.loads``, ``strtobool``), and the ways settings read the environment:
``os.environ.get``/``os.getenv``, django-environ (``environ.Env`` and its readers and casts),
python-decouple and dj-database-url. Each handler takes the call node, the callee's
:class:`~.refs.Ref`, and the evaluated arguments.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import environment as envmod
from .environment import EnvReader
from .refs import MAX_COMPREHENSION, MAX_SEQUENCE, Ref, opaque, truth
from .values import MISSING, UNKNOWN, EnvUse, Value, is_unknown, merge_env

if TYPE_CHECKING:
    from .values import Origin

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
"""Methods that read a list, tuple or dict (the mutating ones are statements, see
:mod:`.interpreter`)."""
BUILTINS: dict[str, Callable[..., Any]] = {
    "bool": bool, "int": int, "float": float, "str": str, "list": list, "tuple": tuple,
    "set": set, "frozenset": frozenset, "dict": dict, "len": len, "sorted": sorted,
    "any": any, "all": all, "min": min, "max": max, "abs": abs, "round": round,
}
ITERATING = frozenset({"map", "filter"})
"""Builtins that apply a callable to each item (see :meth:`.evaluator.Evaluator.apply`)."""
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


class CallHandlers:
    """The ``_call_*`` handlers of :class:`~.evaluator.Evaluator`, chosen by the callee's path."""

    if TYPE_CHECKING:
        def eval(self, node: ast.expr) -> Value: ...
        def origin(self, node: ast.AST) -> Origin: ...
        def unknown(self, node: ast.AST, reason: str, *parts: Value) -> Value: ...
        def apply(self, function: Value, argument: Value, node: ast.Call) -> Value | None: ...
        def _combine(self, node: ast.AST, data: Any, parts: list[Value]) -> Value: ...
        def _lookup(self, name: Any, default: Value | None, origin: Origin) -> Value: ...

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
            if outcome is None or is_unknown(outcome.data) or opaque(outcome.data):
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
        if kwargs or any(opaque(a.data) for a in args):
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
        if any(opaque(a.data) for a in parts):
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
        if kwargs or any(opaque(a.data) for a in args):
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



def _is_env_text(value: Value) -> bool:
    """Whether a looked-up value is still raw text (a typed default needs no cast)."""
    return isinstance(value.data, str)
