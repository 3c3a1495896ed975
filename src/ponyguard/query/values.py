"""Literals → Python values of a field's type; a value that does not fit is an error here,
at its position, never a database error later."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal

from .ast import Kind, Literal
from .errors import QuerySchemaError
from .schema import DateOrder, Field, FieldType

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$")
_OTHER_DATE = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$")
_TEXT_KINDS = (Kind.STRING, Kind.WORD, Kind.INTEGER, Kind.DECIMAL, Kind.DATE)


def _error(message: str, literal: Literal, suggestions: list[str] | tuple[str, ...] = ()
           ) -> QuerySchemaError:
    return QuerySchemaError(message, line=literal.pos.line, column=literal.pos.column,
                            token=literal.text, suggestions=suggestions)


def typed_value(literal: Literal, field: Field, date_order: DateOrder | None,
                free_text: bool = False) -> object:
    """``literal`` as a value of ``field``. ``free_text`` (``~``, ``startswith``…) skips the
    choice check: a fragment of a choice is not a choice."""
    if field.choices and not free_text:
        return _choice(literal, field)
    kind = field.type
    if kind in (FieldType.STRING, FieldType.ORDERED):
        if literal.kind not in _TEXT_KINDS:
            raise _error(f"{field.label} takes text, not {literal.kind.value} "
                         f"`{literal.text}`", literal)
        return str(literal.value)
    if kind is FieldType.INTEGER:
        return _integer(literal, field)
    if kind in (FieldType.DECIMAL, FieldType.FLOAT):
        return _decimal(literal, field)
    if kind is FieldType.BOOLEAN:
        if literal.kind is not Kind.BOOLEAN:
            raise _error(f"{field.label} takes true or false, not `{literal.text}`", literal)
        return literal.value
    if kind is FieldType.DATE:
        return _date(literal, field, date_order)
    return _datetime(literal, field, date_order)


def _choice(literal: Literal, field: Field) -> object:
    wanted = str(literal.value).casefold()
    for value, _ in field.choices:
        if str(value).casefold() == wanted:
            return value
    for value, label in field.choices:
        if label.casefold() == wanted:
            return value
    names = [str(value) for value, _ in field.choices]
    close = difflib.get_close_matches(str(literal.value), names, n=3, cutoff=0.5)
    raise _error(f"`{literal.text}` is not a choice of {field.label} "
                 f"(one of: {', '.join(names[:12])})", literal, close)


def _integer(literal: Literal, field: Field) -> int:
    if literal.kind is not Kind.INTEGER:
        raise _error(f"{field.label} takes an integer, not `{literal.text}`", literal)
    value = literal.value
    assert isinstance(value, int)
    if field.int_range is not None:
        low, high = field.int_range
        if not low <= value <= high:
            raise _error(f"{value} is out of range for {field.label} ({low} to {high})",
                         literal)
    return value


def _decimal(literal: Literal, field: Field) -> object:
    if literal.kind not in (Kind.INTEGER, Kind.DECIMAL):
        raise _error(f"{field.label} takes a number, not `{literal.text}`", literal)
    value = Decimal(str(literal.value))
    if field.type is FieldType.FLOAT:
        return float(value)
    if field.max_digits is not None and field.decimal_places is not None:
        whole = len(str(abs(int(value)))) if int(value) else 0
        if whole > field.max_digits - field.decimal_places:
            raise _error(f"{literal.text} does not fit {field.label} "
                         f"({field.max_digits} digits, {field.decimal_places} after the point)",
                         literal)
    return value


def _date(literal: Literal, field: Field, order: DateOrder | None) -> dt.date:
    text = _date_text(literal, field)
    match = _ISO_DATE.match(text)
    parts = match.groups() if match else _other_date(literal, field, order, text)
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError as exc:
        raise _error(f"`{literal.text}` is not a valid date ({exc})", literal) from None


def _datetime(literal: Literal, field: Field, order: DateOrder | None) -> dt.datetime:
    text = _date_text(literal, field)
    match = _ISO_DATETIME.match(text)
    if match is None:
        date = _date(literal, field, order)
        return dt.datetime(date.year, date.month, date.day)
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        tzinfo = _zone(zone) if zone else None
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                           int(second or 0), int((fraction or "0").ljust(6, "0")), tzinfo)
    except ValueError as exc:
        raise _error(f"`{literal.text}` is not a valid date and time ({exc})",
                     literal) from None


def _zone(zone: str) -> dt.tzinfo:
    if zone == "Z":
        return dt.timezone.utc
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _date_text(literal: Literal, field: Field) -> str:
    if literal.kind not in (Kind.DATE, Kind.STRING):
        raise _error(f"{field.label} takes a date such as 2011-04-01, not `{literal.text}`",
                     literal)
    return str(literal.value).strip()


def _other_date(literal: Literal, field: Field, order: DateOrder | None,
                text: str) -> tuple[str, str, str]:
    match = _OTHER_DATE.match(text)
    if match is None:
        raise _error(f"`{literal.text}` is not a date; write it as YYYY-MM-DD", literal)
    if order is None:
        raise _error(f"`{literal.text}` is ambiguous; write dates as YYYY-MM-DD", literal)
    first, second, third = match.groups()
    by_letter = dict(zip(order, (first, second, third), strict=True))
    if len(by_letter["Y"]) != 4:
        raise _error(f"`{literal.text}` does not read as {'/'.join(order)} with a four-digit "
                     "year", literal)
    return by_letter["Y"], by_letter["M"], by_letter["D"]
