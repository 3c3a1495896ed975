from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = "from django.db.models import Count, F, Sum\nfrom .models import Product\n"


def test_fires_on_request_chosen_field_names(tmp_path) -> None:
    code = HEAD + (
        "def listing(request):\n"
        "    sort = request.GET.get('sort', 'name')\n"
        "    products = Product.objects.order_by(sort)\n"
        "    columns = request.GET.getlist('columns')\n"
        "    rows = products.values(*columns)\n"
        "    Product.objects.values_list(request.GET['col'], flat=True)\n"
        "    Product.objects.only(request.GET['x']).defer(request.GET['y'])\n"
        "    return rows\n"
    )
    found = assert_finds(tmp_path, "PG203", {"app/views.py": code}, path="app/views.py",
                         count=5, severity="medium", confidence="high")
    assert [f.location.line for f in found] == [5, 7, 8, 9, 9]
    assert found[0].message == (
        "the field name passed to Product.objects.order_by() comes from request data: "
        "request.GET.get('sort', 'name') (line 4) → `sort` (line 4)")
    assert {f.message.split(" comes")[0] for f in found[3:]} == {
        "the field name passed to Product.objects.only()", "the field name passed to .defer()"}


def test_fires_on_expressions_and_aliases(tmp_path) -> None:
    code = HEAD + (
        "def stats(request):\n"
        "    field = request.GET['field']\n"
        "    Product.objects.annotate(total=Count(field))\n"
        "    Product.objects.filter(price__gt=F(field))\n"
        "    Product.objects.aggregate(**{request.GET['name']: Sum('price')})\n"
        "    Product.objects.values(total=models.Max(request.GET['m']))\n"
        "    return Product.objects.order_by(*request.GET.getlist('o'))\n"
    )
    found = assert_finds(tmp_path, "PG203", {"app/views.py": "from django.db import models\n"
                                             + code}, count=5, confidence="high")
    assert [f.location.line for f in found] == [6, 7, 8, 9, 10]
    assert "the field name passed to Count()" in found[0].message
    assert "an alias in .aggregate(**...)" in found[2].message


def test_comprehension_variables_are_followed(tmp_path) -> None:
    code = HEAD + (
        "def totals(request):\n"
        "    fields = request.GET.getlist('f')\n"
        "    return Product.objects.aggregate(*[Sum(f) for f in fields])\n"
    )
    [finding] = assert_finds(tmp_path, "PG203", {"app/views.py": code}, confidence="high")
    assert "the field name passed to Sum()" in finding.message


