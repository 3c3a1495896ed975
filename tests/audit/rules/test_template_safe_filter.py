from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

PAGE = "shop/templates/shop/page.html"


def test_fires_on_safe_and_safeseq_of_variables(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "safe", "PG302", {
        PAGE: "<div>\n  <p>{{ comment.body|safe }}</p>\n</div>\n",
    }, path=PAGE, line=2, severity="high", confidence="medium")
    assert finding.location.column == 6 and finding.location.end_column == 29
    assert "`comment.body`" in finding.message
    assert "was not traced" in finding.message
    assert_finds(tmp_path / "safeseq", "PG302", {
        PAGE: "<ul>{% for t in tags|safeseq %}<li>{{ t }}</li>{% endfor %}</ul>\n",
    }, line=1, message_contains="every item of `tags`")
    assert_finds(tmp_path / "chain", "PG302", {
        PAGE: "<p>{{ bio|default:''|linebreaksbr|safe }}</p>\n",
    }, message_contains="`bio|default:''|linebreaksbr`")


def test_fires_in_tags_that_pass_the_value_on(tmp_path) -> None:
    assert_finds(tmp_path / "with", "PG302", {
        PAGE: "{% with html=post.body|safe %}\n{{ html }}\n{% endwith %}\n<p></p>",
    }, line=1, message_contains="wherever the result is rendered")
    assert_finds(tmp_path / "include", "PG302", {
        PAGE: '<p>{% include "x.html" with body=post.body|safe %}</p>',
    }, line=1)


def test_fires_in_jinja2_templates(tmp_path) -> None:
    assert_finds(tmp_path / "ext", "PG302", {
        "templates/page.jinja": "<p>\n{{ user.bio | safe }}</p>\n",
    }, line=2, message_contains="`user.bio`")
    assert_finds(tmp_path / "nested", "PG302", {
        "app/jinja2/page.html": '<p>{{ "<b>" ~ name|safe }}</p>',
    }, message_contains="`name`")
    assert_finds(tmp_path / "set", "PG302", {
        "app/jinja2/page.html": "{% set html = item.text|safe %}<p>{{ html }}</p>",
    })


def test_silent_on_safe_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "plain", "PG302", {PAGE: "<p>{{ comment.body }}</p>"})
    assert_silent(tmp_path / "literal", "PG302", {
        PAGE: '<p>{{ "<br>"|safe }}{{ _("<b>Hi</b>")|safe }}</p>'})
    assert_silent(tmp_path / "escaped-first", "PG302", {PAGE: "<p>{{ x|escape|safe }}</p>"})
    assert_silent(tmp_path / "comment", "PG302", {
        PAGE: "<p>{# {{ x|safe }} #}</p>\n{% comment %}\n{{ y|safe }}\n{% endcomment %}"})
    assert_silent(tmp_path / "verbatim", "PG302", {
        PAGE: "<p>{% verbatim %}{{ x|safe }}{% endverbatim %}</p>"})
    assert_silent(tmp_path / "condition", "PG302", {
        PAGE: "<p>{% if x|safe %}yes{% endif %}</p>"})
    assert_silent(tmp_path / "json-script", "PG302", {
        PAGE: '<p></p>{{ data|json_script:"data" }}'})
    assert_silent(tmp_path / "plain-text", "PG302", {
        "templates/emails/welcome.txt": "Hello {{ user.name|safe }}"})
    assert_silent(tmp_path / "jinja-literal", "PG302", {
        "templates/page.j2": '<p>{{ "<br>"|safe }}{% raw %}{{ x|safe }}{% endraw %}</p>'})
    assert_silent(tmp_path / "not-a-template", "PG302", {
        "static/page.html": "<p>{{ x|safe }}</p>"})


def test_suppressed_by_a_template_comment(tmp_path) -> None:
    assert_silent(tmp_path / "trailing", "PG302", {
        PAGE: "<p>{{ x|safe }}</p> {# ponyguard: ignore[PG302] #}\n"})
    assert_silent(tmp_path / "above", "PG302", {
        PAGE: "{# ponyguard: ignore[template-safe-filter] #}\n<p>{{ x|safe }}</p>\n"})
    assert_silent(tmp_path / "file", "PG302", {
        PAGE: "{# ponyguard: file-ignore[PG3] #}\n<p>\n{{ x|safe }}</p>\n"})
    assert_finds(tmp_path / "other-line", "PG302", {
        PAGE: "{# ponyguard: ignore[PG302] #}\n<p></p>\n<p>{{ x|safe }}</p>\n"}, line=3)


def test_help_text_is_low_confidence(tmp_path) -> None:
    assert_finds(tmp_path, "PG302", {PAGE: "<p>{{ field.help_text|safe }}</p>"},
                 confidence="low", message_contains="written by developers")


def test_silent_on_a_variable_the_template_captured_from_its_own_output(tmp_path) -> None:
    assert_silent(tmp_path, "PG302", {PAGE: (
        "{% load i18n wagtailadmin_tags %}\n"
        "{% fragment as badge %}{% status state.label classname='w-status' %}{% endfragment %}\n"
        "<p>{% blocktranslate trimmed with action=badge|safe %}{{ action }} by someone"
        "{% endblocktranslate %}</p>\n"
        '{% translate "Approved by staff" as label %}\n'
        "<p>{{ label|safe }}</p>\n"
        "{% blocktranslate asvar greeting %}Hello {{ name }}{% endblocktranslate %}\n"
        "<p>{{ greeting|safe }}</p>\n"
    )})


def test_fires_on_a_captured_name_bound_again_or_used_before_the_capture(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG302", {PAGE: (
        "<p>{{ badge|safe }}</p>\n"
        "{% fragment as badge %}<b>{{ state }}</b>{% endfragment %}\n"
        "{% for badge in user_badges %}<p>{{ badge|safe }}</p>{% endfor %}\n"
        "{% translate message as label %}<p>{{ label|safe }}</p>\n"
        "{% fragment as title %}x{% endfragment %}{% with title=post.title %}\n"
        "<h1>{{ title|safe }}</h1>{% endwith %}\n"
        "<p>{{ badge.text|safe }}</p>\n"
    )}, count=5, confidence="medium")
    assert [f.location.line for f in found] == [1, 3, 4, 6, 7]
