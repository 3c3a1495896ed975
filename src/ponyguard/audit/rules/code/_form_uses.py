"""Where the project uses a form class: only in the Django admin, elsewhere too, or nowhere.

A ``ModelForm`` with ``fields = "__all__"`` is harmless when only staff reach it through the
admin (``form = PageAdminForm`` on a ``ModelAdmin``), and a mass-assignment hole when a
public view builds it. :func:`form_use` finds the uses through the modules whose text
mentions the form's name (:meth:`~ponyguard.audit.code.index.ProjectIndex.mentioning`), so
only those few files are read, once per run each. A use is *admin* when it sits in an admin
module (``admin.py``, ``admin/``), inside a ``ModelAdmin``/inline class (``form =``,
``add_form =``, ``get_form()``) or in ``site.register(Model, form=...)``. Any other reference
(a call, a view's ``form_class``, a factory argument, a dotted name in a string for dynamic
loading) is a use *outside* the admin; a subclass counts by its own uses.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from enum import IntEnum

from ...code.collect import module_label
from ...code.facts import ModuleFacts
from ...code.index import ProjectIndex
from ...context import FileContext
from ._shapes import is_admin_module

ADMIN_CLASS_SUFFIXES = ("ModelAdmin", "StackedInline", "TabularInline")
"""``ModelAdmin``, ``InlineModelAdmin``, ``admin.TabularInline``, ``GenericStackedInline``,
and third-party admins named the same way (``ImportExportModelAdmin``)."""
MAX_SUBCLASS_DEPTH = 4


class FormUse(IntEnum):
    """How a form class is used, from the least to the most exposed."""

    ADMIN = 1
    """Only in the Django admin (staff-only)."""
    UNKNOWN = 2
    """No use found: a library's public form, loaded some way the audit cannot see, or dead."""
    OUTSIDE = 3
    """Used outside the admin too (a view, a factory, a call, a subclass used so)."""


@dataclass(frozen=True, slots=True)
class _Reference:
    name: str
    """The dotted name the reference resolves to (a bare name for a string)."""
    admin: bool
    owner: str
    """The class (or module) whose code holds the reference."""
    subclass: str | None = None
    """The qualname of the class that has the form as a base."""
    text: bool = False
    """A string naming the class (dynamic loading), matched by its last name."""


def form_use(ctx: FileContext, qualname: str) -> FormUse:
    """How the project uses the form class ``qualname`` (computed once per run)."""
    if ctx.project is None:
        return FormUse.UNKNOWN
    return _use(ctx, qualname, MAX_SUBCLASS_DEPTH)


def _use(ctx: FileContext, qualname: str, depth: int) -> FormUse:
    index = ctx.index

    def compute(index: ProjectIndex) -> FormUse:
        found: FormUse | None = None
        last = qualname.rsplit(".", 1)[-1]
        for rel in index.mentioning(last):
            for reference in _references(ctx, rel):
                if not _names(index, reference, qualname, last) \
                        or f"{reference.owner}.".startswith(f"{qualname}."):
                    continue  # not this form, or in its own body (super(Form, self))
                if reference.subclass is not None:
                    use = _use(ctx, reference.subclass, depth - 1) if depth else FormUse.OUTSIDE
                    if use is FormUse.UNKNOWN and is_admin_module(rel):
                        use = FormUse.ADMIN  # an unused form of an admin module
                else:
                    use = FormUse.ADMIN if reference.admin else FormUse.OUTSIDE
                found = use if found is None else max(found, use)
                if found is FormUse.OUTSIDE:
                    return found
        return FormUse.UNKNOWN if found is None else found

    return index.derived(f"form-use:{qualname}", compute)


def _names(index: ProjectIndex, reference: _Reference, qualname: str, last: str) -> bool:
    if reference.text:
        return reference.name.rsplit(".", 1)[-1] == last
    return reference.name == qualname or index.resolve(reference.name) == qualname