def test_fires_through_a_helper_in_another_module(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/sorting.py": "def sort_key(request):\n    return request.GET.get('o', 'name')\n",
        "app/views.py": HEAD + (
            "from .sorting import sort_key\n"
            "def listing(request):\n"
            "    return Product.objects.all().order_by(sort_key(request))\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG203", files, path="app/views.py", line=5,
                             confidence="high")
    assert "returned by `sorting.sort_key()` (app/sorting.py:1)" in finding.message


def test_class_based_views(tmp_path) -> None:
    code = HEAD + (
        "from django.views.generic import ListView\n"
        "class Products(ListView):\n"
        "    model = Product\n"
        "    def get_ordering(self):\n"
        "        return self.request.GET.get('ordering')\n"
        "    def get_queryset(self):\n"
        "        qs = super().get_queryset()\n"
        "        return qs.order_by(self.get_ordering())\n"
    )
    assert_finds(tmp_path, "PG203", {"app/views.py": code}, line=10, confidence="high")


def test_low_confidence_for_names_of_unknown_origin(tmp_path) -> None:
    code = HEAD + (
        "def ordered(queryset, field):\n"
        "    return queryset.order_by(f'-{field}')\n"
        "def column(name):\n"
        "    return F(name)\n"
        "def other(thing, key):\n"
        "    return thing.order_by(key)\n"
    )
    found = assert_finds(tmp_path, "PG203", {"app/helpers.py": code}, count=2,
                         confidence="low", severity="medium")
    assert [f.location.line for f in found] == [4, 6]


def test_silent_on_allowlists_literal_lookups_and_literals(tmp_path) -> None:
    code = HEAD + (
        "ALLOWED_SORTS = ('name', 'price', 'created')\n"
        "SORTS = {'new': '-created', 'cheap': 'price'}\n"
        "PUBLIC_COLUMNS = {'name', 'price'}\n"
        "def a(request):\n"
        "    sort = request.GET.get('sort', 'name')\n"
        "    if sort in ALLOWED_SORTS:\n"
        "        Product.objects.order_by(sort)\n"
        "    if sort.lstrip('-') in ALLOWED_SORTS:\n"
        "        Product.objects.order_by(sort)\n"
        "    if sort not in ALLOWED_SORTS:\n"
        "        sort = 'name'\n"
        "    Product.objects.order_by(sort, '-id')\n"
        "    Product.objects.order_by(SORTS[request.GET['o']])\n"
        "    Product.objects.order_by(SORTS.get(request.GET.get('o'), 'name'))\n"
        "    columns = [c for c in request.GET.getlist('c') if c in PUBLIC_COLUMNS]\n"
        "    Product.objects.values(*columns)\n"
        "    Product.objects.values_list(*[c for c in request.GET.getlist('c') "
        "if c in PUBLIC_COLUMNS])\n"
        "    Product.objects.annotate(n=Count('lines')).order_by(F('name').desc())\n"
        "    Product.objects.filter(name=request.GET['q']).values('name', 'price')\n"
        "    return Product.objects.annotate(**{f'total_{k}': Sum(k) for k in PUBLIC_COLUMNS})\n"
        "def by_pk(model):\n"
        "    return model.objects.order_by(model._meta.pk.name)\n"
        "def b(request):\n"
        "    words = request.GET['q'].split()\n"
        "    return sorted(words), words.index('x')\n"
    )
    assert_silent(tmp_path, "PG203", {"app/views.py": code})


def test_silent_outside_audited_code(tmp_path) -> None:
    code = HEAD + "def view(request):\n    return Product.objects.order_by(request.GET['o'])\n"
    assert_silent(tmp_path, "PG203", {"app/tests/test_views.py": code,
                                      "app/migrations/0003_order.py": code})


def test_allowlist_checked_on_the_name_without_its_descending_sign(tmp_path) -> None:
    """wagtail's API: ``field_name = field.lstrip("-")`` is checked, ``field`` is used."""
    safe = HEAD + (
        "ALLOWED = {'title', 'date'}\n"
        "def listing(request):\n"
        "    fields = []\n"
        "    for field in request.GET['order'].split(','):\n"
        "        field_name = field.lstrip('-')\n"
        "        if field_name not in ALLOWED:\n"
        "            raise ValueError(field)\n"
        "        fields.append(field)\n"
        "    return Product.objects.order_by(*fields)\n"
    )
    assert_silent(tmp_path / "safe", "PG203", {"app/views.py": safe})
    other = safe.replace("field_name = field.lstrip('-')",
                         "field_name = request.GET.get('x', '').lstrip('-')")
    unchecked = safe.replace("        if field_name not in ALLOWED:\n            raise "
                             "ValueError(field)\n", "")
    for case, code in (("other", other), ("unchecked", unchecked)):
        assert_finds(tmp_path / case, "PG203", {"app/views.py": code}, confidence="high")


def test_a_parameter_is_its_callers_allowlist(tmp_path) -> None:
    """django-oscar's ``sort_queryset(queryset, request, allowed_sorts)``."""
    helper = HEAD + (
        "def sort_queryset(queryset, request, allowed_sorts, default=None):\n"
        "    sort = request.GET.get('sort', None)\n"
        "    if sort in allowed_sorts:\n"
        "        queryset = queryset.order_by(sort)\n"
        "    return queryset\n"
    )
    assert_silent(tmp_path / "safe", "PG203", {"app/views.py": helper})
    unchecked = helper.replace("    if sort in allowed_sorts:\n        queryset",
                               "    if sort:\n        queryset")
    assert_finds(tmp_path / "unchecked", "PG203", {"app/views.py": unchecked},
                 confidence="high")


def test_a_checked_expression_read_again_is_safe(tmp_path) -> None:
    """wagtail's page search: ``if request.GET["ordering"] in [...]: self.ordering = ...``;
    Django's admin: ``none, pfx, idx = p.rpartition("-")`` makes ``pfx`` "-" or ""."""
    safe = HEAD + (
        "def listing(request):\n"
        "    ordering = 'name'\n"
        "    if 'ordering' in request.GET and request.GET['ordering'] in ['name', '-name']:\n"
        "        ordering = request.GET['ordering']\n"
        "    if request.GET.get('o') == 'price':\n"
        "        Product.objects.order_by(request.GET.get('o'))\n"
        "    for p in request.GET['order'].split('.'):\n"
        "        none, pfx, idx = p.rpartition('-')\n"
        "        Product.objects.order_by(pfx + 'name')\n"
        "    return Product.objects.order_by(ordering)\n"
    )
    assert_silent(tmp_path / "safe", "PG203", {"app/views.py": safe})
    other_key = safe.replace("        ordering = request.GET['ordering']\n",
                             "        ordering = request.GET['sort']\n")
    after_branch = safe.replace("    return Product.objects.order_by(ordering)\n",
                                "    return Product.objects.order_by(request.GET['ordering'])\n")
    head = safe.replace("order_by(pfx + 'name')", "order_by(none + 'name')")
    for case, code in (("other-key", other_key), ("after", after_branch), ("head", head)):
        assert_finds(tmp_path / case, "PG203", {"app/views.py": code}, confidence="high")


def test_ordering_expressions_are_not_field_names(tmp_path) -> None:
    code = HEAD + (
        "from django.db.models import OrderBy\n"
        "from django.db.models.functions import Lower\n"
        "def by_orders(queryset, is_descending):\n"
        "    if is_descending:\n"
        "        ordering = F('records__orders').desc(nulls_last=True)\n"
        "    else:\n"
        "        ordering = F('records__orders').asc(nulls_first=True)\n"
        "    return queryset.order_by(ordering)\n"
        "def newest_first():\n"
        "    return OrderBy(F('created'), descending=True)\n"
        "def listing(queryset):\n"
        "    return queryset.order_by(newest_first(), Lower('name').asc())\n"
    )
    assert_silent(tmp_path, "PG203", {"app/tables.py": code})


def test_names_inside_ordering_expressions_are_still_checked(tmp_path) -> None:
    code = HEAD + (
        "def listing(request, is_descending):\n"
        "    sort = request.GET['sort']\n"
        "    if is_descending:\n"
        "        ordering = F(sort).desc()\n"
        "    else:\n"
        "        ordering = F(sort).asc()\n"
        "    return Product.objects.order_by(ordering)\n"
        "def ordered(queryset, field):\n"
        "    return queryset.order_by(field)\n"
    )
    found = assert_finds(tmp_path, "PG203", {"app/views.py": code}, count=3)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (6, "high"), (8, "high"), (11, "low")]


