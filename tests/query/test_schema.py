"""Schemas from models: what is searchable, what never is, and the errors for the rest."""

from __future__ import annotations

import pytest

from ponyguard.query import Field, FieldType, QuerySchemaError, Schema, compile_query
from ponyguard.query.django_schema import is_sensitive

from .app.models import Member, Team


def test_default_schema_has_concrete_fields_minus_sensitive_ones() -> None:
    schema = Schema.for_model(Member)
    names = {f.name for f in schema.fields.values()}
    assert {"username", "email", "age", "balance", "status", "teams", "teams__name",
            "state__name", "manager__username"} <= names
    for secret in ("password", "api_key", "ssn", "teams__invite_token",
                   "manager__password"):
        assert secret not in names
    # depth 1: one relation away, not two
    assert "teams__state__name" not in names and "teams__state" in names


def test_depth_is_configurable() -> None:
    assert ("teams", "state", "name") in Schema.for_model(Member, depth=2).fields
    assert not [p for p in Schema.for_model(Member, depth=0).fields if len(p) > 1]


def test_include_is_an_exact_allowlist_and_may_name_reverse_relations() -> None:
    schema = Schema.for_model(Team, include=["name", "members__username"])
    assert set(schema.fields) == {("name",), ("members", "username")}
    assert schema.fields[("members", "username")].to_many


def test_include_refuses_fields_the_model_marks_sensitive() -> None:
    with pytest.raises(ValueError, match="marked sensitive"):
        Schema.for_model(Member, include=["username", "ssn"])
    with pytest.raises(ValueError, match="has no field"):
        Schema.for_model(Member, include=["nope"])


def test_exclude_removes_a_field_or_a_whole_relation() -> None:
    schema = Schema.for_model(Member, exclude=["email", "manager"])
    assert ("email",) not in schema.fields
    assert not [p for p in schema.fields if p[0] == "manager"]


@pytest.mark.parametrize("name", ["password", "old_password", "api_key", "apikey",
                                  "auth_token", "secret", "totp_seed", "key", "pin_hash",
                                  "otp", "salt", "private_notes"])
def test_sensitive_names(name: str) -> None:
    assert is_sensitive(Member, name)


@pytest.mark.parametrize("name", ["username", "monkey", "hashtag", "keyboard_layout",
                                  "title", "spinner"])
def test_ordinary_names(name: str) -> None:
    assert not is_sensitive(Member, name)


def test_types_come_from_model_fields() -> None:
    fields = Schema.for_model(Member).fields
    assert fields[("age",)].type is FieldType.INTEGER
    assert fields[("age",)].int_range == (-2147483648, 2147483647)
    assert fields[("balance",)].type is FieldType.DECIMAL
    assert fields[("birthday",)].type is FieldType.DATE
    assert fields[("modified",)].type is FieldType.DATETIME
    assert fields[("is_active",)].type is FieldType.BOOLEAN
    assert fields[("status",)].choices[0] == ("active", "Active")
    assert fields[("state",)].type is FieldType.INTEGER  # a foreign key compares ids
    assert fields[("teams", "name")].to_many and not fields[("state", "name")].to_many


@pytest.mark.parametrize(("text", "message", "suggestions"), [
    ("passwrd = 1", "unknown field `passwrd` on member", ()),
    ("usrname = 1", "unknown field `usrname` on member", ("username",)),
    ("teams__nme = 1", "unknown field `nme` on teams", ("teams__name",)),
    ("teams__invite_token = 1", "unknown field `invite_token` on teams", ()),
    ("_connector = 1", "unknown field `_connector`", ()),
    ("state = 1 or state__name__regex = 1", "unknown field `regex` on state__name", ()),
    ("teams = 1 and teams__name__in = 2", "unknown field `in` on teams__name", ()),
    ("manager = 1 and manager__teams = 3 and teams = 1 and manager__state = 1 and teams__name = 1"
     " and state__name = 1 and email = 1 and teams__state = 1 and manager__manager__id = 1",
     "unknown field `id` on manager__manager", ()),
    ("teams ~ 1", "`~` does not apply to integer key teams", ()),
])
def test_schema_errors_name_the_field_and_close_matches(text, message, suggestions) -> None:
    schema = Schema.for_model(Member)
    with pytest.raises(QuerySchemaError) as caught:
        compile_query(text, schema)
    assert message in caught.value.message
    assert caught.value.suggestions[:len(suggestions)] == suggestions
    assert "password" not in caught.value.suggestions


def test_a_relation_is_not_a_field_when_it_has_no_key() -> None:
    schema = Schema.of([Field(("teams", "name"), FieldType.STRING)])
    with pytest.raises(QuerySchemaError, match="is a relation") as caught:
        schema.resolve(("teams",), parse_pos())
    assert caught.value.suggestions == ("teams__name",)


def parse_pos():
    from ponyguard.query.ast import Position

    return Position(0, 1, 1)
