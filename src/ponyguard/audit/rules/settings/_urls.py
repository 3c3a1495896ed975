"""Reading the project's URLconf for settings rules: URL-pattern calls with their context.

:func:`url_calls` resolves ``ROOT_URLCONF``, parses that module through
``SettingsView.module_source`` and yields every call made at module level (and inside
``if``/``try``/``with``/``for`` blocks; function and class bodies are skipped) together with:

* the call's callee as a dotted name, resolved through the module's imports
  (``path`` → ``django.urls.path``, ``admin.site.urls`` → ``django.contrib.admin.site.urls``);
* its **guard**: whether it only runs when ``DEBUG`` is on (inside ``if settings.DEBUG:``),
  runs regardless (no condition, or inside ``if not settings.DEBUG:``), or depends on a
  condition the audit cannot judge (rules stay silent then);
* the literal route prefix it is mounted under when it was reached through
  ``include("app.urls")`` (followed one level into project modules).

When ``module_source`` returns None (a URLconf outside the project tree, e.g. a package) nothing
is yielded: rules that need the URLconf then simply find nothing.
"""

from __future__ import annotations

import ast
import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ....core.finding import Location
from ....core.redact import redact_code
from ...settings.view import ModuleSource, SettingsView

MAX_INCLUDE_DEPTH = 1
"""How many levels of ``include("app.urls")`` are followed from ROOT_URLCONF."""

ROUTE_FUNCS = {
    "django.urls.path": "path",
    "django.urls.conf.path": "path",
    "django.urls.re_path": "regex",
    "django.urls.conf.re_path": "regex",
    "django.conf.urls.re_path": "regex",
    "django.conf.urls.url": "regex",
}
"""Pattern constructors, and whether their route is a ``path()`` route or a regex."""
INCLUDE_FUNCS = frozenset({"django.urls.include", "django.urls.conf.include",
                           "django.conf.urls.include"})
_REGEX_META = re.compile(r"[.^$*+?{}\[\]|()\\]")


class Guard(enum.Enum):
    """Under which condition a statement of the URLconf runs."""

    NONE = "none"
    """Unconditionally (or only when DEBUG is off): it runs in production."""
    DEBUG = "debug"
    """Only when DEBUG is on (``if settings.DEBUG:``)."""
    UNKNOWN = "unknown"
    """Under a condition the audit cannot judge (``if settings.SERVE_MEDIA:``)."""


def _combine(outer: Guard, inner: Guard) -> Guard:
    if Guard.DEBUG in (outer, inner):
        return Guard.DEBUG
    if Guard.UNKNOWN in (outer, inner):
        return Guard.UNKNOWN
    return Guard.NONE


@dataclass(frozen=True)
class UrlCall:
    """One call in the URLconf (``path(...)``, ``static(...)``, ``include(...)``…)."""

    call: ast.Call
    callee: str | None
    """The dotted name of the called function, when the imports tell it."""
    source: ModuleSource
    guard: Guard
    prefix: str | None
    """Literal route prefix of the ``include()`` this module was reached through ("" at the
    root URLconf, None when it is not a literal)."""
    aliases: Mapping[str, str] = field(repr=False)

    @property
    def kind(self) -> str | None:
        """``"path"`` or ``"regex"`` for URL-pattern constructors, else None."""
        return ROUTE_FUNCS.get(self.callee or "")

    @property
    def route_node(self) -> ast.expr | None:
        return _argument(self.call, 0, "route")

    @property
    def view_node(self) -> ast.expr | None:
        return _argument(self.call, 1, "view")

    @property
    def kwargs_node(self) -> ast.expr | None:
        return _argument(self.call, 2, "kwargs")

    def qualified(self, node: ast.AST | None) -> str | None:
        """The dotted name ``node`` refers to through the module's imports, if any."""
        return qualified_name(node, self.aliases)

    def literal_route(self, route: str | None = None) -> str | None:
        """The route's literal path prefix (regex anchors removed), or None."""
        if route is None:
            node = self.route_node
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                return None
            route = node.value
        return route if self.kind == "path" else regex_literal(route)

    def full_route(self, route: str | None = None) -> str | None:
        """The route including the prefix of the include() it sits under."""
        literal = self.literal_route(route)
        if literal is None or self.prefix is None:
            return None
        return self.prefix + literal

    def location(self) -> Location:
        return Location(path=self.source.rel, line=self.call.lineno,
                        column=_column(self.source, self.call))

    def evidence(self) -> str | None:
        """The (redacted) source line of the call."""
        lines = self.source.lines
        line = lines[self.call.lineno - 1].strip() if 1 <= self.call.lineno <= len(lines) else ""
        return redact_code(line) if line else None

    def snippet(self) -> str:
        """The call's source text on one line, shortened."""
        text = " ".join(ast.unparse(self.call).split())
        return text if len(text) <= 120 else text[:117] + "..."


