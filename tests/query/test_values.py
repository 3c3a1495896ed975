"""Values are typed by their field; a value that does not fit is a positioned schema error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ponyguard.query import QuerySchemaError, Schema, bind, parse
from ponyguard.query.bound import Term

from .app.models import Member


@pytest.fixture(scope="module")
def member_schema() -> Schema:
    return Schema.for_model(Member)


def term(text: str, schema: Schema) -> Term:
    bound = bind(parse(text), schema)
    assert isinstance(bound, Term)
    return bound


def schema_error(text: str, schema: Schema) -> QuerySchemaError:
    with pytest.raises(QuerySchemaError) as caught:
        bind(parse(text), schema)
    return caught.value


@pytest.mark.parametrize(("text", "value"), [
    ("age = 30", 30),
    ("age in (1, 2)", [1, 2]),
    ("balance > 10", Decimal("10")),
    ("balance <= 10.5", Decimal("10.5")),
    ("is_active = false", False),
    ('username = "bob"', "bob"),
    ("username = bob", "bob"),
    ("username = 123", "123"),
    ("status = active", "active"),
    ('status = "Left the club"', "left"),  # a label reads as its value
    ("status in (ACTIVE, left)", ["active", "left"]),
    ('status ~ "act"', "act"),  # free text: a fragment, not a choice
    ("level = 2", 2),
    ("level = gold", 3),
    ("birthday = 1990-04-01", dt.date(1990, 4, 1)),
    ('birthday = "1990-04-01"', dt.date(1990, 4, 1)),
    ("modified > 2011-04-01", dt.datetime(2011, 4, 1)),
    ("modified > 2011-04-01T10:30", dt.datetime(2011, 4, 1, 10, 30)),
    ('modified > "2011-04-01 10:30:05.25"', dt.datetime(2011, 4, 1, 10, 30, 5, 250000)),
    ("modified > 2011-04-01T10:30:00Z", dt.datetime(2011, 4, 1, 10, 30, tzinfo=dt.timezone.utc)),
    ("state = 3", 3),
    ("teams = 3", 3),
])
def test_values_fit_their_fields(text: str, value: object, member_schema: Schema) -> None:
    assert term(text, member_schema).value == value


@pytest.mark.parametrize(("text", "column", "words"), [
    ('age = "thirty"', 7, "integer field age takes an integer"),
    ("age = 3.5", 7, "takes an integer"),
    ("age = 99999999999", 7, "out of range"),
    ("age in (1, x)", 12, "takes an integer"),
    ("balance = 1234567.5", 11, "does not fit decimal field balance (8 digits, 2 after"),
    ("balance = yes", 11, "takes a number"),
    ("is_active = 1", 13, "takes true or false"),
    ("status = retired", 10, "`retired` is not a choice of choice field status"),
    ("level = 7", 9, "is not a choice"),
    ("birthday = 1990-02-30", 12, "not a valid date"),
    ("birthday = 12", 12, "takes a date"),
    ('birthday = "yesterday"', 12, "is not a date"),
    ("birthday = 1/4/2011", 12, "ambiguous"),
    ("modified > 2011-13-01T10:00", 12, "not a valid date and time"),
    ("username = true", 12, "takes text"),
    ("is_active ~ tru", 11, "does not apply to boolean field is_active"),
    ("level ~ 1", 7, "does not apply"),
])
def test_values_that_do_not_fit(text: str, column: int, words: str,
                                member_schema: Schema) -> None:
    exc = schema_error(text, member_schema)
    assert words in exc.message
    assert (exc.line, exc.column) == (1, column)


def test_unknown_choice_suggests_close_ones(member_schema: Schema) -> None:
    assert schema_error("status = activ", member_schema).suggestions == ("active",)


@pytest.mark.parametrize(("order", "value"), [
    ("DMY", dt.date(2011, 4, 1)), ("MDY", dt.date(2011, 1, 4)),
])
def test_other_date_formats_only_with_an_explicit_order(order: str, value: dt.date) -> None:
    schema = Schema.for_model(Member, date_order=order)  # type: ignore[arg-type]
    assert term("birthday = 1/4/2011", schema).value == value
    assert term("birthday = 01.04.2011", schema).value == value
    assert "four-digit year" in schema_error("birthday = 1/4/11", schema).message


def test_ymd_order_and_a_bad_order() -> None:
    schema = Schema.for_model(Member, date_order="YMD")
    assert term("birthday = 2011/4/1", schema).value == dt.date(2011, 4, 1)
    with pytest.raises(ValueError, match="date_order"):
        Schema.for_model(Member, date_order="DDMMYY")  # type: ignore[arg-type]
