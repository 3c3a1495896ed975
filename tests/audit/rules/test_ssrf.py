from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = (
    "import requests\n"
    "import httpx\n"
    "import urllib3\n"
    "import aiohttp\n"
    "from urllib.request import urlopen, Request\n"
    "from urllib.parse import urlparse\n"
    "from django.conf import settings\n"
    "from django.http import JsonResponse\n"
)


def test_fires_when_request_data_chooses_the_host(tmp_path) -> None:
    code = HEAD + (
        "def preview(request):\n"
        "    url = request.POST['url']\n"
        "    page = requests.get(url, timeout=5)\n"
        "    requests.request('POST', request.GET['hook'], json={})\n"
        "    with requests.Session() as session:\n"
        "        session.post(f'https://{request.GET[\"host\"]}/api/', data={})\n"
        "    httpx.get('http://' + request.GET['host'] + '/status')\n"
        "    urlopen(Request(request.GET['feed']))\n"
        "    urllib3.PoolManager().request('GET', request.GET['u'])\n"
        "    return JsonResponse({'n': len(page.text)})\n"
        "async def fetch(request):\n"
        "    async with aiohttp.ClientSession() as session:\n"
        "        async with session.get(request.GET['u']) as response:\n"
        "            return await response.text()\n"
        "def tail(request):\n"
        "    return requests.get('https://api.example.com' + request.GET['rest'])\n"
    )
    found = assert_finds(tmp_path, "PG213", {"app/views.py": code}, count=8,
                         severity="high", confidence="high")
    assert [f.location.line for f in found] == [11, 12, 14, 15, 16, 17, 21, 24]
    assert "urllib.request.Request()" in found[4].message
    assert "the URL fetched by requests.get()" in found[0].message
    assert "request.POST['url']" in found[0].message


def test_fires_through_a_helper_and_in_a_class_based_view(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/client.py": HEAD + (
            "def fetch_json(url):\n"
            "    return httpx.Client().get(url).json()\n"
        ),
        "app/views.py": HEAD + (
            "from django.views import View\n"
            "from .client import fetch_json\n"
            "class Preview(View):\n"
            "    def post(self, request):\n"
            "        return JsonResponse(fetch_json(self.request.POST.get('url')))\n"
        ),
    }
    found = assert_finds(tmp_path, "PG213", files, path="app/client.py", line=10,
                         confidence="high")
    assert "app/views.py:13" in found[0].message


def test_a_base_url_held_in_a_variable_is_medium_confidence(tmp_path) -> None:
    code = HEAD + (
        "def proxy(request):\n"
        "    return requests.get(settings.API_URL + request.GET['endpoint'])\n"
    )
    assert_finds(tmp_path, "PG213", {"app/views.py": code}, count=1, confidence="medium")


def test_a_fixed_host_with_request_data_in_the_path_is_low(tmp_path) -> None:
    code = HEAD + (
        "def product(request, sku):\n"
        "    return requests.get(f'https://erp.internal/api/items/{sku}/').json()\n"
    )
    files = {
        "app/__init__.py": "",
        "app/views.py": code,
        "app/urls.py": (
            "from django.urls import path\n"
            "from . import views\n"
            "urlpatterns = [path('p/<str:sku>/', views.product)]\n"
        ),
    }
    found = assert_finds(tmp_path, "PG213", files, count=1, severity="low", confidence="low")
    assert "the path (not the host)" in found[0].message


def test_low_confidence_for_unknown_urls(tmp_path) -> None:
    code = HEAD + (
        "def ping(url):\n"
        "    return requests.head(url, timeout=2).ok\n"
        "class Client:\n"
        "    def get(self, path):\n"
        "        return requests.get(f'{self.base_url}/{path}')\n"
    )
    assert_finds(tmp_path, "PG213", {"app/tasks.py": code}, count=2, severity="medium",
                 confidence="low")


def test_silent_for_fixed_hosts_and_checked_urls(tmp_path) -> None:
    code = HEAD + (
        "from django.http import HttpResponseBadRequest\n"
        "from django.utils.http import url_has_allowed_host_and_scheme\n"
        "ALLOWED_HOSTS = {'images.example.com'}\n"
        "API = 'https://api.example.com/v1/'\n"
        "def a(request):\n"
        "    requests.get('https://api.example.com/search', params={'q': request.GET['q']})\n"
        "    requests.get('https://api.example.com/search?q=' + request.GET['q'])\n"
        "    requests.get(f'https://api.example.com/items/{int(request.GET[\"id\"])}')\n"
        "    requests.get(API + 'items/%s' % int(request.GET['id']))\n"
        "    requests.post(settings.WEBHOOK_URL, json=request.POST.dict())\n"
        "def b(request):\n"
        "    url = request.GET['url']\n"
        "    parsed = urlparse(url)\n"
        "    if parsed.scheme != 'https' or parsed.hostname not in ALLOWED_HOSTS:\n"
        "        return HttpResponseBadRequest()\n"
        "    return requests.get(url, timeout=5)\n"
        "def c(request):\n"
        "    url = request.GET['url']\n"
        "    host = urlparse(url).hostname\n"
        "    if host in ALLOWED_HOSTS:\n"
        "        return requests.get(url, timeout=5)\n"
        "    return HttpResponseBadRequest()\n"
        "def d(request):\n"
        "    url = request.GET['url']\n"
        "    if not url_has_allowed_host_and_scheme(url, allowed_hosts=ALLOWED_HOSTS):\n"
        "        return HttpResponseBadRequest()\n"
        "    return requests.get(url)\n"
        "def e(request, pk):\n"
        "    return requests.get(f'https://api.example.com/items/{pk}/')\n"
    )
    files = {
        "app/__init__.py": "",
        "app/views.py": code,
        "app/urls.py": (
            "from django.urls import path\n"
            "from . import views\n"
            "urlpatterns = [path('e/<int:pk>/', views.e)]\n"
        ),
    }
    assert_silent(tmp_path, "PG213", files)


def test_a_denylist_is_not_a_check(tmp_path) -> None:
    code = HEAD + (
        "from django.http import HttpResponseBadRequest\n"
        "BLOCKED = {'localhost', '169.254.169.254'}\n"
        "def a(request):\n"
        "    url = request.GET['url']\n"
        "    if urlparse(url).hostname in BLOCKED:\n"
        "        return HttpResponseBadRequest()\n"
        "    return requests.get(url)\n"
    )
    assert_finds(tmp_path, "PG213", {"app/views.py": code}, line=15, confidence="high")


def test_silent_in_tests_and_migrations(tmp_path) -> None:
    code = HEAD + "def view(request):\n    return requests.get(request.GET['u'])\n"
    assert_silent(tmp_path, "PG213", {"app/tests/test_fetch.py": code,
                                      "app/migrations/0004_fetch.py": code})
