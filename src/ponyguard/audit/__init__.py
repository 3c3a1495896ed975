"""The static audit of a project's source tree. It never imports or runs the project."""

from __future__ import annotations

from pathlib import Path

from ..core.config import Config
from ..core.errors import InputError
from ..core.pipeline import Collected, finish
from ..core.registry import load_rules
from ..core.result import RunResult

__all__ = ["audit_project"]


def audit_project(root: Path | str, config: Config | None = None) -> RunResult:
    """Audit the project at ``root`` statically and return the filtered findings."""
    config = config or Config()
    root = Path(root)
    if not root.exists():
        raise InputError(f"{root} does not exist")
    if not root.is_dir():
        raise InputError(f"{root} is not a directory (give the project root)")
    from .discovery import discover
    from .settings_audit import audit_settings

    load_rules()
    collected = Collected(kind="audit", target=str(root.resolve()), findings=[])
    project = discover(root, config.all_excludes)
    outcome = audit_settings(project, config)
    collected.findings.extend(outcome.findings)
    collected.scopes = outcome.modules
    collected.files_audited = len(outcome.files)
    collected.errors.extend(outcome.errors)
    collected.incomplete = bool(outcome.errors)

    # Templates (PG3xx template rules, PG008): see audit/templates/analyse.py.
    from .templates import audit_templates

    templates = audit_templates(project, config)
    collected.findings.extend(templates.findings)
    collected.files_audited += len(templates.files)

    def text_of(rel: str) -> str | None:
        if rel in templates.templates:
            return templates.text_of(rel)
        return project.source(rel).text if rel.endswith(".py") else None

    return finish(collected, config, text_of,
                  suppression_files=[*outcome.files, *templates.files])
