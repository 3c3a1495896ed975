from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = "from django.db.models import Q\nfrom .models import Order, Product\n"


def test_fires_when_the_request_chooses_lookup_names(tmp_path) -> None:
    code = HEAD + (
        "def a(request):\n"
        "    return Order.objects.filter(**request.GET.dict())\n"
        "def b(request):\n"
        "    return Order.objects.exclude(**request.POST)\n"
        "def c(request):\n"
        "    return Order.objects.get(**{k: v for k, v in request.GET.items()})\n"
        "def d(request):\n"
        "    field = request.GET['field']\n"
        "    return Q(**{f'{field}__icontains': request.GET['q']})\n"
        "def e(request):\n"
        "    return Order.objects.get_or_create(**dict(request.GET.items()))\n"
        "def f(request):\n"
        "    return models.Q(**request.GET.dict())\n"
        "def g(request):\n"
        "    return Order.objects.filter(**json.loads(request.GET['filters']))\n"
    )
    code = code.replace("from .models", "import json\nfrom django.db import models\nfrom .models")
    found = assert_finds(tmp_path, "PG202", {"app/views.py": code}, path="app/views.py",
                         count=7, severity="critical", confidence="high")
    assert [f.location.line for f in found] == [6, 8, 10, 13, 15, 17, 19]
    assert found[0].message == ("the mapping unpacked into Order.objects.filter() comes from "
                                "request data: request.GET.dict() (line 6)")
    assert "a lookup name in Q() comes from request data: request.GET['field'] (line 12)" \
        in found[3].message


def test_fires_through_a_dict_filled_in_a_loop(tmp_path) -> None:
    code = HEAD + (
        "def search(request):\n"
        "    filters = {}\n"
        "    for key, value in request.GET.items():\n"
        "        filters[key] = value\n"
        "    return Product.objects.filter(Q(**filters))\n"
        "def search2(request):\n"
        "    filters = {'active': True}\n"
        "    filters.update(request.GET.dict())\n"
        "    return Product.objects.filter(**filters)\n"
    )
    found = assert_finds(tmp_path, "PG202", {"app/views.py": code}, count=2, confidence="high")
    assert [f.location.line for f in found] == [7, 11]
    assert "request.GET.items() (line 5) → `key` (line 5)" in found[0].message


def test_comprehension_variables_are_followed(tmp_path) -> None:
    code = HEAD + (
        "import operator\n"
        "from functools import reduce\n"
        "SEARCH_FIELDS = ('name', 'sku')\n"
        "def search(request):\n"
        "    q = request.GET['q']\n"
        "    safe = reduce(operator.or_, [Q(**{f'{f}__icontains': q}) for f in SEARCH_FIELDS])\n"
        "    unsafe = [Q(**{f'{f}__icontains': v}) for f, v in request.GET.items()]\n"
        "    return Product.objects.filter(safe), unsafe\n"
    )
    [finding] = assert_finds(tmp_path, "PG202", {"app/views.py": code}, confidence="high")
    assert finding.location.line == 9


