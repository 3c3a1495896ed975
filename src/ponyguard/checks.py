"""The settings rules on the live settings, through Django's system-check framework.

``ready()`` of :class:`ponyguard.apps.PonyguardConfig` imports this module, which registers one
deployment check (``manage.py check --deploy``). At each run it evaluates every settings rule
that can run on live settings (``rule.runtime``) on :class:`RuntimeSettings`, the resolved
``django.conf.settings`` behind the same interface the static audit's
:class:`~ponyguard.audit.settings.view.StaticSettings` offers, so one rule serves both faces.

* Message ids are ``ponyguard.<rule id>`` (``ponyguard.PG104``), not Django's
  ``app.W001`` style: one id across the CLI, the docs and ``SILENCED_SYSTEM_CHECKS``, and a
  severity change never renames a check.
* Rules that mirror one of Django's own checks (``rule.mirrors``, e.g. PG101 mirrors
  ``security.W018``) are skipped: Django reports those itself, and a user who silenced the
  Django id keeps it silent.
* Severity: critical and high are ``Error``; medium is ``Warning``; low and info are ``Info``.
  ``check --deploy --fail-level WARNING`` fails a CI job on medium findings too.
* The check never touches the database.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sysconfig
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.checks import CheckMessage, Error, Info, Tags, register
from django.core.checks import Warning as CheckWarning

from .audit.settings.values import Value
from .audit.settings.view import ModuleSource, SettingsView, django_default
from .audit.source import SourceFile
from .core.finding import Finding, Location
from .core.redact import redact_text
from .core.registry import load_rules
from .core.rule import Rule
from .core.severity import Severity

__all__ = [
    "RuntimeSettings", "base_dir_of", "check_id", "check_settings", "message_for", "module_file",
    "runtime_rules",
]

LEVELS: dict[Severity, type[CheckMessage]] = {
    Severity.CRITICAL: Error,
    Severity.HIGH: Error,
    Severity.MEDIUM: CheckWarning,
    Severity.LOW: Info,
    Severity.INFO: Info,
}
"""Finding severity → Django check level."""

NOT_SETTINGS = frozenset({"SETTINGS_MODULE"})
"""Upper-case attributes of ``django.conf.settings`` that are not settings."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+")


class RuntimeSettings(SettingsView):
    """``django.conf.settings`` (or another settings object) as the settings rules see it.

    A setting the project sets (``settings.is_overridden(name)``) is a :class:`Value` with no
    origin or environment and ``hardcoded=False``: the live value says nothing about the source.
    A setting the project does not set is absent from :meth:`get` and :meth:`names`, and
    :meth:`value` gives Django's default with ``is_default=True``, as on the static face.
    """

    runtime = True

    def __init__(self, settings: Any = None) -> None:
        if settings is None:
            from django.conf import settings as django_settings

            settings = django_settings
        self._settings = settings
        self.module = (getattr(settings, "SETTINGS_MODULE", None)
                       or os.environ.get("DJANGO_SETTINGS_MODULE") or "settings")
        self.base_dir = base_dir_of(getattr(settings, "BASE_DIR", None))
        self.rel = self._module_path(self.module) or self.module
        self._sources: dict[str, ModuleSource | None] = {}

    def get(self, name: str) -> Value | None:
        if not self._is_setting(name) or not self._settings.is_overridden(name):
            return None
        try:
            return Value(getattr(self._settings, name))
        except AttributeError:
            return None

    def value(self, name: str) -> Value:
        """The project's value, else the live default (``is_default=True``).

        The live default is Django's default as the running Django serves it (``MEDIA_URL``
        gains the script prefix, for instance).
        """
        found = self.get(name)
        if found is not None:
            return found
        if self._is_setting(name):
            try:
                return Value(getattr(self._settings, name), is_default=True)
            except AttributeError:
                pass
        return Value(django_default(name), is_default=True)

    @staticmethod
    def _is_setting(name: str) -> bool:
        return name.isupper() and name not in NOT_SETTINGS

    def names(self) -> frozenset[str]:
        return frozenset(name for name in dir(self._settings) if self.get(name) is not None)

    def location(self, value: Value | None = None) -> Location:
        return Location(path=self.rel)

    def module_source(self, dotted: str) -> ModuleSource | None:
        """A module of the project, parsed; None for installed packages and the stdlib.

        Like the static face, which only sees the audited tree: a URLconf that includes a
        third-party app's URLs is followed into the project's modules only.
        """
        if dotted not in self._sources:
            self._sources[dotted] = self._read_module(dotted)
        return self._sources[dotted]

    def _read_module(self, dotted: str) -> ModuleSource | None:
        path = module_file(dotted)
        if path is None or is_installed(path):
            return None
        rel = self._relative(path)
        tree = (source := SourceFile.read(path, rel)).tree
        return None if tree is None else ModuleSource(rel, tree, source.lines)

    def _module_path(self, dotted: str) -> str | None:
        path = module_file(dotted)
        return None if path is None else self._relative(path)

    def _relative(self, path: Path) -> str:
        """``path`` relative to BASE_DIR when it lies inside it, else absolute."""
        if self.base_dir is not None:
            try:
                return path.resolve().relative_to(self.base_dir).as_posix()
            except (ValueError, OSError):
                pass
        return path.as_posix()


