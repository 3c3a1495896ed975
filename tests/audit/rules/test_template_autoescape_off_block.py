from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

PAGE = "blog/templates/blog/post.html"


def test_fires_on_a_block_rendering_variables(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "django", "PG303", {
        PAGE: "<article>\n  {% autoescape off %}\n  <h1>{{ post.title }}</h1>{{ post.body }}\n"
              "  {% endautoescape %}\n</article>\n",
    }, path=PAGE, line=2, severity="high", confidence="medium")
    assert finding.location.column == 3
    assert "`{{ post.title }}` (line 3) and 1 more variable" in finding.message
    assert_finds(tmp_path / "jinja", "PG303", {
        "templates/post.jinja2": "<p>{%- autoescape false %}{{ body }}{% endautoescape %}</p>",
    }, line=1, message_contains="`{% autoescape false %}`")


def test_fires_on_an_unclosed_block(tmp_path) -> None:
    assert_finds(tmp_path, "PG303", {PAGE: "<p>{% autoescape off %}{{ body }}</p>"}, line=1)


def test_silent_on_safe_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "text-only", "PG303", {
        PAGE: "<p>{% autoescape off %}<b>static</b>{% endautoescape %}</p>"})
    assert_silent(tmp_path / "escaped", "PG303", {
        PAGE: '<p>{% autoescape off %}{{ x|escape }} {{ items|length }} {{ "lit" }}'
              "{% endautoescape %}</p>"})
    assert_silent(tmp_path / "on", "PG303", {
        PAGE: "<p>{% autoescape on %}{{ x }}{% endautoescape %}</p>"})
    assert_silent(tmp_path / "nested-on", "PG303", {
        PAGE: "<p>{% autoescape off %}{% autoescape on %}{{ x }}{% endautoescape %}"
              "{% endautoescape %}</p>"})
    assert_silent(tmp_path / "outside", "PG303", {
        PAGE: "<p>{% autoescape off %}{% endautoescape %}{{ x }}</p>"})
    assert_silent(tmp_path / "comment", "PG303", {
        PAGE: "<p>{# {% autoescape off %}{{ x }}{% endautoescape %} #}</p>"})
    assert_silent(tmp_path / "email", "PG303", {
        "accounts/templates/registration/password_reset_email.html":
            "{% autoescape off %}\nReset: {{ protocol }}://{{ domain }}/{{ uid }}/\n"
            "{% endautoescape %}\n"})
    assert_silent(tmp_path / "txt", "PG303", {
        "templates/mail/body.txt": "{% autoescape off %}{{ name }}{% endautoescape %}"})


CATALOG_JS = ("{% autoescape off %}\n'use strict';\n"
              "const catalog = {{ catalog_json }};\n"
              "django.formats = {{ formats_json }};\n"
              "const greeting = '{{ greeting }}';\n{% endautoescape %}\n")


def test_silent_in_templates_whose_output_is_not_html(tmp_path) -> None:
    assert_silent(tmp_path, "PG303", {
        "app/templates/app/catalog.js": CATALOG_JS,
        "app/templates/app/data.json": '{% autoescape off %}{"items": {{ items }}}'
                                       "{% endautoescape %}\n",
    })


def test_fires_in_an_html_template_with_the_same_block(tmp_path) -> None:
    assert_finds(tmp_path, "PG303", {"app/templates/app/catalog.html": CATALOG_JS},
                 line=1, count=1, confidence="medium")
