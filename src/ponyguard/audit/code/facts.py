"""What phase 1 learns about each module, as plain picklable data.

:class:`ModuleFacts` are computed from one file alone (its tree, its module name and the
project's top-level package names), so they are cached by the file's content digest and
shipped between worker processes. Phase 2 merges every module's facts into a
:class:`~ponyguard.audit.code.index.ProjectIndex` so that a flow can be followed into a helper
defined in another module, back to the callers of a function, or to the URL pattern that
routes to a view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..taint.values import Value


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a function, in declaration order."""

    name: str
    kind: str = "positional"
    """``"positional"``, ``"keyword"`` (keyword-only), ``"varargs"`` or ``"varkw"``."""
    has_default: bool = False


@dataclass(frozen=True, slots=True)
class FunctionSummary:
    """How data flows through one function: what its return value is made of.

    ``returns`` is expressed in PARAM origins (which parameters reach the return), SOURCE
    origins (request data read inside), CALL origins (results of other project functions,
    resolved lazily) and UNKNOWN origins.
    """

    qualname: str
    """``app.utils.helper`` or ``app.views.InvoiceView.get``."""
    rel: str
    line: int
    params: tuple[Param, ...]
    returns: Value
    is_method: bool = False
    """Defined in a class body and not a staticmethod: the first parameter is bound."""
    decorators: tuple[str, ...] = ()
    """Dotted names of the decorators, where the imports tell them."""
    decorator_args: tuple[str, ...] = ()
    """Dotted names passed to the decorators, list items included:
    ``@method_decorator(login_required)``, ``@permission_classes([IsAuthenticated])``."""

    def param(self, name: str) -> Param | None:
        for param in self.params:
            if param.name == name:
                return param
        return None


@dataclass(frozen=True, slots=True)
class ClassFacts:
    """A class: its bases and the class attributes that matter to views and forms."""

    qualname: str
    rel: str
    line: int
    bases: tuple[str, ...]
    """Dotted names of the bases, where the imports tell them (else the source text)."""
    attrs: tuple[tuple[str, str], ...] = ()
    """Class attributes bound to a name: ``(("form_class", "app.forms.ContactForm"),)``."""
    fields: tuple[tuple[str, str], ...] = ()
    """Form/serializer fields: ``(("email", "django.forms.EmailField"),)``."""
    meta_fields: tuple[str, ...] | None = None
    """``Meta.fields`` when it is a literal list (``("__all__",)`` for all fields)."""
    decorators: tuple[str, ...] = ()
    """Dotted names of the class decorators (``django.utils.decorators.method_decorator``)."""
    decorator_args: tuple[str, ...] = ()
    """Dotted names passed to the class decorators (``…auth.decorators.login_required``)."""
    name_lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Class attributes bound to a literal list/tuple of names (or other non-literal
    expressions, as their source text):
    ``(("permission_classes", ("rest_framework.permissions.IsAuthenticated",)),)``."""
    relations: tuple[tuple[str, str], ...] = ()
    """Model relation fields and their targets (a dotted name or the literal text):
    ``(("owner", "django.conf.settings.AUTH_USER_MODEL"), ("customer", "shop.Customer"))``."""

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def name_list(self, name: str) -> tuple[str, ...] | None:
        for key, value in self.name_lists:
            if key == name:
                return value
        return None

    def field(self, name: str) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class CallSite:
    """A call to a (probably) project function, with what its arguments are made of."""

    callee: str
    rel: str
    line: int
    caller: str
    """The calling function's dotted name (the module's for module-level code)."""
    args: tuple[Value | None, ...] = ()
    kwargs: tuple[tuple[str, Value], ...] = ()
    bound: bool = False
    """``self.helper(x)``: the callee's first parameter is not among ``args``."""
    star: bool = False
    """The call passes ``*args``/``**kwargs``: positions cannot be matched."""


@dataclass(frozen=True, slots=True)
class UrlArg:
    """A URL argument captured by a route, and whether its converter makes it safe."""

    name: str
    converter: str
    """``int``, ``slug``, ``uuid``, ``str``, ``path``, ``regex`` (named group), a custom
    converter's name, or ``positional`` for an unnamed regex group."""
    safe: bool | None
    """True for int/slug/uuid and digit/word-only groups; None for custom converters."""


@dataclass(frozen=True, slots=True)
class Route:
    """``path("invoice/<int:pk>/", views.invoice_detail)`` as data."""

    view: str
    """The view's dotted name (the class for ``View.as_view()``)."""
    rel: str
    line: int
    route: str
    args: tuple[UrlArg, ...] = ()
    extra: tuple[str, ...] = ()
    """Keys of the literal ``kwargs`` dict passed to the view (constants)."""
    wrappers: tuple[str, ...] = ()
    """Functions the URLconf wraps the view in, outermost first: for
    ``path("x/", login_required(views.x))``, ``login_required``'s dotted name; for
    ``permission_required("p")(views.x)``, the decorator factory's."""


@dataclass(frozen=True, slots=True)
class Include:
    """``path("org/<int:org>/", include("app.urls"))``: routes of ``target`` get ``args``."""

    target: str
    rel: str
    line: int
    args: tuple[UrlArg, ...] = ()


@dataclass
class ModuleFacts:
    """Everything phase 1 records about one module."""

    rel: str
    module: str | None
    digest: str
    problem: tuple[str, str, int | None] | None = None
    """(kind, message, line) when the file could not be read or parsed (PG001/PG002)."""
    imports: dict[str, str] = field(default_factory=dict)
    """Module-level imports: local name → dotted name."""
    constants: frozenset[str] = frozenset()
    """Module-level names only ever bound to literals."""
    globals: frozenset[str] = frozenset()
    """Other module-level variables."""
    escape_tables: frozenset[str] = frozenset()
    """Module-level HTML escape tables for ``str.translate()``."""
    defs: dict[str, str] = field(default_factory=dict)
    """Module-level functions and classes → dotted names."""
    functions: dict[str, FunctionSummary] = field(default_factory=dict)
    """Keyed by the dotted name."""
    classes: dict[str, ClassFacts] = field(default_factory=dict)
    calls: list[CallSite] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    attributes: dict[str, dict[str, Value]] = field(default_factory=dict)
    """Class → attribute → the join of every value assigned to it: in the class body
    (``success_url = "/done/"``) or as ``self.<name> = ...`` in any of its methods."""
    mentions: frozenset[str] = frozenset()
    """Capitalised identifiers ending in ``Form`` anywhere in the text (code, strings,
    comments): where to look for the uses of a form class (:meth:`ProjectIndex.mentioning`)."""
