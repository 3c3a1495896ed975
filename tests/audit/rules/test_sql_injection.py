from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = "from django.db import connection\n"


def test_fires_on_request_data_formatted_into_sql(tmp_path) -> None:
    code = HEAD + (
        "def search(request):\n"
        "    term = request.GET['q']\n"
        "    with connection.cursor() as cursor:\n"
        "        cursor.execute(f\"SELECT id FROM p WHERE name LIKE '%{term}%'\")\n"
        "        cursor.execute(\"SELECT id FROM p WHERE sku = '%s'\" % term)\n"
        "        cursor.execute(\"SELECT id FROM p WHERE a = '\" + term + \"'\")\n"
        "        cursor.executemany(\"DELETE FROM p WHERE b = '{}'\".format(term), [])\n"
    )
    found = assert_finds(tmp_path, "PG201", {"app/views.py": code}, path="app/views.py",
                         count=4, severity="critical", confidence="high")
    assert [f.location.line for f in found] == [5, 6, 7, 8]
    assert "request.GET['q'] (line 3) → `term` (line 3)" in found[0].message
    assert found[0].location.column == 9


def test_fires_on_raw_extra_and_rawsql(tmp_path) -> None:
    code = (
        "from django.db.models.expressions import RawSQL\n"
        "from .models import Product\n"
        "def listing(request):\n"
        "    sku = request.POST.get('sku')\n"
        "    a = Product.objects.raw('SELECT * FROM p WHERE sku = %s' % sku)\n"
        "    b = Product.objects.filter(x=1).extra(where=[f\"sku = '{sku}'\"])\n"
        "    c = Product.objects.annotate(v=RawSQL(f'SELECT {sku}', ()))\n"
        "    return a, b, c\n"
    )
    found = assert_finds(tmp_path, "PG201", {"app/views.py": code}, count=3, confidence="high")
    assert [f.location.line for f in found] == [5, 6, 7]


def test_follows_a_helper_in_another_module(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/utils.py": "def search_term(request):\n    return request.GET.get('q', '').strip()\n",
        "app/views.py": HEAD + (
            "from .utils import search_term\n"
            "def search(request):\n"
            "    sql = 'SELECT * FROM p WHERE name = \\'%s\\'' % search_term(request)\n"
            "    connection.cursor().execute(sql)\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG201", files, path="app/views.py", line=5,
                             confidence="high")
    assert "(app/utils.py:2)" in finding.message and "search_term()" in finding.message


def test_follows_request_data_into_a_helper_that_runs_the_sql(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/db.py": HEAD + ("def run(where):\n"
                             "    connection.cursor().execute('SELECT 1 WHERE ' + where)\n"),
        "app/views.py": "from .db import run\ndef view(request):\n    run(request.GET['w'])\n",
    }
    [finding] = assert_finds(tmp_path, "PG201", files, path="app/db.py", line=3,
                             confidence="high")
    assert "passed as `where` to `db.run()` (app/views.py:3)" in finding.message


def test_url_arguments_follow_their_converters(tmp_path) -> None:
    views = HEAD + (
        "def by_name(request, name):\n"
        "    connection.cursor().execute(f\"SELECT * FROM t WHERE name = '{name}'\")\n"
        "def by_id(request, pk):\n"
        "    connection.cursor().execute(f'SELECT * FROM t WHERE id = {pk}')\n"
    )
    urls = ("from django.urls import path, re_path\nfrom . import views\n"
            "urlpatterns = [path('n/<str:name>/', views.by_name),\n"
            "               re_path(r'^i/(?P<pk>\\d+)/$', views.by_id)]\n")
    [finding] = assert_finds(tmp_path, "PG201", {"app/__init__.py": "", "app/views.py": views,
                                                 "app/urls.py": urls}, confidence="high")
    assert finding.location.line == 3
    assert "URL argument `name` of view `by_name`" in finding.message


