"""Flows across functions and modules: summaries, callers, views, URL patterns, forms."""

from __future__ import annotations

from tests.audit.taint.harness import flows


def by_line(found, rel="app/views.py"):
    return {line: flow.kind for (path, line), flow in found.items() if path == rel}


def test_returns_of_helpers_in_the_same_and_other_modules(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/utils.py": (
            "def term(request):\n    return request.GET.get('q', '').strip()\n"
            "def clean(value):\n    return value.strip()\n"
            "def number(value):\n    return int(value)\n"
            "def twice(request):\n    return clean(term(request))\n"
            "def loop(x):\n    return loop(x)\n"
        ),
        "app/views.py": (
            "from . import utils\n"
            "from .utils import clean, number\n"
            "def local(request):\n    return request.COOKIES['c']\n"
            "def view(request):\n"
            "    sink(local(request))\n"
            "    sink(utils.term(request))\n"
            "    sink(clean(request.GET['a']))\n"
            "    sink(clean('literal'))\n"
            "    sink(number(request.GET['a']))\n"
            "    sink(utils.twice(request))\n"
            "    sink(utils.loop(request.GET['a']))\n"
        ),
    }
    found = flows(tmp_path, files)
    assert by_line(found) == {6: "tainted", 7: "tainted", 8: "tainted", 9: "safe", 10: "safe",
                              11: "tainted", 12: "unknown"}
    flow = found[("app/views.py", 11)]
    assert flow.source_path == "app/utils.py" and "returned by `utils.twice()`" in \
        flow.describe("app/views.py")


def test_parameters_are_resolved_through_callers(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/db.py": (
            "def run(sql):\n    sink(sql)\n"
            "def constant_only(sql):\n    sink(sql)\n"
            "def nobody(sql):\n    sink(sql)\n"
            "class Repo:\n"
            "    def query(self, where):\n        sink(where)\n"
            "    def search(self, request):\n        return self.query(request.GET['w'])\n"
        ),
        "app/views.py": (
            "from .db import run, constant_only\n"
            "def a(request):\n    run(request.GET['q'])\n"
            "def b():\n    run('SELECT 1')\n    constant_only('SELECT 2')\n"
        ),
    }
    found = flows(tmp_path, files)
    assert by_line(found, "app/db.py") == {2: "tainted", 4: "safe", 6: "unknown",
                                           9: "tainted"}
    assert "passed as `sql` to `db.run()` (app/views.py:3)" in \
        found[("app/db.py", 2)].describe("app/db.py")


def test_methods_inherited_from_a_base_in_another_module(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/base.py": "class Base:\n    def term(self):\n        return self.request.GET['q']\n",
        "app/views.py": (
            "from .base import Base\n"
            "class Child(Base):\n"
            "    def get(self, request):\n"
            "        sink(self.term())\n"
        ),
    }
    assert by_line(flows(tmp_path, files)) == {4: "tainted"}


def test_url_patterns_decide_view_arguments(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/views.py": (
            "def by_int(request, pk):\n    sink(pk)\n"
            "def by_str(request, name):\n    sink(name)\n"
            "def by_group(request, year, slug):\n    sink(year)\n    sink(slug)\n"
            "def by_prefix(request, org, pk):\n    sink(org)\n    sink(pk)\n"
            "def unrouted(request, x):\n    sink(x)\n"
            "def with_extra(request, template='t.html'):\n    sink(template)\n"
        ),
        "app/urls.py": (
            "from django.urls import path, re_path, include\n"
            "from . import views\n"
            "urlpatterns = [\n"
            "    path('i/<int:pk>/', views.by_int),\n"
            "    path('s/<name>/', views.by_str),\n"
            "    re_path(r'^g/(?P<year>[0-9]{4})/(?P<slug>[^/]+)/$', views.by_group),\n"
            "    path('o/<str:org>/', include('app.org_urls')),\n"
            "    path('e/', views.with_extra, {'template': 'x.html'}),\n"
            "]\n"
        ),
        "app/org_urls.py": ("from django.urls import path\nfrom . import views\n"
                            "urlpatterns = [path('<uuid:pk>/', views.by_prefix)]\n"),
    }
    found = flows(tmp_path, files)
    assert by_line(found) == {2: "safe", 4: "tainted", 6: "safe", 7: "tainted",
                              9: "tainted", 10: "safe", 12: "unknown", 14: "safe"}
    assert found[("app/views.py", 4)].source == "URL argument `name` of view `by_str`"


