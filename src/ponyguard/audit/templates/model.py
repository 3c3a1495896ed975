"""The uniform token stream both template lexers produce, with HTML context.

Django and Jinja2 templates are lexed by their own engines' lexers (see :mod:`.lexer` and
:mod:`.jinja`) into the same :class:`Token` shape: text, variables (``{{ x|safe }}``, with the
filter chain parsed into an :class:`Expression`), block tags and comments, each with 1-based
line and column positions counted in code points. :mod:`.markup` then gives every variable and
block tag the :class:`HtmlContext` it is rendered in (text, an attribute value, a ``<script>``…).
"""

from __future__ import annotations

import bisect
import enum
import re
from dataclasses import dataclass
from typing import Literal

Engine = Literal["django", "jinja2"]

HtmlState = Literal[
    "text", "tag", "attribute-name", "attribute-value", "comment", "markup-declaration",
    "script", "style", "rcdata",
]
"""Where in an HTML document a template value lands:

``text``: element content; ``tag``: inside a start tag between attributes; ``attribute-name``;
``attribute-value`` (see :attr:`HtmlContext.quote`); ``comment``: ``<!-- … -->``;
``markup-declaration``: ``<!DOCTYPE …>``/``<?…>``; ``script``/``style``: the raw text of those
elements; ``rcdata``: ``<textarea>``/``<title>`` content.
"""

_ROOT = re.compile(r"[A-Za-z_]\w*")


class TokenKind(enum.Enum):
    """The four kinds of template token, the same for both engines."""

    TEXT = "text"
    VARIABLE = "variable"
    BLOCK = "block"
    COMMENT = "comment"


@dataclass(frozen=True, slots=True)
class Filter:
    """One application of a filter: ``operand|name:argument`` (Jinja2: ``operand|name(args)``)."""

    name: str
    argument: str | None
    operand: str
    """Source text of the filtered value (``comment.body``, ``x|default:''``)."""
    operand_literal: bool
    """Whether the operand is a literal (``"<b>"``, ``_("text")``, a number) or built only
    from literals, so no data can reach it."""
    chain: tuple[str, ...] = ()
    """Names of the filters already applied to the operand, innermost first."""


@dataclass(frozen=True, slots=True)
class Expression:
    """The value of a variable tag: a base value and the filter chain applied to it."""

    source: str
    base: str
    literal: bool
    filters: tuple[Filter, ...] = ()
    """The output's own filter chain, innermost first (``x|escape|safe``: escape, safe)."""
    uses: tuple[Filter, ...] = ()
    """Every filter application in the expression, including nested ones (Jinja2
    ``a ~ b|safe``), and :attr:`filters`."""

    @property
    def root(self) -> str | None:
        """The first name of the base value (``comment`` for ``comment.body.text``)."""
        match = _ROOT.match(self.base)
        return match.group() if match and not self.literal else None

    @property
    def filter_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.filters)

    def has_filter(self, *names: str) -> bool:
        return any(f.name in names for f in self.filters)


@dataclass(frozen=True, slots=True)
class HtmlContext:
    """Where a template value is rendered in the HTML the template produces."""

    state: HtmlState
    tag: str | None = None
    """The element (lower case) whose tag or content holds the value."""
    attribute: str | None = None
    """The attribute (lower case) whose name or value holds the value."""
    quote: str | None = None
    """In an attribute value: ``"``, ``'``, or ``""`` when the value is unquoted."""
    js: bool = False
    """The value is JavaScript: a ``<script>`` of a JavaScript type, an ``on*`` event-handler
    attribute, or a ``javascript:`` URL."""
    js_string: str | None = None
    """In JavaScript: the quote of the string literal the value is in (``'``, ``"``, or
    `````), or None in code."""
    end_tag: bool = False
    """In a ``tag`` context: the tag is an end tag (``</{{ tag }}>``), whose attributes
    browsers ignore."""
    inherited: str | None = None
    """Set when the context comes from the parent template: the child's ``{% block %}`` is
    placed inside this element there (``"block js of base.html"``)."""

    @property
    def unquoted_value(self) -> bool:
        return self.state == "attribute-value" and self.quote == ""


TEXT_CONTEXT = HtmlContext("text")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a template, from either engine."""

    kind: TokenKind
    source: str
    """The token's text in the template, delimiters included."""
    contents: str
    """Inside the delimiters, stripped (for text: the text itself)."""
    offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    """Exclusive: the column just after the token's last character."""
    tag: str | None = None
    """Block tags: the tag name (``autoescape``, ``endautoescape``, ``for``…)."""
    expression: Expression | None = None
    """Variables: the parsed value and filter chain."""
    tag_filters: tuple[Filter, ...] = ()
    """Block tags: filters applied in the tag's arguments (``{% with v=x|safe %}``)."""
    context: HtmlContext | None = None
    """Variables and block tags of HTML templates: where the output lands."""

    @property
    def arguments(self) -> str:
        """Block tags: the text after the tag name."""
        parts = self.contents.split(None, 1)
        return parts[1] if len(parts) > 1 else ""


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """Why (part of) a template could not be lexed or would not compile."""

    message: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class LexResult:
    """What a lexer returns: the tokens it could read, and what went wrong."""

    tokens: tuple[Token, ...]
    problems: tuple[TemplateProblem, ...] = ()


class LineIndex:
    """Offsets in a text to 1-based (line, column) pairs; columns count code points."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def token(self, kind: TokenKind, source: str, contents: str, offset: int,
              **extra: object) -> Token:
        """A token of ``kind`` whose text ``source`` starts at ``offset``."""
        line, column = self.position(offset)
        end_line, end_column = self.position(offset + len(source))
        return Token(kind, source, contents, offset, line, column, end_line, end_column,
                     **extra)  # type: ignore[arg-type]
