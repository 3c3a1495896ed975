"""File paths and fetched URLs: pathlib propagation, containment checks and host checks."""

from __future__ import annotations

from tests.audit.taint.harness import kinds

HEAD = (
    "import os\n"
    "import os.path\n"
    "from pathlib import Path\n"
    "from urllib.parse import urlparse\n"
    "from django.conf import settings\n"
    "from django.core.files.storage import default_storage\n"
    "from django.utils._os import safe_join\n"
    "from django.utils.http import url_has_allowed_host_and_scheme\n"
    "ROOT = '/srv/files'\n"
    "ALLOWED = {'api.example.com'}\n"
)


def test_pathlib_propagates(tmp_path) -> None:
    code = HEAD + (
        "def view(request):\n"
        "    name = request.GET['f']\n"
        "    sink(Path(settings.MEDIA_ROOT) / name)\n"
        "    sink((Path(ROOT) / name).resolve())\n"
        "    sink(Path(ROOT).joinpath(name).absolute())\n"
        "    sink(Path(ROOT) / 'fixed.txt')\n"
    )
    assert kinds(tmp_path, code, "path") == ["tainted", "tainted", "tainted", "safe"]


def test_one_path_component_is_safe_for_paths_only(tmp_path) -> None:
    code = HEAD + (
        "def view(request):\n"
        "    upload = request.FILES['doc']\n"
        "    sink(os.path.join(ROOT, upload.name))\n"
        "    sink(Path(request.GET['f']).name)\n"
        "    sink(safe_join(ROOT, request.GET['f']))\n"
        "    sink(default_storage.path(request.GET['f']))\n"
        "    sink(os.path.normpath(os.path.join(ROOT, request.GET['f'])))\n"
    )
    assert kinds(tmp_path, code, "path") == ["safe"] * 4 + ["tainted"]
    assert kinds(tmp_path, code, "sql") == ["tainted"] * 5


def test_containment_checks_on_normalised_paths(tmp_path) -> None:
    code = HEAD + (
        "def a(request):\n"
        "    full = os.path.realpath(os.path.join(ROOT, request.GET['f']))\n"
        "    if not full.startswith(ROOT + os.sep):\n"
        "        raise ValueError\n"
        "    sink(full)\n"
        "def b(request):\n"
        "    name = request.GET['f']\n"
        "    if not os.path.abspath(os.path.join(ROOT, name)).startswith(ROOT):\n"
        "        raise ValueError\n"
        "    sink(os.path.join(ROOT, name))\n"
        "def c(request):\n"
        "    full = os.path.realpath(os.path.join(ROOT, request.GET['f']))\n"
        "    if os.path.commonpath([ROOT, full]) != ROOT:\n"
        "        raise ValueError\n"
        "    sink(full)\n"
        "def d(request):\n"
        "    path = (Path(ROOT) / request.GET['f']).resolve()\n"
        "    if path.is_relative_to(ROOT):\n"
        "        sink(path)\n"
    )
    assert kinds(tmp_path, code, "path") == ["safe"] * 4


def test_checks_that_do_not_prove_containment(tmp_path) -> None:
    code = HEAD + (
        "def a(request):\n"
        "    path = os.path.join(ROOT, request.GET['f'])\n"
        "    if not path.startswith(ROOT):\n"
        "        raise ValueError\n"
        "    sink(path)\n"
        "def b(request):\n"
        "    full = os.path.realpath(os.path.join(ROOT, request.GET['f']))\n"
        "    if full.startswith(ROOT):\n"
        "        raise ValueError\n"
        "    sink(full)\n"
        "def c(request):\n"
        "    full = os.path.realpath(request.GET['f'])\n"
        "    if not full.startswith(request.GET['root']):\n"
        "        raise ValueError\n"
        "    sink(full)\n"
        "def d(request):\n"
        "    full = os.path.realpath(os.path.join(ROOT, request.GET['f']))\n"
        "    if not full.startswith(ROOT):\n"
        "        raise ValueError\n"
        "    sink(full)\n"
    )
    found = kinds(tmp_path, code, "path")
    assert found == ["tainted"] * 3 + ["safe"]
    assert kinds(tmp_path, code, "sql") == ["tainted"] * 4


def test_urls_whose_host_is_fixed_or_checked(tmp_path) -> None:
    code = HEAD + (
        "def view(request):\n"
        "    sink(f'https://api.example.com/items/{request.GET[\"id\"]}')\n"
        "    sink('https://api.example.com/search?q=' + request.GET['q'])\n"
        "    sink(request.GET['url'])\n"
        "    sink(f'https://{request.GET[\"host\"]}/x')\n"
        "    sink('https://api.example.com' + request.GET['rest'])\n"
        "def checked(request):\n"
        "    url = request.GET['url']\n"
        "    if urlparse(url).hostname not in ALLOWED:\n"
        "        raise ValueError\n"
        "    sink(url)\n"
        "def checked_too(request):\n"
        "    url = request.GET['url']\n"
        "    if url_has_allowed_host_and_scheme(url, allowed_hosts=ALLOWED):\n"
        "        sink(url)\n"
        "def denylist(request):\n"
        "    url = request.GET['url']\n"
        "    if urlparse(url).hostname in ALLOWED:\n"
        "        raise ValueError\n"
        "    sink(url)\n"
    )
    assert kinds(tmp_path, code, "url") == [
        "safe", "safe", "tainted", "tainted", "tainted", "safe", "safe", "tainted"]
