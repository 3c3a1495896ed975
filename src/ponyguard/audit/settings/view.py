"""What a settings rule sees: one settings module's values, static or live.

Two implementations share this interface so the same rule code serves both faces:
:class:`StaticSettings` (the audit, from the resolver) and
``ponyguard.checks.RuntimeSettings`` (the Django app, from ``django.conf.settings``).
"""

from __future__ import annotations

import ast
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ...core.finding import Location
from .values import EnvUse, Value

if TYPE_CHECKING:
    from ..discovery import Project


@dataclass(frozen=True, slots=True)
class ModuleSource:
    """A project module handed to a rule: its path relative to the root, its AST and lines."""

    rel: str
    tree: ast.Module
    lines: list[str]


def django_default(name: str) -> Any:
    """Django's global default for ``name`` (None when Django has none)."""
    from django.conf import global_settings

    return getattr(global_settings, name, None)


class SettingsView(ABC):
    """One settings module as the rules see it."""

    module: str
    """Dotted name of the settings module (``mysite.settings.prod``), or the live module."""
    runtime: bool = False
    """True on live runtime settings: source-only facts (hard-coding, env vars) are unknown."""

    @abstractmethod
    def get(self, name: str) -> Value | None:
        """The value the project sets for ``name``, or None when it never sets it."""

    @abstractmethod
    def names(self) -> frozenset[str]:
        """Every setting name the project sets."""

    @abstractmethod
    def location(self, value: Value | None = None) -> Location:
        """Where to point a finding: the value's origin, else the settings module itself."""

    def module_source(self, dotted: str) -> ModuleSource | None:
        """Another module of the project (e.g. ``ROOT_URLCONF``), parsed, or None."""
        return None

    def source_line(self, value: Value | None) -> str | None:
        """The source line that set ``value`` (stripped), when it is known."""
        return None

    def value(self, name: str) -> Value:
        """The project's value for ``name``, or Django's default (``is_default=True``)."""
        found = self.get(name)
        if found is not None:
            return found
        return Value(django_default(name), is_default=True)

    def is_set(self, name: str) -> bool:
        return self.get(name) is not None

    def installed_apps(self) -> list[str]:
        return [a for a in _as_list(self.value("INSTALLED_APPS").data) if isinstance(a, str)]

    def middleware(self) -> list[str]:
        return [m for m in _as_list(self.value("MIDDLEWARE").data) if isinstance(m, str)]


def _as_list(data: Any) -> list[Any]:
    return list(data) if isinstance(data, (list, tuple)) else []


@dataclass
class StaticSettings(SettingsView):
    """Settings resolved from source by :mod:`ponyguard.audit.settings.resolver`."""

    module: str
    rel: str
    values: dict[str, Value]
    project: Project | None = field(default=None, repr=False)
    runtime: bool = False
    unset_unless: dict[str, tuple[EnvUse, ...]] = field(default_factory=dict, repr=False)
    """Unset settings a skipped ``if`` branch would set (see ``Resolution.unset_unless``)."""

    def get(self, name: str) -> Value | None:
        return self.values.get(name)

    def value(self, name: str) -> Value:
        """Django's default for an unset name, depending on the variables of an ``if`` whose
        skipped branch sets it ("not set … unless HTTPS is set")."""
        found = super().value(name)
        if found.is_default and name in self.unset_unless:
            return replace(found, env=self.unset_unless[name])
        return found

    def names(self) -> frozenset[str]:
        return frozenset(self.values)

    def location(self, value: Value | None = None) -> Location:
        if value is not None and value.origin is not None:
            origin = value.origin
            return Location(path=origin.path, line=origin.line, column=origin.column)
        return Location(path=self.rel, line=1, column=1)

    def source_line(self, value: Value | None) -> str | None:
        if self.project is None or value is None or value.origin is None:
            return None
        line = self.project.source(value.origin.path).line(value.origin.line).strip()
        return line or None

    def module_source(self, dotted: str) -> ModuleSource | None:
        if self.project is None:
            return None
        rel = self.project.module_file(dotted)
        if rel is None:
            return None
        source = self.project.source(rel)
        tree = source.tree
        return None if tree is None else ModuleSource(rel, tree, source.lines)
