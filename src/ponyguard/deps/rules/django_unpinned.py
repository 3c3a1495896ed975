"""Django is required without any version constraint.

## Why it matters
A bare `Django` in a requirements file installs whatever is newest on the day of each build:
a rebuild can jump to a new feature release (with its backwards-incompatible changes), two
servers built on different days run different versions, and nothing in the repository
records which version is deployed, so nobody can tell whether a published vulnerability
applies. Auditing tools (this one included) cannot check a version that is not written down.

## Insecure example
```text
# requirements.txt
Django
djangorestframework
```

## Fix
Pin Django exactly (`Django==5.2.19`) or declare a series range (`Django~=5.2.0`) and commit a
lockfile (`pip-compile`, `uv lock`, `poetry lock`, `pdm lock`) that pins it.

A range in `pyproject.toml` is fine when a lockfile beside it pins the version: ponyguard then
judges the lockfile.

## References
- https://pip.pypa.io/en/stable/topics/repeatable-installs/
- https://docs.djangoproject.com/en/stable/internals/release-process/
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.finding import Finding
from ...core.rule import Rule
from ...core.severity import Confidence, Severity
from ..model import Dependency, PinKind
from ._support import TARGET, DepsContext, confidence, is_django, upgrade_advice

rule = Rule("PG605", "django-unpinned", "Django is not pinned", Severity.MEDIUM,
            Confidence.HIGH, cwe=(1357,), doc_text=__doc__, runtime=False)


@rule.on(TARGET)
def check(dependency: Dependency, context: DepsContext) -> Iterator[Finding]:
    if not is_django(dependency) or dependency.kind is not PinKind.ANY:
        return
    if context.pinned_by_lockfile(dependency):
        return
    yield rule.finding(
        f"{dependency.display} has no version constraint: every build installs whatever is newest "
        "that day, and the deployed version is recorded nowhere",
        dependency.location,
        key=f"{dependency.key}:unpinned",
        confidence=confidence(dependency),
        fix=(f"Pin {dependency.display} (e.g. {dependency.display}=="
             f"{upgrade_advice(context.database, context.today).split(' ')[0]}) or commit a "
             "lockfile."),
    )
