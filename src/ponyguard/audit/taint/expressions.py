"""Expressions → :class:`~ponyguard.audit.taint.values.Value`: how taint propagates.

Through f-strings, ``%``, ``+``, ``.format()``, ``str.join``, containers, attribute and
subscript access, string methods and ``str()``; into the request object's data attributes
(sources); through sanitisers (which drop origins, or mark them safe for some sinks); and to
project functions, whose results become CALL origins resolved later with their summaries.
Calls into libraries the engine does not know return values of unknown origin.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace

from ..code.facts import CallSite
from ..code.names import label, short
from . import strings
from .assume import Assumptions, escaped_from, safe_inputs
from .sanitizers import (
    ATTRIBUTES_FOR_SINKS,
    BOUND_FIELD_HTML,
    BOUND_FIELD_LISTS,
    EXPRESSION_METHODS,
    FIRST_ARGUMENT,
    FOR_SINKS,
    FORMAT_HTML,
    HTML_METHODS,
    MUTATORS,
    NORMALIZED,
    NORMALIZING_METHODS,
    PROPAGATING_METHODS,
    QUERY_EXPRESSION_PACKAGE,
    SAFE_METHODS,
    SAFE_RESULT_METHODS,
    SAFE_RESULTS,
    SANITIZING_METHODS,
    TRANSPARENT,
    UNIVERSAL,
    Guards,
    expression_key,
    refine,
)
from .scope import FunctionInfo, ModuleScope
from .sources import (
    REQUEST_DATA_ATTRS,
    REQUEST_DATA_METHODS,
    REQUEST_PATH_ATTRS,
    REQUEST_PATH_METHODS,
    REQUEST_SAFE_ATTRS,
    is_form_class,
)
from .values import (
    ATTR,
    CALL,
    EXPRESSION,
    FIELD,
    MAX_ORIGINS,
    METHOD,
    REQUEST,
    SAFE,
    SOURCE,
    URLARG,
    Origin,
    Value,
    data,
    join,
    of,
    read_out,
    sanitized,
    source,
    stored,
    unknown,
)

Env = dict[str, Value]
_FRESH_METHODS = frozenset({"get", "getlist", "pop", "dict", "items", "values", "lists",
                            "copy", "urlencode", "keys", "read"})
_CHECKABLE = (ast.Subscript, ast.Attribute, ast.Call)
"""Expressions an earlier check may have proved safe (see :func:`.sanitizers.expression_key`)."""
_NOT_A_FIELD_NAME = frozenset({"orm-field"})
"""What a query expression is safe for: it is not a field name (see
:data:`.sanitizers.QUERY_EXPRESSION_PACKAGE`)."""
_READING_METHODS = frozenset({"get", "getlist", "pop", "popitem", "setdefault", "values",
                              "items", "lists", "__getitem__"})
"""Methods that read the values out of a mapping (see :func:`.values.read_out`)."""
_KEYED_METHODS = frozenset({"get", "getlist", "pop", "setdefault", "replace"})
"""``d.get(key, default)``: the result is an item or the default, never the key;
``s.replace(old, new)`` keeps ``new``, never ``old``."""
BOUND_FIELD = "boundfield"
"""``Value.obj`` of a form's bound field (``form[name]``): ``str()`` of it renders the
field's widget template, escaped as it is built."""


