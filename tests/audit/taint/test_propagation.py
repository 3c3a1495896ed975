"""The taint engine inside one function: sources, propagation, sanitisers and guards."""

from __future__ import annotations

from tests.audit.taint.harness import flows, kinds


def test_sources(tmp_path) -> None:
    code = (
        "def view(request):\n"
        "    sink(request.GET['a'])\n"
        "    sink(request.POST.get('a'))\n"
        "    sink(request.GET.getlist('a'))\n"
        "    sink(request.GET.dict())\n"
        "    sink(request.COOKIES['c'])\n"
        "    sink(request.META.get('HTTP_REFERER'))\n"
        "    sink(request.headers['X-Id'])\n"
        "    sink(request.body)\n"
        "    sink(request.data['x'])\n"
        "    sink(request.query_params.get('x'))\n"
        "    sink(request.path)\n"
        "    sink(request.get_full_path())\n"
        "    sink(request.FILES['f'].name)\n"
        "    sink(request.method)\n"
        "    sink(request.user.username)\n"
    )
    assert kinds(tmp_path, code) == ["tainted"] * 13 + ["safe", "unknown"]


def test_propagation(tmp_path) -> None:
    code = (
        "def view(request):\n"
        "    a = request.GET['a']\n"
        "    b, c = a, 'x'\n"
        "    sink(b)\n"
        "    sink(c)\n"
        "    d = 'x'\n"
        "    d += a\n"
        "    sink(d)\n"
        "    sink(f'{a}')\n"
        "    sink('%s' % a)\n"
        "    sink('{}'.format(a))\n"
        "    sink(','.join([a]))\n"
        "    sink(a.strip().lower())\n"
        "    sink(str(a))\n"
        "    parts = []\n"
        "    parts.append(a)\n"
        "    sink(parts)\n"
        "    sink({'k': a}['k'])\n"
        "    sink(a if a else 'x')\n"
        "    sink([x for x in request.GET.getlist('a')])\n"
        "    sink(len(a))\n"
    )
    assert kinds(tmp_path, code) == ["tainted", "safe"] + ["tainted"] * 11 + ["safe"]


def test_universal_and_sink_specific_sanitisers(tmp_path) -> None:
    code = (
        "import uuid, shlex, os\n"
        "from django.utils.html import escape\n"
        "def view(request):\n"
        "    a = request.GET['a']\n"
        "    sink(int(a))\n"
        "    sink(float(a))\n"
        "    sink(uuid.UUID(a))\n"
        "    sink(escape(a))\n"
        "    sink(shlex.quote(a))\n"
        "    sink(os.path.basename(a))\n"
    )
    assert kinds(tmp_path / "sql", code, "sql") == ["safe"] * 3 + ["tainted"] * 3
    assert kinds(tmp_path / "html", code, "html") == ["safe"] * 4 + ["tainted"] * 2
    assert kinds(tmp_path / "shell", code, "shell") == ["safe"] * 3 + ["tainted", "safe",
                                                                         "tainted"]
    assert kinds(tmp_path / "path", code, "path") == ["safe"] * 3 + ["tainted"] * 2 + ["safe"]


def test_posixpath_normpath_is_not_a_sanitiser(tmp_path) -> None:
    code = ("import posixpath\ndef view(request):\n"
            "    sink(posixpath.normpath(request.GET['p']))\n")
    assert kinds(tmp_path, code, "path") == ["tainted"]


def test_branches_and_guards(tmp_path) -> None:
    code = (
        "ALLOWED = ('a', 'b')\n"
        "def view(request):\n"
        "    a = request.GET['a']\n"
        "    if a in ALLOWED:\n"
        "        sink(a)\n"
        "    sink(a)\n"
        "    if a not in ALLOWED:\n"
        "        raise ValueError(a)\n"
        "    sink(a)\n"
        "def other(request):\n"
        "    b = request.GET['b']\n"
        "    if b == 'x':\n"
        "        sink(b)\n"
        "    if not b.isdigit():\n"
        "        return None\n"
        "    sink(b)\n"
        "    c = request.GET['c'] if request.GET else 'd'\n"
        "    if request.GET:\n"
        "        c = 'e'\n"
        "    sink(c)\n"
        "    assert c in {'d', 'e'}\n"
        "    sink(c)\n"
    )
    assert kinds(tmp_path, code) == ["safe", "tainted", "safe", "safe", "safe", "tainted",
                                     "safe"]


