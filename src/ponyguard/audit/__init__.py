"""The static audit of a project's source tree. It never imports or runs the project.

The analysers share one walk of the tree and one parse of each Python file: the settings
audit (PG1xx, :mod:`.settings_audit`), the code audit (PG2xx–PG5xx, :mod:`.code.runner`),
the template audit (:mod:`.templates`) and the dependency audit of the lockfiles and
requirements files found (PG6xx, :mod:`ponyguard.deps.collect`).
"""

from __future__ import annotations

from pathlib import Path

from ..core.config import Config
from ..core.errors import InputError
from ..core.finding import Finding
from ..core.pipeline import Collected, finish, rule_selected
from ..core.registry import STATIC_PACKAGES, load_rules
from ..core.result import RunResult
from .code.renders import RenderRecord

__all__ = ["audit_project"]

FILE_NOTES = frozenset({"PG001", "PG002"})


def audit_project(root: Path | str, config: Config | None = None) -> RunResult:
    """Audit the project at ``root`` statically and return the filtered findings."""
    config = config or Config()
    root = Path(root)
    if not root.exists():
        raise InputError(f"{root} does not exist")
    if not root.is_dir():
        raise InputError(f"{root} is not a directory (give the project root)")
    from .code.work import no_gc

    # The ASTs of a large tree are a million long-lived objects: collecting them while the
    # audit builds them costs more than parsing. They are freed by reference counting when
    # the project goes out of scope, and nothing here makes reference cycles worth waiting for.
    with no_gc():
        return _audit(root, config)


def _audit(root: Path, config: Config) -> RunResult:
    from .code.runner import audit_code
    from .discovery import discover
    from .settings_audit import audit_settings

    registry = load_rules(STATIC_PACKAGES)
    collected = Collected(kind="audit", target=str(root.resolve()), findings=[])
    project = discover(root, config.all_excludes)
    outcome = audit_settings(project, config)
    collected.findings.extend(outcome.findings)
    collected.scopes = outcome.modules
    settings_selected = any(rule_selected(r, config) for r in registry.with_target("settings"))
    if settings_selected:
        collected.errors.extend(outcome.errors)
    link = any(rule_selected(r, config) for r in registry.with_target("template"))
    code = audit_code(project, config, link_templates=link)
    collected.findings.extend(_new_file_notes(outcome.findings, code.findings))
    collected.errors.extend(code.errors)
    files = list(dict.fromkeys([*outcome.files, *code.files]))
    collected.files_audited = len(files)
    collected.incomplete = bool(collected.errors)

    # Lockfiles and requirements (PG6xx, PG020): see deps/collect.py.
    from ..deps.collect import audit_dependency_files

    dependencies = audit_dependency_files(project.root, project.other_files, config)
    collected.findings.extend(dependencies.findings)
    collected.notes.extend(dependencies.notes)
    collected.files_audited += len(dependencies.files)

    # Templates (PG3xx template rules, PG008): see audit/templates/analyse.py.
    from .templates import audit_templates
    from .templates.dirs import template_dirs

    templates = audit_templates(project, config, rendered=_rendered(code.renders),
                                template_dirs=template_dirs(project, outcome.files))
    collected.findings.extend(templates.findings)
    collected.files_audited += len(templates.files)

    def text_of(rel: str) -> str | None:
        if rel in templates.texts:
            return templates.text_of(rel)
        text = project.source(rel).text if rel.endswith(".py") else None
        # Only a file that mentions ponyguard can hold an ignore comment: skip tokenizing
        # the hundreds of Python files the code audit reads.
        return text if text is not None and "ponyguard" in text else None

    return finish(collected, config, text_of, suppression_files=[*files, *templates.files])


def _rendered(renders: list[RenderRecord]) -> dict[str, dict[str, str]]:
    """Template name → tainted context variable → where from, over every render seen."""
    rendered: dict[str, dict[str, str]] = {}
    for names, variables in renders:
        for name in names:
            context = rendered.setdefault(name, {})
            for variable, origin in variables:
                context.setdefault(variable, origin)
    return rendered


def _new_file_notes(settings: list[Finding], code: list[Finding]) -> list[Finding]:
    """Code findings, minus PG001/PG002 notes the settings audit already made for a file."""
    noted = {f.location.path for f in settings if f.rule.id in FILE_NOTES}
    return [f for f in code if f.rule.id not in FILE_NOTES or f.location.path not in noted]
