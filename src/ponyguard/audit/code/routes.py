"""URL patterns as data: which views a URLconf routes to, with which URL arguments.

Reads module-level ``path()``/``re_path()``/``url()`` calls (``views.detail``,
``DetailView.as_view()``), inline ``include([...])`` lists, ``include("app.urls")`` edges
(their captured arguments reach every view of the included module) and DRF
``router.register(prefix, ViewSet)`` (whose ``pk`` is any text without ``/`` or ``.``).
A view wrapped in the URLconf (``login_required(views.x)``,
``cache_page(60)(View.as_view())``) is routed too, with the wrappers' names on the route;
a class instance (``FormPreview(ContactForm)``) is not unwrapped."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ..taint.scope import ModuleScope
from ..taint.sources import converter_safe, path_params, regex_groups, safe_pattern
from .facts import Include, Route, UrlArg
from .names import module_statements

ROUTE_FUNCS = {
    "django.urls.path": "path", "django.urls.conf.path": "path",
    "django.urls.re_path": "regex", "django.urls.conf.re_path": "regex",
    "django.conf.urls.re_path": "regex", "django.conf.urls.url": "regex",
}
INCLUDE_FUNCS = frozenset({"django.urls.include", "django.urls.conf.include",
                           "django.conf.urls.include"})
_URL_MODULES = ("django.urls", "django.conf.urls", "rest_framework")
MAX_WRAPPERS = 4


def collect_routes(tree: ast.Module, scope: ModuleScope) -> tuple[list[Route], list[Include]]:
    """Routes and include edges declared at module level (nothing for non-URLconf modules)."""
    if not any(d.startswith(_URL_MODULES) for d in scope.aliases.values()):
        return [], []
    collector = _Collector(scope)
    for statement in module_statements(tree.body):
        if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)) \
                and statement.value is not None:
            collector.visit(statement.value, ())
    return collector.routes, collector.includes


class _Collector:
    def __init__(self, scope: ModuleScope) -> None:
        self.scope = scope
        self.routes: list[Route] = []
        self.includes: list[Include] = []

    def visit(self, node: ast.AST, prefix: tuple[UrlArg, ...]) -> None:
        if isinstance(node, ast.Call):
            callee = self.scope.dotted(node.func) or ""
            if callee in ROUTE_FUNCS:
                self.route(node, ROUTE_FUNCS[callee], prefix)
                return
            if isinstance(node.func, ast.Attribute) and node.func.attr == "register" \
                    and len(node.args) >= 2:
                self.register(node, prefix)
        for child in ast.iter_child_nodes(node):
            self.visit(child, prefix)

    def route(self, call: ast.Call, kind: str, prefix: tuple[UrlArg, ...]) -> None:
        route_node, view = _argument(call, 0, "route"), _argument(call, 1, "view")
        route = route_node.value if isinstance(route_node, ast.Constant) \
            and isinstance(route_node.value, str) else ""
        args = prefix + tuple(_url_args(route, kind))
        if isinstance(view, ast.Call) and self.scope.dotted(view.func) in INCLUDE_FUNCS:
            self.include(view, args, call.lineno)
            return
        view, wrappers = self.unwrap(view)
        target = self.view_name(view)
        if target is not None:
            extra = _argument(call, 2, "kwargs")
            keys = tuple(k.value for k in extra.keys if isinstance(k, ast.Constant)
                         and isinstance(k.value, str)) if isinstance(extra, ast.Dict) else ()
            self.routes.append(Route(target, self.scope.rel, call.lineno, route, args, keys,
                                     wrappers))

    def include(self, call: ast.Call, args: tuple[UrlArg, ...], line: int) -> None:
        target = call.args[0] if call.args else None
        if isinstance(target, ast.Tuple) and target.elts:
            target = target.elts[0]
        if isinstance(target, (ast.List, ast.Tuple)):
            for element in target.elts:
                self.visit(element, args)
            return
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            self.includes.append(Include(target.value, self.scope.rel, line, args))
        elif isinstance(target, (ast.Name, ast.Attribute)):
            dotted = self.scope.dotted(target)
            if dotted:
                self.includes.append(Include(dotted, self.scope.rel, line, args))

    def register(self, call: ast.Call, prefix: tuple[UrlArg, ...]) -> None:
        """DRF ``router.register("invoices", InvoiceViewSet)``: detail routes capture ``pk``."""
        target = self.view_name(call.args[1])
        if target is not None:
            pk = UrlArg("pk", "regex", False)
            self.routes.append(Route(target, self.scope.rel, call.lineno, "", (*prefix, pk)))

    def unwrap(self, view: ast.expr | None) -> tuple[ast.expr | None, tuple[str, ...]]:
        """``login_required(views.x)`` → ``views.x`` and the wrappers' dotted names."""
        wrappers: list[str] = []
        for _ in range(MAX_WRAPPERS):
            if not isinstance(view, ast.Call) or isinstance(view.func, ast.Attribute) \
                    and view.func.attr == "as_view":
                break
            positional = [a for a in view.args if not isinstance(a, ast.Starred)]
            func = view.func.func if isinstance(view.func, ast.Call) else view.func
            name = self.scope.dotted(func)
            if not positional or name is None or name in INCLUDE_FUNCS \
                    or name.rsplit(".", 1)[-1][:1].isupper():
                break
            wrappers.append(name)
            view = positional[0]
        return view, tuple(wrappers)

    def view_name(self, view: ast.expr | None) -> str | None:
        if isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) \
                and view.func.attr == "as_view":
            view = view.func.value
        if isinstance(view, (ast.Name, ast.Attribute)):
            return self.scope.dotted(view)
        return None


def _url_args(route: str, kind: str) -> Iterator[UrlArg]:
    if kind == "path":
        for name, converter in path_params(route):
            yield UrlArg(name, converter, converter_safe(converter))
        return
    for name, body in regex_groups(route):
        yield UrlArg(name, "regex" if name else "positional", safe_pattern(body))


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    positional = [a for a in call.args if not isinstance(a, ast.Starred)]
    if len(positional) > index:
        return positional[index]
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None
