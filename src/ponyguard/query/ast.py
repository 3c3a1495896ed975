"""The query tree: what :func:`~ponyguard.query.parse` returns and every backend reads.

Positions are 1-based ``line``/``column`` of the node's first character (for a comparison,
its field path). ``and``/``or`` chains are flattened: ``a and b and c`` is one :class:`And`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Op(enum.Enum):
    """A comparison operator as the user wrote it (``==`` is :attr:`EQ`)."""

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

    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    WORD = "word"
    """A bare word (``high``): a string for text, choice and ordered fields."""


@dataclass(frozen=True, slots=True)
class Position:
    offset: int
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Literal:
    kind: Kind
    value: object
    """``str`` for strings, words and dates, ``int``, ``Decimal`` or ``bool``."""
    text: str
    """The literal as written."""
    pos: Position


@dataclass(frozen=True, slots=True)
class Comparison:
    path: tuple[str, ...]
    path_text: str
    op: Op
    value: Literal | tuple[Literal, ...] | None
    """One literal, a tuple for ``in``/``not in``, None for ``is [not] null``."""
    pos: Position
    op_pos: Position


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node
    pos: Position


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Node, ...]
    pos: Position


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Node, ...]
    pos: Position


Node = Comparison | Not | And | Or
