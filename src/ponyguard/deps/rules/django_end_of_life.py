"""The Django release series in use is past its end of life.

## Why it matters
Each Django feature release gets security fixes for a fixed time (about 16 months; about
3 years for an LTS release such as 4.2 or 5.2). After that date nobody fixes it: when a new
vulnerability is found, Django's advisory lists only the series still supported, so an
end-of-life version looks clean in every advisory database, pip-audit included, while being
vulnerable to everything found since. This rule reports the series itself, advisory or not.

## Insecure example
```text
# requirements.txt: the 4.1 series stopped receiving security fixes on 2023-12-01
Django==4.1.13
```

## Fix
Upgrade to a supported series (the current LTS is the conservative choice), following Django's
release notes for each feature release in between, and fix deprecation warnings first
(`python -Wd manage.py test`).

## References
- https://www.djangoproject.com/download/#supported-versions
- https://docs.djangoproject.com/en/stable/internals/release-process/#supported-versions
- https://docs.djangoproject.com/en/stable/howto/upgrade-version/
- https://cwe.mitre.org/data/definitions/1104.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.finding import Finding
from ...core.rule import Rule
from ...core.severity import Confidence, Severity
from ..model import Dependency, PinKind
from ._support import (
    TARGET,
    DepsContext,
    admitted,
    confidence,
    is_django,
    series_of,
    upgrade_advice,
)

rule = Rule("PG602", "django-end-of-life", "Django series past end of life", Severity.HIGH,
            Confidence.HIGH, cwe=(1104,), doc_text=__doc__, runtime=False)


@rule.on(TARGET)
def check(dependency: Dependency, context: DepsContext) -> Iterator[Finding]:
    if not is_django(dependency):
        return
    if dependency.kind is PinKind.EXACT and dependency.version is not None:
        version, base = dependency.version, confidence(dependency)
    elif dependency.kind is PinKind.RANGE and not context.pinned_by_lockfile(dependency):
        # A range is only as new as the newest release it admits; one that admits the newest
        # known release cannot be blamed for it.
        releases = admitted(dependency, context.database)
        known = context.database.known_releases(dependency.key)
        if not releases or releases[-1] == known[-1]:
            return
        version, base = releases[-1], confidence(dependency, Confidence.MEDIUM)
    else:
        return
    series = series_of(context.database, version)
    if series is None or not series.is_end_of_life(context.today):
        return
    ended = series.extended_end.isoformat() if series.extended_end else "?"
    subject = (f"{dependency.display} {version}" if dependency.kind is PinKind.EXACT
               else f"{dependency.label} (newest admitted: {version})")
    advice = upgrade_advice(context.database, context.today)
    yield rule.finding(
        f"{subject}: the {series.name} series reached end of life on {ended} and receives no "
        "security fixes; vulnerabilities found since are not listed against it in any advisory",
        dependency.location,
        key=f"{dependency.key}:eol:{series.name}",
        confidence=base,
        fix=f"Upgrade {dependency.display} to a supported series: {advice}.",
    )
