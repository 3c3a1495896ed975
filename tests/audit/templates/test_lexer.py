"""Both lexers: the uniform token stream, positions, filter chains and compile problems."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ponyguard.audit.templates.jinja import jinja_expression
from ponyguard.audit.templates.lexer import django_expression, lex
from ponyguard.audit.templates.model import TokenKind

ROOT = Path(__file__).resolve().parents[3]


def kinds(result):
    return [(t.kind.value, t.contents) for t in result.tokens if t.kind is not TokenKind.TEXT]


def test_django_tokens_positions_and_filters() -> None:
    result = lex("<p>\n  é {{ x|default:'a b'|safe }}{% if y %}{# c #}{% endif %}", "django")
    assert kinds(result) == [("variable", "x|default:'a b'|safe"), ("block", "if y"),
                             ("comment", "c"), ("block", "endif")]
    variable = result.tokens[1]
    assert (variable.line, variable.column, variable.end_line, variable.end_column) == (2, 5, 2, 31)
    assert variable.expression.base == "x" and not variable.expression.literal
    assert variable.expression.filter_names == ("default", "safe")
    safe = variable.expression.filters[1]
    assert safe.operand == "x|default:'a b'" and safe.chain == ("default",)
    assert result.problems == ()


def test_django_literals_and_translated_strings() -> None:
    for source in ('"<b>"|safe', "_('Hi')|safe", "3|add:2"):
        expression, error = django_expression(source)
        assert expression.literal and error is None, source
    expression, _ = django_expression('"a"|add:b|safe')
    assert not expression.filters[-1].operand_literal


def test_django_comment_and_verbatim_blocks() -> None:
    result = lex("{% comment %}{{ a }}{% endcomment %}{% verbatim %}{{ b }}{% endverbatim %}",
                 "django")
    assert [t.kind for t in result.tokens] == [
        TokenKind.BLOCK, TokenKind.COMMENT, TokenKind.BLOCK, TokenKind.BLOCK, TokenKind.TEXT,
        TokenKind.BLOCK]


def test_django_compile_problems() -> None:
    assert lex("{{ x|bad!! }}", "django").problems[0].message.startswith("could not parse")
    assert lex("{{ }}", "django").problems[0].message == "empty variable tag"
    [problem] = lex("<p>\n{% if a %}{% endfor %}", "django").problems
    assert problem.line == 2 and "expected 'endif'" in problem.message
    [problem] = lex("{% autoescape off %}{{ x }}", "django").problems
    assert "unclosed tag 'autoescape'" in problem.message
    assert lex("{% cache 60 x %}{% endcache %}{% mytag %}", "django").problems == ()


def test_jinja_tokens_positions_and_expressions() -> None:
    text = "<p>\n {{- a ~ b|e }}{%- set v = x|safe -%}\n {# c\n d #}{% raw %}{{ r }}{% endraw %}"
    result = lex(text, "jinja2")
    assert kinds(result) == [("variable", "a ~ b|e"), ("block", "set v = x|safe"),
                             ("comment", "c\n d"), ("block", "raw"), ("block", "endraw")]
    variable, block = result.tokens[1], result.tokens[2]
    assert (variable.line, variable.column, variable.end_column) == (2, 2, 16)
    assert variable.source == "{{- a ~ b|e }}"
    assert variable.expression.filters == () and variable.expression.uses[0].operand == "b"
    assert block.tag == "set" and block.tag_filters[0].name == "safe"
    assert block.line == 2 and block.column == 16
    assert result.tokens[-2].kind is TokenKind.TEXT and result.tokens[-2].source == "{{ r }}"


def test_jinja_expression_filters() -> None:
    expression, error = jinja_expression(' x|default("")|safe ')
    assert error is None and expression.filter_names == ("default", "safe")
    assert expression.filters[1].operand == "x|default"
    literal, _ = jinja_expression('_("Hello")|safe')
    assert literal.literal and literal.filters[0].operand_literal
    _, error = jinja_expression(" a( ")
    assert error


def test_jinja_problems_keep_what_was_lexed() -> None:
    result = lex('{{ a|safe }}\n{% if "x %}{{ b }}', "jinja2")
    assert kinds(result) == [("variable", "a|safe")]
    assert "not audited" in result.problems[0].message and result.problems[0].line == 2
    [problem] = lex("<p>{{ x </p>", "jinja2").problems
    assert "never closed" in problem.message and problem.column == 4


def test_lexers_need_no_configured_django() -> None:
    code = ("from ponyguard.audit.templates.files import TemplateFile\n"
            "t = TemplateFile.parse('<script>{{ x|safe }}</script>', 'templates/a.html')\n"
            "u = TemplateFile.parse('{{ y|safe }}', 'templates/a.jinja')\n"
            "print(t.engine, t.tokens[1].context.state, u.engine, len(u.tokens))\n")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["django", "script", "jinja2", "1"]