def test_fires_through_a_helper_in_another_module(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/search.py": "def apply(queryset, filters):\n    return queryset.filter(**filters)\n",
        "app/views.py": HEAD + (
            "from .search import apply\n"
            "def listing(request):\n"
            "    return apply(Order.objects.all(), request.GET.dict())\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG202", files, path="app/search.py", line=2,
                             severity="critical", confidence="high")
    assert "passed as `filters` to `search.apply()` (app/views.py:5)" in finding.message


def test_class_based_views(tmp_path) -> None:
    code = HEAD + (
        "from django.views.generic import ListView\n"
        "class Orders(ListView):\n"
        "    def get_queryset(self):\n"
        "        return super().get_queryset().filter(**self.request.GET.dict())\n"
        "class Detail(ListView):\n"
        "    def get(self, request, *args, **kwargs):\n"
        "        return Order.objects.get(**kwargs)\n"
    )
    [finding] = assert_finds(tmp_path, "PG202", {"app/views.py": code}, confidence="high")
    assert finding.location.line == 6
    assert "self.request.GET.dict()" in finding.message


def test_the_cves_q_internals_and_filtered_relation(tmp_path) -> None:
    code = HEAD + (
        "from django.db.models import FilteredRelation\n"
        "def a(request):\n"
        "    return Order.objects.filter(Q(_connector=request.GET['c'], name='x'))\n"
        "def b(request):\n"
        "    alias = request.GET['alias']\n"
        "    rel = FilteredRelation('lines', condition=Q(lines__paid=True))\n"
        "    return Order.objects.annotate(**{alias: rel})\n"
        "def c(request):\n"
        "    return Order.objects.alias(x=FilteredRelation(request.GET['relation']))\n"
    )
    found = assert_finds(tmp_path, "PG202", {"app/views.py": code}, count=3,
                         severity="critical", confidence="high")
    assert [f.location.line for f in found] == [5, 9, 11]
    assert "the _connector argument of Q()" in found[0].message
    assert "a FilteredRelation alias in .annotate(**...)" in found[1].message
    assert "the relation of FilteredRelation()" in found[2].message


def test_lower_confidence_when_the_keys_cannot_be_seen(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/helpers.py": HEAD + (
            "def by_field(field, value):\n"
            "    return Order.objects.filter(**{field: value})\n"
            "def narrow(qs, filters):\n"
            "    return qs.filter(**filters)\n"
        ),
        "app/views.py": HEAD + (
            "import json\n"
            "from .helpers import narrow\n"
            "def listing(request):\n"
            "    return narrow(Order.objects.all(), json.loads(request.GET['filters']))\n"
        ),
    }
    found = assert_finds(tmp_path, "PG202", files, path="app/helpers.py", count=2)
    assert [(f.location.line, f.severity.value, f.confidence.value) for f in found] == [
        (4, "high", "low"), (6, "critical", "medium")]
    assert "parameter `field` of `helpers.by_field()` (no caller in the project)" \
        in found[0].message


def test_keyword_arguments_passed_on_with_a_mapping(tmp_path) -> None:
    code = HEAD + (
        "def find(**lookups):\n"
        "    return Order.objects.filter(**lookups)\n"
        "def view(request):\n"
        "    params = request.GET.dict()\n"
        "    return find(**params)\n"
    )
    assert_finds(tmp_path, "PG202", {"app/orders.py": code}, line=4, confidence="low",
                 message_contains="arguments passed to `find()`")


def test_silent_on_request_values_under_literal_keys(tmp_path) -> None:
    code = HEAD + (
        "from django.shortcuts import get_object_or_404\n"
        "from django.views.generic import DetailView\n"
        "import requests\n"
        "ALLOWED = {'status', 'name'}\n"
        "LOOKUPS = {'status': 'status', 'q': 'name__icontains'}\n"
        "def a(request):\n"
        "    Order.objects.filter(name=request.GET['q'], status=request.GET.get('s'))\n"
        "    filters = {}\n"
        "    if request.GET.get('status'):\n"
        "        filters['status'] = request.GET['status']\n"
        "    filters.update(owner=request.user, paid=request.GET.get('paid'))\n"
        "    Order.objects.filter(**filters)\n"
        "    Order.objects.filter(**{'name__icontains': request.GET['q']})\n"
        "    return Q(**dict(name=request.GET['q']))\n"
        "def b(request):\n"
        "    Order.objects.filter(**{LOOKUPS[k]: v for k, v in request.GET.items() "
        "if k in LOOKUPS})\n"
        "    Order.objects.filter(**{k: v for k, v in request.GET.items() if k in ALLOWED})\n"
        "    chosen = {}\n"
        "    for key in request.GET:\n"
        "        if key not in ALLOWED:\n"
        "            continue\n"
        "        chosen[key] = request.GET[key]\n"
        "    return Order.objects.filter(**chosen)\n"
        "def c(request, form):\n"
        "    if form.is_valid():\n"
        "        return Order.objects.filter(**form.cleaned_data)\n"
        "    return get_object_or_404(Order, pk=request.GET['pk'])\n"
        "class Detail(DetailView):\n"
        "    def get_queryset(self):\n"
        "        return Order.objects.filter(**self.kwargs)\n"
        "def find(**lookups):\n"
        "    return Order.objects.filter(**lookups)\n"
        "def by_username(user_model, username):\n"
        "    return user_model._default_manager.get(**{user_model.USERNAME_FIELD: username})\n"
        "def d(request):\n"
        "    requests.get('https://api.example/x', **request.GET.dict())\n"
        "    return find(name=request.GET['q'])\n"
    )
    assert_silent(tmp_path, "PG202", {"app/views.py": code})