def test_views_without_any_urlconf_take_request_arguments_as_tainted(tmp_path) -> None:
    files = {"app/views.py": "def detail(request, slug):\n    sink(slug)\n",
             "app/helpers.py": "def detail(request, slug):\n    sink(slug)\n"}
    found = flows(tmp_path, files)
    assert found[("app/views.py", 2)].kind == "tainted"
    assert found[("app/helpers.py", 2)].kind == "unknown"


def test_class_based_views(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/forms.py": (
            "from django import forms\n"
            "class Contact(forms.Form):\n"
            "    message = forms.CharField()\n"
            "    topic = forms.ChoiceField(choices=[('a', 'A')])\n"
        ),
        "app/views.py": (
            "from django.views.generic import FormView, ListView\n"
            "from .forms import Contact\n"
            "class Send(FormView):\n"
            "    form_class = Contact\n"
            "    def form_valid(self, form):\n"
            "        sink(form.cleaned_data['message'])\n"
            "        sink(form.cleaned_data['topic'])\n"
            "class Items(ListView):\n"
            "    def get_queryset(self):\n"
            "        sink(self.request.GET.get('q'))\n"
            "        sink(self.kwargs['pk'])\n"
            "        sink(self.kwargs['slug'])\n"
            "    def get(self, request, *args, **kwargs):\n"
            "        sink(kwargs.get('slug'))\n"
        ),
        "app/urls.py": ("from django.urls import path\nfrom .views import Items\n"
                        "urlpatterns = [path('<int:pk>/<path:slug>/', Items.as_view())]\n"),
    }
    assert by_line(flows(tmp_path, files)) == {6: "tainted", 7: "safe", 10: "tainted",
                                               11: "safe", 12: "tainted", 14: "tainted"}


def test_django_rest_framework(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/api.py": (
            "from rest_framework import serializers, viewsets\n"
            "class InvoiceSerializer(serializers.Serializer):\n"
            "    note = serializers.CharField()\n"
            "    amount = serializers.IntegerField()\n"
            "class Invoices(viewsets.ViewSet):\n"
            "    def create(self, request):\n"
            "        sink(request.data['note'])\n"
            "        s = InvoiceSerializer(data=request.data)\n"
            "        s.is_valid(raise_exception=True)\n"
            "        sink(s.validated_data['note'])\n"
            "        sink(s.validated_data['amount'])\n"
            "    def retrieve(self, request, pk=None):\n"
            "        sink(pk)\n"
        ),
        "app/urls.py": ("from rest_framework.routers import DefaultRouter\n"
                        "from .api import Invoices\n"
                        "router = DefaultRouter()\nrouter.register('invoices', Invoices)\n"
                        "urlpatterns = router.urls\n"),
    }
    assert by_line(flows(tmp_path, files), "app/api.py") == {7: "tainted", 10: "tainted",
                                                            11: "safe", 13: "tainted"}


def test_attributes_assigned_in_other_methods_and_the_class_body(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/base.py": (
            "class Base:\n"
            "    def setup(self, request, *args, **kwargs):\n"
            "        self.term = request.GET.get('q')\n"
        ),
        "app/views.py": (
            "from django.views import View\n"
            "from .base import Base\n"
            "class Search(Base, View):\n"
            "    success_url = '/done/'\n"
            "    def dispatch(self, request, *args, **kwargs):\n"
            "        self.next_url = request.POST['next']\n"
            "        self.label = 'fixed'\n"
            "        return super().dispatch(request, *args, **kwargs)\n"
            "    def post(self, request):\n"
            "        sink(self.next_url)\n"
            "        sink(self.success_url)\n"
            "        sink(self.label)\n"
            "        sink(self.term)\n"
            "        sink(self.nobody_sets_this)\n"
        ),
    }
    found = flows(tmp_path, files)
    assert by_line(found) == {10: "tainted", 11: "safe", 12: "safe", 13: "tainted",
                              14: "unknown"}
    assert "`self.next_url` (line 10)" in found[("app/views.py", 10)].describe("app/views.py")


def test_a_clean_method_decides_what_a_field_holds(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/forms.py": (
            "from django import forms\n"
            "from django.utils.http import url_has_allowed_host_and_scheme\n"
            "class Login(forms.Form):\n"
            "    next = forms.CharField()\n"
            "    note = forms.CharField()\n"
            "    def clean_next(self):\n"
            "        url = self.cleaned_data['next'].strip()\n"
            "        if url and url_has_allowed_host_and_scheme(url, None):\n"
            "            return url\n"
            "        return '/'\n"
            "    def clean_note(self):\n"
            "        return self.cleaned_data['note'].strip()\n"
        ),
        "app/views.py": (
            "from .forms import Login\n"
            "def login(request):\n"
            "    form = Login(request.POST)\n"
            "    form.is_valid()\n"
            "    sink(form.cleaned_data['next'])\n"
            "    sink(form.cleaned_data['note'])\n"
            "    sink('/x/?' + request.GET.urlencode())\n"
            "    sink(request.GET.urlencode())\n"
        ),
    }
    found = flows(tmp_path, files, "redirect")
    assert by_line(found) == {5: "safe", 6: "tainted", 7: "safe", 8: "safe"}
    assert "cleaned by `Login.clean_note()`" in found[("app/views.py", 6)].describe()


