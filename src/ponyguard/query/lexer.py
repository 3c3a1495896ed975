"""Text → tokens, in one left-to-right pass with one compiled pattern (linear in the input)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NoReturn

from .ast import Position
from .errors import QuerySyntaxError

KEYWORDS = frozenset({
    "and", "or", "not", "in", "is", "null", "none", "true", "false", "startswith", "endswith",
})


class T(enum.Enum):
    """Token kinds."""

    NAME = "name"
    KEYWORD = "keyword"
    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    OP = "operator"
    LPAREN = "("
    RPAREN = ")"
    LBRACKET = "["
    RBRACKET = "]"
    COMMA = ","
    EOF = "end of query"


@dataclass(frozen=True, slots=True)
class Token:
    kind: T
    text: str
    value: object
    """Keywords lower-cased, strings unescaped, numbers converted; else the text."""
    pos: Position


_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_PATTERN = re.compile(
    r"""
    (?P<ws>[ \t\r\n]+)
    | (?P<date>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?
        | \d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})
    | (?P<number>-?\d+(?:\.\d+)?)
    | (?P<name>IDENT(?:\.IDENT)*)
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<op>==|!=|!~|<=|>=|=|<|>|~)
    | (?P<punct>[()\[\],])
    """.replace("IDENT", _IDENT),
    re.VERBOSE,
)
_PUNCT = {"(": T.LPAREN, ")": T.RPAREN, "[": T.LBRACKET, "]": T.RBRACKET, ",": T.COMMA}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "/": "/"}


class _Lines:
    """Offsets → 1-based line and column, for a text scanned left to right."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line = 1
        self.line_start = 0
        self.scanned = 0

    def position(self, offset: int) -> Position:
        newlines = self.text.count("\n", self.scanned, offset)
        if newlines:
            self.line += newlines
            self.line_start = self.text.rfind("\n", self.scanned, offset) + 1
        self.scanned = offset
        return Position(offset, self.line, offset - self.line_start + 1)


def position_of(text: str, offset: int) -> Position:
    """The line and column of ``offset`` in ``text``."""
    return _Lines(text).position(offset)


def tokenize(text: str) -> list[Token]:
    """Every token of ``text``, ending with one :attr:`T.EOF` token.

    Raises :class:`QuerySyntaxError` at the first character that starts no token.
    """
    tokens: list[Token] = []
    lines = _Lines(text)
    offset, end = 0, len(text)
    while offset < end:
        match = _PATTERN.match(text, offset)
        if match is None:
            _fail(text, offset, lines)
        kind = match.lastgroup
        if kind != "ws":
            tokens.append(_token(kind, match.group(), lines.position(offset)))
        offset = match.end()
    tokens.append(Token(T.EOF, "", None, lines.position(end)))
    return tokens


def _token(kind: str | None, raw: str, pos: Position) -> Token:
    if kind == "name":
        lowered = raw.lower()
        if lowered in KEYWORDS:
            return Token(T.KEYWORD, raw, lowered, pos)
        return Token(T.NAME, raw, raw, pos)
    if kind == "number":
        if "." in raw:
            return Token(T.DECIMAL, raw, Decimal(raw), pos)
        return Token(T.INTEGER, raw, int(raw), pos)
    if kind == "string":
        return Token(T.STRING, raw, _unescape(raw, pos), pos)
    if kind == "date":
        return Token(T.DATE, raw, raw, pos)
    if kind == "op":
        return Token(T.OP, raw, "=" if raw == "==" else raw, pos)
    return Token(_PUNCT[raw], raw, raw, pos)


def _unescape(raw: str, pos: Position) -> str:
    def replace(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[escape]
        if len(escape) == 5:
            return chr(int(escape[1:], 16))
        column = pos.column + 1 + match.start()
        raise QuerySyntaxError(f"unknown escape `\\{escape}` in a string", line=pos.line,
                               column=column, token=match.group())

    return _ESCAPE.sub(replace, raw[1:-1])


def _fail(text: str, offset: int, lines: _Lines) -> NoReturn:
    pos = lines.position(offset)
    char = text[offset]
    if char in "\"'":
        raise QuerySyntaxError("unterminated string (close it with the same quote)",
                               line=pos.line, column=pos.column, token=char)
    if char == "!":
        raise QuerySyntaxError("`!` must be followed by `=` or `~`", line=pos.line,
                               column=pos.column, token=char)
    raise QuerySyntaxError(f"unexpected character {char!r}", line=pos.line, column=pos.column,
                           token=char)
