from __future__ import annotations

from ponyguard.audit.code.runner import audit_code
from ponyguard.audit.discovery import discover
from ponyguard.core.config import Config
from tests.helpers import assert_finds, assert_silent, write_project

SETTINGS = "SECRET_KEY = 'x'\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"
VIEWS = """\
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.views.generic import DetailView, View

@login_required
def invoice_list(request):
    return render(request, "list.html")

@permission_required("billing.view_invoice")
def invoice_detail(request, pk):
    return render(request, "detail.html")

class InvoiceEdit(LoginRequiredMixin, DetailView):
    pass

@login_required
def invoice_delete(request, pk):
    return render(request, "delete.html")

def invoice_export(request):
    return render(request, "export.csv")
"""
URLS = """\
from django.urls import path
from . import views

urlpatterns = [
    path("invoices/", views.invoice_list),
    path("invoices/<int:pk>/", views.invoice_detail),
    path("invoices/<int:pk>/edit/", views.InvoiceEdit.as_view()),
    path("invoices/<int:pk>/delete/", views.invoice_delete),
    path("invoices/export/", views.invoice_export),
]
"""


def _project(views: str = VIEWS, urls: str = URLS, settings: str = SETTINGS,
             **extra: str) -> dict[str, str]:
    return {"settings.py": settings, "billing/__init__.py": "", "billing/views.py": views,
            "billing/urls.py": urls, **extra}


def test_fires_on_the_one_unguarded_view(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG406", _project(), path="billing/views.py", line=21,
                         count=1, severity="medium", confidence="medium",
                         message_contains="4 of 5 routed views require authentication")
    assert "`invoice_export`" in found[0].message
    assert "'invoices/export/'" in found[0].message


def test_fires_on_a_class_based_view_and_counts_urlconf_wrappers(tmp_path) -> None:
    views = VIEWS.replace("def invoice_export(request):\n    return render(request, "
                          "\"export.csv\")\n", "def invoice_export(request):\n    pass\n\n"
                          "class Report(View):\n    def get(self, request):\n        pass\n")
    urls = URLS.replace(
        "    path(\"invoices/export/\", views.invoice_export),\n",
        "    path(\"invoices/export/\", login_required(views.invoice_export)),\n"
        "    path(\"reports/\", views.Report.as_view()),\n").replace(
        "from . import views\n",
        "from django.contrib.auth.decorators import login_required\nfrom . import views\n")
    found = assert_finds(tmp_path, "PG406", _project(views, urls), count=1,
                         message_contains="the class-based view `Report`")
    assert found[0].location.line == 24
    assert "5 of 6 routed views" in found[0].message


def test_lower_confidence_when_the_views_beside_it_are_not_guarded(tmp_path) -> None:
    extra = ("def shipping(request):\n    pass\n\ndef returns(request):\n    pass\n\n"
             "def carriers(request):\n    pass\n")
    urls = URLS.replace("from . import views\n", "from . import views, pages\n").replace(
        "]\n", "    path(\"shipping/\", pages.shipping),\n    path(\"returns/\", pages.returns),\n"
        "    path(\"carriers/\", pages.carriers),\n]\n")
    views = VIEWS + ("\n@login_required\ndef a(request):\n    pass\n\n"
                     "@login_required\ndef b(request):\n    pass\n\n"
                     "@login_required\ndef c(request):\n    pass\n")
    urls = urls.replace("]\n", "    path(\"a/\", views.a),\n    path(\"b/\", views.b),\n"
                        "    path(\"c/\", views.c),\n]\n")
    files = _project(views, urls, **{"billing/pages.py": extra})
    assert_finds(tmp_path, "PG406", files, path="billing/pages.py", count=3,
                 confidence="low", message_contains="7 of 11 routed views")


def test_silent_for_public_and_deliberately_open_views(tmp_path) -> None:
    views = VIEWS + """
from django.contrib.auth.decorators import login_not_required
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny

def home(request):
    pass

def account_login(request):
    pass

def stripe_webhook(request):
    pass

@login_not_required
def catalogue(request):
    pass

@api_view(["GET"])
@permission_classes([AllowAny])
def prices(request):
    pass

def reset_confirm(request, uidb64, token):
    pass

def robots(request):
    pass
"""
    urls = URLS.replace("    path(\"invoices/export/\", views.invoice_export),\n", """\
    path("", views.home),
    path("accounts/login/", views.account_login),
    path("hooks/stripe/", views.stripe_webhook),
    path("catalogue/", views.catalogue),
    path("api/prices/", views.prices),
    path("reset/<uidb64>/<token>/", views.reset_confirm),
    path("robots.txt", views.robots),
""")
    assert_silent(tmp_path, "PG406", _project(views, urls))


def test_silent_when_the_view_checks_the_user_itself_or_delegates(tmp_path) -> None:
    views = VIEWS.replace(
        "def invoice_export(request):\n    return render(request, \"export.csv\")\n",
        "def invoice_export(request):\n    if not request.user.is_authenticated:\n"
        "        return redirect_to_login(request.path)\n    return render(request, 'x')\n\n"
        "def invoices(request, pk):\n    if request.method == 'POST':\n"
        "        return invoice_delete(request, pk)\n    return invoice_detail(request, pk)\n")
    urls = URLS.replace("]\n", "    path(\"api/invoices/<int:pk>/\", views.invoices),\n]\n")
    assert_silent(tmp_path, "PG406", _project(views, urls))


PAGES = """\
from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

def render_page(request, page):
    if page.members_only and not request.user.is_authenticated:
        return redirect_to_login(request.path)
    return TemplateResponse(request, "page.html", {"page": page})

def log_visit(request, page):
    print(request.user.is_authenticated, page)
"""