def _references(ctx: FileContext, rel: str) -> tuple[_Reference, ...]:
    """Every reference to a mentioned form name in module ``rel`` (read once per run)."""

    def compute(index: ProjectIndex) -> tuple[_Reference, ...]:
        facts = index.facts(rel)
        if facts is None or ctx.project is None:
            return ()
        index.note_source(rel)
        tree = ctx.project.source(rel).tree
        if tree is None:
            return ()
        return tuple(_Walk(index, facts).run(tree, is_admin_module(rel)))

    return ctx.index.derived(f"form-references:{rel}", compute)


class _Walk:
    """One pass over a module, keeping whether the current node is admin code."""

    def __init__(self, index: ProjectIndex, facts: ModuleFacts) -> None:
        self.index = index
        self.facts = facts
        self.module = module_label(facts.module, facts.rel)
        self.found: list[_Reference] = []

    def run(self, tree: ast.Module, admin: bool) -> list[_Reference]:
        pending: list[tuple[ast.AST, bool, str]] = [(tree, admin, self.module)]
        while pending:
            node, admin, prefix = pending.pop()
            if isinstance(node, ast.ClassDef):
                pending.extend(self._class(node, admin, prefix))
                continue
            if isinstance(node, (ast.Name, ast.Attribute)):
                name = self._dotted(node)
                if name is not None and name.rsplit(".", 1)[-1] in self.facts.mentions:
                    self.found.append(_Reference(name, admin, prefix))
                    continue
            elif isinstance(node, ast.Constant):
                self._string(node.value, admin, prefix)
                continue
            elif isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
                continue
            elif isinstance(node, ast.Call) and _is_register(node):
                pending.extend((k.value, True, prefix) for k in node.keywords if k.arg == "form")
                pending.extend((n, admin, prefix) for n in (node.func, *node.args))
                pending.extend((k.value, admin, prefix) for k in node.keywords
                               if k.arg != "form")
                continue
            pending.extend((child, admin, prefix) for child in ast.iter_child_nodes(node))
        return self.found

    def _class(self, node: ast.ClassDef, admin: bool,
               prefix: str) -> list[tuple[ast.AST, bool, str]]:
        qualname = f"{prefix}.{node.name}"
        for base in node.bases:
            name = self._dotted(base)
            if name is not None and name.rsplit(".", 1)[-1] in self.facts.mentions:
                self.found.append(_Reference(name, admin, prefix, subclass=qualname))
        inside = admin or self._is_admin_class(qualname)
        children: list[ast.AST] = [*node.keywords, *node.decorator_list, *node.body]
        return [(child, inside, qualname) for child in children]

    def _is_admin_class(self, qualname: str) -> bool:
        for owner in self.index.mro(qualname) or [qualname]:
            found = self.index.cls(owner)
            if found is not None and any(
                    base.rsplit(".", 1)[-1].endswith(ADMIN_CLASS_SUFFIXES)
                    for base in found.bases):
                return True
        return False

    def _dotted(self, node: ast.expr) -> str | None:
        """``PageForm`` or ``forms.PageForm`` through the module's imports and definitions."""
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        head = self.facts.imports.get(node.id) or self.facts.defs.get(node.id)
        if head is None:
            return None
        return ".".join([head, *reversed(parts)])

    def _string(self, value: object, admin: bool, owner: str) -> None:
        """``get_class("customer.forms", "ProfileForm")``, ``"app.forms.ProfileForm"``."""
        if isinstance(value, str) and value.rsplit(".", 1)[-1] in self.facts.mentions \
                and value.replace(".", "").isidentifier():
            self.found.append(_Reference(value, admin, owner, text=True))


def _is_register(call: ast.Call) -> bool:
    """``admin.site.register(Model, form=...)`` and ``site.register(...)``."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else \
        func.id if isinstance(func, ast.Name) else None
    return name == "register"
