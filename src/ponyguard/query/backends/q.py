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

from django.db.models import BooleanField, Exists, Expression, Model, OuterRef, Q

from ..bound import AllOf, AnyOf, Bound, Negation, Term, key_of
from ..schema import FieldType


class RelatedExists(Expression):  # type: ignore[misc]
    """``EXISTS (rows of the model, correlated on pk, matching filter_q)``.

    A condition for ``Q``; the subquery is built only when the ORM resolves the filter, so
    compiling a query stays cheap. ``filter_q`` is kept so the compiled query can be inspected.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, model: type[Model], filter_q: Q) -> None:
        super().__init__()
        self.model = model
        self.filter_q = filter_q

    def exists(self) -> Exists:
        queryset = self.model._base_manager.filter(Q(("pk", OuterRef("pk"))), self.filter_q)
        return Exists(queryset.values("pk"))

    def resolve_expression(self, *args: Any, **kwargs: Any) -> Any:
        return self.exists().resolve_expression(*args, **kwargs)


def to_q(node: Bound, model: type[Model]) -> Q:
    """The ``Q`` for a bound tree over ``model``."""
    condition = _condition(node, model)
    return condition if isinstance(condition, Q) else Q(condition)


def _condition(node: Bound, model: type[Model]) -> Any:
    """A child for a ``Q``: a ``(key, value)`` pair, a :class:`RelatedExists`, or a ``Q``.

    Pairs and conditions go straight into their parent's children, without a ``Q`` each.
    Recursion is bounded by the parser's depth limit (at most ``DEPTH_CEILING``).
    """
    if isinstance(node, Term):
        condition: Any = (key_of(node), _db_value(node))
        if node.field.to_many:
            condition = RelatedExists(model, Q(condition))
        return Q(condition, _negated=True) if node.negated else condition
    if isinstance(node, Negation):
        return Q(_condition(node.operand, model), _negated=True)
    children = [_condition(child, model) for child in node.operands]
    if isinstance(node, AllOf):
        return Q(*children)
    assert isinstance(node, AnyOf)
    return Q(*children, _connector=Q.OR)


def _db_value(term: Term) -> Any:
    if term.field.type is not FieldType.DATETIME:
        return term.value
    if isinstance(term.value, list):
        return [_aware(v) for v in term.value]
    return _aware(term.value)


def _aware(value: Any) -> Any:
    from django.conf import settings
    from django.utils import timezone

    if isinstance(value, dt.datetime) and settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value
