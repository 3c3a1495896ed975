"""The template audit's cache: unchanged templates are neither lexed nor audited again."""

from __future__ import annotations

from pathlib import Path

from ponyguard.audit.discovery import discover
from ponyguard.audit.templates import audit_templates
from ponyguard.core.config import Config
from ponyguard.core.registry import load_rules
from tests.helpers import write_project

FILES = {
    "app/templates/base.html": "<script>{% block js %}{% endblock %}</script>{% block body %}"
                               "{% endblock %}",
    "app/templates/page.html": '{% extends "base.html" %}{% block js %}var a = "{{ a }}";'
                               "{% endblock %}",
    "app/templates/plain.html": "<p>{{ b|safe }}</p>",
    "app/templates/other.html": "<p>{{ c }}</p>",
    "app/templates/inc.html": "<script>{% include 'part.html' %}</script>",
    "app/templates/part.html": "var p = {{ p }};",
}


def run(root: Path, cache: Path, rendered: dict[str, dict[str, str]] | None = None,
        ) -> tuple[list[tuple[str, str, str]], dict[str, int]]:
    load_rules()
    outcome = audit_templates(discover(root), Config(cache_dir=cache), rendered=rendered or {})
    found = sorted((f.rule.id, f.location.path or "", f.confidence.value)
                   for f in outcome.findings)
    return found, outcome.stats


def test_a_warm_run_lexes_nothing_and_finds_the_same(tmp_path: Path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, FILES)
    first, stats = run(root, cache)
    assert ("PG305", "app/templates/page.html", "medium") in first
    assert ("PG302", "app/templates/plain.html", "medium") in first
    assert ("PG305", "app/templates/part.html", "medium") in first
    assert stats["lexed"] == 6
    again, stats = run(root, cache)
    assert again == first
    assert stats["lexed"] == 0 and stats["placed"] == 2, "page.html by base, part.html by inc"


def test_a_changed_template_is_lexed_again(tmp_path: Path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, FILES)
    run(root, cache)
    write_project(root, {"app/templates/other.html": "<p>{{ c|safe }}</p>"})
    found, stats = run(root, cache)
    assert ("PG302", "app/templates/other.html", "medium") in found
    assert stats["lexed"] == 1


def test_a_parent_edit_re_places_the_child(tmp_path: Path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, FILES)
    run(root, cache)
    write_project(root, {"app/templates/base.html": "<div>{% block js %}{% endblock %}</div>"})
    found, _ = run(root, cache)
    assert not [f for f in found if f[:2] == ("PG305", "app/templates/page.html")], \
        "the block is no longer in a <script>"


def test_new_context_taint_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, FILES)
    run(root, cache)
    found, _ = run(root, cache, {"plain.html": {"b": "request.GET['b'] in app/views.py:3"}})
    assert ("PG302", "app/templates/plain.html", "high") in found


def test_without_a_cache_directory_everything_is_lexed(tmp_path: Path) -> None:
    write_project(tmp_path, FILES)
    load_rules()
    outcome = audit_templates(discover(tmp_path), Config(), rendered={})
    assert outcome.stats["lexed"] == 6
    assert not (tmp_path / ".ponyguard-cache").exists()


def test_a_tampered_cache_file_is_ignored(tmp_path: Path) -> None:
    root, cache = tmp_path / "p", tmp_path / "cache"
    write_project(root, FILES)
    first, _ = run(root, cache)
    path = cache / "templates.bin"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    again, stats = run(root, cache)
    assert again == first and stats["lexed"] == 6
