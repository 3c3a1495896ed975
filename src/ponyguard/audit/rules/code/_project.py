"""Project-wide Django configuration that code rules need, read from the settings modules.

Code rules see one file at a time; a few need a fact from the settings (is
``LoginRequiredMiddleware`` installed? what does DRF require by default? where do uploads
go?). :func:`django_settings` reads every module that looks like settings (``settings.py``,
``settings/*.py``, ``*_settings.py``) once per run, through
:meth:`~ponyguard.audit.code.index.ProjectIndex.derived`, so a cached result that relied on
it is invalidated when a settings file changes. The reading is syntactic: literal values only,
and a value set in *any* settings module counts (the audit does not know which one is
deployed), which errs on the side of silence.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...code.index import ProjectIndex
from ...code.names import module_statements
from ...context import FileContext

if TYPE_CHECKING:
    from ...discovery import Project

LOGIN_REQUIRED_MIDDLEWARE = "django.contrib.auth.middleware.LoginRequiredMiddleware"
ENFORCING_MIDDLEWARE = re.compile(r"\w*(LoginRequired|RequireLogin)\w*Middleware")
"""Third-party middleware that, by its name, keeps anonymous users out."""
ENFORCING_NAMES = frozenset({"redirect_to_login", "get_login_redirect", "login_redirect",
                             "LOGIN_URL", "PermissionDenied", "HttpResponseForbidden",
                             "login_required", "handle_no_permission"})
"""Names whose presence in a project middleware means it turns requests away."""
_SETTINGS_PART = re.compile(r"(^|_)settings(_|$|\.)")


@dataclass(frozen=True, slots=True)
class DjangoSettings:
    """What the settings modules say, as far as the code rules care."""

    middleware: tuple[str, ...] = ()
    """Every dotted name ending in ``Middleware`` that a settings module mentions."""
    enforcing: str | None = None
    """A middleware that turns anonymous requests away, if one is installed."""
    drf_default_permissions: tuple[str, ...] | None = None
    """``REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]`` when it is a literal list."""
    default_storage: str | None = None
    """``STORAGES["default"]["BACKEND"]`` or ``DEFAULT_FILE_STORAGE`` when literal; a backend
    other than ``FileSystemStorage`` when any settings module sets one, even conditionally."""


    @property
    def login_required_middleware(self) -> bool:
        """Django 5.1+ ``LoginRequiredMiddleware`` is installed."""
        return LOGIN_REQUIRED_MIDDLEWARE in self.middleware

    @property
    def access_middleware(self) -> str | None:
        """A middleware that requires a login for (nearly) every view, if one is installed:
        ``LoginRequiredMiddleware``, django-login-required's, or a project middleware that
        redirects to the login page or raises ``PermissionDenied``."""
        return self.enforcing


NO_SETTINGS = DjangoSettings()


def is_settings_file(rel: str) -> bool:
    """``settings.py``, ``settings/prod.py``, ``test_settings.py``, ``settings.dist.py``."""
    parts = rel.removesuffix(".py").split("/")
    return "settings" in parts[:-1] or bool(_SETTINGS_PART.search(parts[-1]))


def django_settings(ctx: FileContext) -> DjangoSettings:
    """The project's settings facts, computed once per run."""
    project = ctx.project
    if project is None:
        return NO_SETTINGS

    def compute(index: ProjectIndex) -> DjangoSettings:
        middleware: list[str] = []
        permissions: tuple[str, ...] | None = None
        storage: str | None = None
        for rel in sorted(index.store.heads):
            if not is_settings_file(rel) or index.facts(rel) is None:
                continue
            index.note_source(rel)
            tree = project.source(rel).tree
            if tree is None:
                continue
            middleware.extend(n for n in _middleware(tree) if n not in middleware)
            for statement in module_statements(tree.body):
                for name, value in _assignments(statement):
                    if name == "REST_FRAMEWORK":
                        found = _strings(_item(value, "DEFAULT_PERMISSION_CLASSES"))
                        permissions = found if found is not None else permissions
                    elif name == "DEFAULT_FILE_STORAGE":
                        storage = _storage(storage, _string(value))
                    elif name == "STORAGES":
                        storage = _storage(storage, _string(_item(_item(value, "default"),
                                                                  "BACKEND")))
                    elif name == "STORAGES[default]":
                        storage = _storage(storage, _string(_item(value, "BACKEND")))
        enforcing = next((name for name in middleware
                          if _enforcing(name, index, project)), None)
        return DjangoSettings(tuple(middleware), enforcing, permissions, storage)

    return ctx.index.derived("django-settings", compute)


def _enforcing(name: str, index: ProjectIndex, project: Project) -> bool:
    if name == LOGIN_REQUIRED_MIDDLEWARE:
        return True
    found = index.cls(name)
    if found is None:
        return not name.startswith("django.") \
            and bool(ENFORCING_MIDDLEWARE.fullmatch(name.rsplit(".", 1)[-1]))
    index.note_source(found.rel)
    tree = project.source(found.rel).tree
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.ClassDef) and node.lineno == found.line:
            return any(isinstance(n, ast.Name) and n.id in ENFORCING_NAMES
                       or isinstance(n, ast.Attribute) and n.attr in ENFORCING_NAMES
                       for n in ast.walk(node))
    return False


def _middleware(tree: ast.Module) -> list[str]:
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and node.value.endswith("Middleware")]


def _storage(known: str | None, found: str | None) -> str | None:
    """The default storage: a backend other than the file system wins (it may be the one
    deployed)."""
    if found is None:
        return known
    if known is None or "FileSystemStorage" in known:
        return found
    return known


def _assignments(statement: ast.stmt) -> list[tuple[str, ast.expr]]:
    """``NAME = value`` and ``NAME["key"] = value`` (as ``NAME[key]``)."""
    if isinstance(statement, ast.Assign):
        found = []
        for target in statement.targets:
            if isinstance(target, ast.Name):
                found.append((target.id, statement.value))
            elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                    and isinstance(target.slice, ast.Constant) \
                    and isinstance(target.slice.value, str):
                found.append((f"{target.value.id}[{target.slice.value}]", statement.value))
        return found
    if isinstance(statement, ast.AnnAssign) and statement.value is not None \
            and isinstance(statement.target, ast.Name):
        return [(statement.target.id, statement.value)]
    return []


def _item(value: ast.expr | None, key: str) -> ast.expr | None:
    if isinstance(value, ast.Dict):
        for k, v in zip(value.keys, value.values, strict=True):
            if isinstance(k, ast.Constant) and k.value == key:
                return v
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) \
            and value.func.id == "dict":
        for keyword in value.keywords:
            if keyword.arg == key:
                return keyword.value
    return None


def _string(value: ast.expr | None) -> str | None:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.value
    return None


def _strings(value: ast.expr | None) -> tuple[str, ...] | None:
    if isinstance(value, (ast.List, ast.Tuple)):
        return tuple(s for s in (_string(e) for e in value.elts) if s)
    return None