def test_class_based_views(tmp_path) -> None:
    views = HEAD + (
        "from django.views.generic import ListView\n"
        "class Search(ListView):\n"
        "    def get_queryset(self):\n"
        "        q = self.request.GET.get('q')\n"
        "        return Item.objects.raw(f\"SELECT * FROM i WHERE t = '{q}'\")\n"
        "class Detail(ListView):\n"
        "    def get(self, request, *args, **kwargs):\n"
        "        slug = self.kwargs['slug']\n"
        "        connection.cursor().execute(f\"SELECT * FROM i WHERE s = '{slug}'\")\n"
        "        connection.cursor().execute(f\"SELECT * FROM i WHERE c = '{kwargs['code']}'\")\n"
    )
    urls = ("from django.urls import path\nfrom .views import Detail\n"
            "urlpatterns = [path('<slug:slug>/<path:code>/', Detail.as_view())]\n")
    found = assert_finds(tmp_path, "PG201", {"app/__init__.py": "", "app/views.py": views,
                                             "app/urls.py": urls}, confidence="high", count=2)
    assert [f.location.line for f in found] == [6, 11]
    assert "URL argument `code` (path) of view `Detail`" in found[1].message


def test_form_fields_by_type(tmp_path) -> None:
    code = HEAD + (
        "from django import forms\n"
        "class SearchForm(forms.Form):\n"
        "    term = forms.CharField()\n"
        "    limit = forms.IntegerField()\n"
        "def search(request):\n"
        "    form = SearchForm(request.GET)\n"
        "    if form.is_valid():\n"
        "        data = form.cleaned_data\n"
        "        connection.cursor().execute(f\"SELECT * FROM t WHERE a = '{data['term']}'\")\n"
        "        connection.cursor().execute(f\"SELECT * FROM t LIMIT {data['limit']}\")\n"
    )
    [finding] = assert_finds(tmp_path, "PG201", {"app/views.py": code}, confidence="high")
    assert finding.location.line == 10 and "cleaned_data['term'] of SearchForm" in finding.message


def test_lower_confidence_for_values_of_unknown_origin(tmp_path) -> None:
    code = HEAD + (
        "def report(table):\n"
        "    connection.cursor().execute(f'SELECT * FROM {table}')\n"
        "def run(query):\n"
        "    connection.cursor().execute(query)\n"
    )
    found = assert_finds(tmp_path, "PG201", {"app/reports.py": code}, count=2, severity="high")
    assert [f.confidence.value for f in found] == ["medium", "low"]
    assert "parameter `table` of `reports.report()` (no caller in the project)" in found[0].message


def test_silent_on_parameterised_and_safe_queries(tmp_path) -> None:
    code = HEAD + (
        "SQL = 'SELECT * FROM p WHERE id = %s'\n"
        "ORDERS = ('name', 'price')\n"
        "def view(request):\n"
        "    term = request.GET['q']\n"
        "    cursor = connection.cursor()\n"
        "    cursor.execute('SELECT * FROM p WHERE name = %s', [term])\n"
        "    cursor.execute(SQL, [term])\n"
        "    n = int(request.GET['n'])\n"
        "    cursor.execute(f'SELECT * FROM p LIMIT {n}')\n"
        "    Product.objects.raw('SELECT * FROM p WHERE sku = %s', [term])\n"
        "    order = request.GET.get('order')\n"
        "    if order not in ORDERS:\n"
        "        order = 'name'\n"
        "    cursor.execute(f'SELECT * FROM p ORDER BY {order}')\n"
        "    table = 'p_' + 'archive'\n"
        "    cursor.execute('SELECT * FROM ' + table)\n"
        "def count(kind):\n"
        "    connection.cursor().execute(f'SELECT count(*) FROM {kind}')\n"
        "def caller():\n"
        "    count('orders')\n"
        "    count('refunds')\n"
    )
    assert_silent(tmp_path, "PG201", {"app/views.py": code})


def test_silent_outside_audited_code(tmp_path) -> None:
    code = HEAD + "def view(request):\n    connection.cursor().execute(request.GET['q'])\n"
    assert_silent(tmp_path, "PG201", {"app/tests/test_views.py": code,
                                      "app/migrations/0002_data.py": code,
                                      "app/test_sql.py": code})
