"""A parsed tree checked against a schema: every comparison becomes a :class:`Term` holding a
schema field, an allowlisted lookup and a typed value. Both backends read only this."""

from __future__ import annotations

from dataclasses import dataclass

from .ast import And, Comparison, Literal, Node, Not, Op, Or, Position
from .errors import QuerySchemaError
from .schema import Field, FieldType, Schema
from .values import typed_value

ALLOWED_LOOKUPS = frozenset({
    "exact", "lt", "lte", "gt", "gte", "in", "icontains", "istartswith", "iendswith", "isnull",
})
"""The only Django lookups a query can ever produce."""

# operator → (lookup, negated)
_LOOKUPS: dict[Op, tuple[str, bool]] = {
    Op.EQ: ("exact", False), Op.NE: ("exact", True),
    Op.LT: ("lt", False), Op.LE: ("lte", False), Op.GT: ("gt", False), Op.GE: ("gte", False),
    Op.CONTAINS: ("icontains", False), Op.NOT_CONTAINS: ("icontains", True),
    Op.IN: ("in", False), Op.NOT_IN: ("in", True),
    Op.STARTSWITH: ("istartswith", False), Op.NOT_STARTSWITH: ("istartswith", True),
    Op.ENDSWITH: ("iendswith", False), Op.NOT_ENDSWITH: ("iendswith", True),
    Op.IS_NULL: ("isnull", False), Op.IS_NOT_NULL: ("isnull", False),
}
_TEXT_LOOKUPS = frozenset({"icontains", "istartswith", "iendswith"})
_ORDER_LOOKUPS = frozenset({"lt", "lte", "gt", "gte"})
_OPERATORS_BY_TYPE: dict[FieldType, frozenset[str]] = {
    FieldType.STRING: ALLOWED_LOOKUPS,
    FieldType.BOOLEAN: frozenset({"exact", "isnull"}),
}
_NON_TEXT = ALLOWED_LOOKUPS - _TEXT_LOOKUPS


@dataclass(slots=True)
class Term:
    """``field <lookup> value``, negated as a whole when ``negated`` (``!=``, ``not in``)."""

    field: Field
    lookup: str
    value: object
    negated: bool
    pos: Position


@dataclass(slots=True)
class AllOf:
    operands: tuple[Bound, ...]


@dataclass(slots=True)
class AnyOf:
    operands: tuple[Bound, ...]


@dataclass(slots=True)
class Negation:
    operand: Bound


Bound = Term | AllOf | AnyOf | Negation


def bind(node: Node, schema: Schema) -> Bound:
    """Check ``node`` against ``schema``; raises :class:`QuerySchemaError` at the culprit.

    Recursion is bounded by the parser's depth limit (at most ``DEPTH_CEILING``).
    """
    if isinstance(node, Comparison):
        return _term(node, schema)
    if isinstance(node, Not):
        return Negation(bind(node.operand, schema))
    if isinstance(node, And):
        return AllOf(tuple(bind(child, schema) for child in node.operands))
    assert isinstance(node, Or)
    return AnyOf(tuple(bind(child, schema) for child in node.operands))


def allowed_lookups(field: Field) -> frozenset[str]:
    """The lookups that make sense for a field's type."""
    allowed = _OPERATORS_BY_TYPE.get(field.type, _NON_TEXT)
    if field.choices and field.type is not FieldType.STRING:
        return allowed - _TEXT_LOOKUPS
    return allowed


def _term(node: Comparison, schema: Schema) -> Term:
    field = schema.resolve(node.path, node.pos, node.path_text)
    lookup, negated = _LOOKUPS[node.op]
    allowed = allowed_lookups(field)
    if lookup not in allowed:
        raise QuerySchemaError(
            f"`{node.op.value}` does not apply to {field.label}", line=node.op_pos.line,
            column=node.op_pos.column, token=node.op.value,
            suggestions=[op.value for op, (name, _) in _LOOKUPS.items()
                         if name in allowed and op in (Op.EQ, Op.IN, Op.LT)][:3])
    if lookup == "isnull":
        return Term(field, lookup, node.op is Op.IS_NULL, False, node.pos)
    free_text = lookup in _TEXT_LOOKUPS
    order = schema.date_order
    if isinstance(node.value, tuple):
        value: object = [typed_value(item, field, order, free_text) for item in node.value]
    else:
        assert isinstance(node.value, Literal)
        value = typed_value(node.value, field, order, free_text)
    return Term(field, lookup, value, negated, node.pos)


def key_of(term: Term) -> str:
    """The filter key of a term: the schema path and the lookup (``groups__name__exact``)."""
    if term.lookup not in ALLOWED_LOOKUPS:  # unreachable by construction; never trust it
        raise QuerySchemaError(f"lookup {term.lookup!r} is not allowed", line=term.pos.line,
                               column=term.pos.column)
    return f"{term.field.name}__{term.lookup}"
