"""The settings audit: choose the settings modules, resolve them, run the PG1xx rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..core.config import Config
from ..core.finding import Finding, Location
from ..core.registry import REGISTRY
from ..core.rule import Rule
from .discovery import (
    EntryPoint,
    Project,
    looks_like_development,
    looks_like_production,
)
from .settings.resolver import Resolution, ResolverNote, resolve_settings
from .settings.values import UNKNOWN
from .settings.view import StaticSettings

SECURITY_SETTINGS = (
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "MIDDLEWARE", "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "PASSWORD_HASHERS",
    "SESSION_SERIALIZER", "SECURE_PROXY_SSL_HEADER",
)
"""Settings whose being unknown is worth a PG004 note (the rest stay quiet)."""

TEST_DIRS = frozenset({"test", "tests", "testing"})

NOTE_RULES = {"syntax": "PG001", "unreadable": "PG002", "import-not-followed": "PG007"}


@dataclass
class SettingsOutcome:
    findings: list[Finding] = field(default_factory=list)
    modules: tuple[str, ...] = ()
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def audit_settings(project: Project, config: Config) -> SettingsOutcome:
    outcome = SettingsOutcome()
    outcome.findings.extend(_walk_problems(project))
    modules, missing = choose_modules(project, config)
    for module in missing:
        outcome.findings.append(_not_found(project, module))
        outcome.errors.append(f"settings module {module} was not found under {project.root}")
    if not modules and not missing:
        outcome.findings.append(_not_found(project, None))
        outcome.errors.append(f"no Django settings module found under {project.root}")
    rules = [rule for rule in REGISTRY.with_target("settings")]
    audited = []
    for module in modules:
        resolution = resolve_settings(project, module, dict(config.env))
        if resolution is None:
            continue
        outcome.findings.extend(_notes(project, resolution.notes))
        outcome.files.extend(resolution.files)
        if resolution.broken:
            outcome.errors.append(f"settings module {module} could not be read or parsed")
            continue
        audited.append(module)
        view = StaticSettings(module, resolution.rel, resolution.values, project,
                              unset_unless=resolution.unset_unless)
        outcome.findings.extend(_run_rules(rules, view))
        outcome.findings.extend(_unresolved(view, resolution))
    outcome.modules = tuple(audited)
    outcome.files = list(dict.fromkeys(outcome.files))
    return outcome


def choose_modules(project: Project, config: Config) -> tuple[list[str], list[str]]:
    """The settings modules to audit, and configured ones that do not exist."""
    if config.settings_modules:
        found = [m for m in config.settings_modules if project.module_file(m)]
        return found, [m for m in config.settings_modules if not project.module_file(m)]
    entries = [e for e in project.entry_points()
               if project.module_file(e.settings_module)
               and not in_test_tree(project, e.settings_module)]
    settings = [m for m in project.settings_candidates() if not in_test_tree(project, m)]
    production = [m for m in settings if looks_like_production(m)]
    candidates = _from_entries(entries, production) + production
    if not candidates:
        candidates = [m for m in settings if _is_root_settings(project, m)]
    if not candidates:
        candidates = [e.settings_module for e in entries]
    return list(dict.fromkeys(candidates)), []


def in_test_tree(project: Project, module: str) -> bool:
    """Settings that live under a ``tests/`` folder belong to a test suite, not a deployment."""
    rel = project.module_file(module) or ""
    return any(part in TEST_DIRS for part in rel.split("/")[:-1])


def _from_entries(entries: list[EntryPoint], production: list[str]) -> list[str]:
    """Entry-point defaults, minus development ones when a production-like module exists.

    ``manage.py`` and often ``wsgi.py`` default to the development settings
    (``mysite.settings.dev``) and the deployment sets DJANGO_SETTINGS_MODULE to the production
    ones; auditing the development module beside ``prod.py`` only reports its intended DEBUG.
    """
    modules = list(dict.fromkeys(e.settings_module for e in entries))
    serious = [m for m in modules if not looks_like_development(m)]
    return serious or ([] if production else modules)


def _is_root_settings(project: Project, module: str) -> bool:
    """``settings.py`` or ``settings/__init__.py``: not ``settings/dev.py``-style leaves."""
    last = module.rsplit(".", 1)[-1]
    rel = project.module_file(module) or ""
    return last == "settings" or (rel.endswith("settings/__init__.py"))


def _run_rules(rules: list[Rule], view: StaticSettings) -> Iterator[Finding]:
    for rule in rules:
        for finding in rule.run("settings", view):
            yield _scoped(finding, view.module)


def _scoped(finding: Finding, module: str) -> Finding:
    from dataclasses import replace

    return replace(finding, scopes=(module,))


def _notes(project: Project, notes: list[ResolverNote]) -> Iterator[Finding]:
    for note in notes:
        rule = REGISTRY.get(NOTE_RULES.get(note.kind, "PG007"))
        assert rule is not None
        yield rule.finding(f"{note.rel}: {note.message}",
                           Location(path=note.rel, line=note.line),
                           key=f"{note.kind}:{note.message}")


def _unresolved(view: StaticSettings, resolution: Resolution) -> Iterator[Finding]:
    rule = REGISTRY.get("PG004")
    assert rule is not None
    for name in SECURITY_SETTINGS:
        value = resolution.values.get(name)
        if value is None or value.data is not UNKNOWN or value.env:
            continue
        reason = f" ({value.reason})" if value.reason else ""
        yield _scoped(rule.finding(
            f"{name} cannot be determined statically{reason}; check it at runtime with "
            "`manage.py check --deploy`", view.location(value), key=name), view.module)


def _walk_problems(project: Project) -> Iterator[Finding]:
    rule = REGISTRY.get("PG002")
    assert rule is not None
    for rel, reason in project.problems:
        yield rule.finding(f"{rel or '.'}: {reason}", Location(path=rel or None),
                           key=f"walk:{reason}")


def _not_found(project: Project, module: str | None) -> Finding:
    rule = REGISTRY.get("PG003")
    assert rule is not None
    if module:
        message = f"settings module {module} was not found in the project"
    else:
        message = ("no Django settings module found (looked for DJANGO_SETTINGS_MODULE in "
                   "manage.py/wsgi.py/asgi.py and for settings.py or a settings/ package)")
        tests = [m for m in project.settings_candidates() if in_test_tree(project, m)]
        if tests:
            message += (f"; test-suite settings ({', '.join(tests[:3])}) are not audited "
                        "unless named with --settings-module")
    return rule.finding(message, Location(path=None), key=module or "settings")
