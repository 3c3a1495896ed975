"""Bound tree → :class:`django.db.models.Q`, built only from (schema path, allowlisted lookup,
typed value) triples: ``Q((f"{path}__{lookup}", value))``; never ``**kwargs`` of user text.

To-many semantics: a comparison whose path crosses a relation holding several rows (a
many-to-many or reverse foreign key) means "some related row satisfies it" and compiles to
its own correlated ``EXISTS`` subquery. So ``groups__name = "a" and not groups__name = "b"``
means "in a group named a, and in no group named b", and ``groups__name = "a" and
groups__name = "b"`` means "in both", not the single join that asks one group to be named
both (Django's ``filter(Q(...) & ~Q(...))`` over one join gets both wrong).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q

from ..bound import AllOf, AnyOf, Bound, Negation, Term, key_of
from ..schema import FieldType


class RelatedExists(Exists):  # type: ignore[misc]
    """``EXISTS (rows of the model, correlated on pk, matching filter_q)``.

    ``filter_q`` is kept so that the whole compiled query can be inspected.
    """

    def __init__(self, model: type[Model], filter_q: Q) -> None:
        self.filter_q = filter_q
        queryset = model._base_manager.filter(Q(("pk", OuterRef("pk"))), filter_q)
        super().__init__(queryset.values("pk"))


def to_q(node: Bound, model: type[Model]) -> Q:
    """The ``Q`` for a bound tree over ``model`` (recursion bounded by the depth limit)."""
    if isinstance(node, Term):
        return _term(node, model)
    if isinstance(node, Negation):
        return ~to_q(node.operand, model)
    children = [to_q(child, model) for child in node.operands]
    if isinstance(node, AllOf):
        return Q(*children)
    assert isinstance(node, AnyOf)
    return Q(*children, _connector=Q.OR)


def _term(term: Term, model: type[Model]) -> Q:
    q = Q((key_of(term), _db_value(term)))
    if term.field.to_many:
        q = Q(RelatedExists(model, q))
    return ~q if term.negated else q


def _db_value(term: Term) -> Any:
    if term.field.type is FieldType.DATETIME:
        if isinstance(term.value, list):
            return [_aware(v) for v in term.value]
        return _aware(term.value)
    return term.value


def _aware(value: Any) -> Any:
    from django.conf import settings
    from django.utils import timezone

    if isinstance(value, dt.datetime) and settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value
