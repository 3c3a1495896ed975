"""Bound tree → a predicate on plain Python objects (attribute or key access).

Semantics follow the Q backend: a path through a list/tuple/set means "some element
satisfies it"; ``!=``, ``!~`` and ``not in`` are the negation of the positive comparison
(so a missing value satisfies them); comparisons between values that cannot be ordered are
false rather than errors. ``ORDERED`` fields compare by position in their choices.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from typing import Any

from ..bound import AllOf, AnyOf, Bound, Negation, Term
from ..schema import Field, FieldType

_MISSING = object()
Predicate = Callable[[Any], bool]


def to_predicate(node: Bound) -> Predicate:
    """A function ``obj -> bool`` for a bound tree (recursion bounded by the depth limit)."""
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Negation):
        inner = to_predicate(node.operand)
        return lambda obj: not inner(obj)
    parts = [to_predicate(child) for child in node.operands]
    if isinstance(node, AllOf):
        return lambda obj: all(part(obj) for part in parts)
    assert isinstance(node, AnyOf)
    return lambda obj: any(part(obj) for part in parts)


def _term(term: Term) -> Predicate:
    field = term.field
    wanted = _normalise(term.value, field)
    test = _TESTS[term.lookup]

    def matches(obj: Any) -> bool:
        found = any(_safe(test, _normalise(v, field), wanted)
                    for v in _values(obj, field.path))
        return not found if term.negated else found

    if term.lookup == "isnull":
        def isnull(obj: Any) -> bool:
            present = [v for v in _values(obj, field.path) if v is not None]
            return not present if wanted else bool(present)
        return isnull
    return matches


def _values(obj: Any, path: tuple[str, ...]) -> Iterator[Any]:
    """Every value at ``path``, fanning out over lists; nothing for a missing attribute."""
    current = [obj]
    for name in path:
        following: list[Any] = []
        for item in current:
            value = _get(item, name)
            if value is _MISSING or value is None:
                continue
            if isinstance(value, (list, tuple, set, frozenset)):
                following.extend(value)
            else:
                following.append(value)
        current = following
    yield from current


def _get(item: Any, name: str) -> Any:
    if isinstance(item, dict):
        return item.get(name, _MISSING)
    return getattr(item, name, _MISSING)


def _normalise(value: Any, field: Field) -> Any:
    if isinstance(value, list):
        return [_normalise(v, field) for v in value]
    if isinstance(value, enum.Enum):
        value = value.value
    if field.type is FieldType.ORDERED:
        names = [str(v).casefold() for v, _ in field.choices]
        text = str(value).casefold()
        return names.index(text) if text in names else None
    return value


def _safe(test: Callable[[Any, Any], bool], value: Any, wanted: Any) -> bool:
    if value is None:
        return False
    try:
        return test(value, wanted)
    except TypeError:
        return False


def _text(value: Any) -> str:
    return str(value).casefold()


_TESTS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": lambda v, w: bool(v == w),
    "lt": lambda v, w: bool(v < w),
    "lte": lambda v, w: bool(v <= w),
    "gt": lambda v, w: bool(v > w),
    "gte": lambda v, w: bool(v >= w),
    "in": lambda v, w: v in w,
    "icontains": lambda v, w: _text(w) in _text(v),
    "istartswith": lambda v, w: _text(v).startswith(_text(w)),
    "iendswith": lambda v, w: _text(v).endswith(_text(w)),
    "isnull": lambda v, w: False,
}