def base_dir_of(value: Any) -> Path | None:
    """``value`` (a ``BASE_DIR`` setting) as an absolute existing directory, else None."""
    if not isinstance(value, (str, os.PathLike)):
        return None
    try:
        path = Path(value).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return path if path.is_dir() else None


def module_file(dotted: Any) -> Path | None:
    """The ``.py`` file of module ``dotted``, found without importing the module itself.

    ``find_spec`` imports the parent packages of a dotted name (for a running project they
    are normally imported already); any failure there means "unknown", never a crash.
    """
    if not isinstance(dotted, str) or not dotted:
        return None
    try:
        spec = importlib.util.find_spec(dotted)
    except Exception:
        return None
    origin = getattr(spec, "origin", None)
    if spec is None or not spec.has_location or not isinstance(origin, str):
        return None
    path = Path(origin)
    return path if path.suffix == ".py" and path.is_file() else None


def is_installed(path: Path) -> bool:
    """Whether ``path`` belongs to the standard library or an installed distribution."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return False
    if {"site-packages", "dist-packages"} & set(resolved.parts):
        return True
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        base = paths.get(key)
        if base and resolved.is_relative_to(Path(base).resolve()):
            return True
    return False


def check_id(rule: Rule) -> str:
    """The check id of ``rule``'s messages: ``ponyguard.PG104``."""
    return f"ponyguard.{rule.id}"


def runtime_rules() -> list[Rule]:
    """The settings rules the check runs: runtime-capable, not mirroring a Django check."""
    return [rule for rule in load_rules().with_target("settings")
            if rule.runtime and not rule.mirrors]


def one_line(text: str) -> str:
    """``text`` on one line, control characters removed and secrets masked."""
    return redact_text(" ".join(_CONTROL.sub(" ", text).split()))


def message_for(finding: Finding) -> CheckMessage:
    """The check message of one finding: its message, the fix as hint, its rule's id."""
    level = LEVELS[finding.severity]
    return level(one_line(finding.message), hint=one_line(finding.fix_text) or None,
                 obj=None, id=check_id(finding.rule))


def _rule_failed(rule: Rule, exc: Exception) -> CheckMessage:
    return CheckWarning(
        one_line(f"ponyguard could not run {rule.id} ({rule.name}) on these settings: "
                 f"{type(exc).__name__}: {exc}"),
        hint="The other checks ran. Please report this with the setting's type to "
             "https://github.com/ponyguard/ponyguard/issues",
        id=check_id(rule),
    )


def check_settings(app_configs: Iterable[Any] | None = None, databases: Any = None,
                   **kwargs: Any) -> list[CheckMessage]:
    """The deployment check: every runtime settings rule on the live settings.

    The settings are project-wide, so ``app_configs`` does not narrow them (as with Django's
    own ``security`` checks); ``databases`` is never used.
    """
    view = RuntimeSettings()
    messages: dict[tuple[str, str], CheckMessage] = {}
    for rule in runtime_rules():
        try:
            found = [message_for(finding) for finding in rule.run("settings", view)]
        except Exception as exc:  # one broken rule must not take `check` down with it
            found = [_rule_failed(rule, exc)]
        for message in found:
            messages.setdefault((message.id, message.msg), message)
    return list(messages.values())


register(check_settings, Tags.security, deploy=True)
