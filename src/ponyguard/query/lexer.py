"""Text → tokens, in one left-to-right pass with one compiled pattern (linear in the input)."""

from __future__ import annotations

import bisect
import enum
import re
from decimal import Decimal
from typing import NoReturn

from .ast import Position
from .errors import QuerySyntaxError

KEYWORDS = frozenset({
    "and", "or", "not", "in", "is", "null", "none", "true", "false", "startswith", "endswith",
})


class T(enum.Enum):
    """Token kinds."""

    __hash__ = object.__hash__  # members are singletons; Enum's hash is slow

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


Token = tuple[T, str, object, int]
"""(kind, text as written, value, offset). The value is the keyword lower-cased, the string
unescaped, the number converted, else the text. Plain tuples: the lexer makes many."""
KIND, TEXT, VALUE, OFFSET = range(4)


_IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
_TOKEN_PATTERNS = {
    "name": rf"{_IDENT}(?:\.{_IDENT})*",
    "op": r"==|!=|!~|<=|>=|=|<|>|~",
    "string": r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""",
    "punct": r"[()\[\],]",
    "date": r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
            r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}",
    "number": r"-?\d+(?:\.\d+)?",
}
_WHITESPACE = " \t\r\n"
# One token with the whitespace before it, by name (for the completion's partial reads)...
_PATTERN = re.compile(r"[ \t\r\n]*(?:" + "|".join(
    f"(?P<{name}>{pattern})" for name, pattern in _TOKEN_PATTERNS.items()) + r"|(?P<end>\Z))")
# ...and every token at once: re.findall does the loop in C, giving (whitespace, name, op,
# string, punct, date, number) tuples with exactly one token group non-empty.
_ALL = re.compile(r"([ \t\r\n]*)(?:" + "|".join(
    f"({pattern})" for pattern in _TOKEN_PATTERNS.values()) + ")")
_PUNCT = {"(": T.LPAREN, ")": T.RPAREN, "[": T.LBRACKET, "]": T.RBRACKET, ",": T.COMMA}
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "/": "/"}


_new_position = tuple.__new__


class Lines:
    """Offsets → 1-based line and column (a binary search over line starts)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.single = len(self.starts) == 1

    def position(self, offset: int) -> Position:
        # tuple.__new__ skips the NamedTuple's Python-level __new__: positions are many
        if self.single:
            return _new_position(Position, (offset, 1, offset + 1))
        line = bisect.bisect_right(self.starts, offset)
        return _new_position(Position, (offset, line, offset - self.starts[line - 1] + 1))


def position_of(text: str, offset: int) -> Position:
    """The line and column of ``offset`` in ``text``."""
    return Lines(text).position(offset)


def tokenize(text: str, lines: Lines | None = None) -> list[Token]:
    """Every token of ``text``, ending with one :attr:`T.EOF` token.

    Raises :class:`QuerySyntaxError` at the first character that starts no token.
    """
    lines = lines or Lines(text)
    tokens: list[Token] = []
    append = tokens.append
    offset = 0
    for space, name, op, string, punct, date, number in _ALL.findall(text):
        offset += len(space)
        if name:
            lowered = name.lower()
            if lowered in KEYWORDS:
                append((T.KEYWORD, name, lowered, offset))
            else:
                append((T.NAME, name, name, offset))
            offset += len(name)
        elif op:
            append((T.OP, op, "=" if op == "==" else op, offset))
            offset += len(op)
        elif string:
            value = _unescape(string, lines.position(offset)) if "\\" in string else string[1:-1]
            append((T.STRING, string, value, offset))
            offset += len(string)
        elif punct:
            append((_PUNCT[punct], punct, punct, offset))
            offset += 1
        elif date:
            append((T.DATE, date, date, offset))
            offset += len(date)
        else:
            if "." in number:
                append((T.DECIMAL, number, Decimal(number), offset))
            else:
                append((T.INTEGER, number, int(number), offset))
            offset += len(number)
    end = len(text.rstrip(_WHITESPACE))
    if offset != end:  # findall skipped a character that starts no token: find the first
        _fail(text, _first_bad_offset(text), lines)
    append((T.EOF, "", None, len(text)))
    return tokens


def _first_bad_offset(text: str) -> int:
    offset = 0
    while True:
        match = _PATTERN.match(text, offset)
        if match is None:
            return len(text) - len(text[offset:].lstrip(_WHITESPACE))
        if match.lastgroup == "end":
            return len(text)
        offset = match.end()


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


def _fail(text: str, offset: int, lines: Lines) -> NoReturn:
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
