"""``ponyguard.query``: a safe search language compiled to Django ``Q`` objects.

::

    from ponyguard.query import Schema, compile_query

    schema = Schema.for_model(User)            # concrete fields minus sensitive ones
    users = User.objects.filter(compile_query('groups__name = "staff" and not is_active = false',
                                              schema))

Text is parsed into a tree (:func:`parse`), checked against an explicit :class:`Schema` (every
field path allowlisted, every value typed by its field), and only then turned into a ``Q``
from (path, allowlisted lookup, value) triples. Errors are :class:`QuerySyntaxError` or
:class:`QuerySchemaError` with a 1-based line and column, the offending token and close
matches. Importing this package needs no Django settings; the ``Q`` backend imports Django's
ORM when it is first used.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .ast import And, Comparison, Literal, Node, Not, Op, Or
from .bound import ALLOWED_LOOKUPS, Bound, bind
from .completion import Completion, complete
from .errors import QueryError, QueryLimitError, QuerySchemaError, QuerySyntaxError
from .limits import Limits
from .parser import parse
from .schema import Field, FieldType, Schema

if TYPE_CHECKING:
    from django.db.models import Q

    from .backends.predicate import Predicate

__all__ = [
    "ALLOWED_LOOKUPS",
    "And",
    "Comparison",
    "Completion",
    "Field",
    "FieldType",
    "Limits",
    "Literal",
    "Node",
    "Not",
    "Op",
    "Or",
    "QueryError",
    "QueryLimitError",
    "QuerySchemaError",
    "QuerySyntaxError",
    "Schema",
    "bind",
    "compile_predicate",
    "compile_query",
    "complete",
    "parse",
]


def check(text: str, schema: Schema) -> Bound:
    """Parse ``text`` within the schema's limits and bind it to the schema."""
    return bind(parse(text, schema.limits), schema)


def compile_query(text: str, schema: Schema) -> Q:
    """``text`` as a ``Q`` over ``schema.model``; raises :class:`QueryError` subclasses only."""
    if schema.model is None:
        raise TypeError("compile_query needs a schema built for a model (Schema.for_model)")
    return _q_backend()(bind(parse(text, schema.limits), schema), schema.model)


@functools.cache
def _q_backend() -> Callable[[Bound, Any], Q]:
    from .backends.q import to_q  # imports Django's ORM: only when first needed

    return to_q


def compile_predicate(text: str, schema: Schema) -> Predicate:
    """``text`` as a function ``obj -> bool`` on plain objects or dicts."""
    from .backends.predicate import to_predicate

    return to_predicate(check(text, schema))


def __getattr__(name: str) -> Any:
    if name == "QuerySearchMixin":  # needs django.contrib.admin: imported on demand
        from .admin import QuerySearchMixin

        return QuerySearchMixin
    raise AttributeError(name)
