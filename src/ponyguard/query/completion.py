"""What may come next at a cursor position in a query, for a search box.

:func:`complete` never raises for any text: text it cannot read gives no suggestions.
Value suggestions for free-text fields come from a ``values`` callback (the admin passes one
that reads its own queryset), so a completion never reveals more than the caller allows.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .bound import _LOOKUPS, allowed_lookups
from .lexer import _PATTERN, KEYWORDS
from .schema import Field, FieldType, Schema

ValueSource = Callable[[Field, str], Iterable[str]]
_PATH_SEPARATOR = re.compile(r"\.|__")


class Context(enum.Enum):
    FIELD = "field"
    OPERATOR = "operator"
    VALUE = "value"
    LOGICAL = "logical"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Completion:
    """Suggestions replacing ``text[start:end]`` (the partial word at the cursor)."""

    context: Context
    start: int
    end: int
    prefix: str
    suggestions: tuple[str, ...]
    field: str | None = None


@dataclass
class _State:
    context: Context = Context.FIELD
    path: str = ""
    parens: int = 0
    in_list: bool = False


def complete(text: str, cursor: int, schema: Schema, values: ValueSource | None = None,
             limit: int = 50) -> Completion:
    """Suggestions for the word at ``cursor`` (an offset into ``text``)."""
    cursor = max(0, min(cursor, len(text), schema.limits.max_length))
    tokens, tail = _scan(text[:cursor])
    if tokens is None:
        return Completion(Context.NONE, cursor, cursor, "", ())
    start = cursor
    if tail is not None:
        start = cursor - len(tail)
    elif tokens and tokens[-1][2] == cursor and tokens[-1][0] in ("name", "number", "date"):
        kind, word, _ = tokens.pop()
        tail = word
        start = cursor - len(word)
    state = _walk(tokens)
    prefix = tail or ""
    suggestions = _suggest(state, prefix, schema, values)
    return Completion(state.context, start, cursor, prefix, tuple(suggestions[:limit]),
                      state.path or None)


def _scan(text: str) -> tuple[list[tuple[str, str, int]] | None, str | None]:
    """(kind, text, end offset) tokens, and an unterminated string at the end, if any."""
    tokens: list[tuple[str, str, int]] = []
    offset = 0
    while True:
        match = _PATTERN.match(text, offset)
        if match is None:
            rest = text[offset:].lstrip()
            if rest[:1] in ("\"", "'") and "\n" not in rest:
                return tokens, rest
            if rest == "." and tokens and tokens[-1][0] == "name" and tokens[-1][2] == offset:
                tokens[-1] = ("name", tokens[-1][1] + ".", offset + 1)  # `teams.` half typed
                return tokens, None
            return None, None
        kind = match.lastgroup or ""
        if kind == "end":
            return tokens, None
        tokens.append((kind, match.group(kind), match.end()))
        offset = match.end()


def _walk(tokens: list[tuple[str, str, int]]) -> _State:
    state = _State()
    after_is = after_not_op = False
    for kind, word, _ in tokens:
        lowered = word.lower()
        if state.context is Context.FIELD:
            if word == "(":
                state.parens += 1
            elif kind == "name" and lowered not in KEYWORDS:
                state.path, state.context = word, Context.OPERATOR
            elif lowered != "not":
                return _State(Context.NONE)
        elif state.context is Context.OPERATOR:
            if after_is:
                if lowered in ("null", "none"):
                    state.context, after_is = Context.LOGICAL, False
            elif after_not_op or kind == "op" or lowered in ("startswith", "endswith"):
                after_not_op = False
                state.context = Context.VALUE
            elif lowered == "in":
                state.context = Context.VALUE
            elif lowered == "is":
                after_is = True
            elif lowered == "not":
                after_not_op = True
            else:
                return _State(Context.NONE)
        elif state.context is Context.VALUE:
            if word in ("(", "["):
                state.in_list = True
            elif word in (")", "]") and state.in_list:
                state.in_list, state.context = False, Context.LOGICAL
            elif word != "," and not state.in_list:
                state.context = Context.LOGICAL
        elif lowered in ("and", "or"):
            state.context, state.path = Context.FIELD, ""
        elif word == ")" and state.parens:
            state.parens -= 1
        else:
            return _State(Context.NONE)
    if after_is:
        return _State(Context.VALUE, state.path, state.parens)  # `is` → null / not null
    return state


def _starts(candidates: Iterable[str], prefix: str) -> list[str]:
    folded = prefix.casefold().lstrip("\"'")
    return [c for c in candidates if c.casefold().lstrip("\"'").startswith(folded)]


def _suggest(state: _State, prefix: str, schema: Schema, values: ValueSource | None
             ) -> list[str]:
    if state.context is Context.FIELD:
        return _fields(prefix, schema) + _starts(["not", "("], prefix)
    if state.context is Context.LOGICAL:
        return _starts(["and", "or", *([")"] if state.parens else [])], prefix)
    field = _field(state.path, schema)
    if field is None:
        return []
    if state.context is Context.OPERATOR:
        return _starts(_operators(field), prefix)
    if state.context is Context.VALUE:
        return _values(field, prefix, values)
    return []


def _fields(prefix: str, schema: Schema) -> list[str]:
    parts = _PATH_SEPARATOR.split(prefix)
    separators = _PATH_SEPARATOR.findall(prefix)
    head, last = parts[:-1], parts[-1]
    typed = "".join(p + s for p, s in zip(head, separators, strict=True))
    names = schema.children(tuple(head))
    return [typed + name for name in _starts(names, last)]


def _field(path: str, schema: Schema) -> Field | None:
    return schema.fields.get(tuple(_PATH_SEPARATOR.split(path)))


def _operators(field: Field) -> list[str]:
    allowed = allowed_lookups(field)
    return [op.value for op, (lookup, _) in _LOOKUPS.items() if lookup in allowed]


def _values(field: Field, prefix: str, values: ValueSource | None) -> list[str]:
    if field.type is FieldType.BOOLEAN:
        return _starts(["true", "false"], prefix)
    if field.choices:
        return _starts([_quote(str(v)) if not isinstance(v, (int, float)) else str(v)
                        for v, _ in field.choices], prefix)
    if values is None or field.type is not FieldType.STRING:
        return []
    return [_quote(v) for v in values(field, prefix.lstrip("\"'"))]


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
