"""Template files: which files are templates, of which engine, read once and lexed once.

A template is a file with a template extension under a ``templates/`` or ``jinja2/`` folder
(Django's app-directories convention and the Jinja2 backend's), or under a folder named in
``TEMPLATES[...]["DIRS"]`` when the caller passes those; a ``.js`` template is JavaScript from
its first character. Jinja2 versus Django: the ``.jinja``, ``.jinja2`` and ``.j2`` extensions
and ``jinja2/`` folders are Jinja2; otherwise Jinja2-only syntax (``{%-``, ``{% set``,
``{% macro``…) without a ``{% load %}`` makes it Jinja2; everything else is a Django template.
Files that are too large, binary or not UTF-8 are not lexed; ``problem`` says why (a PG002
note).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...core.finding import Location
from ...core.suppress import TEMPLATE_SUFFIXES
from ..discovery import Project
from .lexer import block_name, lex, with_contexts
from .model import Engine, Expression, HtmlContext, TemplateProblem, Token, TokenKind

JINJA_SUFFIXES = (".jinja", ".jinja2", ".j2")
TEMPLATE_DIRS = frozenset({"templates", "jinja2"})
TEST_DIRS = frozenset({"test", "tests", "testing"})
MAX_TEMPLATE_BYTES = 2_000_000
_JINJA_ONLY = re.compile(r"\{%-|-%\}|\{\{-|-\}\}|\{%\s*(set|macro|call|import|from|raw)\s")
_DJANGO_ONLY = re.compile(r"\{%\s*load\s")
_PLAIN_NAME = re.compile(r"(^|[/_.-])(e?mail|subject)([/_.-]|$)", re.IGNORECASE)
_MARKUP = re.compile(r"<[A-Za-z!/]")
NON_HTML_SUFFIXES = (".txt", ".js", ".mjs", ".json", ".css", ".csv")
"""Templates whose output is not HTML (HTML escaping does not apply), by file suffix."""
SCRIPT = HtmlContext("script", tag="script", js=True)
_REQUEST_DATA = re.compile(
    r"request\.(?:GET|POST|COOKIES|META|headers|body|path|path_info|get_full_path"
    r"|get_full_path_info|build_absolute_uri|query_params|data)\b(?:[.\[][\w'\"\]]*)*")
"""What the client controls, read in a template (``request.user`` is not)."""
_QUOTED = re.compile(r"""["']([^"']+)["'](?:\s+.*)?""")


def is_template_path(rel: str, extra_dirs: Iterable[str] = ()) -> bool:
    """Whether ``rel`` is a template by its extension and folder."""
    if not rel.lower().endswith(TEMPLATE_SUFFIXES):
        return False
    folders = rel.split("/")[:-1]
    if TEMPLATE_DIRS.intersection(folders):
        return True
    return any(rel.startswith(d.rstrip("/") + "/") for d in extra_dirs if d.strip("/"))


def engine_of(rel: str, text: str) -> Engine:
    """``"jinja2"`` or ``"django"``, by extension, folder, then Jinja2-only syntax."""
    if rel.lower().endswith(JINJA_SUFFIXES) or "jinja2" in rel.split("/")[:-1]:
        return "jinja2"
    if _JINJA_ONLY.search(text) and not _DJANGO_ONLY.search(text):
        return "jinja2"
    return "django"


def template_paths(project: Project, extra_dirs: Iterable[str] = ()) -> Iterator[tuple[str, Path]]:
    """The project's template files, sorted by relative path, test suites' templates aside
    (as test files are in the code audit)."""
    extra = tuple(extra_dirs)
    for rel in sorted(project.other_files):
        if is_template_path(rel, extra) and not in_test_suite(rel):
            yield rel, project.other_files[rel]


def in_test_suite(rel: str) -> bool:
    """Whether a template belongs to a test suite: a ``tests/``, ``test/`` or ``testing/``
    folder above its ``templates/`` folder (``tests/templates/x.html``). Below it the folder
    is part of the template's name (``templates/quiz/tests/detail.html`` is a site page)."""
    folders = rel.split("/")[:-1]
    inner = max((i for i, name in enumerate(folders) if name in TEMPLATE_DIRS), default=0)
    return not TEST_DIRS.isdisjoint(folders[:inner])


