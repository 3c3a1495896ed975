"""Property: for any input, the result is a Q whose every leaf is a schema path plus an
allowlisted lookup, or QuerySyntaxError/QuerySchemaError; nothing else is ever raised."""

from __future__ import annotations

import pytest
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ponyguard.query import (
    ALLOWED_LOOKUPS,
    QuerySchemaError,
    QuerySyntaxError,
    Schema,
    compile_predicate,
    compile_query,
)
from ponyguard.query.backends.q import RelatedExists
from ponyguard.query.findings import FINDINGS_SCHEMA

from .app.models import Member

SCHEMA = None


def member_schema() -> Schema:
    global SCHEMA
    if SCHEMA is None:
        SCHEMA = Schema.for_model(Member, depth=2)
    return SCHEMA


def leaf_keys(q: Q) -> list[str]:
    """Every filter key in ``q``, walking children and EXISTS subqueries; anything that is
    neither a (key, value) pair, a Q, nor our EXISTS fails the test."""
    assert q.connector in (Q.AND, Q.OR)
    keys: list[str] = []
    for child in q.children:
        if isinstance(child, Q):
            keys.extend(leaf_keys(child))
        elif isinstance(child, RelatedExists):
            keys.extend(leaf_keys(child.filter_q))
        else:
            assert isinstance(child, tuple) and len(child) == 2, child
            keys.append(child[0])
    return keys


def assert_allowed(q: Q, schema: Schema) -> None:
    paths = {"__".join(path) for path in schema.fields}
    for key in leaf_keys(q):
        path, _, lookup = key.rpartition("__")
        assert lookup in ALLOWED_LOOKUPS, key
        assert path in paths, key


FIELDS = ["username", "email", "age", "balance", "is_active", "status", "level", "birthday",
          "modified", "state", "state__name", "teams", "teams__name", "teams.state.name",
          "manager__username", "password", "api_key", "ssn", "_connector", "_negated",
          "username__regex", "teams__name__iregex", "pk", "id", "manager__password",
          "teams__invite_token", "state__name__in", "a.b.c.d.e"]
VALUES = st.one_of(
    st.integers(min_value=-2**70, max_value=2**70).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.text(max_size=12).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"')
                             .replace("\n", "\\n") + '"'),
    st.sampled_from(["true", "false", "null", "None", "active", "gold", "high", "2011-04-01",
                     "2011-02-30", "2011-04-01T10:00:00Z", "1/4/2011", "9999-12-31T23:59",
                     "0001-01-01", '"\\u0000"', "'x'", "-0", "1.5"]),
)
OPERATORS = st.sampled_from(["=", "==", "!=", "<", "<=", ">", ">=", "~", "!~", "startswith",
                             "not endswith", "endswith", "not startswith"])


@st.composite
def comparisons(draw) -> str:
    field = draw(st.sampled_from(FIELDS))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"{field} is {draw(st.sampled_from(['null', 'not null', 'NOT None']))}"
    if kind == 1:
        items = ", ".join(draw(st.lists(VALUES, min_size=1, max_size=4)))
        return f"{field} {draw(st.sampled_from(['in', 'not in']))} ({items})"
    return f"{field} {draw(OPERATORS)} {draw(VALUES)}"


QUERIES = st.recursive(
    comparisons(),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or", "AND", "Or"]), inner)
        .map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        inner.map(lambda q: f"not {q}"),
        inner.map(lambda q: f"({q})"),
    ),
    max_leaves=8,
)
NOISE = st.lists(st.sampled_from(list('ab_.()[],"\'\\ =!<>~0123456789-:TZ\n')
                                 + ["and ", "or ", "not ", "in ", "is ", "null", "username",
                                    "teams__name", "age", "password"]),
                 max_size=40).map("".join)
ANY_TEXT = st.one_of(QUERIES, NOISE, st.text(max_size=40))
HYPOTHESIS = settings(max_examples=300, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])


@HYPOTHESIS
@given(text=ANY_TEXT)
@pytest.mark.django_db
def test_any_text_gives_an_allowed_q_or_a_query_error(text: str) -> None:
    schema = member_schema()
    try:
        q = compile_query(text, schema)
    except (QuerySyntaxError, QuerySchemaError) as exc:
        assert exc.line >= 1 and exc.column >= 1
        return
    assert_allowed(q, schema)
    list(Member.objects.filter(q)[:1])  # the database accepts every value that got through


@HYPOTHESIS
@given(text=ANY_TEXT)
def test_any_text_gives_a_total_predicate_or_a_query_error(text: str) -> None:
    try:
        matches = compile_predicate(text, FINDINGS_SCHEMA)
    except (QuerySyntaxError, QuerySchemaError):
        return
    for record in ({}, {"rule": "PG201", "severity": "high", "cwe": [89], "line": 3},
                   {"severity": "bogus", "cwe": None, "line": "x", "path": None}):
        assert matches(record) in (True, False)


def test_the_property_check_catches_a_forbidden_key() -> None:
    schema = member_schema()
    with pytest.raises(AssertionError):
        assert_allowed(Q(("username__regex", ".*")), schema)
    with pytest.raises(AssertionError):
        assert_allowed(Q(("password__exact", "x")), schema)
    with pytest.raises(AssertionError):
        assert_allowed(Q(RelatedExists(Member, Q(("teams__name__regex", "x")))), schema)
