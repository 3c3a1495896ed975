"""Random, broken and hostile template text never crashes the lexers or the rules."""

from __future__ import annotations

import random

from ponyguard.audit.templates import TemplateFile, audit_template
from ponyguard.core.registry import load_rules

PIECES = [
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ x }}", "{{ x|safe }}", "{% if a %}", "{% endif %}",
    "{% autoescape off %}", "{% endautoescape %}", "{% comment %}", "{% endcomment %}",
    "{% verbatim %}", "{% endverbatim %}", "{% raw %}", "{% endraw %}", "{%- set v = y|safe -%}",
    "<", ">", "</", "<script>", "</script>", "<a href=", '"', "'", "`", "=", " ", "\n", "\\",
    "<!--", "-->", "<!DOCTYPE", "onclick=", "javascript:", "//", "/*", "*/", "é", "\u2028",
    "{{ 'a' ~ }}", "{{ a(", ")", "|", ":", "_(", "{% extends 'b' %}", "{% block c %}",
    "{% endblock %}", "<style>", "<textarea>", "{{ x|escapejs }}", "{{ x|json_script:'i' }}",
]


def test_random_templates_never_crash() -> None:
    load_rules()
    rng = random.Random(20261124)
    for number in range(600):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40)))
        for rel in ("templates/t.html", "templates/t.jinja"):
            template = TemplateFile.parse(text, rel)
            for finding in audit_template(template):
                assert finding.location.line is None or finding.location.line >= 1, number
            for token in template.tokens:
                assert 1 <= token.line <= token.end_line
                assert text.replace("\r\n", "\n")[token.offset:].startswith(token.source)


def test_deeply_nested_expressions() -> None:
    TemplateFile.parse("{{ " + "(" * 5000 + "x" + ")" * 5000 + " }}", "templates/t.jinja")
    TemplateFile.parse("{{ x" + "|f" * 5000 + " }}", "templates/t.html")