def url_calls(view: SettingsView) -> Iterator[UrlCall]:
    """Every call of the project's ROOT_URLCONF (and modules it includes), with context."""
    root = view.value("ROOT_URLCONF").data
    if not isinstance(root, str) or not root:
        return
    source = view.module_source(root)
    if source is None:
        return
    yield from _Walker(view, {source.rel}).module(root, source, Guard.NONE, "", 0)


def source_mentions(view: SettingsView, text: str) -> bool:
    """Whether the ROOT_URLCONF module's source contains ``text`` (a cheap look-up)."""
    root = view.value("ROOT_URLCONF").data
    source = view.module_source(root) if isinstance(root, str) and root else None
    return source is not None and any(text in line for line in source.lines)


class _Walker:
    def __init__(self, view: SettingsView, seen: set[str]) -> None:
        self.view = view
        self.seen = seen

    def module(self, dotted: str, source: ModuleSource, guard: Guard, prefix: str | None,
               depth: int) -> Iterator[UrlCall]:
        package = dotted if source.rel.endswith("__init__.py") else dotted.rpartition(".")[0]
        aliases = import_aliases(source.tree, package)
        yield from self.body(source.tree.body, source, aliases, guard, prefix, depth)

    def body(self, statements: list[ast.stmt], source: ModuleSource, aliases: dict[str, str],
             guard: Guard, prefix: str | None, depth: int) -> Iterator[UrlCall]:
        for statement in statements:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            if isinstance(statement, ast.If):
                then_guard, else_guard = classify_condition(statement.test)
                yield from self.body(statement.body, source, aliases,
                                     _combine(guard, then_guard), prefix, depth)
                yield from self.body(statement.orelse, source, aliases,
                                     _combine(guard, else_guard), prefix, depth)
                continue
            if isinstance(statement, ast.Match):
                for case in statement.cases:
                    yield from self.body(case.body, source, aliases,
                                         _combine(guard, Guard.UNKNOWN), prefix, depth)
                continue
            blocks = _blocks(statement)
            if blocks is not None:
                for block in blocks:
                    yield from self.body(block, source, aliases, guard, prefix, depth)
                continue
            yield from self.visit(statement, source, aliases, guard, prefix, depth)

    def visit(self, node: ast.AST, source: ModuleSource, aliases: dict[str, str], guard: Guard,
              prefix: str | None, depth: int) -> Iterator[UrlCall]:
        """Calls inside ``node``; patterns in ``include([...])`` get the including route."""
        inner_prefix: str | None = prefix
        nested: ast.AST | None = None
        if isinstance(node, ast.Call):
            found = UrlCall(node, qualified_name(node.func, aliases), source, guard, prefix,
                            aliases)
            yield found
            yield from self.included(found, depth)
            view_node = found.view_node
            if found.kind is not None and isinstance(view_node, ast.Call) \
                    and found.qualified(view_node.func) in INCLUDE_FUNCS:
                nested, inner_prefix = view_node, found.full_route()
        for child in ast.iter_child_nodes(node):
            yield from self.visit(child, source, aliases, guard,
                                  inner_prefix if child is nested else prefix, depth)

    def included(self, found: UrlCall, depth: int) -> Iterator[UrlCall]:
        """Follow ``path("x/", include("app.urls"))`` into a project module."""
        if found.kind is None or depth >= MAX_INCLUDE_DEPTH:
            return
        target = found.view_node
        if not isinstance(target, ast.Call) or found.qualified(target.func) not in INCLUDE_FUNCS:
            return
        dotted = _included_module(found, target)
        source = self.view.module_source(dotted) if dotted else None
        if dotted is None or source is None or source.rel in self.seen:
            return
        self.seen.add(source.rel)
        yield from self.module(dotted, source, found.guard, found.full_route(), depth + 1)


def _blocks(statement: ast.stmt) -> list[list[ast.stmt]] | None:
    """The statement lists inside a compound statement that runs them as they are."""
    if isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
        node: Any = statement
        return [node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody]
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return [statement.body]
    if isinstance(statement, (ast.For, ast.AsyncFor, ast.While)):
        return [statement.body, statement.orelse]
    return None