def _page_view(body: str) -> dict[str, str]:
    views = VIEWS.replace(
        "def invoice_export(request):\n    return render(request, \"export.csv\")\n",
        "from .pages import log_visit, render_page\n"
        f"def invoice_export(request):\n    page = object()\n{body}")
    return _project(views, **{"billing/pages.py": PAGES})


def test_silent_when_the_view_returns_through_a_helper_that_turns_anonymous_users_away(
        tmp_path) -> None:
    assert_silent(tmp_path, "PG406", _page_view("    return render_page(request, page)\n"))


def test_fires_when_the_helper_is_only_called_or_does_not_turn_anyone_away(tmp_path) -> None:
    # The helper's check decides nothing when the view does not return its answer.
    body = "    render_page(request, page)\n    return render(request, 'export.csv')\n"
    assert_finds(tmp_path / "called", "PG406", _page_view(body), path="billing/views.py",
                 count=1, confidence="medium")
    # Looking at request.user without turning anyone away is no guard.
    body = "    return log_visit(request, page)\n"
    assert_finds(tmp_path / "logged", "PG406", _page_view(body), path="billing/views.py",
                 count=1, confidence="medium")


def test_silent_when_a_middleware_requires_a_login_everywhere(tmp_path) -> None:
    settings = SETTINGS.replace(
        "]", ", 'django.contrib.auth.middleware.LoginRequiredMiddleware']")
    assert_silent(tmp_path, "PG406", _project(settings=settings))
    custom = SETTINGS.replace("]", ", 'billing.middleware.StaffOnlyMiddleware']")
    middleware = ("from django.contrib.auth.views import redirect_to_login\n"
                  "class StaffOnlyMiddleware:\n    def __call__(self, request):\n"
                  "        return redirect_to_login(request.path)\n")
    assert_silent(tmp_path / "custom", "PG406",
                  _project(settings=custom, **{"billing/middleware.py": middleware}))


def test_silent_when_most_views_are_open_or_too_few_are_guarded(tmp_path) -> None:
    views = ("def a(request):\n    pass\n\ndef b(request):\n    pass\n\n"
             "def c(request):\n    pass\n"
             "\nfrom django.contrib.auth.decorators import login_required\n"
             "@login_required\ndef d(request):\n    pass\n")
    urls = ("from django.urls import path\nfrom . import views\nurlpatterns = ["
            "path('a/', views.a), path('b/', views.b), path('c/', views.c), "
            "path('d/', views.d)]\n")
    assert_silent(tmp_path, "PG406", _project(views, urls))
    small = ("from django.contrib.auth.decorators import login_required\n"
             "@login_required\ndef a(request):\n    pass\n\n@login_required\n"
             "def b(request):\n    pass\n\ndef c(request):\n    pass\n")
    urls = ("from django.urls import path\nfrom . import views\nurlpatterns = ["
            "path('a/', views.a), path('b/', views.b), path('c/', views.c)]\n")
    assert_silent(tmp_path / "small", "PG406", _project(small, urls))


def test_drf_views_follow_the_default_permission_classes(tmp_path) -> None:
    views = VIEWS.replace(
        "def invoice_export(request):\n    return render(request, \"export.csv\")\n",
        "from rest_framework.views import APIView\n\n"
        "class InvoiceExport(APIView):\n    def get(self, request):\n        pass\n")
    urls = URLS.replace("views.invoice_export", "views.InvoiceExport.as_view()")
    settings = SETTINGS + ("REST_FRAMEWORK = {'DEFAULT_PERMISSION_CLASSES': "
                           "['rest_framework.permissions.IsAuthenticated']}\n")
    assert_silent(tmp_path, "PG406", _project(views, urls, settings))
    assert_finds(tmp_path / "open", "PG406", _project(views, urls), count=1,
                 message_contains="`InvoiceExport`")


def test_method_decorator_on_dispatch_is_a_guard(tmp_path) -> None:
    views = VIEWS.replace(
        "def invoice_export(request):\n    return render(request, \"export.csv\")\n",
        "from django.utils.decorators import method_decorator\n\n"
        "@method_decorator(login_required, name='dispatch')\n"
        "class InvoiceExport(View):\n    def get(self, request):\n        pass\n")
    urls = URLS.replace("views.invoice_export", "views.InvoiceExport.as_view()")
    assert_silent(tmp_path, "PG406", _project(views, urls))


def test_a_cached_result_follows_changes_to_the_other_views_and_settings(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    others = VIEWS.replace(
        "def invoice_export(request):\n    return render(request, \"export.csv\")\n", "")
    export = "def invoice_export(request):\n    pass\n"
    urls = URLS.replace("from . import views\n", "from . import views, exports\n").replace(
        "views.invoice_export", "exports.invoice_export")
    write_project(root, _project(others, urls, **{"billing/exports.py": export}))

    def run() -> list[str]:
        outcome = audit_code(discover(root), Config(cache_dir=cache, select=("PG406",)))
        return [f.location.path for f in outcome.findings]

    assert run() == ["billing/exports.py"]
    write_project(root, {"billing/views.py": others.replace("@login_required\n", "")})
    assert run() == []  # exports.py did not change, but the views around it did
    write_project(root, {"billing/views.py": others})
    assert run() == ["billing/exports.py"]
    write_project(root, {"settings.py": SETTINGS.replace(
        "]", ", 'django.contrib.auth.middleware.LoginRequiredMiddleware']")})
    assert run() == []
