from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = ("from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse\n"
        "from django.utils.html import escape, format_html\n"
        "from django.template.loader import render_to_string\n")


def test_fires_on_request_data_in_an_html_body(tmp_path) -> None:
    code = HEAD + (
        "def search(request):\n"
        "    q = request.GET.get('q', '')\n"
        "    return HttpResponse(f'<h1>Results for {q}</h1>')\n"
        "def echo(request):\n"
        "    response = HttpResponse()\n"
        "    response.write(request.POST['message'])\n"
        "    return response\n"
        "def bad(request):\n"
        "    return HttpResponseBadRequest('Unknown ' + request.GET['kind'],\n"
        "                                  content_type='text/html; charset=utf-8')\n"
    )
    found = assert_finds(tmp_path, "PG306", {"app/views.py": code}, count=3, severity="high",
                         confidence="high")
    assert [f.location.line for f in found] == [6, 9, 12]
    assert "request.GET.get('q', '') (line 5) → `q` (line 5)" in found[0].message
    assert "served as text/html" in found[0].message
    assert ".write()" in found[1].message


def test_fires_through_a_helper_and_in_a_class_based_view(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/text.py": "def banner(name):\n    return '<p>Hi ' + name + '</p>'\n",
        "app/views.py": HEAD + (
            "from django.views import View\n"
            "from .text import banner\n"
            "class Hello(View):\n"
            "    def get(self, request, *args, **kwargs):\n"
            "        return HttpResponse(banner(self.request.GET['name']))\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG306", files, path="app/views.py", line=8,
                             confidence="high")
    assert "returned by `text.banner()`" in finding.message


def test_fires_on_a_url_argument(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/urls.py": ("from django.urls import path\nfrom . import views\n"
                        "urlpatterns = [path('tag/<str:tag>/', views.tag)]\n"),
        "app/views.py": HEAD + "def tag(request, tag):\n    return HttpResponse(tag)\n",
    }
    assert_finds(tmp_path, "PG306", files, path="app/views.py", line=5, confidence="high")


def test_lower_confidence_for_unknown_values_and_content_types(tmp_path) -> None:
    code = HEAD + (
        "def card(product):\n"
        "    return HttpResponse('<b>%s</b>' % product.name)\n"
        "def raw(body):\n"
        "    return HttpResponse(body)\n"
        "def typed(request, kind):\n"
        "    return HttpResponse(request.GET['q'], content_type=kind)\n"
    )
    found = assert_finds(tmp_path, "PG306", {"app/helpers.py": code}, count=3)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (5, "medium"), (7, "low"), (9, "medium")]
    assert "content type set at run time" in found[2].message


def test_silent_on_safe_content_types_escaping_and_templates(tmp_path) -> None:
    code = HEAD + (
        "TEXT = 'text/plain; charset=utf-8'\n"
        "def a(request):\n"
        "    q = request.GET.get('q', '')\n"
        "    r1 = HttpResponse(q, content_type='text/plain')\n"
        "    r2 = HttpResponse(q, 'application/json')\n"
        "    r3 = HttpResponse(q, content_type=TEXT)\n"
        "    r4 = HttpResponse(q, headers={'Content-Type': 'text/csv'})\n"
        "    r5 = JsonResponse({'q': q})\n"
        "    r6 = HttpResponse(escape(q))\n"
        "    r7 = HttpResponse(format_html('<h1>{}</h1>', q))\n"
        "    r8 = HttpResponse(render_to_string('search.html', {'q': q}))\n"
        "    r9 = HttpResponse('<p>static</p>')\n"
        "    r10 = HttpResponse(str(int(request.GET['n'])))\n"
        "    r11 = HttpResponse(status=204)\n"
        "    return r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11\n"
        "def b(request):\n"
        "    response = HttpResponse(request.GET['q'])\n"
        "    response['Content-Type'] = 'text/plain'\n"
        "    return response\n"
        "def c(request):\n"
        "    response = HttpResponse(content_type='application/json')\n"
        "    response.write(request.body)\n"
        "    return response\n"
    )
    assert_silent(tmp_path, "PG306", {"app/views.py": code})


def test_silent_in_tests_and_migrations(tmp_path) -> None:
    code = HEAD + "def view(request):\n    return HttpResponse(request.GET['q'])\n"
    assert_silent(tmp_path, "PG306", {"app/tests/test_views.py": code,
                                      "app/migrations/0002_data.py": code})


REPORTERS = (
    "from django.http import HttpResponse\n"
    "from django.template import Context, Engine\n"
    "from django.utils.module_loading import import_string\n"
    "ENGINE = Engine()\n"
    "class Page:\n"
    "    def __init__(self, request, error):\n"
    "        self.request, self.error = request, error\n"
    "    def page_html(self):\n"
    "        template = ENGINE.from_string('<h1>{{ error }}</h1>')\n"
    "        return template.render(Context({'error': self.error}))\n"
    "    def raw_html(self):\n"
    "        return '<h1>%s</h1>' % self.error\n"
)


def test_silent_on_a_template_rendered_by_a_helper_method(tmp_path) -> None:
    code = REPORTERS + (
        "def server_error(request, error):\n"
        "    page = Page(request, error)\n"
        "    html = page.page_html()\n"
        "    return HttpResponse(html, status=500)\n"
        "def configured_error(request, error):\n"
        "    page = import_string('app.errors.Page')(request, error)\n"
        "    return HttpResponse(page.page_html(), status=500)\n"
    )
    assert_silent(tmp_path, "PG306", {"app/errors.py": code})


def test_fires_on_raw_html_from_a_helper_method(tmp_path) -> None:
    code = REPORTERS + (
        "class Other:\n"
        "    def page_html(self):\n"
        "        return '<p>%s</p>' % self.detail\n"
        "def server_error(request, error):\n"
        "    page = Page(request, error)\n"
        "    return HttpResponse(page.raw_html(), status=500)\n"
        "def configured_error(request, error):\n"
        "    page = import_string('app.errors.Page')(request, error)\n"
        "    return HttpResponse(page.page_html(), status=500)\n"
    )
    found = assert_finds(tmp_path, "PG306", {"app/errors.py": code}, count=2, confidence="low")
    assert [f.location.line for f in found] == [18, 21]
    assert "result of `page.page_html()`" in found[1].message
