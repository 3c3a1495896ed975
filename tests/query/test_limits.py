"""Each limit rejects what exceeds it, at the right place, and accepts what fits."""

from __future__ import annotations

import pytest

from ponyguard.query import Limits, QueryLimitError, QuerySyntaxError, parse
from ponyguard.query.limits import DEPTH_CEILING


def limit_error(text: str, **limits: int) -> QueryLimitError:
    with pytest.raises(QueryLimitError) as caught:
        parse(text, Limits(**limits))
    assert isinstance(caught.value, QuerySyntaxError)
    return caught.value


def test_input_length() -> None:
    parse("a = 12345", Limits(max_length=9))
    exc = limit_error("a = 123456", max_length=9)
    assert "longer than 9 characters" in exc.message and exc.column == 10


def test_number_of_terms() -> None:
    parse("a = 1 or a = 2 or a = 3", Limits(max_terms=3))
    exc = limit_error("a = 1 or a = 2 or a = 3 or a = 4", max_terms=3)
    assert "more than 3 comparisons" in exc.message and exc.column == 28


def test_nesting_depth_of_parentheses() -> None:
    parse("((a = 1))", Limits(max_depth=2))
    exc = limit_error("(((a = 1)))", max_depth=2)
    assert "parentheses nest deeper than 2" in exc.message and exc.column == 3


def test_nesting_depth_of_the_tree() -> None:
    parse("not (a = 1 or not b = 2)", Limits(max_depth=3))
    exc = limit_error("not (a = 1 or not (b = 2 and c = 3))", max_depth=3)
    assert "nests deeper than 3" in exc.message


def test_list_size() -> None:
    parse("a in (1, 2, 3)", Limits(max_list=3))
    exc = limit_error("a in (1, 2, 3, 4)", max_list=3)
    assert "more than 3 values" in exc.message and exc.column == 16


def test_relation_hops() -> None:
    parse("a__b__c = 1", Limits(max_hops=2))
    exc = limit_error("a__b.c__d = 1", max_hops=2)
    assert "crosses 3 relations" in exc.message and exc.token == "a__b.c__d"


def test_defaults_and_bad_configuration() -> None:
    limits = Limits()
    assert (limits.max_length, limits.max_terms, limits.max_depth, limits.max_list,
            limits.max_hops) == (4000, 100, 20, 500, 3)
    with pytest.raises(ValueError, match="may not exceed"):
        Limits(max_depth=DEPTH_CEILING + 1)
    with pytest.raises(ValueError, match="at least 1"):
        Limits(max_terms=0)
