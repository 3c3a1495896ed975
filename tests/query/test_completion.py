"""Completion: the fields, operators and values that may come next at the cursor."""

from __future__ import annotations

import pytest

from ponyguard.query import Schema, complete
from ponyguard.query.completion import Context

from .app.models import Member


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.for_model(Member)


def at_end(text: str, schema: Schema, **kwargs):
    return complete(text, len(text), schema, **kwargs)


def test_fields_at_the_start_and_after_logical_words(schema) -> None:
    first = at_end("", schema)
    assert first.context is Context.FIELD and "username" in first.suggestions
    assert "password" not in first.suggestions and "ssn" not in first.suggestions
    assert "not" in first.suggestions
    assert at_end("age > 1 and us", schema).suggestions == ("username",)
    assert at_end("(not te", schema).suggestions == ("teams",)


def test_fields_across_relations_keep_the_separator(schema) -> None:
    assert at_end("teams__n", schema).suggestions == ("teams__name",)
    completion = at_end("age = 1 or teams.", schema)
    assert "teams.name" in completion.suggestions and "teams.invite_token" not in \
        completion.suggestions
    assert completion.start == len("age = 1 or ")


def test_operators_fit_the_field_type(schema) -> None:
    ops = at_end("age ", schema).suggestions
    assert "<" in ops and "~" not in ops
    assert at_end("is_active ", schema).suggestions == ("=", "!=", "is null", "is not null")
    assert "startswith" in at_end("username ", schema).suggestions
    assert at_end("username st", schema).suggestions == ("startswith",)


def test_values_of_choices_and_booleans(schema) -> None:
    assert at_end("status = ", schema).suggestions == ('"active"', '"suspended"', '"left"')
    assert at_end('status in ("active", "s', schema).suggestions == ('"suspended"',)
    assert at_end("is_active = f", schema).suggestions == ("false",)
    assert at_end("level = ", schema).suggestions == ("1", "2", "3")


def test_free_text_values_come_only_from_the_callback(schema) -> None:
    assert at_end("username = ", schema).suggestions == ()
    seen = []

    def values(field, prefix):
        seen.append((field.name, prefix))
        return ["bob", 'say "hi"']

    completion = at_end('teams__name = "co', schema, values=values)
    assert seen == [("teams__name", "co")]
    assert completion.suggestions == ('"bob"', '"say \\"hi\\""')
    assert completion.context is Context.VALUE and completion.field == "teams__name"


def test_after_a_value_come_logical_words(schema) -> None:
    assert at_end("age = 1 ", schema).suggestions == ("and", "or")
    assert at_end("(age = 1 ", schema).suggestions == ("and", "or", ")")
    assert at_end("age is not null o", schema).suggestions == ("or",)


def test_the_cursor_can_be_in_the_middle(schema) -> None:
    text = "usern = 1 and age > 3"
    completion = complete(text, 5, schema)
    assert completion.suggestions == ("username",) and (completion.start, completion.end) == (0, 5)


@pytest.mark.parametrize("text", ["age = = ", "password ", '"', "&&&", "age in (1,", ")" * 50,
                                  "nope "])
def test_unreadable_text_gives_no_error(schema, text: str) -> None:
    complete(text, len(text), schema)
    complete(text, -5, schema)
    complete(text, 10_000, schema)