def test_values_of_a_mapping_are_not_its_keys(tmp_path) -> None:
    """``annotate(**aliases)`` sees the keys; a name stored as a value and read back out, or
    put into a list by index, is a field name again."""
    code = HEAD + (
        "def totals(queryset, request, expression):\n"
        "    aliases = {'total': expression}\n"
        "    aliases['unit'] = request.GET['unit']\n"
        "    queryset.annotate(**aliases)\n"
        "    options = {'sort': request.GET['sort']}\n"
        "    queryset.order_by(options['sort'])\n"
        "    columns = ['name', 'price']\n"
        "    columns[1] = request.GET['column']\n"
        "    return queryset.values(*columns)\n"
    )
    found = assert_finds(tmp_path, "PG203", {"app/views.py": code}, count=2, confidence="high")
    assert [f.location.line for f in found] == [8, 11]


GET_FIELD = HEAD + (
    "from django.contrib.gis.db.models import GeometryField\n"
    "from django.contrib.gis.db.models.functions import AsKML\n"
    "from django.core.exceptions import FieldDoesNotExist\n"
    "from django.http import Http404\n"
)
ROUTES = ("from django.urls import path\nfrom . import views\n"
          "urlpatterns = [path('kml/<field_name>/', views.kml), path('list/', views.listing)]\n")


def test_a_field_name_checked_with_get_field_and_its_type_is_safe(tmp_path) -> None:
    code = GET_FIELD + (
        "def kml(request, field_name):\n"
        "    try:\n"
        "        field = Product._meta.get_field(field_name)\n"
        "        if not isinstance(field, GeometryField):\n"
        "            raise FieldDoesNotExist\n"
        "    except FieldDoesNotExist:\n"
        "        raise Http404('Invalid geometry field.')\n"
        "    return Product.objects.annotate(**{'%s_kml' % field_name: AsKML(field_name)})\n"
        "def listing(request):\n"
        "    sort = request.GET['sort']\n"
        "    field = Product._meta.get_field(sort)\n"
        "    if isinstance(field, GeometryField):\n"
        "        return Product.objects.order_by(sort)\n"
        "    return Product.objects.all()\n"
    )
    assert_silent(tmp_path, "PG203", {"app/views.py": code, "app/urls.py": ROUTES})


def test_get_field_alone_leaves_a_low_finding_and_a_fall_through_none(tmp_path) -> None:
    """``get_field()`` rules out relations and lookups (``user__password``) but not a secret
    field of the same model (``password``): low. An ``except`` that carries on proves
    nothing."""
    code = GET_FIELD + (
        "def kml(request, field_name):\n"
        "    try:\n"
        "        Product._meta.get_field(field_name)\n"
        "    except FieldDoesNotExist:\n"
        "        raise Http404('Invalid field.')\n"
        "    return Product.objects.order_by(field_name)\n"
        "def listing(request):\n"
        "    sort = request.GET['sort']\n"
        "    try:\n"
        "        Product._meta.get_field(sort)\n"
        "    except FieldDoesNotExist:\n"
        "        pass\n"
        "    return Product.objects.order_by(sort)\n"
    )
    found = assert_finds(tmp_path, "PG203", {"app/views.py": code, "app/urls.py": ROUTES},
                         count=2)
    assert [(f.location.line, f.confidence.value) for f in found] == [(12, "low"), (19, "high")]
    assert "checked to be a field of the model by get_field()" in found[0].message