def test_classes_bound_by_a_loader_are_found_by_their_unique_name(tmp_path) -> None:
    files = {
        "shop/__init__.py": "",
        "shop/forms.py": (
            "from django import forms\n"
            "class Signup(forms.Form):\n"
            "    age = forms.IntegerField()\n"
            "    bio = forms.CharField()\n"
        ),
        "shop/views.py": (
            "from django.views.generic import FormView\n"
            "from shop.loading import get_class\n"
            "Signup = get_class('shop.forms', 'Signup')\n"
            "class Register(FormView):\n"
            "    form_class = Signup\n"
            "    def form_valid(self, form):\n"
            "        sink(form.cleaned_data['age'])\n"
            "        sink(form.cleaned_data['bio'])\n"
            "def register(request):\n"
            "    form = Signup(request.POST)\n"
            "    sink(form.cleaned_data['age'])\n"
        ),
        "shop/loading.py": "def get_class(module, name):\n    return None\n",
    }
    assert by_line(flows(tmp_path, files), "shop/views.py") == {7: "safe", 8: "tainted",
                                                               11: "safe"}


def test_constructors_instance_methods_managers_and_module_level_callers(tmp_path) -> None:
    """``Cls(...)`` calls ``Cls.__init__``, ``Cls(...).method()`` and ``obj.method()`` call
    the method, ``Model.objects.method()`` calls the manager's; module-level code and class
    bodies are callers too. Callers that omit a parameter leave its literal default."""
    files = {
        "app/__init__.py": "",
        "app/policies.py": (
            "class Policy:\n"
            "    def __init__(self, model, field_name='owner'):\n"
            "        self.field_name = field_name\n"
            "    def owned(self):\n"
            "        sink(self.field_name)\n"
            "class Diff:\n"
            "    def __init__(self, changes):\n"
            "        self.changes = changes\n"
            "    def html(self, tag='span'):\n"
            "        sink(tag)\n"
            "class Manager:\n"
            "    def previous(self, fk_name='revision'):\n"
            "        sink(fk_name)\n"
            "class Revision:\n"
            "    objects = Manager()\n"
        ),
        "app/permissions.py": (
            "from .policies import Diff, Policy, Revision\n"
            "policy = Policy(None, field_name='uploaded_by')\n"
            "class Holder:\n"
            "    policy = Policy(None)\n"
            "def show(changes):\n"
            "    diff = Diff(changes)\n"
            "    return diff.html(), Diff(changes).html(tag='del')\n"
            "def history():\n"
            "    return Revision.objects.previous()\n"
        ),
    }
    found = flows(tmp_path, files)
    assert by_line(found, "app/policies.py") == {5: "safe", 10: "safe", 13: "safe"}


def test_what_those_callers_pass_is_followed(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/policies.py": (
            "class Policy:\n"
            "    def __init__(self, model, field_name='owner'):\n"
            "        self.field_name = field_name\n"
            "    def owned(self):\n"
            "        sink(self.field_name)\n"
            "class Diff:\n"
            "    def html(self, tag='span'):\n"
            "        sink(tag)\n"
            "class Manager:\n"
            "    def previous(self, fk_name='revision'):\n"
            "        sink(fk_name)\n"
            "    def unused(self, name):\n"
            "        sink(name)\n"
            "class Revision:\n"
            "    objects = Manager()\n"
        ),
        "app/views.py": (
            "from .policies import Diff, Policy, Revision\n"
            "def a(request):\n"
            "    Policy(None, field_name=request.GET['f']).owned()\n"
            "    diff = Diff()\n"
            "    diff.html(request.GET['tag'])\n"
            "    return Revision.objects.previous(fk_name=request.GET['fk'])\n"
        ),
    }
    found = flows(tmp_path, files)
    assert by_line(found, "app/policies.py") == {5: "tainted", 8: "tainted", 11: "tainted",
                                                 13: "unknown"}
    assert "passed as `field_name` to `Policy.__init__()` (app/views.py:3)" in \
        found[("app/policies.py", 5)].describe("app/policies.py")
    assert "(no caller in the project)" in found[("app/policies.py", 13)].describe()