def test_silent_outside_audited_code(tmp_path) -> None:
    code = HEAD + "def view(request):\n    return Order.objects.filter(**request.GET.dict())\n"
    assert_silent(tmp_path, "PG202", {"app/tests/test_views.py": code,
                                      "app/migrations/0002_data.py": code})


def test_literal_keys_at_every_caller_are_safe_whatever_the_values(tmp_path) -> None:
    """The keys of a mapping are lookup names; its values are query parameters. A helper
    whose callers all pass literal keys is safe, and the message follows the keys."""
    files = {
        "app/__init__.py": "",
        "app/counters.py": HEAD + (
            "from django.db.models import F\n"
            "def bump(model, field_name, filter_kwargs):\n"
            "    if not model.objects.filter(**filter_kwargs).update("
            "**{field_name: F(field_name) + 1}):\n"
            "        filter_kwargs[field_name] = 1\n"
            "        model.objects.filter(**filter_kwargs).exists()\n"
        ),
        "app/receivers.py": HEAD + (
            "from .counters import bump\n"
            "def on_view(sender, product, **kwargs):\n"
            "    bump(Product, 'views', {'product': product})\n"
            "def on_search(sender, user, request, **kwargs):\n"
            "    bump(Order, 'searches', dict(user=user, query=request.GET['q']))\n"
            "def on_list(sender, request, **kwargs):\n"
            "    lookups = {'name': request.GET['q']}\n"
            "    lookups.update(status=request.GET['s'])\n"
            "    lookups.setdefault('paid', request.GET.get('paid'))\n"
            "    bump(Order, 'lists', lookups)\n"
        ),
    }
    assert_silent(tmp_path, "PG202", files)


def test_values_read_back_out_of_a_mapping_are_followed(tmp_path) -> None:
    """A value stored under a literal key and read out again is what it was; a key that
    a helper adds to its callers' mapping is a key."""
    files = {
        "app/__init__.py": "",
        "app/helpers.py": HEAD + (
            "def narrow(qs, options):\n"
            "    return qs.filter(**{options['field']: options['value']})\n"
            "def add(qs, filters, key):\n"
            "    filters[key] = True\n"
            "    return qs.filter(**filters)\n"
            "def pick(options):\n"
            "    return Q(**{options.get('field'): 1})\n"
        ),
        "app/views.py": HEAD + (
            "from .helpers import add, narrow, pick\n"
            "def listing(request):\n"
            "    narrow(Order.objects.all(), {'field': request.GET['f'], 'value': 1})\n"
            "    add(Order.objects.all(), {'paid': True}, request.GET['k'])\n"
            "    return pick(dict(field=request.GET['f']))\n"
        ),
    }
    found = assert_finds(tmp_path, "PG202", files, path="app/helpers.py", count=3,
                         confidence="high")
    assert [f.location.line for f in found] == [4, 7, 9]
    assert all("request.GET" in f.message for f in found)


def test_lookups_added_to_a_field_name_checked_with_get_field(tmp_path) -> None:
    """A checked name is one field, but a lookup the request appends to it is not checked."""
    code = HEAD + (
        "from django.core.exceptions import FieldDoesNotExist\n"
        "from django.db.models import DateField\n"
        "def search(request):\n"
        "    name, op = request.GET['field'], request.GET['op']\n"
        "    field = Order._meta.get_field(name)\n"
        "    if not isinstance(field, DateField):\n"
        "        return None\n"
        "    Order.objects.filter(**{name: request.GET['value']})\n"
        "    return Order.objects.filter(**{f'{name}__{op}': request.GET['value']})\n"
    )
    [finding] = assert_finds(tmp_path, "PG202", {"app/views.py": code}, confidence="high")
    assert finding.location.line == 11
    assert "request.GET['op']" in finding.message
