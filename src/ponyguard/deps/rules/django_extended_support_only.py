"""The Django series in use only receives security fixes (extended support).

## Why it matters
After its mainstream support ends, a Django series gets only security and data-loss fixes
until its end of life; ordinary bugs are no longer fixed and the end date is fixed in advance.
This is not a vulnerability: it is the notice to plan the upgrade before the series stops
receiving security releases at all (then ponyguard reports PG602).

## Insecure example
```text
# poetry.lock: the 5.2 LTS series is in extended support until April 2028
[[package]]
name = "django"
version = "5.2.19"
```

## Fix
Nothing is urgent: plan the upgrade to the next supported series before the end-of-life date
the finding names, and keep applying the series' patch releases until then.

## References
- https://www.djangoproject.com/download/#supported-versions
- https://docs.djangoproject.com/en/stable/internals/release-process/#supported-versions
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.finding import Finding
from ...core.rule import Rule
from ...core.severity import Confidence, Severity
from ..model import Dependency
from ._support import (
    TARGET,
    DepsContext,
    confidence,
    exact_version,
    is_django,
    series_of,
    upgrade_advice,
)

rule = Rule("PG604", "django-extended-support-only", "Django series in extended support only",
            Severity.INFO, Confidence.HIGH, cwe=(1104,), doc_text=__doc__, runtime=False)


@rule.on(TARGET)
def check(dependency: Dependency, context: DepsContext) -> Iterator[Finding]:
    version = exact_version(dependency)
    if version is None or not is_django(dependency):
        return
    series = series_of(context.database, version)
    if series is None or not series.is_extended_only(context.today):
        return
    ends = series.extended_end.isoformat() if series.extended_end else "?"
    kind = "LTS series" if series.lts else "series"
    yield rule.finding(
        f"{dependency.display} {version}: the {series.name} {kind} receives only security and "
        f"data-loss fixes until {ends}",
        dependency.location,
        key=f"{dependency.key}:extended:{series.name}",
        confidence=confidence(dependency),
        fix=(f"Plan the upgrade before {ends}; supported releases: "
             f"{upgrade_advice(context.database, context.today, series.name)}."),
    )
