"""From a :class:`Value` at a sink to a :class:`Flow`: following values across functions.

:func:`resolve` turns the symbolic origins of a value into concrete ones:

* PARAM of a routed view → its URL argument (safe for ``int``/``slug``/``uuid`` converters);
  PARAM of another function → whatever its callers in the project pass (each call site is
  resolved in turn); with no caller it stays of unknown origin;
* CALL → the callee's summary, with its parameters replaced by the call's arguments;
* METHOD (``obj.name()``, ``obj``'s class unknown) → safe when the project's methods of that
  name (the class's, when it is known) all return safe values, else of unknown origin;
* URLARG → the converters of the routes that reach the view;
* FIELD → the field's class in the visible form class (free text is request data).

The facts come from a :class:`FactSource` (the project index), so a flow can cross modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from ..code.facts import CallSite, FunctionSummary, Route
from .sanitizers import HTML_METHODS, SAFE_RESULT_METHODS
from .sources import SAFE_FIELD_TYPES
from .values import (
    ATTR,
    CALL,
    FIELD,
    METHOD,
    PARAM,
    READ_OUT,
    SOURCE,
    UNKNOWN,
    URLARG,
    Origin,
    Step,
    Value,
    join,
    origin_order,
    read_out,
    safe_for,
)

MAX_DEPTH = 8
MAX_CALLERS = 25
PROPERTIES = frozenset({"property", "cached_property"})


class FactSource(Protocol):
    """What resolution needs to know about the rest of the project."""

    def function(self, qualname: str) -> FunctionSummary | None: ...
    def callers(self, qualname: str) -> Sequence[CallSite]: ...
    def routes_to(self, view: str) -> Sequence[Route]: ...
    def has_routes(self) -> bool: ...
    def class_attr(self, qualname: str, name: str) -> str | None: ...
    def form_field(self, form: str, name: str) -> str | None: ...
    def is_views_module(self, rel: str) -> bool: ...
    def attribute(self, cls: str, name: str) -> Value | None: ...
    def unique_class(self, name: str) -> str | None: ...
    def methods_named(self, name: str) -> Sequence[FunctionSummary] | None: ...


@dataclass(frozen=True, slots=True)
class Flow:
    """Where the value reaching a sink comes from.

    ``kind`` is ``"tainted"`` (provably request data), ``"unknown"`` (a non-literal of
    unknown origin) or ``"safe"`` (literals, constants, values sanitised for this sink).
    ``source`` is human text (``request.GET['next']``, ``URL argument `pk` of view
    `invoice_detail```); ``steps`` are the hops it took (assignments, calls, returns).
    """

    kind: str
    source: str | None = None
    source_path: str | None = None
    source_line: int | None = None
    steps: tuple[Step, ...] = ()

    @property
    def tainted(self) -> bool:
        return self.kind == "tainted"

    @property
    def unknown(self) -> bool:
        return self.kind == "unknown"

    @property
    def safe(self) -> bool:
        return self.kind == "safe"

    def describe(self, path: str | None = None) -> str:
        """``request.GET['q'] (line 4) → `q` (line 4) → `sql` (line 6)``; other files by path."""
        if self.source is None:
            return "a literal or sanitised value"
        parts = [f"{self.source} ({_where(path, self.source_path, self.source_line)})"]
        parts += [f"{s.text} ({_where(path, s.rel, s.line)})" for s in self.steps]
        return " → ".join(parts)


SAFE_FLOW = Flow("safe")


def _path_order(origin: Origin) -> tuple[object, ...]:
    """Shortest path first, then a total order over everything that is shown, so the message
    is the same in every run (origins are sets, iterated in hash order)."""
    return (len(origin.steps), origin.rel or "", origin.line or 0, origin.text,
            tuple((s.rel or "", s.line or 0, s.text) for s in origin.steps))


def _where(path: str | None, rel: str | None, line: int | None) -> str:
    return f"line {line}" if rel is None or rel == path else f"{rel}:{line}"


def resolve(value: Value, sink: str, facts: FactSource) -> Flow:
    """The flow of ``value`` into a ``sink``-class sink."""
    origins = _Resolver(sink, facts).value(value, 0)
    sources = [o for o in origins if o.kind == SOURCE]
    pool = sources or [o for o in origins if o.kind == UNKNOWN]
    if not pool:
        return SAFE_FLOW
    best = min(pool, key=_path_order)
    return Flow("tainted" if sources else "unknown", best.text, best.rel, best.line, best.steps)


class _Resolver:
    def __init__(self, sink: str, facts: FactSource) -> None:
        self.sink = sink
        self.facts = facts
        self.memo: dict[Origin, list[Origin]] = {}
        self.active: set[Origin] = set()
        self.raw_fields: set[tuple[str, str]] = set()
        """Fields read inside their own ``clean_<name>()`` method."""
        self.probe: _Resolver | None = None

    def value(self, value: Value, depth: int) -> list[Origin]:
        found: list[Origin] = []
        for origin in sorted(value.origins, key=origin_order):
            found.extend(self.origin(origin, depth))
        return found

    def inner(self, value: Value, outer: Origin, depth: int) -> list[Origin]:
        """The origins of ``value``, which ``outer`` stands for (a parameter's argument, a
        call's result): read out of a mapping if ``outer`` was (``options["sort"]``)."""
        return self.value(read_out(value) if READ_OUT in outer.sanitized else value, depth + 1)

    def origin(self, origin: Origin, depth: int) -> list[Origin]:
        if safe_for(origin, self.sink):
            return []
        if origin.kind in (SOURCE, UNKNOWN):
            return [origin]
        if origin in self.memo:
            return self.memo[origin]
        if depth > MAX_DEPTH or origin in self.active:
            return [_unknown(origin, f"result of `{_tail(origin.text)}` (too deep to follow)")]
        self.active.add(origin)
        try:
            if origin.kind == PARAM:
                found = self._param(origin, depth)
            elif origin.kind == CALL:
                found = self._call(origin, depth)
            elif origin.kind == URLARG:
                found = self._urlarg(origin, origin.text, origin.scope)
            elif origin.kind == FIELD:
                found = self._field(origin, depth)
            elif origin.kind == ATTR:
                found = self._attribute(origin, depth)
            elif origin.kind == METHOD:
                found = self._method(origin, depth)
            else:  # pragma: no cover - every kind is handled above
                found = [origin]
        finally:
            self.active.discard(origin)
        found = [o for o in found if not safe_for(o, self.sink)]
        self.memo[origin] = found
        return found

    def _urlarg(self, origin: Origin, name: str, view: str) -> list[Origin]:
        label = f"URL argument `{name}`" if name else "positional URL arguments"
        routes = self.facts.routes_to(view)
        args = [a for r in routes for a in r.args
                if a.name == name or (not name and a.converter == "positional")]
        if routes and not args and any(name in r.extra for r in routes):
            return []
        if args and all(a.safe for a in args):
            return []
        if args and not any(a.safe is False for a in args):
            custom = next(a.converter for a in args if a.safe is None)
            return [_unknown(origin, f"{label} of view `{_name(view)}` "
                             f"(custom converter `{custom}`)")]
        converter = next((a.converter for a in args if a.safe is False), None)
        detail = f" ({converter})" if converter and converter not in ("regex", "str") else ""
        return [replace(origin, kind=SOURCE, text=f"{label}{detail} of view `{_name(view)}`")]

    def _cleaned(self, origin: Origin, form: str, depth: int) -> list[Origin] | None:
        """A field with a ``clean_<name>()`` method is what that method returns (inside it,
        ``self.cleaned_data[name]`` is the raw field)."""
        method = self.facts.function(f"{form}.clean_{origin.text}")
        if method is None:
            return None
        key = (form, origin.text)
        self.raw_fields.add(key)
        try:
            found = self.inner(method.returns, origin, depth)
        finally:
            self.raw_fields.discard(key)
        step = Step(f"cleaned by `{_tail(method.qualname)}()`", method.rel, method.line)
        return [_chain(inner, step, origin) for inner in found]

    def _field(self, origin: Origin, depth: int) -> list[Origin]:
        form = origin.scope
        if form.startswith("view:"):
            view = form[5:]
            form = (self.facts.class_attr(view, "form_class")
                    or self.facts.class_attr(view, "serializer_class") or "")
        if form and "." not in form:
            form = self.facts.unique_class(form) or form
        if form and origin.text and (form, origin.text) not in self.raw_fields:
            cleaned = self._cleaned(origin, form, depth)
            if cleaned is not None:
                return cleaned
        kind = self.facts.form_field(form, origin.text) if form and origin.text else None
        if kind is not None and kind.rsplit(".", 1)[-1] in SAFE_FIELD_TYPES:
            return []
        label = f"cleaned_data['{origin.text}']" if origin.text else "cleaned_data"
        if not form:
            # The form was passed in from elsewhere: its clean_<field>() may validate the
            # value (a redirect URL checked with url_has_allowed_host_and_scheme()).
            return [_unknown(origin, f"form field {label} of a form whose class is not known "
                                     "here")]
        return [replace(origin, kind=SOURCE, text=f"form field {label} of {_name(form)}")]

    def _attribute(self, origin: Origin, depth: int) -> list[Origin]:
        value = self.facts.attribute(origin.scope, origin.text)
        if value is None:
            getter = self.facts.function(f"{origin.scope}.{origin.text}")
            if getter is not None and any(_name(d) in PROPERTIES for d in getter.decorators):
                # ``@property`` / ``@cached_property``: what the getter returns
                return self._call(replace(origin, kind=CALL, text=getter.qualname, bound=True,
                                          args=(), kwargs=()), depth)
            return [_unknown(origin, f"`self.{origin.text}`")]
        step = Step(f"`self.{origin.text}`", origin.rel, origin.line)
        return [_chain(inner, step, origin) for inner in self.inner(value, origin, depth)]

    def _param(self, origin: Origin, depth: int) -> list[Origin]:
        function, name = origin.scope, origin.text
        summary = self.facts.function(function)
        if summary is not None and self.facts.routes_to(function):
            first = summary.params[0].name if summary.params else None
            if name == first:
                return [_unknown(origin, "the request object")]
            param = summary.param(name)
            routed = self._urlarg(origin, name, function)
            if param is not None and param.has_default and routed and not any(
                    name == a.name for r in self.facts.routes_to(function) for a in r.args):
                return []
            return routed
        sites = self.facts.callers(function)
        if sites and summary is not None:
            return self._from_callers(origin, summary, sites, depth)
        if summary is not None and summary.params and summary.params[0].name == "request" \
                and self.facts.is_views_module(summary.rel) and not self.facts.has_routes():
            return [replace(origin, kind=SOURCE,
                            text=f"URL argument `{name}` of view `{_name(function)}`")]
        return [_unknown(origin, f"parameter `{name}` of `{_tail(function)}()` "
                                 "(no caller in the project)")]

    def _from_callers(self, origin: Origin, summary: FunctionSummary,
                      sites: Sequence[CallSite], depth: int) -> list[Origin]:
        found: list[Origin] = []
        for site in sites[:MAX_CALLERS]:
            argument = argument_for(site.args, site.kwargs, site.bound, site.star, summary,
                                    origin.text, site.rel, site.line)
            if argument is None:
                continue
            step = Step(f"passed as `{origin.text}` to `{_tail(summary.qualname)}()`",
                        site.rel, site.line)
            for inner in self.inner(argument, origin, depth):
                found.append(_chain(inner, step, origin))
        return found

    def _call(self, origin: Origin, depth: int) -> list[Origin]:
        summary = self.facts.function(origin.text)
        if summary is None:
            method = _name(origin.text)
            if method in SAFE_RESULT_METHODS:
                return []
            found = _unknown(origin, f"result of `{_tail(origin.text)}()`")
            if method in HTML_METHODS:
                found = replace(found, sanitized=found.sanitized | {"html"})
            return [found]
        step = Step(f"returned by `{_tail(summary.qualname)}()`", summary.rel, summary.line)
        return [_chain(inner, step, origin)
                for inner in self.inner(_returned(summary, origin), origin, depth)]

    def _method(self, origin: Origin, depth: int) -> list[Origin]:
        name = _name(origin.text)
        unknown = [_unknown(origin, f"result of `{origin.text}()`")]
        known = self.facts.function(f"{origin.scope}.{name}") if origin.scope else None
        summaries = [known] if known is not None else self.facts.methods_named(name)
        if not summaries:
            return unknown
        probe = self._probe()
        for summary in summaries:
            if probe.inner(_returned(summary, origin), origin, depth):
                return unknown
        return []

    def _probe(self) -> _Resolver:
        """A resolver of its own for the methods a METHOD origin may call: what it finds is
        only judged, never shown, and a cycle through them must not leave "too deep" results
        in this resolver's memo."""
        if self.probe is None:
            self.probe = _Resolver(self.sink, self.facts)
            self.probe.probe = self.probe
        return self.probe


def _returned(summary: FunctionSummary, origin: Origin) -> Value:
    """What ``summary``'s function returns to the call ``origin`` (CALL or METHOD)."""
    mapping: dict[str, Value | None] = {
        p.name: argument_for(origin.args, origin.kwargs, origin.bound, False, summary,
                             p.name, origin.rel, origin.line)
        for p in summary.params
    }
    return substitute(summary.returns, summary.qualname, mapping)


def argument_for(args: tuple[Value | None, ...], kwargs: tuple[tuple[str, Value], ...],
                 bound: bool, star: bool, summary: FunctionSummary, name: str, rel: str,
                 line: int) -> Value | None:
    """What a call passes for parameter ``name`` (None: nothing, or something safe)."""
    positional = [p for p in summary.params if p.kind == "positional"]
    offset = 1 if bound and summary.is_method else 0
    names = [p.name for p in positional]
    param = summary.param(name)
    if param is None:
        return None
    if param.kind == "varargs":
        return join(*(a for a in args[max(0, len(names) - offset):] if a is not None))
    if param.kind == "varkw":
        return join(*(v for k, v in kwargs if k not in names))
    for key, value in kwargs:
        if key == name:
            return value
    if param.kind == "positional":
        index = names.index(name) - offset
        if 0 <= index < len(args):
            return args[index]
    if star:
        return Value(frozenset({Origin(UNKNOWN, f"`*args` passed to `{_tail(summary.qualname)}()`",
                                       rel, line)}))
    return None


def substitute(value: Value, function: str, mapping: dict[str, Value | None]) -> Value:
    """``value`` with ``function``'s PARAM origins replaced by the arguments of a call."""
    if not value.origins:
        return value
    result: set[Origin] = set()
    for origin in value.origins:
        if origin.kind == PARAM and origin.scope == function:
            argument = mapping.get(origin.text)
            if argument is not None:
                result.update(replace(o, steps=o.steps + origin.steps,
                                      sanitized=o.sanitized | origin.sanitized)
                              for o in argument.origins)
        elif origin.kind in (CALL, METHOD):
            args = tuple(None if a is None else substitute(a, function, mapping)
                         for a in origin.args)
            kwargs = tuple((k, substitute(v, function, mapping)) for k, v in origin.kwargs)
            result.add(replace(origin, args=args, kwargs=kwargs))
        else:
            result.add(origin)
    return Value(frozenset(result))


def _chain(inner: Origin, step: Step, outer: Origin) -> Origin:
    steps = (*inner.steps, step, *outer.steps)[-12:]
    return replace(inner, steps=steps, sanitized=inner.sanitized | outer.sanitized)


def _unknown(origin: Origin, text: str) -> Origin:
    return replace(origin, kind=UNKNOWN, text=text, args=(), kwargs=())


def _name(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1]


def _tail(dotted: str) -> str:
    if dotted.startswith("<") and ">." in dotted:
        rel, _, rest = dotted[1:].partition(">.")
        dotted = rel.rsplit("/", 1)[-1].removesuffix(".py") + "." + rest
    parts = [p for p in dotted.split(".") if p != "<locals>"]
    return ".".join(parts[-2:]) if len(parts) > 1 else dotted

