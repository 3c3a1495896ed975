"""Lex templates with their own engine's lexer into one token stream with HTML context.

Django templates go through ``django.template.base.DebugLexer`` (Django's lexer, keeping each
token's offsets); it needs no configured settings. A variable's filter chain is parsed with
Django's own ``filter_re``, the way ``FilterExpression`` does it, but without looking filters
up in a template engine (so custom filters of the audited project are fine). Jinja2 templates
go through Jinja2's lexer (:mod:`.jinja`). :func:`lex` then runs :class:`.markup.MarkupScanner`
over the tokens so each variable and block tag knows its HTML context.

Django's lexer never fails; problems Django would raise when compiling the template (an
unparsable variable, a block tag closed by the wrong end tag, an unclosed block) are returned as
:class:`TemplateProblem` notes, and the tokens are still audited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from .markup import MarkupScanner
from .model import (
    Engine,
    Expression,
    Filter,
    HtmlContext,
    LexResult,
    LineIndex,
    TemplateProblem,
    Token,
    TokenKind,
)

PAIRED_TAGS = frozenset({
    "autoescape", "block", "blocktrans", "blocktranslate", "comment", "filter", "for", "if",
    "ifchanged", "language", "localize", "localtime", "spaceless", "timezone", "with",
})
"""Django built-in block tags that need their ``end…`` tag (custom ones are not checked)."""
SILENT_TAGS = frozenset({
    "if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "block",
    "endblock", "extends", "load", "comment", "endcomment", "autoescape", "endautoescape",
    "filter", "endfilter", "spaceless", "endspaceless", "verbatim", "endverbatim", "ifchanged",
    "endifchanged", "regroup", "resetcycle", "blocktrans", "blocktranslate", "endblocktrans",
    "endblocktranslate", "plural", "language", "endlanguage", "localize", "endlocalize",
    "localtime", "endlocaltime", "timezone", "endtimezone", "get_current_language",
    "get_available_languages", "get_current_language_bidi", "get_language_info",
    "get_language_info_list", "get_current_timezone", "cache", "endcache", "partialdef",
    "endpartialdef",
    # Jinja2 statements
    "set", "endset", "macro", "endmacro", "call", "endcall", "raw", "endraw", "import", "from",
    "do", "break", "continue", "pluralize", "endtrans",
})
"""Block tags that render nothing where they stand (others, ``{% url %}``, may output)."""
CONDITION_TAGS = frozenset({"if", "elif", "ifchanged", "cycle", "regroup"})
"""Tags whose filter arguments only decide or sort, never render, the value."""
_NUMBER = re.compile(r"[-+.]?\d")
_KEYWORD = re.compile(r"^\w+=")


def lex(text: str, engine: Engine,
        initial: tuple[HtmlContext, str] | None = None) -> LexResult:
    """Lex ``text`` with ``engine``'s lexer, then give every value its HTML context
    (starting in ``initial``'s raw text, described by its string, when given)."""
    if engine == "jinja2":
        from .jinja import lex_jinja

        result = lex_jinja(text)
    else:
        result = lex_django(text)
    return LexResult(tuple(with_contexts(result.tokens, initial=initial)), result.problems)


def lex_django(text: str) -> LexResult:
    """Django's lexer, token by token, with positions, parsed filters and compile problems."""
    from django.template.base import DebugLexer, TokenType  # imported when first lexing

    index = LineIndex(text)
    tokens: list[Token] = []
    problems: list[TemplateProblem] = []
    in_comment = False
    for raw in DebugLexer(text).tokenize():
        start, end = raw.position
        source = text[start:end]
        contents = raw.contents
        if in_comment and not (raw.token_type is TokenType.BLOCK and contents == "endcomment"):
            tokens.append(index.token(TokenKind.COMMENT, source, source, start))
            continue
        if raw.token_type is TokenType.TEXT:
            tokens.append(index.token(TokenKind.TEXT, source, source, start))
        elif raw.token_type is TokenType.COMMENT:
            tokens.append(index.token(TokenKind.COMMENT, source, contents, start))
        elif raw.token_type is TokenType.VAR:
            expression, error = django_expression(contents)
            token = index.token(TokenKind.VARIABLE, source, contents, start, expression=expression)
            if error:
                problems.append(TemplateProblem(error, token.line, token.column))
            tokens.append(token)
        else:
            tag = contents.split(None, 1)[0] if contents else ""
            token = index.token(TokenKind.BLOCK, source, contents, start, tag=tag,
                                tag_filters=tuple(_tag_filters(contents)))
            if not tag:
                problems.append(TemplateProblem("empty block tag", token.line, token.column))
            in_comment = tag == "comment"
            tokens.append(token)
    problems.extend(_structure(tokens))
    return LexResult(tuple(tokens), tuple(problems))


def django_expression(contents: str) -> tuple[Expression, str | None]:
    """Parse ``x|f:arg|g`` as Django's ``FilterExpression`` does; also say what is wrong."""
    from django.template.base import filter_re

    base: str | None = None
    literal = operand_literal = False
    filters: list[Filter] = []
    error: str | None = None
    upto = 0
    for match in filter_re.finditer(contents):
        start = match.start()
        if start != upto:
            error = f"could not parse the remainder {contents[upto:start]!r} of {contents!r}"
            break
        if base is None:
            constant, var = match.group("constant", "var")
            if constant is None and var is None:
                error = f"could not parse some characters of {contents!r}"
                break
            base = constant if constant is not None else var
            literal = constant is not None or bool(_NUMBER.match(var or ""))
            operand_literal = literal
        else:
            constant_arg, var_arg = match.group("constant_arg", "var_arg")
            argument = constant_arg if constant_arg is not None else var_arg
            filters.append(Filter(match.group("filter_name"), argument,
                                  contents[:start].strip(), operand_literal,
                                  tuple(f.name for f in filters)))
            if var_arg is not None and not _NUMBER.match(var_arg):
                operand_literal = False
        upto = match.end()
    if error is None and upto != len(contents):
        error = f"could not parse the remainder {contents[upto:]!r} of {contents!r}"
    if base is None and error is None:
        error = "empty variable tag"
    expression = Expression(contents, base or contents, literal, tuple(filters), tuple(filters))
    return expression, error


def _tag_filters(contents: str) -> Iterator[Filter]:
    """Filters in a block tag's arguments: ``{% with v=x|safe %}``, ``{% firstof a|safe %}``."""
    if "|" not in contents:
        return
    from django.utils.text import smart_split

    bits = list(smart_split(contents))
    if not bits or bits[0] in ("comment", "verbatim"):
        return
    for bit in bits[1:]:
        if "|" in bit:
            expression, _ = django_expression(_KEYWORD.sub("", bit, count=1))
            yield from expression.filters


def _structure(tokens: Iterable[Token]) -> Iterator[TemplateProblem]:
    """The first unbalanced built-in block tag, as Django's parser would report it."""
    stack: list[Token] = []
    for token in tokens:
        tag = token.tag
        if token.kind is not TokenKind.BLOCK or not tag:
            continue
        if tag in PAIRED_TAGS:
            stack.append(token)
        elif tag.startswith("end") and tag[3:] in PAIRED_TAGS:
            if not stack or stack[-1].tag != tag[3:]:
                expected = f"'end{stack[-1].tag}'" if stack else "no end tag"
                yield TemplateProblem(f"invalid block tag '{tag}': expected {expected}",
                                      token.line, token.column)
                return
            stack.pop()
    if stack:
        token = stack[-1]
        yield TemplateProblem(f"unclosed tag '{token.tag}': looking for 'end{token.tag}'",
                              token.line, token.column)


def with_contexts(tokens: Iterable[Token],
                  parents: Mapping[str, tuple[HtmlContext, str]] | None = None,
                  initial: tuple[HtmlContext, str] | None = None) -> Iterator[Token]:
    """The tokens, each variable and block tag with the HTML context it renders in.

    In a template that ``{% extends %}`` another, only ``{% block %}`` contents are rendered,
    each wherever the parent puts it: the scan restarts in element content at every top-level
    block, or inside the raw text element where ``parents`` (block name → the context of that
    block in a parent template, and a description of it) says the parent places it. A
    template included inside a ``<script>`` (or a ``.js`` template) starts in ``initial``.
    """
    tokens = list(tokens)
    extends = any(t.kind is TokenKind.BLOCK and t.tag == "extends" for t in tokens)
    scanner = MarkupScanner()
    if initial is not None:
        scanner.enter(*initial)
    depth = 0
    for token in tokens:
        if token.kind is TokenKind.TEXT:
            scanner.feed(token.source)
            yield token
        elif token.kind is TokenKind.VARIABLE:
            yield replace(token, context=scanner.context())
            scanner.output()
        elif token.kind is TokenKind.BLOCK:
            if extends and token.tag in ("block", "endblock"):
                depth += 1 if token.tag == "block" else -1
                if token.tag == "block" and depth == 1:
                    _enter_block(scanner, token, parents or {})
                elif depth <= 0:
                    depth = 0
                    scanner.reset()
            yield replace(token, context=scanner.context())
            if outputs(token):
                scanner.output()
        else:
            yield token


def _enter_block(scanner: MarkupScanner, token: Token,
                 parents: Mapping[str, tuple[HtmlContext, str]]) -> None:
    name = block_name(token)
    if name is not None and name in parents:
        context, where = parents[name]
        scanner.enter(context, where)
    else:
        scanner.reset()


def block_name(token: Token) -> str | None:
    """The name of a ``{% block name %}`` tag."""
    if token.kind is not TokenKind.BLOCK or token.tag != "block" or not token.arguments:
        return None
    return token.arguments.split(None, 1)[0]


def outputs(token: Token) -> bool:
    """Whether a block tag may render something where it stands (``{% url %}``)."""
    tag = token.tag or ""
    if tag in SILENT_TAGS or tag.startswith("end"):
        return False
    bits = token.contents.split()
    return not (len(bits) >= 3 and bits[-2] == "as")
