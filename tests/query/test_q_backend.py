"""The Q backend on a real SQLite database: rows returned, and the SQL itself."""

from __future__ import annotations

import pytest
from django.db.models import Exists, OuterRef, Q

from ponyguard.query import QuerySchemaError, Schema, compile_query
from ponyguard.query.backends.q import RelatedExists

from .app.models import Member

pytestmark = pytest.mark.django_db


def names(text: str, schema: Schema, queryset=None) -> list[str]:
    queryset = Member.objects.all() if queryset is None else queryset
    return sorted(m.username for m in queryset.filter(compile_query(text, schema)))


def sql(queryset) -> str:
    return str(queryset.query)


# -- to-many semantics -------------------------------------------------------------------

def test_in_one_group_and_not_in_another(schema, rows) -> None:
    text = 'teams__name = "XXX" and not teams__name = "YYY"'
    assert names(text, schema) == ["only_x"]
    # The naive single-join filter correlates the exclusion with the joined row and keeps
    # `both` (in XXX and YYY); it even depends on the order of the terms.
    naive = Member.objects.filter(Q(teams__name="XXX") & ~Q(teams__name="YYY"))
    assert sorted(m.username for m in naive) == ["both", "only_x"]


def test_two_positive_terms_on_one_to_many_path_are_separate_rows(schema, rows) -> None:
    assert names('teams__name = "XXX" and teams__name = "YYY"', schema) == ["both"]
    naive = Member.objects.filter(Q(teams__name="XXX") & Q(teams__name="YYY"))
    assert list(naive) == []  # one join asks one team to have both names


def test_not_equal_on_a_to_many_path_means_in_none(schema, rows) -> None:
    assert names('teams__name != "YYY"', schema) == ["nobody", "only_x"]
    assert names('teams__name not in (XXX, YYY)', schema) == ["nobody"]
    assert names('teams__name !~ "z"', schema) == ["both", "nobody", "only_y"]


def test_is_null_on_a_to_many_path_means_no_related_row(schema, rows) -> None:
    assert names("teams__name is null", schema) == ["nobody"]
    assert names("teams is not null", schema) == ["both", "only_x", "only_y"]


def test_to_many_results_have_no_duplicates(schema, rows) -> None:
    assert names('teams__name in (XXX, YYY, ZZZ)', schema) == ["both", "only_x", "only_y"]


def test_to_many_sql_is_a_correlated_exists(schema, rows) -> None:
    q = compile_query('teams__name = "XXX" and not teams__name = "YYY"', schema)
    expected = Q(Exists(Member.objects.filter(pk=OuterRef("pk"), teams__name="XXX")
                        .values("pk"))) & ~Q(Exists(
        Member.objects.filter(pk=OuterRef("pk"), teams__name="YYY").values("pk")))
    assert sql(Member.objects.filter(q)) == sql(Member.objects.filter(expected))
    text = sql(Member.objects.filter(q))
    assert " JOIN " not in text.split("WHERE", 1)[0]  # the outer query joins nothing
    assert text.count("EXISTS(") == 2 and "NOT (EXISTS(" in text


def test_the_issue_example(schema, rows) -> None:
    text = '(modified > 2011-04-01 or not state__name = "OK") and teams__name = "XXX"'
    assert names(text, schema) == ["both", "only_x"]


# -- single-valued paths: plain lookups, same SQL as the hand-written filter ----------------

@pytest.mark.parametrize(("text", "expected", "usernames"), [
    ("age > 20", Q(age__gt=20), ["both", "only_x"]),
    ("age >= 30 and age <= 40", Q(age__gte=30) & Q(age__lte=40), ["both", "only_x"]),
    ("age < 20 or age is null", Q(age__lt=20) | Q(age__isnull=True), ["nobody", "only_y"]),
    ("age != 30", ~Q(age__exact=30), ["both", "nobody", "only_y"]),
    ('username ~ "ONLY"', Q(username__icontains="ONLY"), ["only_x", "only_y"]),
    ('username startswith "no"', Q(username__istartswith="no"), ["nobody"]),
    ('username endswith "_Y"', Q(username__iendswith="_Y"), ["only_y"]),
    ('username not endswith "_y"', ~Q(username__iendswith="_y"), ["both", "nobody", "only_x"]),
    ("status in (active, suspended)", Q(status__in=["active", "suspended"]),
     ["both", "nobody", "only_x"]),
    ("balance > 50", Q(balance__gt=50), ["both"]),
    ("is_active = false", Q(is_active=False), ["both"]),
    ("level = gold", Q(level=3), ["both"]),
    ("birthday < 1985-01-01", Q(birthday__lt="1985-01-01"), ["both"]),
    ('state__name = "OK"', Q(state__name="OK"), ["only_x"]),
    ("manager is not null", Q(manager__isnull=False), ["only_y"]),
    ('manager__username = "both"', Q(manager__username="both"), ["only_y"]),
])
def test_single_valued_paths(schema, rows, text, expected, usernames) -> None:
    q = compile_query(text, schema)
    assert sql(Member.objects.filter(q)) == sql(Member.objects.filter(expected))
    assert names(text, schema) == usernames


def test_datetimes_are_made_aware_when_use_tz(schema, rows, recwarn) -> None:
    assert names("modified > 2011-04-01", schema) == ["only_x"]
    assert names("modified < 2011-04-01T00:00:00+02:00", schema) == ["both"]
    assert not [w for w in recwarn if "naive datetime" in str(w.message)]


def test_foreign_key_ids(schema, rows) -> None:
    state = rows["only_x"].state
    assert names(f"state = {state.pk}", schema) == ["only_x"]
    team = rows["only_y"].teams.get()
    assert names(f"teams = {team.pk}", schema) == ["both", "only_y"]


def test_the_filter_respects_the_queryset_it_is_applied_to(schema, rows) -> None:
    assert names("age is not null", schema, Member.objects.filter(status="active")) == [
        "nobody", "only_x"]


def test_q_backend_needs_a_model_schema() -> None:
    with pytest.raises(TypeError, match="for a model"):
        compile_query("a = 1", Schema.of([]))


def test_related_exists_keeps_its_filter(schema) -> None:
    q = compile_query('teams__name = "XXX"', schema)
    [exists] = q.children
    assert isinstance(exists, RelatedExists)
    assert exists.filter_q.children == [("teams__name__exact", "XXX")]


def test_schema_error_reaches_no_database(schema, django_assert_num_queries) -> None:
    with django_assert_num_queries(0), pytest.raises(QuerySchemaError):
        compile_query("password = 1", schema)
