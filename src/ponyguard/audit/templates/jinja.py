"""Lex Jinja2 templates with Jinja2's own lexer into the uniform token stream.

Jinja2's lexer reports line numbers only; each raw token's offset is found by searching its
text forward from the previous one (the lexer drops only whitespace that ``-`` controls strip,
so the search cannot skip a token). A variable's expression is parsed by Jinja2's parser
(``{{ a ~ b|safe }}``: the filter applies to ``b`` only), so filter applications are exact.
Lexer errors (an unterminated string, an unexpected character) and expressions Jinja2 cannot
parse become :class:`TemplateProblem` notes; what was lexed before the error is still audited.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes

from .model import Expression, Filter, LexResult, LineIndex, TemplateProblem, Token, TokenKind

_ENV = jinja2.Environment()
_GROUPS = {
    "variable_begin": ("variable_end", TokenKind.VARIABLE, "}}"),
    "block_begin": ("block_end", TokenKind.BLOCK, "%}"),
    "comment_begin": ("comment_end", TokenKind.COMMENT, "#}"),
}
_GETTEXT = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext"})
_LITERAL_TOKENS = frozenset({"string", "integer", "float"})


@dataclass
class _Group:
    """A ``{{ … }}``/``{% … %}``/``{# … #}`` being read: its begin token and inner tokens."""

    begin: str
    end_type: str
    kind: TokenKind
    closer: str
    start: int
    inner_start: int
    line: int
    parts: list[tuple[str, str]] = field(default_factory=list)


def lex_jinja(text: str) -> LexResult:
    """Jinja2's lexer, grouped into tokens with positions and parsed expressions."""
    index = LineIndex(text)
    tokens: list[Token] = []
    problems: list[TemplateProblem] = []
    group: _Group | None = None
    pos = 0
    try:
        for lineno, kind, value in _ENV.lexer.tokeniter(text, None):
            at = text.find(value, pos)
            at = pos if at < 0 else at
            pos = at + len(value)
            if group is None:
                group = _outside(index, tokens, kind, value, at, lineno)
            elif kind == group.end_type:
                closer_end = at + value.find(group.closer) + len(group.closer)
                tokens.append(_finish(index, text, group, at, closer_end, problems))
                group = None
            elif kind != "whitespace":
                group.parts.append((kind, value))
    except jinja2.TemplateSyntaxError as exc:
        problems.append(TemplateProblem(
            f"{exc.message}; the rest of the template was not audited", exc.lineno))
    if group is not None:
        problems.append(TemplateProblem(
            f"unexpected end of template: {group.begin!r} is never closed", group.line,
            index.position(group.start)[1]))
    return LexResult(tuple(tokens), tuple(problems))


def _outside(index: LineIndex, tokens: list[Token], kind: str, value: str, at: int,
             lineno: int) -> _Group | None:
    if kind in _GROUPS:
        end_type, token_kind, closer = _GROUPS[kind]
        return _Group(value, end_type, token_kind, closer, at, at + len(value), lineno)
    if kind == "data":
        tokens.append(index.token(TokenKind.TEXT, value, value, at))
    elif kind in ("raw_begin", "raw_end"):
        tag = "raw" if kind == "raw_begin" else "endraw"
        tokens.append(index.token(TokenKind.BLOCK, value, tag, at, tag=tag))
    return None


def _finish(index: LineIndex, text: str, group: _Group, end_at: int, end: int,
            problems: list[TemplateProblem]) -> Token:
    source = text[group.start:end]
    inner = text[group.inner_start:end_at]
    contents = inner.strip()
    if group.kind is TokenKind.VARIABLE:
        expression, error = jinja_expression(inner)
        token = index.token(TokenKind.VARIABLE, source, contents, group.start,
                            expression=expression)
        if error:
            problems.append(TemplateProblem(error, token.line, token.column))
        return token
    if group.kind is TokenKind.COMMENT:
        return index.token(TokenKind.COMMENT, source, contents, group.start)
    names = [value for kind, value in group.parts if kind == "name"]
    tag = names[0] if names else ""
    filters = () if tag == "filter" else tuple(_token_filters(group.parts))
    return index.token(TokenKind.BLOCK, source, contents, group.start, tag=tag,
                       tag_filters=filters)


def _token_filters(parts: list[tuple[str, str]]) -> Iterator[Filter]:
    """Filters in a statement (``{% set v = x|safe %}``), judged from the tokens around ``|``."""
    for i, (kind, value) in enumerate(parts):
        if kind != "operator" or value != "|" or i + 1 >= len(parts) or i == 0:
            continue
        before = parts[i - 1]
        earlier = parts[i - 2] if i >= 2 else ("", "")
        literal = before[0] in _LITERAL_TOKENS and not (
            earlier[0] in ("name", *_LITERAL_TOKENS) or earlier[1] in (")", "]", "."))
        yield Filter(parts[i + 1][1], None, before[1], literal)


def jinja_expression(inner: str) -> tuple[Expression, str | None]:
    """Parse the inside of ``{{ … }}`` with Jinja2's parser; also say why it does not parse."""
    source = inner.strip()
    try:
        template = _ENV.parse("{{" + inner + "}}")
    except jinja2.TemplateSyntaxError as exc:
        return Expression(source, source, False), exc.message
    except (jinja2.TemplateError, RecursionError) as exc:
        return Expression(source, source, False), str(exc) or type(exc).__name__
    body = template.body
    if len(body) != 1 or not isinstance(body[0], nodes.Output) or len(body[0].nodes) != 1:
        return Expression(source, source, False), None
    top = body[0].nodes[0]
    chain = _chain(top)
    base = chain[0].node if chain else top
    assert base is not None
    applied = ([top] if isinstance(top, nodes.Filter) else []) + list(top.find_all(nodes.Filter))
    uses = tuple(_filter(f) for f in applied if f.node is not None)
    return Expression(source, _text(base), _literal(base),
                      tuple(_filter(f) for f in chain), uses), None


def _chain(node: nodes.Node) -> list[nodes.Filter]:
    """The filters applied on top of a value, innermost first."""
    chain = []
    while isinstance(node, nodes.Filter) and node.node is not None:
        chain.append(node)
        node = node.node
    chain.reverse()
    return chain


def _filter(node: nodes.Filter) -> Filter:
    assert node.node is not None
    arguments = [_text(a) for a in node.args] + [f"{k.key}={_text(k.value)}" for k in node.kwargs]
    return Filter(node.name, ", ".join(arguments) or None, _text(node.node), _literal(node.node),
                  tuple(f.name for f in _chain(node.node)))


def _text(node: nodes.Node) -> str:
    """A short rendering of an expression for messages (``comment.body``, ``x|e``)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_text(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_text(node.node)}[{_text(node.arg)}]"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Call):
        return f"{_text(node.node)}(…)"
    if isinstance(node, nodes.Filter) and node.node is not None:
        return f"{_text(node.node)}|{node.name}"
    if isinstance(node, nodes.Concat):
        return " ~ ".join(_text(n) for n in node.nodes)
    return "(expression)"


def _literal(node: nodes.Node | None) -> bool:
    """Whether an expression is built from literals only (no data can reach it)."""
    if node is None or isinstance(node, (nodes.Const, nodes.TemplateData)):
        return True
    if isinstance(node, nodes.Filter):
        return (node.node is not None and _literal(node.node)
                and all(_literal(a) for a in node.args)
                and all(_literal(k.value) for k in node.kwargs))
    if isinstance(node, nodes.Concat):
        return all(_literal(n) for n in node.nodes)
    if isinstance(node, nodes.BinExpr):
        return _literal(node.left) and _literal(node.right)
    if isinstance(node, nodes.CondExpr):
        return _literal(node.expr1) and _literal(node.expr2)
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return all(_literal(n) for n in node.items)
    if isinstance(node, nodes.Call):
        return (isinstance(node.node, nodes.Name) and node.node.name in _GETTEXT
                and all(_literal(a) for a in node.args))
    return False
