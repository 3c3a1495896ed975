from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

MODELS = """\
from django.conf import settings
from django.db import models

class Invoice(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

class Note(models.Model):
    text = models.TextField()

class Product(models.Model):
    name = models.CharField(max_length=100)
"""
HEAD = """\
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.generic import DeleteView, DetailView, UpdateView, View
from .models import Invoice, Note, Product
"""
URLS = """\
from django.urls import path
from . import views
urlpatterns = [path("invoices/<int:pk>/", views.invoice)]
"""


def _project(views: str, **extra: str) -> dict[str, str]:
    return {"billing/__init__.py": "", "billing/models.py": MODELS,
            "billing/views.py": HEAD + views, "billing/urls.py": URLS, **extra}


def test_fires_on_a_lookup_by_url_id_in_a_login_view(tmp_path) -> None:
    views = ("@login_required\n"
             "def invoice(request, pk):\n"
             "    invoice = get_object_or_404(Invoice, pk=pk)\n"
             "    return render(request, 'invoice.html', {'invoice': invoice})\n")
    found = assert_finds(tmp_path, "PG407", _project(views), path="billing/views.py",
                         line=10, count=1, severity="high", confidence="medium")
    assert "URL argument `pk`" in found[0].message
    assert "@login_required" in found[0].message


def test_fires_through_a_variable_and_a_helper_in_another_module(tmp_path) -> None:
    views = ("@login_required\n"
             "def by_query(request):\n"
             "    invoice_id = int(request.GET['id'])\n"
             "    return render(request, 'x', {'i': Invoice.objects.get(id=invoice_id)})\n"
             "@login_required\n"
             "def by_form(request):\n"
             "    from .ids import selected\n"
             "    Invoice.objects.filter(pk__in=selected(request)).delete()\n")
    files = _project(views, **{"billing/ids.py": (
        "def selected(request):\n    return request.POST.getlist('invoices')\n")})
    found = assert_finds(tmp_path, "PG407", files, count=2, confidence="medium")
    assert [f.location.line for f in found] == [11, 15]
    assert "request.GET['id']" in found[0].message


def test_fires_on_class_based_views_without_a_scoped_queryset(tmp_path) -> None:
    views = ("class InvoiceDetail(LoginRequiredMixin, DetailView):\n"
             "    model = Invoice\n"
             "class InvoiceEdit(LoginRequiredMixin, UpdateView):\n"
             "    fields = ['owner']\n"
             "    def get_queryset(self):\n"
             "        return Invoice.objects.all()\n"
             "class InvoiceApi(LoginRequiredMixin, View):\n"
             "    def get(self, request, pk):\n"
             "        return render(request, 'x', {'i': Invoice.objects.get(pk=pk)})\n")
    drf = ("from rest_framework import viewsets\n"
           "from rest_framework.permissions import IsAuthenticated\n"
           "from .models import Invoice\n"
           "class InvoiceViewSet(viewsets.ModelViewSet):\n"
           "    permission_classes = [IsAuthenticated]\n"
           "    queryset = Invoice.objects.select_related('owner')\n")
    found = assert_finds(tmp_path, "PG407", _project(views, **{"billing/api.py": drf}),
                         count=4, severity="high", confidence="medium")
    assert sorted((f.location.path, f.location.line) for f in found) == [
        ("billing/api.py", 6), ("billing/views.py", 9), ("billing/views.py", 13),
        ("billing/views.py", 16)]


def test_lower_confidence_for_unowned_models_and_nested_lookups(tmp_path) -> None:
    views = ("@login_required\n"
             "def note(request, pk):\n"
             "    return render(request, 'x', {'n': get_object_or_404(Note, pk=pk)})\n"
             "@login_required\n"
             "def nested(request, org, pk):\n"
             "    return render(request, 'x', {'i': Invoice.objects.get(org__slug=org, pk=pk)})\n")
    assert_finds(tmp_path, "PG407", _project(views), count=2, confidence="low")


def test_silent_when_the_lookup_is_scoped_or_checked(tmp_path) -> None:
    views = ("@login_required\n"
             "def a(request, pk):\n"
             "    return get_object_or_404(Invoice, pk=pk, owner=request.user)\n"
             "@login_required\n"
             "def b(request, pk):\n"
             "    return request.user.invoice_set.get(pk=pk)\n"
             "@login_required\n"
             "def c(request, pk):\n"
             "    mine = Invoice.objects.filter(owner=request.user)\n"
             "    return get_object_or_404(mine, pk=pk)\n"
             "@login_required\n"
             "def d(request, pk):\n"
             "    invoice = get_object_or_404(Invoice, pk=pk)\n"
             "    if invoice.owner != request.user:\n"
             "        raise Http404\n"
             "    return invoice\n"
             "@permission_required('billing.view_invoice')\n"
             "def e(request, pk):\n"
             "    return get_object_or_404(Invoice, pk=pk)\n"
             "def f(request, pk):\n"
             "    return get_object_or_404(Invoice, pk=pk)\n"
             "@login_required\n"
             "def g(request, pk):\n"
             "    return get_object_or_404(Product, pk=pk)\n"
             "@login_required\n"
             "def h(request, token):\n"
             "    return get_object_or_404(Invoice, uuid=token)\n"
             "@login_required\n"
             "def i(request):\n"
             "    return get_object_or_404(Invoice, pk=1)\n"
             "@login_required\n"
             "def j(request, pk):\n"
             "    if not request.user.has_perm('billing.view_invoice'):\n"
             "        raise PermissionDenied\n"
             "    return get_object_or_404(Invoice, pk=pk)\n"
             "@login_required\n"
             "def k(request, pk):\n"
             "    return Invoice.objects.filter(owner__team=request.user.team).get(pk=pk)\n")
    assert_silent(tmp_path, "PG407", _project(views))


def test_silent_for_scoped_or_guarded_class_based_views(tmp_path) -> None:
    views = ("class A(LoginRequiredMixin, DetailView):\n"
             "    def get_queryset(self):\n"
             "        return Invoice.objects.filter(owner=self.request.user)\n"
             "class B(PermissionRequiredMixin, DeleteView):\n"
             "    permission_required = 'billing.delete_invoice'\n"
             "    model = Invoice\n"
             "class C(LoginRequiredMixin, DetailView):\n"
             "    model = Invoice\n"
             "    def get_object(self, queryset=None):\n"
             "        obj = super().get_object(queryset)\n"
             "        if obj.owner != self.request.user:\n"
             "            raise Http404\n"
             "        return obj\n"
             "class D(DetailView):\n"
             "    model = Invoice\n"
             "class E(LoginRequiredMixin, DetailView):\n"
             "    queryset = Invoice.objects.filter(is_public=True)\n")
    assert_silent(tmp_path, "PG407", _project(views))


def test_silent_in_tests_and_migrations(tmp_path) -> None:
    views = ("@login_required\n"
             "def invoice(request, pk):\n"
             "    return get_object_or_404(Invoice, pk=pk)\n")
    files = {"billing/__init__.py": "", "billing/models.py": MODELS,
             "billing/tests/test_views.py": HEAD + views,
             "billing/migrations/0002_data.py": HEAD + views}
    assert_silent(tmp_path, "PG407", files)