def _included_module(found: UrlCall, include: ast.Call) -> str | None:
    argument = include.args[0] if include.args else None
    if isinstance(argument, (ast.Tuple, ast.List)) and argument.elts:
        argument = argument.elts[0]
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    if isinstance(argument, (ast.Name, ast.Attribute)):
        return found.qualified(argument)
    return None


# --- conditions -------------------------------------------------------------------------


def is_debug_expr(node: ast.AST) -> bool:
    """``DEBUG``, ``settings.DEBUG`` or ``getattr(settings, "DEBUG", ...)``."""
    if isinstance(node, ast.Name):
        return node.id == "DEBUG"
    if isinstance(node, ast.Attribute):
        return node.attr == "DEBUG"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "getattr" and len(node.args) >= 2:
        name = node.args[1]
        return isinstance(name, ast.Constant) and name.value == "DEBUG"
    return False


def _debug_sense(test: ast.expr) -> bool | None:
    """True when ``test`` holds exactly when DEBUG is on, False when exactly when it is off."""
    if is_debug_expr(test):
        return True
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _debug_sense(test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right = test.left, test.comparators[0]
        if is_debug_expr(right):
            left, right = right, left
        if is_debug_expr(left) and isinstance(right, ast.Constant) \
                and isinstance(right.value, bool):
            op = test.ops[0]
            if isinstance(op, (ast.Eq, ast.Is)):
                return right.value
            if isinstance(op, (ast.NotEq, ast.IsNot)):
                return not right.value
    return None


def classify_condition(test: ast.expr) -> tuple[Guard, Guard]:
    """The guards of an ``if``'s body and of its ``else`` branch."""
    sense = _debug_sense(test)
    if sense is True:
        return Guard.DEBUG, Guard.NONE
    if sense is False:
        return Guard.NONE, Guard.DEBUG
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) \
            and any(_debug_sense(v) is True for v in test.values):
        return Guard.DEBUG, Guard.UNKNOWN
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or) \
            and any(_debug_sense(v) is False for v in test.values):
        return Guard.UNKNOWN, Guard.DEBUG
    return Guard.UNKNOWN, Guard.UNKNOWN


# --- names ------------------------------------------------------------------------------


def import_aliases(tree: ast.Module, package: str) -> dict[str, str]:
    """Local name → dotted name, from every import of the module."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    first = alias.name.split(".")[0]
                    aliases[first] = first
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module or "", node.level, package)
            for alias in node.names:
                if alias.name != "*":
                    aliases[alias.asname or alias.name] = f"{base}.{alias.name}" if base \
                        else alias.name
    return aliases


def _absolute(module: str, level: int, package: str) -> str:
    if level == 0:
        return module
    parts = package.split(".") if package else []
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join(p for p in [*parts, *module.split(".")] if p)


def qualified_name(node: ast.AST | None, aliases: Mapping[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = qualified_name(node.value, aliases)
        return f"{base}.{node.attr}" if base else None
    return None


def mentions(node: ast.AST | None, word: str) -> bool:
    """Whether a name or attribute inside ``node`` contains ``word`` (``settings.MEDIA_ROOT``)."""
    if node is None:
        return False
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and word in inner.id:
            return True
        if isinstance(inner, ast.Attribute) and word in inner.attr:
            return True
    return False


def regex_literal(pattern: str) -> str | None:
    """The literal path a ``re_path``/``url`` regex matches as a prefix, or None."""
    text = pattern.removeprefix("^").removesuffix("$")
    text = re.sub(r"\\([/\-.])", r"\1", text)
    unescaped = re.sub(r"\\[/\-.]", "", pattern.removeprefix("^").removesuffix("$"))
    if _REGEX_META.search(unescaped):
        return None
    return text


def dict_item(node: ast.expr | None, key: str) -> ast.expr | None:
    """The value of ``key`` in a dict display (``{"document_root": ...}``), if present."""
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values, strict=True):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        for keyword in node.keywords:
            if keyword.arg == key:
                return keyword.value
    return None


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    positional = [a for a in call.args if not isinstance(a, ast.Starred)]
    if len(positional) > index and len(positional) == len(call.args):
        return positional[index]
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _column(source: ModuleSource, node: ast.expr) -> int:
    """ast's 0-based UTF-8 byte offset as a 1-based code-point column."""
    lines = source.lines
    if not 1 <= node.lineno <= len(lines):
        return node.col_offset + 1
    prefix = lines[node.lineno - 1].encode("utf-8")[: node.col_offset]
    return len(prefix.decode("utf-8", errors="replace")) + 1
