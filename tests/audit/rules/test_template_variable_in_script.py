from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

PAGE = "app/templates/app/page.html"


def test_fires_in_script_code_and_strings(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "code", "PG305", {
        PAGE: "<p></p>\n<script>\n  const options = {{ options }};\n</script>\n",
    }, path=PAGE, line=3, severity="high", confidence="medium")
    assert finding.location.column == 19
    assert "inside a <script> element" in finding.message
    assert_finds(tmp_path / "string", "PG305", {
        PAGE: '<script>var q = "{{ request.GET.q }}";</script>'},
        message_contains="break out of the string")
    assert_finds(tmp_path / "escapejs-in-code", "PG305", {
        PAGE: "<script>var n = {{ n|escapejs }};</script>"},
        message_contains="escapejs only protects")
    assert_finds(tmp_path / "template-literal", "PG305", {
        PAGE: "<script>var s = `{{ s|escapejs }}`;</script>"})


def test_fires_in_event_handlers_and_javascript_urls(tmp_path) -> None:
    assert_finds(tmp_path / "onclick", "PG305", {
        PAGE: "<button onclick=\"select('{{ item.name }}')\">go</button>"},
        message_contains="`onclick` event handler")
    assert_finds(tmp_path / "js-url", "PG305", {
        PAGE: "<a href=\"javascript:open('{{ item.slug_text }}')\">go</a>"},
        message_contains="javascript: URL")


def test_fires_in_jinja2_templates(tmp_path) -> None:
    assert_finds(tmp_path / "e", "PG305", {
        "templates/page.jinja": "<script>\nlet name = '{{ user.name|e }}';\n</script>"}, line=2)
    assert_finds(tmp_path / "tojson-quoted", "PG305", {
        "templates/page.jinja": "<script>let d = \"{{ data|tojson }}\";</script>"})


def test_silent_on_safe_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "json-script", "PG305", {
        PAGE: '{{ options|json_script:"options" }}\n<script>\n'
              "const o = JSON.parse(document.getElementById('options').textContent);\n"
              "</script>"})
    assert_silent(tmp_path / "escapejs", "PG305", {
        PAGE: "<script>var q = '{{ q|escapejs }}', r = \"{{ r|escapejs }}\";</script>"
              "<button onclick=\"go('{{ n|escapejs }}')\">x</button>"})
    assert_silent(tmp_path / "numbers", "PG305", {
        PAGE: "<script>var n = {{ items|length }}, id = {{ obj.pk }}, "
              "t = '{{ csrf_token }}', i = {{ forloop.counter }};</script>"})
    assert_silent(tmp_path / "outside", "PG305", {
        PAGE: "<script src=\"{{ url }}\"></script><p>{{ x }}</p><script>go()</script>"})
    assert_silent(tmp_path / "comment-in-js", "PG305", {
        PAGE: "<script>go(); // {# {{ x }} #}\n</script>"})
    assert_silent(tmp_path / "non-js-type", "PG305", {
        PAGE: '<script type="text/template"><p>{{ name }}</p></script>'})
    assert_silent(tmp_path / "data-attribute", "PG305", {
        PAGE: '<button data-name="{{ item.name }}" onclick="select(this)">go</button>'})
    assert_silent(tmp_path / "jinja-tojson", "PG305", {
        "templates/page.jinja": "<script>const d = {{ data|tojson }};</script>"})
    assert_silent(tmp_path / "verbatim", "PG305", {
        PAGE: "<script>{% verbatim %}var x = {{ vue }};{% endverbatim %}</script>"})


def test_safe_values_are_reported_once_by_pg302(tmp_path) -> None:
    files = {PAGE: "<script>const c = {{ config_json|safe }};</script>"}
    assert_silent(tmp_path / "a", "PG305", files)
    assert_finds(tmp_path / "b", "PG302", files, message_contains="inside JavaScript")


def test_a_bare_id_variable_is_text(tmp_path) -> None:
    assert_finds(tmp_path, "PG305", {PAGE: "<script>var el = '{{ id }}';</script>"})


def test_child_blocks_placed_inside_a_parent_script(tmp_path) -> None:
    files = {
        "templates/base.html": "<html><script>\n{% block js %}{% endblock %}\n</script>"
                               "{% block content %}{% endblock %}</html>",
        "templates/layout.html": '{% extends "base.html" %}{% block content %}<p>'
                                 "{% block inner %}{% endblock %}</p>{% endblock %}",
        "shop/templates/shop/page.html": "{% extends 'layout.html' %}\n"
                                         "{% block js %}var name = '{{ user.name }}';"
                                         "{% endblock %}\n"
                                         "{% block inner %}{{ user.name }}{% endblock %}",
    }
    [finding] = assert_finds(tmp_path / "chain", "PG305", files,
                             path="shop/templates/shop/page.html", line=2)
    assert "block `js` is placed inside <script> by templates/base.html" in finding.message
    files["templates/base.html"] = "<script></script>{% block js %}{% endblock %}"
    assert_silent(tmp_path / "outside", "PG305", files)


def test_included_inside_a_script_and_js_templates(tmp_path) -> None:
    files = {
        "templates/base.html": "<p></p><script>{% include 'app/config.html' %}</script>"
                               "{% include 'app/other.html' %}",
        "app/templates/app/config.html": "var user = {{ user_json }};",
        "app/templates/app/other.html": "var user = {{ user_json }};",
    }
    [finding] = assert_finds(tmp_path / "include", "PG305", files)
    assert finding.location.path == "app/templates/app/config.html"
    assert "included inside <script> by templates/base.html" in finding.message
    assert_finds(tmp_path / "js", "PG305", {
        "app/templates/app/widget.js": "const name = '{{ name }}';\n{# ponyguard: x #}"},
        message_contains="a .js template is JavaScript")
    assert_silent(tmp_path / "js-safe", "PG305", {
        "app/templates/app/widget.js": "const name = '{{ name|escapejs }}';"})


CATALOG_JS = ("{% autoescape off %}\n'use strict';\n"
              "const catalog = {{ catalog_json }};\n"
              "const greeting = '{{ greeting }}';\n{% endautoescape %}\n"
              "const other = {{ other }};\n")


def test_js_template_with_autoescape_off_is_low_confidence_in_code_only(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG305", {"app/templates/app/catalog.js": CATALOG_JS},
                         count=3)
    assert [(f.location.line, f.confidence.value) for f in found] == [
        (3, "low"), (4, "medium"), (6, "medium")]
    assert "encoded it for JavaScript (json.dumps())" in found[0].message


def test_js_template_value_from_the_request_stays_high_with_autoescape_off(tmp_path) -> None:
    assert_finds(tmp_path, "PG305", {"app/templates/app/catalog.js": (
        "{% autoescape off %}const q = {{ request.GET.q }};{% endautoescape %}\n")},
        count=1, confidence="high")
