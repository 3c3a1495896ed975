"""The query language in the Django admin's changelist search box.

::

    from ponyguard.query.admin import QuerySearchMixin

    @admin.register(Member)
    class MemberAdmin(QuerySearchMixin, admin.ModelAdmin):
        query_schema = Schema.for_model(Member, exclude=["email"])  # optional

The search box then takes queries (``teams__name = "core" and not is_active = false``); a
query with a mistake shows the error, its position and suggestions as an admin message and
an empty list. Searches run on the admin's own ``get_queryset()``. The completion endpoint
(``<changelist>/query-complete/?q=…&cursor=…``) answers only users with view permission,
and its value suggestions come only from that queryset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponseBadRequest, JsonResponse
from django.urls import URLPattern, path

from . import compile_query
from .completion import complete
from .errors import QueryError
from .schema import Field, Schema

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

SEARCH_PLACEHOLDER = "__ponyguard_query__"
"""Stands in ``search_fields`` so that the admin shows its search box; never a lookup."""


class QuerySearchMixin:
    """A ``ModelAdmin`` mixin: search the changelist with :mod:`ponyguard.query`."""

    query_schema: Schema | None = None
    """The schema; None builds ``Schema.for_model(self.model)`` once."""
    query_completion_limit: int = 20
    search_help_text = ('Search with a query, e.g. name = "x" and not status in (a, b); '
                        "operators = != < <= > >= ~ !~ in startswith endswith is null.")

    model: type[Model]
    opts: Any
    admin_site: Any

    def get_query_schema(self, request: HttpRequest) -> Schema:
        """The schema for this request (override to vary it by user)."""
        if self.query_schema is None:
            type(self).query_schema = Schema.for_model(self.model)
        assert self.query_schema is not None
        return self.query_schema

    def get_search_fields(self, request: HttpRequest) -> Any:
        fields = super().get_search_fields(request)  # type: ignore[misc]
        return fields or (SEARCH_PLACEHOLDER,)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Any],
                           search_term: str) -> tuple[QuerySet[Any], bool]:
        if not search_term.strip():
            return queryset, False
        try:
            q = compile_query(search_term, self.get_query_schema(request))
        except QueryError as exc:
            self.message_user(request, f"Search: {exc.describe()}",  # type: ignore[attr-defined]
                              level=messages.ERROR, fail_silently=True)
            return queryset.none(), False
        return queryset.filter(q), False

    def get_urls(self) -> list[URLPattern]:
        name = f"{self.opts.app_label}_{self.opts.model_name}_query_complete"
        view = self.admin_site.admin_view(self.query_complete_view)
        return [path("query-complete/", view, name=name),
                *super().get_urls()]  # type: ignore[misc]

    def query_complete_view(self, request: HttpRequest) -> JsonResponse | HttpResponseBadRequest:
        """JSON suggestions for ``q`` at ``cursor`` (default: its end)."""
        if not self.has_view_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        text = request.GET.get("q", "")
        try:
            cursor = int(request.GET.get("cursor", len(text)))
        except ValueError:
            return HttpResponseBadRequest("cursor must be an integer")
        completion = complete(
            text, cursor, self.get_query_schema(request),
            values=lambda field, prefix: self.query_values(request, field, prefix),
            limit=self.query_completion_limit)
        return JsonResponse({
            "context": completion.context.value, "start": completion.start,
            "end": completion.end, "prefix": completion.prefix, "field": completion.field,
            "suggestions": list(completion.suggestions),
        })

    def query_values(self, request: HttpRequest, field: Field, prefix: str) -> list[str]:
        """Values of ``field`` starting with ``prefix``, from this admin's queryset only."""
        queryset = self.get_queryset(request)  # type: ignore[attr-defined]
        key = field.name  # a schema path, never user text
        if prefix:
            queryset = queryset.filter(Q((f"{key}__istartswith", prefix)))
        found = (queryset.order_by(key).values_list(key, flat=True).distinct()
                 [:self.query_completion_limit])
        return [str(v) for v in found if v is not None]
