"""The query tree: what :func:`~ponyguard.query.parse` returns and every backend reads.

Positions are 1-based ``line``/``column`` of the node's first character (for a comparison,
its field path). ``and``/``or`` chains are flattened: ``a and b and c`` is one :class:`And`.
Nodes are slotted dataclasses, not frozen ones (frozen construction costs four times as much
and the parser makes many); treat them as immutable.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple


class Op(enum.Enum):
    """A comparison operator as the user wrote it (``==`` is :attr:`EQ`)."""

    __hash__ = object.__hash__  # members are singletons; Enum's hash is slow

    EQ = "="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    CONTAINS = "~"
    NOT_CONTAINS = "!~"
    IN = "in"
    NOT_IN = "not in"
    STARTSWITH = "startswith"
    NOT_STARTSWITH = "not startswith"
    ENDSWITH = "endswith"
    NOT_ENDSWITH = "not endswith"
    IS_NULL = "is null"
    IS_NOT_NULL = "is not null"


class Kind(enum.Enum):
    """What a literal looked like in the text; its meaning comes from the field it meets."""

    __hash__ = object.__hash__  # members are singletons; Enum's hash is slow

    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    WORD = "word"
    """A bare word (``high``): a string for text, choice and ordered fields."""


class Position(NamedTuple):
    offset: int
    line: int
    column: int


@dataclass(slots=True)
class Literal:
    kind: Kind
    value: object
    """``str`` for strings, words and dates, ``int``, ``Decimal`` or ``bool``."""
    text: str
    """The literal as written."""
    pos: Position


@dataclass(slots=True)
class Comparison:
    path: tuple[str, ...]
    path_text: str
    op: Op
    value: Literal | tuple[Literal, ...] | None
    """One literal, a tuple for ``in``/``not in``, None for ``is [not] null``."""
    pos: Position
    op_pos: Position


@dataclass(slots=True)
class Not:
    operand: Node
    pos: Position


@dataclass(slots=True)
class And:
    operands: list[Node]
    pos: Position


@dataclass(slots=True)
class Or:
    operands: list[Node]
    pos: Position


Node = Comparison | Not | And | Or