def loader_name(rel: str, folder: str | None = None) -> str:
    """The name a loader finds ``rel`` by: the path below ``folder`` (a ``DIRS`` folder it is
    in), else below its innermost ``templates/``/``jinja2/`` folder."""
    if folder and rel.startswith(folder + "/"):
        return rel[len(folder) + 1:]
    parts = rel.split("/")
    for i in range(len(parts) - 2, -1, -1):
        if parts[i] in TEMPLATE_DIRS:
            return "/".join(parts[i + 1:])
    return rel


def loader_dir(rel: str, extra_dirs: Iterable[str]) -> str | None:
    """The longest ``DIRS`` folder ``rel`` is in (its loader name is the path below it)."""
    inside = [d.strip("/") for d in extra_dirs if rel.startswith(d.strip("/") + "/")]
    return max(inside, key=len) if inside else None


@dataclass(eq=False)
class TemplateFile:
    """One template, lexed; what the ``@rule.on("template")`` callbacks receive."""

    rel: str
    engine: Engine
    text: str
    tokens: tuple[Token, ...]
    problems: tuple[TemplateProblem, ...] = ()
    """Why the template (or part of it) would not lex or compile (PG008 notes)."""
    digest: str = ""
    context_taint: Mapping[str, str] | None = field(default=None)
    """Filled by the view↔template linking pass: the variables of this template's context
    that carry request data, mapped to a description of where they come from (``"q":
    "request.GET['q'] in shop/views.py:12"``). None when no view rendering it was seen."""
    loader_dir: str | None = None
    """The ``TEMPLATES`` ``DIRS`` folder this template was found in, if any."""

    @classmethod
    def parse(cls, text: str, rel: str = "templates/<string>.html",
              engine: Engine | None = None) -> TemplateFile:
        """Lex ``text`` (newlines normalised) as a template of ``engine`` (guessed if None)."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        chosen = engine or engine_of(rel, text)
        initial = (SCRIPT, "a .js template is JavaScript") if rel.endswith(".js") else None
        try:
            result = lex(text, chosen, initial)
            tokens, problems = result.tokens, result.problems
        except RecursionError:
            tokens, problems = (), (TemplateProblem("too deeply nested to lex"),)
        return cls(rel, chosen, text, tokens, problems, text_digest(text))

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def location(self, token: Token) -> Location:
        return Location(path=self.rel, line=token.line, column=token.column,
                        end_line=token.end_line, end_column=token.end_column)

    @property
    def variables(self) -> Iterator[Token]:
        return (t for t in self.tokens if t.kind is TokenKind.VARIABLE)

    @cached_property
    def has_markup(self) -> bool:
        """Whether the template's text contains any HTML/XML tag."""
        return any(t.kind is TokenKind.TEXT and _MARKUP.search(t.source) for t in self.tokens)

    @cached_property
    def plain_text(self) -> bool:
        """A plain-text template (``.txt``, or an e-mail/subject template with no markup):
        HTML escaping does not apply to its output."""
        if self.rel.lower().endswith(".txt"):
            return True
        return not self.has_markup and bool(_PLAIN_NAME.search(self.rel))

    @property
    def non_html(self) -> bool:
        """Its output is not HTML: plain text, or a ``.js``/``.json``/``.css``/``.csv`` file."""
        return self.rel.lower().endswith(NON_HTML_SUFFIXES) or self.plain_text

    @property
    def javascript(self) -> bool:
        """A ``.js`` template: its whole output is JavaScript."""
        return self.rel.lower().endswith((".js", ".mjs"))

    @property
    def name(self) -> str:
        """The name a loader finds it by: the path below its ``templates/``/``jinja2/`` folder
        (or below the ``DIRS`` folder it was found in)."""
        return loader_name(self.rel, self.loader_dir)

    @property
    def extends(self) -> str | None:
        """The literal parent name of ``{% extends "base.html" %}``, if any."""
        for token in self.tokens:
            if token.kind is TokenKind.BLOCK and token.tag == "extends":
                return _literal_name(token)
        return None

    @property
    def includes(self) -> list[str]:
        """The literal names this template ``{% include %}``s (they see its context)."""
        return [name for token in self.tokens
                if token.kind is TokenKind.BLOCK and token.tag == "include"
                and (name := _literal_name(token))]

    def raw_text_includes(self) -> dict[str, tuple[HtmlContext, str]]:
        """Templates this one ``{% include %}``s inside ``<script>``/``<style>`` raw text."""
        found: dict[str, tuple[HtmlContext, str]] = {}
        for token in self.tokens:
            context = token.context
            if (token.kind is TokenKind.BLOCK and token.tag == "include" and context is not None
                    and context.state in ("script", "style", "rcdata")):
                name = _literal_name(token)
                if name:
                    found.setdefault(name, (context, f"included inside <{context.tag}> by "
                                                     f"{self.rel}"))
        return found

    def raw_text_blocks(self) -> dict[str, tuple[HtmlContext, str]]:
        """Blocks this template opens inside ``<script>``/``<style>`` raw text, by name, with
        their context and a description for messages."""
        found: dict[str, tuple[HtmlContext, str]] = {}
        for token in self.tokens:
            name = block_name(token)
            context = token.context
            if name and context is not None and context.state in ("script", "style", "rcdata"):
                where = (context.inherited
                         or f"block `{name}` is placed inside <{context.tag}> by {self.rel}")
                found.setdefault(name, (context, where))
        return found

    def place_blocks(self, parents: Mapping[str, tuple[HtmlContext, str]]) -> None:
        """Recompute contexts, starting each block where the parent template places it."""
        if parents:
            self.tokens = tuple(with_contexts(self.tokens, parents))

    def place_in(self, context: HtmlContext, where: str) -> None:
        """Recompute contexts for a template rendered inside ``context`` (an include)."""
        self.tokens = tuple(with_contexts(self.tokens, initial=(context, where)))

    def taint_of(self, expression: Expression | None) -> str | None:
        """Where the value comes from when it is request data: read from ``request`` in the
        template itself, or a variable the linking pass saw a view fill from the request."""
        if expression is None or expression.root is None:
            return None
        match = _REQUEST_DATA.match(expression.base)
        if match:
            return f"`{match.group()}`"
        if not self.context_taint:
            return None
        return self.context_taint.get(expression.root)


def _literal_name(token: Token) -> str | None:
    """``"base.html"`` of ``{% extends "base.html" %}`` / ``{% include 'a.html' with x=1 %}``."""
    match = _QUOTED.fullmatch(token.arguments.strip())
    return match.group(1) if match else None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A template that could not be read: the PG002 reason."""

    rel: str
    reason: str


def read_text(path: Path, rel: str, *,
              max_bytes: int = MAX_TEMPLATE_BYTES) -> str | Unreadable:
    """A template's text, decoded as UTF-8 with newlines normalised, or why it cannot be."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Unreadable(rel, f"template is {size:,} bytes, over the {max_bytes:,}-byte "
                              "limit; not audited")
        raw = path.read_bytes()
    except OSError as exc:
        return Unreadable(rel, f"cannot be read: {exc.strerror or exc}")
    if b"\x00" in raw:
        return Unreadable(rel, "binary file (contains NUL bytes); not audited")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Unreadable(rel, f"cannot be decoded as UTF-8 (byte {exc.start}); not audited")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
