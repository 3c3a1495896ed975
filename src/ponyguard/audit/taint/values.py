"""The taint lattice: where a value may come from, as plain picklable data.

A :class:`Value` is a set of :class:`Origin` s plus, when known, what object the value *is*
(``obj``: the request, a form, ``self``…). The empty value :data:`SAFE` is a literal, a
constant or a sanitised value. Origins are of six kinds:

``SOURCE``
    request data, proven (``request.GET['next']``).
``UNKNOWN``
    a non-literal of unknown origin (an attribute of an object, a library call's result).
``PARAM``
    a parameter of the analysed function; resolved later through the function's callers or,
    for views, through the URL patterns that route to it.
``CALL``
    the return value of a project function, with the arguments it was called with;
    resolved later through that function's summary (it may live in another module).
``URLARG``
    a URL argument of a view (``self.kwargs['pk']``); safe or tainted by its converter.
``FIELD``
    ``form.cleaned_data[...]`` / ``serializer.validated_data[...]``; safe or tainted by the
    field's type when the form class is visible.
``ATTR``
    ``self.x`` read in a method where this method did not set it: whatever the class (or a
    project base) assigns to it, in its body or in any method.
``METHOD``
    the result of ``obj.name()`` on an object whose class is not known (``scope``: the class
    when it is): safe when every project method of that name returns a safe value, else of
    unknown origin (it is never followed to a source).

Each origin remembers the sink classes it has been sanitised for (``escape()`` makes a value
safe for ``"html"`` only) and the assignments it went through (``steps``), for messages.
Data stored as a *value* of a mapping (``{"product": p}``) carries the mark
:data:`IN_MAPPING`: the sinks that only see a mapping's keys (:data:`KEY_SINKS`,
``filter(**mapping)``) ignore it until it is read out again (``mapping["product"]``).
Values are capped in size so that loops and long functions stay cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SOURCE = "source"
UNKNOWN = "unknown"
PARAM = "param"
CALL = "call"
URLARG = "urlarg"
FIELD = "field"
ATTR = "attr"
METHOD = "method"

IN_MAPPING = "in-mapping"
"""Not a sink class: the mark of data stored as a value of a mapping (see :func:`stored`)."""
READ_OUT = "read-out"
"""Not a sink class: the mark of a parameter, call or attribute read out of a mapping
(``options["sort"]``): what it resolves to is no longer a value *in* a mapping, even when it
is marked :data:`IN_MAPPING` (``options`` is ``{"sort": request.GET["s"]}`` at a call)."""
KEY_SINKS = frozenset({"orm-kwargs", "orm-field"})
"""Sink classes that see only the keys of a mapping unpacked into them (``filter(**m)``,
``annotate(**m)``); the values are parameters of the query."""
MAX_ORIGINS = 6
EXPRESSION = "~"
"""Environment keys for what a check proved of an expression rather than a variable:
``"~request.GET['o']"`` after ``if request.GET["o"] in ALLOWED:``; the key ``"~"`` alone
marks an environment that holds any (see :mod:`.sanitizers`)."""
MAX_STEPS = 8
_RANK = {SOURCE: 0, URLARG: 1, FIELD: 1, CALL: 2, ATTR: 2, PARAM: 3, UNKNOWN: 4, METHOD: 5}


@dataclass(frozen=True, slots=True)
class Step:
    """One hop of a flow: an assignment, a call, a return (``text`` is already short)."""

    text: str
    rel: str
    line: int


@dataclass(frozen=True, slots=True)
class Origin:
    """One place a value may come from. See the module docstring for the kinds."""

    kind: str
    text: str
    """SOURCE: the source expression; UNKNOWN: what is unknown; PARAM/URLARG/FIELD/ATTR: the
    parameter, argument, field or attribute name; CALL: the callee's dotted name; METHOD: the
    called expression (``reporter.get_html``)."""
    rel: str
    line: int
    scope: str = ""
    """PARAM: the function's dotted name; URLARG: the view's; FIELD: the form class (or
    ``view:<class>`` for a CBV's ``form_class``, or ``""`` when not known); ATTR: the class;
    METHOD: the receiver's class, or ``""``."""
    args: tuple[Value | None, ...] = ()
    """CALL, METHOD: positional arguments (None for safe ones)."""
    kwargs: tuple[tuple[str, Value], ...] = ()
    bound: bool = False
    """CALL: called as a method (``self.helper(x)``): arguments start after ``self``."""
    sanitized: frozenset[str] = frozenset()
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True, slots=True)
class Value:
    """What the engine knows about an expression: its origins and, if known, what it is."""

    origins: frozenset[Origin] = frozenset()
    obj: str | None = None
    """``"request"``, ``"self"``, ``"urlkwargs"``, ``"form"``, ``"name:<dotted>"``
    (a module, class or function), ``"call:<dotted>"`` (a known call's result)…"""
    scope: str = ""
    """Extra data for ``obj``: the view of ``urlkwargs``, the form class of ``form``."""

    @property
    def is_safe(self) -> bool:
        return not self.origins


SAFE = Value()
REQUEST = Value(obj="request")


def of(origin: Origin) -> Value:
    return Value(frozenset((origin,)))


