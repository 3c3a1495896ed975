"""Template discovery, engine choice, unreadable and broken templates, the taint hook."""

from __future__ import annotations

from ponyguard.audit import audit_project
from ponyguard.audit.discovery import discover
from ponyguard.audit.templates import audit_templates, engine_of, is_template_path
from ponyguard.core.config import Config
from ponyguard.core.registry import load_rules
from tests.helpers import audit_files, findings_of, write_project


def test_template_paths() -> None:
    assert is_template_path("shop/templates/shop/list.html")
    assert is_template_path("jinja2/base.jinja")
    assert is_template_path("templates/emails/a.txt")
    assert not is_template_path("static/page.html")
    assert not is_template_path("templates/logo.png")
    assert is_template_path("site/views/page.html", ["site/views/"])


def test_test_suites_templates_are_not_audited(tmp_path) -> None:
    page = "<p>{{ x|safe }}</p>\n"
    result = audit_files(tmp_path, {
        "tests/templates/fixture.html": page,
        "shop/test/app/templates/page.html": page,
        "quiz/templates/quiz/tests/detail.html": page,
    }, select=("PG302",))
    assert [f.location.path for f in findings_of(result, "PG302")] == [
        "quiz/templates/quiz/tests/detail.html"]


def test_engine_choice() -> None:
    assert engine_of("templates/a.jinja2", "") == "jinja2"
    assert engine_of("app/jinja2/app/a.html", "") == "jinja2"
    assert engine_of("templates/a.html", "{%- if x %}{% endif %}") == "jinja2"
    assert engine_of("templates/a.html", "{% set x = 1 %}") == "jinja2"
    assert engine_of("templates/a.html", "{% load static %}{%- x %}") == "django"
    assert engine_of("templates/a.html", "{% if x %}{{ y }}{% endif %}") == "django"


def test_unreadable_templates_are_notes(tmp_path) -> None:
    write_project(tmp_path, {"templates/ok.html": "<p>{{ x|safe }}</p>"})
    (tmp_path / "templates" / "latin.html").write_bytes(b"<p>caf\xe9 {{ x|safe }}</p>")
    (tmp_path / "templates" / "bin.html").write_bytes(b"\x00\x01<p>{{ x|safe }}</p>")
    (tmp_path / "templates" / "big.html").write_text("<p>{{ x|safe }}</p>\n" * 120_000)
    result = audit_project(tmp_path)
    notes = {f.location.path: f.message for f in findings_of(result, "PG002")}
    assert "decoded as UTF-8" in notes["templates/latin.html"]
    assert "binary" in notes["templates/bin.html"]
    assert "limit" in notes["templates/big.html"]
    assert [f.location.path for f in findings_of(result, "PG302")] == ["templates/ok.html"]


def test_broken_templates_are_parse_notes_and_the_rest_is_audited(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "templates/a.html": "<p>{{ x|safe }}</p>\n{% if a %}\n{% endfor %}\n",
        "templates/b.jinja": "<p>{{ y|safe }}</p>\n{% if 'open %}\n",
        "templates/c.html": "<p>{{ z|safe }}</p>",
    })
    notes = {f.location.path: f for f in findings_of(result, "PG008")}
    assert notes["templates/a.html"].location.line == 3
    assert "expected 'endif'" in notes["templates/a.html"].message
    assert notes["templates/b.jinja"].location.line == 2
    assert {f.location.path for f in findings_of(result, "PG302")} == {
        "templates/a.html", "templates/b.jinja", "templates/c.html"}


def test_templates_count_as_audited_files_and_bom_and_crlf(tmp_path) -> None:
    write_project(tmp_path, {"settings.py": "DEBUG = False\n"})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.html").write_bytes(
        "\ufeff<p>\r\n{{ x|safe }}</p>\r\n".encode())
    result = audit_project(tmp_path)
    [finding] = findings_of(result, "PG302")
    assert (finding.location.line, finding.location.column) == (2, 1)
    assert result.files_audited == 2


def test_context_taint_raises_confidence(tmp_path) -> None:
    load_rules()
    write_project(tmp_path, {"app/templates/app/s.html": "<p>{{ q.text|safe }}{{ y|safe }}</p>"})
    taint = {"app/s.html": {"q": "request.GET['q'] in app/views.py:4"}}
    outcome = audit_templates(discover(tmp_path), Config(), rendered=taint)
    high, medium = sorted((f for f in outcome.findings if f.rule.id == "PG302"),
                          key=lambda f: f.location.column)
    assert str(high.confidence) == "high" and "request.GET['q'] in app/views.py:4" in high.message
    assert str(medium.confidence) == "medium"
    assert outcome.files == ["app/templates/app/s.html"]
    assert outcome.text_of("app/templates/app/s.html").startswith("<p>")


def test_unused_template_suppression_is_reported(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "templates/a.html": "<p>{{ x }}</p>{# ponyguard: ignore[PG302] #}"})
    [unused] = findings_of(result, "PG005")
    assert unused.location.path == "templates/a.html" and unused.location.column == 15