def test_redirect_guard_only_protects_redirects(tmp_path) -> None:
    code = (
        "from django.utils.http import url_has_allowed_host_and_scheme\n"
        "def view(request):\n"
        "    url = request.GET['next']\n"
        "    if url_has_allowed_host_and_scheme(url, allowed_hosts=None):\n"
        "        sink(url)\n"
    )
    assert kinds(tmp_path / "r", code, "redirect") == ["safe"]
    assert kinds(tmp_path / "h", code, "html") == ["tainted"]


def test_loops_converge(tmp_path) -> None:
    code = (
        "def view(request):\n"
        "    query = ''\n"
        "    for key in request.GET:\n"
        "        query = query + key + ','\n"
        "    sink(query)\n"
        "    total = 'x'\n"
        "    while total:\n"
        "        total = total[1:]\n"
        "    sink(total)\n"
        "    for part in ['a', 'b']:\n"
        "        found = request.GET[part]\n"
        "        break\n"
        "    sink(found)\n"
    )
    assert kinds(tmp_path, code) == ["tainted", "safe", "tainted"]


def test_unknown_origins(tmp_path) -> None:
    code = (
        "import requests\n"
        "from django.conf import settings\n"
        "LIMIT = 10\n"
        "cache = {}\n"
        "def helper(value, obj):\n"
        "    sink(value)\n"
        "    sink(obj.name)\n"
        "    sink(requests.get('https://x').text)\n"
        "    sink(LIMIT)\n"
        "    sink(settings.TABLE)\n"
        "    sink(cache['x'])\n"
    )
    assert kinds(tmp_path, code) == ["unknown", "unknown", "unknown", "safe", "safe",
                                     "unknown"]


def test_flow_text(tmp_path) -> None:
    code = "def view(request):\n    q = request.GET.get('q')\n    sql = 'x' + q\n    sink(sql)\n"
    [flow] = flows(tmp_path, {"app/views.py": code}).values()
    assert flow.source == "request.GET.get('q')" and flow.source_line == 2
    assert flow.describe("app/views.py") == (
        "request.GET.get('q') (line 2) → `q` (line 2) → `sql` (line 3)")


def test_url_positions_that_cannot_choose_the_host(tmp_path) -> None:
    code = (
        "from django.urls import reverse\n"
        "def view(request):\n"
        "    a = request.GET['a']\n"
        "    sink(f'/search/?q={a}')\n"
        "    sink(reverse('x') + '?next=' + a)\n"
        "    sink('%s?%s' % (reverse('x'), a))\n"
        "    sink('{}#{}'.format('/p', a))\n"
        "    sink('https://example.com/' + a)\n"
        "    sink('/' + a)\n"
        "    sink(f'{a}?x=1')\n"
        "    sink('https://%s/' % a)\n"
        "    sink(request.get_full_path())\n"
        "    sink(request.build_absolute_uri(a))\n"
    )
    assert kinds(tmp_path / "r", code, "redirect") == ["safe"] * 5 + ["tainted"] * 3 + [
        "safe", "tainted"]
    assert kinds(tmp_path / "h", code, "html") == ["tainted"] * 10


def test_guard_variables_and_falsy_branches(tmp_path) -> None:
    code = (
        "from django.utils.http import url_has_allowed_host_and_scheme as safe\n"
        "def view(request):\n"
        "    url = request.GET.get('next')\n"
        "    ok = safe(url, allowed_hosts=None)\n"
        "    sink(url if ok else '/')\n"
        "    if (url or request.GET) and not safe(url=url, allowed_hosts=None):\n"
        "        url = '/'\n"
        "    sink(url)\n"
        "    other = request.GET.get('other')\n"
        "    if not other:\n"
        "        sink(other)\n"
        "    ok = safe(other, allowed_hosts=None)\n"
        "    other = request.GET['again']\n"
        "    if ok:\n"
        "        sink(other)\n"
    )
    assert kinds(tmp_path, code, "redirect") == ["safe", "safe", "safe", "tainted"]


def test_dict_get_keys_are_not_values(tmp_path) -> None:
    code = (
        "DATA = {'a': 1}\n"
        "def view(request):\n"
        "    sink(DATA.get(request.GET['k']))\n"
        "    sink(DATA.get('k', request.GET['d']))\n"
    )
    assert kinds(tmp_path, code) == ["safe", "tainted"]


def test_methods_that_keep_only_part_of_their_arguments(tmp_path) -> None:
    code = (
        "from django.db import connection\n"
        "def view(request):\n"
        "    a = request.GET['a']\n"
        "    sink('x-y'.replace(a, '-'))\n"
        "    sink('x-y'.replace('-', a))\n"
        "    sink(connection.ops.quote_name(a))\n"
    )
    assert kinds(tmp_path / "sql", code) == ["safe", "tainted", "safe"]
    assert kinds(tmp_path / "html", code, "html") == ["safe", "tainted", "tainted"]
