from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ponyguard.query import Schema

from .app.models import Member, State, Team


@pytest.fixture
def schema() -> Schema:
    return Schema.for_model(Member, depth=2)


@pytest.fixture
def rows(db):
    """Four members; ``both`` is in teams XXX and YYY, the case single-join filters get wrong."""
    ok, bad = State.objects.create(name="OK"), State.objects.create(name="BAD")
    xxx = Team.objects.create(name="XXX", state=ok)
    yyy = Team.objects.create(name="YYY", state=bad)
    zzz = Team.objects.create(name="ZZZ", state=ok)
    only_x = Member.objects.create(
        username="only_x", email="x@example.com", age=30, balance=Decimal("10.50"),
        status="active", level=2, birthday=dt.date(1990, 4, 1), state=ok,
        modified=dt.datetime(2011, 4, 2, 12, 0, tzinfo=dt.timezone.utc))
    both = Member.objects.create(
        username="both", age=40, balance=Decimal("99.99"), status="suspended", level=3,
        birthday=dt.date(1980, 1, 4), state=bad, is_active=False,
        modified=dt.datetime(2011, 3, 1, tzinfo=dt.timezone.utc))
    only_y = Member.objects.create(username="only_y", age=None, status="left", state=None,
                                   manager=both)
    nobody = Member.objects.create(username="nobody", age=18, status="active")
    only_x.teams.add(xxx, zzz)
    both.teams.add(xxx, yyy)
    only_y.teams.add(yyy)
    return {"only_x": only_x, "both": both, "only_y": only_y, "nobody": nobody}
