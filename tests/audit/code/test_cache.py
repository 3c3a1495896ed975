"""The code audit's cache: reuse, invalidation through dependencies, and tampering."""

from __future__ import annotations

import pickle

from ponyguard.audit.code.cache import CACHE_FILE, MAGIC
from ponyguard.audit.code.runner import audit_code
from ponyguard.audit.discovery import discover
from ponyguard.core.config import Config
from tests.helpers import write_project

UTILS = "def term(request):\n    return {ret}\n"
VIEWS = ("from django.db import connection\nfrom .utils import term\n"
         "def view(request):\n    connection.cursor().execute('SELECT ' + term(request))\n")


def run(root, cache):
    outcome = audit_code(discover(root), Config(cache_dir=cache))
    found = sorted((f.rule.id, f.location.path, f.location.line, f.confidence.value)
                   for f in outcome.findings)
    return found, outcome.stats


def test_unchanged_files_are_not_analysed_again(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, {"app/__init__.py": "", "app/views.py": VIEWS,
                         "app/utils.py": UTILS.format(ret="request.GET['q']")})
    first, stats = run(root, cache)
    assert first and stats["facts_computed"] == 3 and stats["rules_run"] == 3
    again, stats = run(root, cache)
    assert again == first and stats["facts_computed"] == 0 and stats["rules_run"] == 0
    assert (cache / ".gitignore").read_text().strip().endswith("*")


def test_a_changed_helper_invalidates_the_files_that_used_it(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, {"app/__init__.py": "", "app/views.py": VIEWS, "app/other.py": "X = 1\n",
                         "app/utils.py": UTILS.format(ret="request.GET['q']")})
    first, _ = run(root, cache)
    assert [f[1] for f in first] == ["app/views.py"]
    write_project(root, {"app/utils.py": UTILS.format(ret="'constant'")})
    second, stats = run(root, cache)
    assert second == [] and stats["facts_computed"] == 1
    assert stats["rules_run"] == 2, "utils.py itself and views.py, which used its summary"


def test_an_edit_that_keeps_the_facts_does_not_invalidate_dependents(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    utils = UTILS.format(ret="request.GET['q']")
    write_project(root, {"app/__init__.py": "", "app/views.py": VIEWS, "app/utils.py": utils})
    first, _ = run(root, cache)
    write_project(root, {"app/utils.py": utils + "# a comment\n"})
    second, stats = run(root, cache)
    assert second == first and stats["facts_computed"] == 1 and stats["facts_unchanged"] == 1
    assert stats["rules_run"] == 1, "only utils.py itself"
    # The next run sees nothing new, and a real change still invalidates views.py.
    third, stats = run(root, cache)
    assert third == first and stats["rules_run"] == 0
    write_project(root, {"app/utils.py": UTILS.format(ret="'constant'") + "# a comment\n"})
    fourth, stats = run(root, cache)
    assert fourth == [] and stats["rules_run"] == 2


def test_a_rule_that_read_another_files_source_depends_on_its_text(tmp_path) -> None:
    """PG503 reads the helper's body, not only its facts: any edit of it must invalidate."""
    from ponyguard.audit.code.cache import CodeCache

    root, cache = tmp_path / "p", tmp_path / "cache"
    helper = ("import hashlib\n"
              "def digest(text):\n    return hashlib.md5(text.encode()).hexdigest()\n")
    views = ("from .helpers import digest\n"
             "def signup(request, user):\n"
             "    user.password_hash = digest(request.POST['password'])\n")
    write_project(root, {"app/__init__.py": "", "app/views.py": views, "app/helpers.py": helper})
    first, _ = run(root, cache)
    assert ("PG503", "app/views.py") in {f[:2] for f in first}
    stored = CodeCache.open(cache).load()
    dependencies = dict(stored.results["app/views.py"][1].dependencies)
    assert ("source", "app/helpers.py") in dependencies
    write_project(root, {"app/helpers.py": helper + "# sha256 some day\n"})
    _, stats = run(root, cache)
    assert stats["facts_unchanged"] == 1 and stats["rules_run"] == 2


def test_a_new_caller_invalidates_the_callee(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    db = ("from django.db import connection\n"
          "def run(sql):\n    connection.cursor().execute(sql)\n")
    write_project(root, {"app/__init__.py": "", "app/db.py": db,
                         "app/views.py": "def view(request):\n    return 1\n"})
    first, _ = run(root, cache)
    assert first == [("PG201", "app/db.py", 3, "low")]
    write_project(root, {"app/views.py": "from .db import run\n"
                                         "def view(request):\n    run(request.GET['q'])\n"})
    second, _ = run(root, cache)
    assert second == [("PG201", "app/db.py", 3, "high")]


def test_a_changed_urlconf_invalidates_views(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    views = ("from django.db import connection\n"
             "def detail(request, pk):\n    connection.cursor().execute(f'SELECT {pk}')\n")
    urls = ("from django.urls import path\nfrom . import views\n"
            "urlpatterns = [path('<{c}:pk>/', views.detail)]\n")
    write_project(root, {"app/__init__.py": "", "app/views.py": views,
                         "app/urls.py": urls.format(c="int")})
    assert run(root, cache)[0] == []
    write_project(root, {"app/urls.py": urls.format(c="str")})
    assert run(root, cache)[0] == [("PG201", "app/views.py", 3, "high")]


def test_tampered_or_planted_cache_files_are_ignored(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, {"app/__init__.py": "", "app/views.py": VIEWS,
                         "app/utils.py": UTILS.format(ret="request.GET['q']")})
    first, _ = run(root, cache)
    raw = bytearray((cache / CACHE_FILE).read_bytes())
    raw[-5] ^= 0xFF
    (cache / CACHE_FILE).write_bytes(bytes(raw))
    again, stats = run(root, cache)
    assert again == first and stats["rules_run"] == 3

    marker = tmp_path / "pwned"

    class Planted:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    (cache / CACHE_FILE).write_bytes(MAGIC + b"\x00" * 32 + pickle.dumps(Planted()))
    again, stats = run(root, cache)
    assert again == first and not marker.exists()


def test_no_cache_directory_without_a_cache_dir(tmp_path) -> None:
    write_project(tmp_path, {"app/views.py": VIEWS})
    audit_code(discover(tmp_path), Config())
    assert not (tmp_path / ".ponyguard-cache").exists()


def test_a_new_use_of_an_admin_form_outside_the_admin_invalidates_its_module(tmp_path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    forms = ("from django import forms\nclass PageForm(forms.ModelForm):\n"
             "    class Meta:\n        model = None\n        fields = '__all__'\n")
    admin = ("from django.contrib import admin\nfrom .forms import PageForm\n"
             "class PageAdmin(admin.ModelAdmin):\n    form = PageForm\n")
    view = "from .forms import PageForm\ndef edit(request):\n    return PageForm(request.POST)\n"
    write_project(root, {"app/__init__.py": "", "app/forms.py": forms, "app/admin.py": admin,
                         "app/views.py": "def edit(request):\n    return None\n"})
    assert [f for f in run(root, cache)[0] if f[0] == "PG403"] == []
    write_project(root, {"app/views.py": view})
    assert [f[:3] for f in run(root, cache)[0] if f[0] == "PG403"] == [
        ("PG403", "app/forms.py", 5)]
