"""Facts the access-control rules need: URLconf wrappers, decorator arguments, class
decorators, permission lists, model relations, and project-wide derived answers."""

from __future__ import annotations

import textwrap

from ponyguard.audit.code.collect import collect
from ponyguard.audit.code.index import ProjectIndex
from ponyguard.audit.code.store import FactsStore
from ponyguard.audit.source import SourceFile

PACKAGES = frozenset({"app"})


def _facts(rel: str, module: str, text: str):
    return collect(SourceFile.from_text(textwrap.dedent(text), rel), module, PACKAGES)


def test_views_wrapped_in_the_urlconf_are_routed_with_their_wrappers() -> None:
    facts = _facts("app/urls.py", "app.urls", """
        from django.urls import path
        from django.contrib.auth.decorators import login_required, permission_required
        from django.views.decorators.cache import cache_page
        from django.contrib.formtools.preview import FormPreview
        from . import views
        urlpatterns = [
            path("a/", login_required(views.a)),
            path("b/<int:pk>/", permission_required("app.view")(views.B.as_view())),
            path("c/", cache_page(60)(login_required(views.c))),
            path("d/", views.d),
            path("e/", FormPreview(views.EForm)),
        ]
    """)
    routes = {r.view: r for r in facts.routes}
    assert routes["app.views.a"].wrappers == ("django.contrib.auth.decorators.login_required",)
    assert routes["app.views.B"].wrappers == (
        "django.contrib.auth.decorators.permission_required",)
    assert [a.name for a in routes["app.views.B"].args] == ["pk"]
    assert routes["app.views.c"].wrappers == (
        "django.views.decorators.cache.cache_page",
        "django.contrib.auth.decorators.login_required")
    assert routes["app.views.d"].wrappers == ()
    assert "app.views.EForm" not in routes


def test_decorator_arguments_class_decorators_lists_and_relations() -> None:
    facts = _facts("app/views.py", "app.views", """
        from django.conf import settings
        from django.db import models
        from django.utils.decorators import method_decorator
        from django.contrib.auth.decorators import login_required
        from rest_framework.decorators import api_view, permission_classes
        from rest_framework.permissions import IsAuthenticated, AllowAny
        from .perms import IsOwner

        @api_view(["GET"])
        @permission_classes([IsAuthenticated, IsOwner])
        def api(request):
            pass

        @method_decorator(login_required, name="dispatch")
        class V:
            permission_classes = [AllowAny]
            combined = [IsAuthenticated & IsOwner]
            labels = ["a", "b"]

        class Invoice(models.Model):
            owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
            customer = models.ForeignKey("shop.Customer", on_delete=models.CASCADE)
    """)
    api = facts.functions["app.views.api"]
    assert api.decorators == ("rest_framework.decorators.api_view",
                              "rest_framework.decorators.permission_classes")
    assert api.decorator_args == ("rest_framework.permissions.IsAuthenticated",
                                  "app.perms.IsOwner")
    view = facts.classes["app.views.V"]
    assert view.decorators == ("django.utils.decorators.method_decorator",)
    assert view.decorator_args == ("django.contrib.auth.decorators.login_required",)
    assert view.name_list("permission_classes") == ("rest_framework.permissions.AllowAny",)
    assert view.name_list("combined") == ("IsAuthenticated & IsOwner",)
    assert view.name_list("labels") is None
    invoice = facts.classes["app.views.Invoice"]
    assert invoice.relations == (("owner", "django.conf.settings.AUTH_USER_MODEL"),
                                 ("customer", "shop.Customer"))


def test_derived_answers_are_computed_once_and_replay_their_dependencies() -> None:
    store = FactsStore()
    store.add(_facts("app/a.py", "app.a", "def f(request):\n    pass\n"))
    store.add(_facts("app/b.py", "app.b", "def g(request):\n    pass\n"))
    index = ProjectIndex(store, PACKAGES)
    calls = []

    def compute(ix: ProjectIndex) -> int:
        calls.append(1)
        return sum(1 for name in ("app.a.f", "app.b.g") if ix.function(name) is not None)

    with index.recording() as first:
        assert index.derived("count", compute) == 2
    with index.recording() as second:
        assert index.derived("count", compute) == 2
    assert calls == [1]
    assert ("file", "app/a.py") in first and ("file", "app/b.py") in first
    assert second == first
    assert index.derived("count", compute) == 2  # outside a recording: no error