class Evaluator:
    """Evaluates expressions of one function; records calls into the project if asked."""

    def __init__(self, scope: ModuleScope, info: FunctionInfo,
                 calls: dict[int, CallSite] | None = None) -> None:
        self.scope = scope
        self.info = info
        self.rel = scope.rel
        self.calls = calls
        self.guards: Guards = {}
        self.saw_get_field = False
        """Set when a ``get_field()`` call was evaluated (see ``engine.check_fields``)."""
        self.assumptions: Assumptions | None = None
        """Variables assumed truthy: only the branches they allow are followed."""

    def refine(self, test: ast.expr, env: Env, positive: bool) -> Env:
        """``env`` in the branch where ``test`` is ``positive`` (see :mod:`.sanitizers`)."""
        return refine(test, env, positive, self.scope.dotted,
                      lambda node: self.eval(node, env), self.guards)

    def branch(self, test: ast.expr, env: Env, positive: bool) -> Env | None:
        """``env`` in the branch where ``test`` is ``positive``; None when the assumptions
        (see :mod:`.assume`) make that branch unreachable."""
        if self.assumptions is None:
            return self.refine(test, env, positive)
        residual = self.assumptions.residual(test)
        if isinstance(residual, bool):
            return env if residual == positive else None
        refined = self.refine(residual, env, positive)
        return escaped_from(refined, safe_inputs(residual, positive, self.scope.dotted))

    def eval(self, node: ast.expr, env: Env) -> Value:
        if EXPRESSION in env and type(node) in _CHECKABLE:
            key = expression_key(node)
            if key is not None and key in env:
                return env[key]
        handler = _HANDLERS.get(type(node))
        return handler(self, node, env) if handler is not None else SAFE

    # --- leaves -------------------------------------------------------------------------

    def _name(self, node: ast.Name, env: Env) -> Value:
        found = env.get(node.id)
        if found is not None:
            return found
        scope = self.scope
        if node.id in scope.constants:
            return SAFE
        dotted = scope.lookup(node.id)
        if dotted is not None:
            return Value(obj="name:" + dotted)
        if node.id in scope.globals:
            return unknown(f"module variable `{node.id}`", self.rel, node.lineno)
        return unknown(f"`{node.id}`", self.rel, node.lineno)

    def _joined(self, node: ast.JoinedStr, env: Env) -> Value:
        return strings.joined(node, lambda e: self.eval(e, env))

    def _formatted(self, node: ast.FormattedValue, env: Env) -> Value:
        return self.eval(node.value, env)

    def _binop(self, node: ast.BinOp, env: Env) -> Value:
        if isinstance(node.op, ast.Add):
            return strings.concatenation(node, lambda e: self.eval(e, env))
        if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str):
            return strings.percent(node.left.value, node.right, lambda e: self.eval(e, env))
        left, right = self.eval(node.left, env), self.eval(node.right, env)
        if isinstance(node.op, (ast.Mod, ast.Mult, ast.BitOr, ast.Div)):
            return join(data(left), data(right))  # Div: pathlib's ROOT / name
        return SAFE

    def _boolop(self, node: ast.BoolOp, env: Env) -> Value:
        return join(*(data(self.eval(v, env)) for v in node.values))

    def _ifexp(self, node: ast.IfExp, env: Env) -> Value:
        self.eval(node.test, env)
        then, other = self.branch(node.test, env, True), self.branch(node.test, env, False)
        if then is None or other is None:  # decided by the assumptions
            return self.eval(node.body, then) if then is not None \
                else self.eval(node.orelse, other or env)
        return join(data(self.eval(node.body, then)), data(self.eval(node.orelse, other)))

    def _compare(self, node: ast.Compare, env: Env) -> Value:
        self.eval(node.left, env)
        for comparator in node.comparators:
            self.eval(comparator, env)
        return SAFE

    def _elements(self, node: ast.Tuple | ast.List | ast.Set, env: Env) -> Value:
        return join(*(data(self.eval(e, env)) for e in node.elts))

    def _dict(self, node: ast.Dict, env: Env) -> Value:
        keys = [data(self.eval(k, env)) for k in node.keys if k is not None]
        values = [data(self.eval(v, env)) if k is None else stored(self.eval(v, env))
                  for k, v in zip(node.keys, node.values, strict=True)]  # None: ``**other``
        return join(*keys, *values)

    def _starred(self, node: ast.Starred, env: Env) -> Value:
        return data(self.eval(node.value, env))

    def _await(self, node: ast.Await, env: Env) -> Value:
        return self.eval(node.value, env)

    def _named(self, node: ast.NamedExpr, env: Env) -> Value:
        value = self.eval(node.value, env)
        env[node.target.id] = value
        return value

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
                       env: Env) -> Value:
        inner = dict(env)
        for generator in node.generators:
            element = element_of(self.eval(generator.iter, inner))
            counter = self.counter(generator.iter, generator.target)
            for target in ast.walk(generator.target):
                if isinstance(target, ast.Name):
                    inner[target.id] = SAFE if target is counter else element
            for condition in generator.ifs:
                self.eval(condition, inner)
        if isinstance(node, ast.DictComp):
            return join(data(self.eval(node.key, inner)), stored(self.eval(node.value, inner)))
        return data(self.eval(node.elt, inner))

    # --- access ---------------------------------------------------------------------------

    def _attribute(self, node: ast.Attribute, env: Env) -> Value:
        base = self.eval(node.value, env)
        attr, obj = node.attr, base.obj
        if obj == "request":
            if attr in REQUEST_PATH_ATTRS:
                return sanitized(source(short(node), self.rel, node.lineno), ("redirect",))
            if attr in REQUEST_DATA_ATTRS:
                return source(short(node), self.rel, node.lineno)
            if attr in REQUEST_SAFE_ATTRS or attr in REQUEST_DATA_METHODS \
                    or attr in REQUEST_PATH_METHODS:
                return SAFE
            return unknown(f"`{short(node)}`", self.rel, node.lineno)
        if obj == "self":
            return self._self_attribute(node, env)
        if obj == BOUND_FIELD:
            return data(base) if attr in BOUND_FIELD_HTML \
                else unknown(f"`{short(node)}`", self.rel, node.lineno)
        if attr in ("cleaned_data", "validated_data"):
            return Value(obj="cleaned_data",
                         scope=base.scope if obj in ("form", "instance") else "")
        if obj == "form":
            if attr in ("data", "initial_data"):
                return source(short(node), self.rel, node.lineno)
            return unknown(f"`{short(node)}`", self.rel, node.lineno)
        if obj is not None and obj.startswith("name:"):
            return Value(obj=f"{obj}.{attr}")
        if attr in ATTRIBUTES_FOR_SINKS:
            return sanitized(base, ATTRIBUTES_FOR_SINKS[attr])
        return data(base)

    def _self_attribute(self, node: ast.Attribute, env: Env) -> Value:
        attr, cls = node.attr, self.info.class_qual or ""
        if attr == "request":
            return REQUEST
        if attr == "kwargs":
            return Value(obj="urlkwargs", scope=cls)
        if attr == "args":
            return of(Origin(URLARG, "", self.rel, node.lineno, scope=cls))
        if attr in ("cleaned_data", "validated_data"):
            return Value(obj="cleaned_data", scope=cls)
        if attr in ("data", "initial_data") and is_form_class(cls):
            return source(short(node), self.rel, node.lineno)
        found = env.get("self." + attr)
        if found is not None:
            return found
        if cls:
            return of(Origin(ATTR, attr, self.rel, node.lineno, scope=cls))
        return unknown(f"`self.{attr}`", self.rel, node.lineno)

    def _subscript(self, node: ast.Subscript, env: Env) -> Value:
        base = self.eval(node.value, env)
        self.eval(node.slice, env)
        key = node.slice.value if isinstance(node.slice, ast.Constant) else None
        if base.obj in ("urlkwargs", "cleaned_data"):
            kind = URLARG if base.obj == "urlkwargs" else FIELD
            name = key if isinstance(key, str) else ""
            return of(Origin(kind, name, self.rel, node.lineno, scope=base.scope))
        if self._fresh(base, node.value):
            return self._renamed(base, node)
        if _is_form(node.value, base):
            return bound_fields(base)
        return read_out(data(base))

    def _renamed(self, value: Value, node: ast.expr) -> Value:
        """The fresh source ``value`` named after the larger expression ``node``."""
        (origin,) = value.origins
        return Value(frozenset({replace(origin, text=short(node))}))

    def _fresh(self, value: Value, node: ast.expr) -> bool:
        """Whether ``value`` is request data read right here by ``node`` (for message text)."""
        if len(value.origins) != 1:
            return False
        (origin,) = value.origins
        return (origin.kind == SOURCE and not origin.steps and origin.line == node.lineno
                and origin.text == short(node))

    # --- calls ----------------------------------------------------------------------------

    def _call(self, node: ast.Call, env: Env) -> Value:
        func = node.func
        if isinstance(func, ast.Attribute):
            if self._is_super(func.value, env):
                return self._super_call(node, func.attr, env)
            receiver = self.eval(func.value, env)
            return self._method(node, func.attr, receiver, env)
        if isinstance(func, ast.Name):
            local = env.get(func.id)
            if local is None:
                dotted = self.scope.lookup(func.id)
                if dotted is not None:
                    return self._dotted(node, dotted, env)
                if func.id in self.scope.globals and func.id[:1].isupper():
                    # A class bound at module level by a loader (X = get_class(..., "X")).
                    self._arguments(node, env)
                    return Value(unknown(f"`{func.id}` instance", self.rel,
                                         node.lineno).origins, obj="instance", scope=func.id)
            elif local.obj is not None and local.obj.startswith("name:"):
                return self._dotted(node, local.obj[5:], env)
        else:
            dispatched = self._dispatched(node, func, env)
            if dispatched is not None:
                return dispatched
            self.eval(func, env)
        self._arguments(node, env)
        return unknown(f"result of `{label(func)}()`", self.rel, node.lineno)

    def counter(self, iterable: ast.expr, target: ast.expr) -> ast.expr | None:
        """The index variable of ``for i, x in enumerate(...)`` (an int), if that is the loop."""
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) \
                and self.scope.lookup(iterable.func.id) == "enumerate" \
                and isinstance(target, ast.Tuple) and len(target.elts) == 2 \
                and isinstance(target.elts[0], ast.Name):
            return target.elts[0]
        return None

    def _is_super(self, node: ast.expr, env: Env) -> bool:
        """``super()`` (or ``super(Cls, self)``) in a method of a class with project bases."""
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "super" and "super" not in env \
            and self.scope.lookup("super") == "super" and self.info.is_method \
            and bool(self.info.class_bases) and self.scope.is_project(self.info.class_bases[0])

    def _super_call(self, node: ast.Call, method: str, env: Env) -> Value:
        """``super().method()``: the method as the first base class has it (or inherits it)."""
        return self._project_call(node, f"{self.info.class_bases[0]}.{method}", env,
                                  bound=True)

    def _dispatched(self, node: ast.Call, func: ast.expr, env: Env) -> Value | None:
        """``getattr(self, "render_" + kind)()``: any method of this class whose name starts
        with the literal prefix (None when that is not what ``func`` is)."""
        cls = self.info.class_qual
        if not (cls and isinstance(func, ast.Call) and isinstance(func.func, ast.Name)
                and func.func.id == "getattr" and "getattr" not in env
                and self.scope.lookup("getattr") == "getattr"
                and len(func.args) == 2 and not func.keywords):
            return None
        prefix = _literal_prefix(func.args[1])
        if not prefix or self.eval(func.args[0], env).obj != "self":
            return None
        exact = isinstance(func.args[1], ast.Constant)
        names = sorted(m for m in self.info.class_methods
                       if m == prefix or not exact and m.startswith(prefix))
        if not names or len(names) > MAX_ORIGINS:
            return None
        self.eval(func.args[1], env)
        args, kwargs = self._arguments(node, env)
        kept_args, kept_kwargs = _kept(args, kwargs)
        return join(*(of(Origin(CALL, f"{cls}.{name}", self.rel, node.lineno, args=kept_args,
                                kwargs=kept_kwargs, bound=True)) for name in names))

    def _arguments(self, node: ast.Call, env: Env) -> tuple[list[Value], list[tuple[str, Value]]]:
        args = [self.eval(a, env) for a in node.args]
        kwargs = [(k.arg or "**", self.eval(k.value, env)) for k in node.keywords]
        return args, kwargs

    def _method(self, node: ast.Call, method: str, receiver: Value, env: Env) -> Value:
        if method == "get_field":
            self.saw_get_field = True
        obj = receiver.obj
        if obj is not None:
            special = self._object_method(node, method, receiver, env)
            if special is not None:
                return special
        receiver_node = node.func.value  # type: ignore[attr-defined]
        if method == "format" and isinstance(receiver_node, ast.Constant) \
                and isinstance(receiver_node.value, str):
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            return strings.formatted(receiver_node.value, list(node.args), keywords,
                                     lambda e: self.eval(e, env))
        if method in BOUND_FIELD_LISTS and _is_form(receiver_node, receiver):
            self._arguments(node, env)
            return bound_fields(receiver)
        args, kwargs = self._arguments(node, env)
        if obj == "instance" and self.scope.is_project(receiver.scope):
            # ``TextDiff(changes).to_html()``: a caller of the method, for its parameters.
            self._record(node, f"{receiver.scope}.{method}", args, kwargs, True)
        if method == "urlencode":
            # A query string percent-encodes "/" and ":": it cannot name another host.
            encoded = self._renamed(receiver, node) if self._fresh(receiver, receiver_node) \
                else join(data(receiver), *(data(a) for a in args))
            return sanitized(encoded, ("redirect",))
        if method == "translate" and self._escape_table(node, env):
            return sanitized(join(data(receiver), *(data(a) for a in args[1:])), ("html",))
        if method in SANITIZING_METHODS:
            return sanitized(join(*args, *(v for _, v in kwargs)), SANITIZING_METHODS[method])
        if method in EXPRESSION_METHODS:
            return sanitized(data(receiver), _NOT_A_FIELD_NAME)
        if method in PROPAGATING_METHODS:
            if method in _FRESH_METHODS and self._fresh(receiver, receiver_node):
                return self._renamed(receiver, node)
            if method in _KEYED_METHODS:
                args = args[1:]
                kwargs = [(k, v) for k, v in kwargs if k in ("default", "new")]
            found = join(data(receiver), *(data(a) for a in args),
                         *(data(v) for _, v in kwargs))
            if method in _READING_METHODS:
                return read_out(found)
            return sanitized(found, (NORMALIZED,)) if method in NORMALIZING_METHODS else found
        if method in SAFE_METHODS or method in MUTATORS or method in SAFE_RESULT_METHODS:
            return SAFE
        if method in HTML_METHODS:
            result = unknown(f"result of `{label(node.func)}()`", self.rel, node.lineno)
            return sanitized(result, ("html",))
        if not receiver.origins:
            return SAFE
        # The receiver's class is not known (or not followed): the project's methods of
        # that name may show the result safe (see flow._method).
        cls = receiver.scope if receiver.obj == "instance" and "." in receiver.scope else ""
        return of(Origin(METHOD, label(node.func), self.rel, node.lineno, scope=cls,
                         args=tuple(data(a) if a.origins else None for a in args),
                         kwargs=tuple((k, data(v)) for k, v in kwargs
                                      if v.origins and k != "**"),
                         bound=True))

    def _escape_table(self, node: ast.Call, env: Env) -> bool:
        """``s.translate(TABLE)`` with a module-level HTML escape table (not shadowed)."""
        table = node.args[0] if len(node.args) == 1 and not node.keywords else None
        return isinstance(table, ast.Name) and table.id in self.scope.escape_tables \
            and table.id not in env

    def _object_method(self, node: ast.Call, method: str, receiver: Value,
                       env: Env) -> Value | None:
        obj = receiver.obj or ""
        if obj == "request":
            args, kwargs = self._arguments(node, env)
            if method in REQUEST_PATH_METHODS:
                found = sanitized(source(short(node), self.rel, node.lineno), ("redirect",))
                return join(found, *(data(a) for a in args), *(data(v) for _, v in kwargs))
            if method in REQUEST_DATA_METHODS:
                return source(short(node), self.rel, node.lineno)
            if method == "get_signed_cookie":
                return unknown(f"`{short(node)}`", self.rel, node.lineno)
            return SAFE
        if obj in ("urlkwargs", "cleaned_data"):
            self._arguments(node, env)
            kind = URLARG if obj == "urlkwargs" else FIELD
            key = node.args[0] if node.args else None
            name = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) \
                and method in ("get", "pop", "setdefault", "__getitem__") else ""
            return of(Origin(kind, name, self.rel, node.lineno, scope=receiver.scope))
        if obj == "self":
            return self._self_call(node, method, env)
        if obj == "form":
            self._arguments(node, env)
            if method in BOUND_FIELD_LISTS:
                return bound_fields(receiver)
            if method in SAFE_METHODS or method in SAFE_RESULT_METHODS:
                return SAFE
            result = unknown(f"result of `{label(node.func)}()`", self.rel, node.lineno)
            return sanitized(result, ("html",)) if method in HTML_METHODS else result
        if obj == BOUND_FIELD:
            self._arguments(node, env)
            if method in HTML_METHODS:
                return data(receiver)
            return unknown(f"result of `{label(node.func)}()`", self.rel, node.lineno)
        if obj.startswith("name:"):
            return self._dotted(node, f"{obj[5:]}.{method}", env)
        return None

    def _self_call(self, node: ast.Call, method: str, env: Env) -> Value:
        cls = self.info.class_qual
        if method == "get_form" and cls:
            self._arguments(node, env)
            return Value(obj="form", scope=f"view:{cls}")
        if cls is None:
            self._arguments(node, env)
            return unknown(f"result of `self.{method}()`", self.rel, node.lineno)
        return self._project_call(node, f"{cls}.{method}", env, bound=True)

    def _dotted(self, node: ast.Call, dotted: str, env: Env) -> Value:
        if dotted in UNIVERSAL or dotted in SAFE_RESULTS:
            self._arguments(node, env)
            return SAFE
        if dotted in FIRST_ARGUMENT:
            args, kwargs = self._arguments(node, env)
            carried = args[:1] or [v for k, v in kwargs if k == FIRST_ARGUMENT[dotted]]
            return data(carried[0]) if carried else SAFE
        if dotted in FORMAT_HTML or dotted in FOR_SINKS or dotted in TRANSPARENT:
            args, kwargs = self._arguments(node, env)
            values = [*args, *(v for _, v in kwargs)]
            if dotted in FORMAT_HTML:
                first = data(args[0]) if args else SAFE
                return join(first, sanitized(join(*values[1:]), ("html",)))
            if dotted in FOR_SINKS:
                return sanitized(join(*values), FOR_SINKS[dotted])
            if dotted == "dict":  # dict(mapping, key=value)
                return join(*(data(a) for a in args),
                            *(data(v) if k == "**" else stored(v) for k, v in kwargs))
            return join(*(data(v) for v in values))
        last = dotted.rsplit(".", 1)[-1]
        if dotted.startswith(QUERY_EXPRESSION_PACKAGE) and last[:1].isupper():
            self._arguments(node, env)
            expression = unknown(f"`{last}()` expression", self.rel, node.lineno)
            return sanitized(expression, _NOT_A_FIELD_NAME)
        if last[:1].isupper() and is_form_class(dotted):
            self._arguments(node, env)
            return Value(obj="form", scope=dotted)
        if self.scope.is_project(dotted) and last[:1].isupper():
            # An instance of a project class (a form not named *Form, a serializer…); the
            # call is one to its ``__init__`` (wherever the class or a base defines it).
            args, kwargs = self._arguments(node, env)
            self._record(node, f"{dotted}.__init__", args, kwargs, True)
            return Value(unknown(f"`{_tail(dotted)}` instance", self.rel, node.lineno).origins,
                         obj="instance", scope=dotted)
        if self.scope.is_project(dotted):
            return self._project_call(node, dotted, env, bound=False)
        self._arguments(node, env)
        return unknown(f"result of `{_tail(dotted)}()`", self.rel, node.lineno)

    def _project_call(self, node: ast.Call, callee: str, env: Env, *, bound: bool) -> Value:
        args, kwargs = self._arguments(node, env)
        kept_args, kept_kwargs = self._record(node, callee, args, kwargs, bound)
        return of(Origin(CALL, callee, self.rel, node.lineno, args=kept_args,
                         kwargs=kept_kwargs, bound=bound))

    def _record(self, node: ast.Call, callee: str, args: list[Value],
                kwargs: list[tuple[str, Value]], bound: bool
                ) -> tuple[tuple[Value | None, ...], tuple[tuple[str, Value], ...]]:
        """Record a call into the project (when recording) with what its arguments hold."""
        kept_args, kept_kwargs = _kept(args, kwargs)
        if self.calls is not None:
            star = any(isinstance(a, ast.Starred) for a in node.args) or any(
                k.arg is None for k in node.keywords)
            self.calls[id(node)] = CallSite(callee, self.rel, node.lineno, self.info.qualname,
                                            kept_args, kept_kwargs, bound, star)
        return kept_args, kept_kwargs


