"""The HTML context scanner: where each template value lands."""

from __future__ import annotations

from ponyguard.audit.templates.files import TemplateFile


def contexts(text: str, rel: str = "templates/t.html"):
    template = TemplateFile.parse(text, rel)
    return [(t.contents, t.context) for t in template.variables]


def states(text: str, rel: str = "templates/t.html"):
    return [(name, c.state, c.quote) for name, c in contexts(text, rel)]


def test_text_and_attributes() -> None:
    assert states('<p class="{{ a }}" id=\'{{ b }}\' title={{ c }} {{ d }}>{{ e }}</p>') == [
        ("a", "attribute-value", '"'), ("b", "attribute-value", "'"),
        ("c", "attribute-value", ""), ("d", "tag", None), ("e", "text", None)]
    [(_, context)] = contexts("<a  data-x = {{ v }}>")
    assert context.unquoted_value and context.attribute == "data-x" and context.tag == "a"
    assert states("<div data-{{ n }}=1>")[0][1] == "attribute-name"


def test_not_tags() -> None:
    assert states("a < {{ b }} and 1<2 {{ c }} <-- {{ d }}") == [
        ("b", "text", None), ("c", "text", None), ("d", "text", None)]
    assert states("<!-- <a href={{ a }}> --> {{ b }}<!DOCTYPE {{ c }}>") == [
        ("a", "comment", None), ("b", "text", None), ("c", "markup-declaration", None)]


def test_script_style_and_rcdata() -> None:
    found = contexts("<script>var a = '{{ a }}' + \"{{ b }}\" + `{{ c }}` + {{ d }};"
                     "// '{{ e }}\n/* \" */ {{ f }}</script >{{ g }}"
                     "<style>p { color: {{ h }} }</style><textarea>{{ i }}</textarea>")
    assert [(n, c.state, c.js, c.js_string) for n, c in found] == [
        ("a", "script", True, "'"), ("b", "script", True, '"'), ("c", "script", True, "`"),
        ("d", "script", True, None), ("e", "script", True, None), ("f", "script", True, None),
        ("g", "text", False, None), ("h", "style", False, None), ("i", "rcdata", False, None)]


def test_script_types() -> None:
    found = contexts('<script type="module">{{ a }}</script><script type="text/x-template">'
                     "{{ b }}</script><SCRIPT TYPE='application/json'>{{ c }}</SCRIPT>{{ d }}")
    assert [(n, c.state, c.js) for n, c in found] == [
        ("a", "script", True), ("b", "script", False), ("c", "script", False),
        ("d", "text", False)]


def test_event_handlers_and_javascript_urls() -> None:
    found = contexts("<a onclick=\"go('{{ a }}', {{ b }})\" href=' javascript:f(\"{{ c }}\")'"
                     ' src="/x/{{ d }}">')
    assert [(n, c.js, c.js_string) for n, c in found] == [
        ("a", True, "'"), ("b", True, None), ("c", True, '"'), ("d", False, None)]


def test_template_tags_between_text() -> None:
    found = states('<a {% if x %}class="on"{% endif %} href={% url "home" %}>{{ a }}</a>'
                   '<p title="{% if y %}{{ b }}{% endif %}">')
    assert found == [("a", "text", None), ("b", "attribute-value", '"')]


def test_child_template_blocks_restart_in_text() -> None:
    text = '{% extends "base.html" %}{% block js %}<script>{% endblock %}{% block b %}{{ x }}'
    assert states(text) == [("x", "text", None)]
    assert states("<script>{% block js %}{{ x }}{% endblock %}</script>")[0][1] == "script"


def test_broken_markup_never_raises() -> None:
    for text in ("<", "<a", "<a href=", '<a href="', "<script>", "</", "<!--", "<a =x>{{ v }}",
                 '<a b="c"d=e f>{{ v }}', "<<<>>>{{ v }}", "</ {{ v }}>", "<a/{{ v }}>"):
        TemplateFile.parse(text + "{{ z }}")
    assert states('<a b="c"d=e f>{{ v }}')[0][1] == "text"


def test_nested_blocks_of_a_child_keep_their_context() -> None:
    text = ('{% extends "b.html" %}{% block a %}<script>{% block b %}{{ x }}{% endblock %}'
            "</script>{% endblock %}")
    assert states(text) == [("x", "script", None)]
