"""The grammar: precedence, unary not, operators, values, paths and positioned errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ponyguard.query import And, Comparison, Limits, Not, Op, Or, QuerySyntaxError, parse
from ponyguard.query.ast import Kind


def shape(node) -> object:
    """A compact picture of a tree: ('and', ...), ('not', x), or the field path."""
    if isinstance(node, Comparison):
        return "__".join(node.path)
    if isinstance(node, Not):
        return ("not", shape(node.operand))
    word = "and" if isinstance(node, And) else "or"
    return (word, *(shape(child) for child in node.operands))


def test_and_binds_tighter_than_or() -> None:
    assert shape(parse("a = 1 and b = 2 or c = 3")) == ("or", ("and", "a", "b"), "c")
    assert shape(parse("a = 1 or b = 2 and c = 3")) == ("or", "a", ("and", "b", "c"))


def test_parentheses_group() -> None:
    assert shape(parse("a = 1 and (b = 2 or c = 3)")) == ("and", "a", ("or", "b", "c"))


def test_not_is_unary_and_binds_tightest() -> None:
    assert shape(parse("not a = 1 and b = 2")) == ("and", ("not", "a"), "b")
    assert shape(parse("not (a = 1 or b = 2)")) == ("not", ("or", "a", "b"))
    assert shape(parse("not not a = 1")) == ("not", ("not", "a"))
    assert shape(parse('groups__name = "XXX" and not groups__name = "YYY"')) == (
        "and", "groups__name", ("not", "groups__name"))


def test_chains_are_flat() -> None:
    assert shape(parse("a = 1 or b = 2 or c = 3 or d = 4")) == ("or", "a", "b", "c", "d")
    assert shape(parse("(a = 1 and b = 2) and (c = 3 and d = 4)")) == (
        "and", "a", "b", "c", "d")


def test_keywords_are_case_insensitive() -> None:
    assert shape(parse("NOT a = 1 AND b IN (1) Or c Is Not NULL")) == (
        "or", ("and", ("not", "a"), "b"), "c")


@pytest.mark.parametrize(("text", "op"), [
    ("a = 1", Op.EQ), ("a == 1", Op.EQ), ("a != 1", Op.NE), ("a < 1", Op.LT),
    ("a <= 1", Op.LE), ("a > 1", Op.GT), ("a >= 1", Op.GE), ('a ~ "x"', Op.CONTAINS),
    ('a !~ "x"', Op.NOT_CONTAINS), ("a in (1, 2)", Op.IN), ("a not in [1, 2]", Op.NOT_IN),
    ('a startswith "x"', Op.STARTSWITH), ('a not startswith "x"', Op.NOT_STARTSWITH),
    ('a endswith "x"', Op.ENDSWITH), ('a not endswith "x"', Op.NOT_ENDSWITH),
    ("a is null", Op.IS_NULL), ("a is not null", Op.IS_NOT_NULL), ("a = None", Op.IS_NULL),
    ("a != null", Op.IS_NOT_NULL),
])
def test_operators(text: str, op: Op) -> None:
    node = parse(text)
    assert isinstance(node, Comparison) and node.op is op


@pytest.mark.parametrize(("text", "kind", "value"), [
    ('"a \\"quoted\\" \\\\ \\n \\u00e9"', Kind.STRING, 'a "quoted" \\ \n é'),
    ("'single'", Kind.STRING, "single"),
    ("42", Kind.INTEGER, 42), ("-7", Kind.INTEGER, -7),
    ("3.25", Kind.DECIMAL, Decimal("3.25")),
    ("true", Kind.BOOLEAN, True), ("False", Kind.BOOLEAN, False),
    ("2011-04-01", Kind.DATE, "2011-04-01"), ("2011-04-01T10:30:00Z", Kind.DATE,
                                              "2011-04-01T10:30:00Z"),
    ("1/4/2011", Kind.DATE, "1/4/2011"), ("high", Kind.WORD, "high"),
])
def test_values(text: str, kind: Kind, value: object) -> None:
    node = parse(f"a = {text}")
    assert isinstance(node, Comparison)
    assert node.value.kind is kind and node.value.value == value  # type: ignore[union-attr]


def test_paths_use_double_underscore_or_dot() -> None:
    for text in ("groups__name = 1", "groups.name = 1"):
        node = parse(text)
        assert isinstance(node, Comparison) and node.path == ("groups", "name")


def error(text: str, limits: Limits | None = None) -> QuerySyntaxError:
    with pytest.raises(QuerySyntaxError) as caught:
        parse(text, limits)
    return caught.value


@pytest.mark.parametrize(("text", "line", "column", "token", "words"), [
    ("a = 1 and", 1, 10, "", "expected a field name"),
    ("a = 1 b = 2", 1, 7, "b", "expected `and`, `or` or `)`"),
    ("(a = 1", 1, 1, "(", "never closed"),
    ("a = 1)", 1, 6, ")", "closes nothing"),
    ("a 1", 1, 3, "1", "expected an operator"),
    ('a = "open', 1, 5, '"', "unterminated string"),
    ("a = 1 &&", 1, 7, "&", "unexpected character"),
    ("a ! 1", 1, 3, "!", "`!` must be followed"),
    ("a not = 1", 1, 7, "=", "after `not`"),
    ("a is 1", 1, 6, "1", "expected `null`"),
    ("a in ()", 1, 7, ")", "expected a value"),
    ("a in (1 2)", 1, 9, "2", "expected `,`"),
    ("a < null", 1, 5, "null", "cannot compare with null"),
    ('a = "bad \\q"', 1, 10, "\\q", "unknown escape"),
    ("a____b = 1", 1, 1, "a____b", "not a field path"),
    ("a = 1 and\n  b = 2 and\n  or", 3, 3, "or", "expected a field name"),
])
def test_errors_carry_position_and_token(text, line, column, token, words) -> None:
    exc = error(text)
    assert (exc.line, exc.column, exc.token) == (line, column, token)
    assert words in exc.message
    assert f"(line {line}, column {column})" in str(exc)


def test_error_pointer_marks_the_token() -> None:
    text = "a = 1 and\n  b = 2 zz"
    exc = error(text)
    assert exc.pointer(text) == "  b = 2 zz\n        ^^"


def test_operator_error_suggests_operators() -> None:
    assert "=" in error("a 1").suggestions


def test_deep_nesting_is_a_limit_error_not_a_recursion_error() -> None:
    # Far beyond Python's recursion limit: the parser keeps its own stacks.
    text = "(" * 50_000 + "a = 1" + ")" * 50_000
    exc = error(text, Limits(max_length=200_000, max_depth=100))
    assert "nest deeper than 100" in exc.message and exc.column == 101
    nots = "not " * 50_000 + "a = 1"
    exc = error(nots, Limits(max_length=300_000, max_depth=100))
    assert "nests deeper than 100" in exc.message


def test_long_chains_parse_without_recursion() -> None:
    text = " or ".join(f"a = {i}" for i in range(20_000))
    node = parse(text, Limits(max_length=10**6, max_terms=20_000))
    assert isinstance(node, Or) and len(node.operands) == 20_000