def _kept(args: list[Value], kwargs: list[tuple[str, Value]]
          ) -> tuple[tuple[Value | None, ...], tuple[tuple[str, Value], ...]]:
    """What a call origin keeps of its arguments: their data, None for an argument with none."""
    return (tuple(data(a) if a.origins else None for a in args),
            tuple((k, data(v)) for k, v in kwargs if v.origins and k != "**"))


def _literal_prefix(node: ast.expr) -> str:
    """The literal start of a string built by ``"prefix" + x`` or ``f"prefix{x}"``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        node = node.left
    elif isinstance(node, ast.JoinedStr) and node.values:
        node = node.values[0]
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _is_form(node: ast.expr, value: Value) -> bool:
    """Whether ``node`` is a form: known to be one, or named ``form`` / ``*_form`` (a
    parameter or attribute) and not request data read right here."""
    if value.obj == "form":
        return True
    name = node.id if isinstance(node, ast.Name) else \
        node.attr if isinstance(node, ast.Attribute) else ""
    return (name == "form" or name.endswith("_form")) and value.obj is None \
        and not any(o.kind == SOURCE for o in value.origins)


def bound_fields(form: Value) -> Value:
    """A bound field of ``form`` (or a list of them): HTML as a string, raw data inside."""
    return Value(sanitized(form, ("html",)).origins, obj=BOUND_FIELD)


def element_of(iterable: Value) -> Value:
    """The value of one element of ``iterable`` (a list of bound fields yields bound fields)."""
    return iterable if iterable.obj == BOUND_FIELD else data(iterable)


def _tail(dotted: str) -> str:
    parts = dotted.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else dotted


def _safe(_: Evaluator, node: ast.expr, env: Env) -> Value:
    return SAFE


_HANDLERS: dict[type, Callable[..., Value]] = {
    ast.Constant: _safe,
    ast.Name: Evaluator._name,
    ast.JoinedStr: Evaluator._joined,
    ast.FormattedValue: Evaluator._formatted,
    ast.BinOp: Evaluator._binop,
    ast.BoolOp: Evaluator._boolop,
    ast.IfExp: Evaluator._ifexp,
    ast.Compare: Evaluator._compare,
    ast.Tuple: Evaluator._elements,
    ast.List: Evaluator._elements,
    ast.Set: Evaluator._elements,
    ast.Dict: Evaluator._dict,
    ast.Starred: Evaluator._starred,
    ast.Await: Evaluator._await,
    ast.NamedExpr: Evaluator._named,
    ast.ListComp: Evaluator._comprehension,
    ast.SetComp: Evaluator._comprehension,
    ast.GeneratorExp: Evaluator._comprehension,
    ast.DictComp: Evaluator._comprehension,
    ast.Attribute: Evaluator._attribute,
    ast.Subscript: Evaluator._subscript,
    ast.Call: Evaluator._call,
}
