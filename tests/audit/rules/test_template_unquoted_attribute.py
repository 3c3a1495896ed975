from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

PAGE = "app/templates/app/page.html"


def test_fires_on_unquoted_attribute_values(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "href", "PG304", {
        PAGE: "<p>\n  <a href={{ profile.website }}>site</a>\n</p>",
    }, path=PAGE, line=2, severity="medium", confidence="medium")
    assert finding.location.column == 11
    assert "`href` attribute of <a>" in finding.message
    assert_finds(tmp_path / "suffix", "PG304", {
        PAGE: '<div id="x" class=box-{{ theme }}></div>'}, line=1)
    assert_finds(tmp_path / "spaced", "PG304", {PAGE: "<div class = {{ c }}></div>"})
    assert_finds(tmp_path / "jinja", "PG304", {
        "templates/page.jinja": "<img alt={{ image.caption }}>"})


def test_fires_at_low_confidence_inside_a_tag(tmp_path) -> None:
    assert_finds(tmp_path, "PG304", {PAGE: '<input type="text" {{ extra }}>'},
                 confidence="low", message_contains="inside the <input> tag")


def test_silent_on_safe_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "quoted", "PG304", {
        PAGE: "<a href=\"{{ url }}\" title='{{ t }}'>{{ text }}</a>"})
    assert_silent(tmp_path / "numbers", "PG304", {
        PAGE: "<td colspan={{ cols|length }} data-row={{ forloop.counter }} "
              "data-id={{ obj.pk }}></td>"})
    assert_silent(tmp_path / "text", "PG304", {PAGE: "<p>a = {{ x }} > b</p>"})
    assert_silent(tmp_path / "comment", "PG304", {PAGE: "<a href={# {{ x }} #}'/'>"})
    assert_silent(tmp_path / "verbatim", "PG304", {
        PAGE: "<p>{% verbatim %}<a href={{ x }}>{% endverbatim %}</p>"})
    assert_silent(tmp_path / "after-quoted", "PG304", {
        PAGE: '<a href="/x" class="a">{{ label }}</a><p title="{{ t }}">'})


def test_dynamic_tag_names(tmp_path) -> None:
    assert_finds(tmp_path / "start", "PG304", {PAGE: "<{{ tag }} class=\"x\">"},
                 confidence="low")
    assert_silent(tmp_path / "end", "PG304", {PAGE: "<b></{{ tag }}>"})
