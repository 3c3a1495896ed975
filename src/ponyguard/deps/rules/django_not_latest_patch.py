"""Django is not on the latest patch release of its series.

## Why it matters
Django publishes security fixes as patch releases of every supported series (5.2.18 → 5.2.19),
usually on the first Tuesday of the month, announced a week ahead. A site that is behind its
series' latest patch release misses fixes that are already public. Patch releases change
nothing else (only security, data-loss and regression fixes), so staying current costs little.

The finding is **medium** when a release being skipped fixed a security issue and **low**
when the releases behind are bug fixes only.

## Insecure example
```text
# uv.lock
[[package]]
name = "django"
version = "5.2.17"   # 5.2.19 is out
```

## Fix
Upgrade to the latest patch release of your series (`Django==5.2.19`, or `Django~=5.2.0`
with a lockfile) and automate it (Dependabot or Renovate with a lockfile, or a monthly
`pip-compile --upgrade-package django`).

## References
- https://docs.djangoproject.com/en/stable/internals/release-process/
- https://docs.djangoproject.com/en/stable/releases/
- https://www.djangoproject.com/weblog/
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.finding import Finding
from ...core.rule import Rule
from ...core.severity import Confidence, Severity
from ..model import Dependency
from ._support import TARGET, DepsContext, confidence, exact_version, is_django, series_of

rule = Rule("PG603", "django-not-latest-patch", "Django is behind its series' latest patch release",
            Severity.MEDIUM, Confidence.HIGH, cwe=(1104,), doc_text=__doc__, runtime=False)


@rule.on(TARGET)
def check(dependency: Dependency, context: DepsContext) -> Iterator[Finding]:
    version = exact_version(dependency)
    if version is None or not is_django(dependency):
        return
    series = series_of(context.database, version)
    if series is None or series.latest is None or version >= series.latest:
        return
    behind = [v for v in series.releases if version < v <= series.latest
              and v not in context.database.unavailable]
    fixed = {f for a in context.database.advisories_for("django") for f in a.fixed_versions}
    security = [v for v in behind if v in fixed]
    detail = f"{len(behind)} release(s) behind"
    if security:
        detail += f", {len(security)} of them with security fixes"
    yield rule.finding(
        f"{dependency.display} {version} is behind {series.latest}, the latest patch release of "
        f"the {series.name} series ({detail})",
        dependency.location,
        key=f"{dependency.key}:latest-patch",
        severity=Severity.MEDIUM if security else Severity.LOW,
        confidence=confidence(dependency),
        fix=f"Upgrade {dependency.display} to {series.latest}.",
    )