def join(*values: Value) -> Value:
    """The least upper bound: every origin of every value; ``obj`` only if all agree."""
    live = [v for v in values if v.origins or v.obj]
    if not live:
        return SAFE
    if len(live) == 1:
        return live[0]
    origins: frozenset[Origin] = frozenset().union(*(v.origins for v in live))
    first = live[0]
    same = all(v.obj == first.obj and v.scope == first.scope for v in live)
    return Value(_cap(origins), first.obj if same else None, first.scope if same else "")


def join_all(values: Iterable[Value]) -> Value:
    return join(*values)


def data(value: Value) -> Value:
    """The value as data: its origins without the object it is."""
    return Value(value.origins) if value.obj else value


def origin_order(origin: Origin) -> tuple[object, ...]:
    """A total order on origins (sets of them iterate in hash order, which differs between
    processes): what is kept, followed and shown must not depend on it."""
    return (_RANK.get(origin.kind, 9), origin.line or 0, origin.text, origin.rel or "",
            origin.scope, tuple((s.rel or "", s.line or 0, s.text) for s in origin.steps),
            tuple(sorted(origin.sanitized)))


def _cap(origins: frozenset[Origin]) -> frozenset[Origin]:
    """At most :data:`MAX_ORIGINS`, the values stored in a mapping last: a dict of many
    values must not crowd out the origin of its keys.

    What is dropped is replaced by one UNKNOWN origin, made safe only for the sinks every
    dropped origin was safe for: were the dropped ones simply forgotten, a value whose kept
    origins all turn out constant would pass as safe (a parameter crowded out by six class
    attributes is still a parameter)."""
    if len(origins) <= MAX_ORIGINS:
        return origins
    ordered = sorted(origins, key=_cap_order)
    kept, dropped = ordered[:MAX_ORIGINS - 1], ordered[MAX_ORIGINS - 1:]
    first = dropped[0]
    safe_for = frozenset.intersection(*(o.sanitized for o in dropped))
    rest = Origin(UNKNOWN, f"one of {len(dropped)} more origins (not followed)", first.rel,
                  first.line, sanitized=safe_for)
    return frozenset((*kept, rest))


def _cap_order(origin: Origin) -> tuple[object, ...]:
    return (IN_MAPPING in origin.sanitized, *origin_order(origin))


def with_step(value: Value, step: Step) -> Value:
    """The value after one more hop (an assignment): each origin records ``step`` once."""
    if not value.origins:
        return value
    changed = frozenset(
        o if step in o.steps or len(o.steps) >= MAX_STEPS else _copy(o, o.sanitized,
                                                                     (*o.steps, step))
        for o in value.origins
    )
    return Value(changed, value.obj, value.scope)


def sanitized(value: Value, sinks: Iterable[str]) -> Value:
    """The value made safe for ``sinks`` (``escape()`` → ``{"html"}``)."""
    if not value.origins:
        return data(value)
    extra = frozenset(sinks)
    return Value(frozenset(_copy(o, o.sanitized | extra, o.steps) for o in value.origins))


def safe_for(origin: Origin, sink: str) -> bool:
    """Whether ``origin`` cannot reach a ``sink``-class sink: sanitised for it, or a value of
    a mapping that a key sink sees only the keys of."""
    marks = origin.sanitized
    return sink in marks or (IN_MAPPING in marks and READ_OUT not in marks
                             and sink in KEY_SINKS)


def stored(value: Value) -> Value:
    """``value`` stored as a value of a mapping (``{"k": value}``, ``dict(k=value)``)."""
    return sanitized(value, (IN_MAPPING,))


def read_out(value: Value) -> Value:
    """``value`` read out of a mapping (``m[k]``, ``m.get(k)``, ``m.values()``): no longer
    :data:`IN_MAPPING`; symbolic origins, whose data is only known once resolved, are marked
    :data:`READ_OUT` so that what they resolve to is not taken for a mapping value."""
    if not any(IN_MAPPING in o.sanitized or o.kind not in (SOURCE, UNKNOWN)
               for o in value.origins):
        return value
    return Value(frozenset(_read_out(o) for o in value.origins), value.obj, value.scope)


def _read_out(o: Origin) -> Origin:
    marks = o.sanitized - {IN_MAPPING}
    if o.kind not in (SOURCE, UNKNOWN):
        marks = marks | {READ_OUT}
    return o if marks == o.sanitized else _copy(o, marks, o.steps)


def _copy(o: Origin, sanitized: frozenset[str], steps: tuple[Step, ...]) -> Origin:
    """``dataclasses.replace`` without its cost (this runs for every assignment)."""
    return Origin(o.kind, o.text, o.rel, o.line, o.scope, o.args, o.kwargs, o.bound,
                  sanitized, steps)


def unknown(text: str, rel: str, line: int) -> Value:
    return of(Origin(UNKNOWN, text, rel, line))


def source(text: str, rel: str, line: int) -> Value:
    return of(Origin(SOURCE, text, rel, line))


def join_env(*envs: dict[str, Value] | None) -> dict[str, Value] | None:
    """Variables of every live branch, each the join of its values (None: all dead)."""
    live = [e for e in envs if e is not None]
    if not live:
        return None
    if len(live) == 1:
        return live[0]
    merged = dict(live[0])
    for env in live[1:]:
        for name, value in env.items():
            known = merged.get(name)
            merged[name] = value if known is None or known == value else join(known, value)
    for name in [n for n in merged if n.startswith(EXPRESSION) and any(n not in e for e in live)]:
        del merged[name]  # a check made in only some branches holds after none of them
    return merged
