"""The pinned or installed version of a package has a known vulnerability.

## Why it matters
A published advisory means the attack is documented: which versions are affected, what an
attacker sends, and often a proof of concept. Django's security releases fix SQL injection
(`QuerySet.filter(**request.GET)`-style `_connector` injection, `FilteredRelation` aliases),
denial of service in template filters, validators and the request parser, and information
leaks. Automated scanners try known vulnerabilities first, so a site on an affected version is
exposed however carefully its own code is written. The same holds for the packages deployed
beside Django (Django REST framework, django-allauth, Pillow…).

ponyguard reports one finding per vulnerability, with its CVE ids and the nearest version that
fixes it in the same release series, so an upgrade within the series is enough. The severity
is the advisory's own rating where it gives one (Django's "high/moderate/low", GitHub's
"critical/high/moderate/low"); otherwise this rule's default, **high**.

## Insecure example
```text
# requirements.txt
Django==4.2.7
```

## Fix
Upgrade to the fixed version the finding names (the newest patch release of your series is
best: `Django==5.2.19`), then lock it again (`pip-compile`, `uv lock`, `poetry lock`).

Patch releases within a series (4.2.x, 5.2.x) contain only security and data-loss fixes and
are safe to apply without code changes. Run `ponyguard deps --update` to refresh the advisory
data from OSV before relying on a clean result.

## References
- https://docs.djangoproject.com/en/stable/releases/security/
- https://www.djangoproject.com/download/#supported-versions
- https://osv.dev/list?ecosystem=PyPI
- https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.finding import Finding
from ...core.rule import Rule
from ...core.severity import Confidence, Severity
from ..advisories.model import Advisory
from ..model import Dependency
from ..versions import series_name
from ._support import TARGET, DepsContext, confidence, display, exact_version, series_of

rule = Rule("PG601", "vulnerable-dependency", "Dependency version with a known vulnerability",
            Severity.HIGH, Confidence.HIGH, cwe=(1395,), doc_text=__doc__, runtime=False)


@rule.on(TARGET)
def check(dependency: Dependency, context: DepsContext) -> Iterator[Finding]:
    version = exact_version(dependency)
    if version is None:
        return
    for advisory in context.database.affecting(dependency.key, version):
        yield _finding(dependency, advisory, context)


def _finding(dependency: Dependency, advisory: Advisory, context: DepsContext) -> Finding:
    version = dependency.version
    assert version is not None
    fix_version = advisory.nearest_fix(version)
    names = ", ".join(advisory.cve_ids) or advisory.id
    others = [i for i in advisory.ids if i not in advisory.cve_ids]
    ids = f"{names} ({', '.join(others)})" if others else names
    summary = f": {advisory.summary}" if advisory.summary else ""
    if fix_version is None:
        fixed = "no fixed version is known"
        fix = (f"Replace {dependency.display} {version}: no release fixes {names} yet; follow "
               "the advisory's workaround.")
    else:
        fixed = f"fixed in {display(fix_version)}"
        if series_name(fix_version) != series_name(version):
            fixed += f" (no fix in the {series_name(version)} series)"
        fix = f"Upgrade {dependency.display} to {display(fix_version)} or later"
        series = series_of(context.database, fix_version) if dependency.key == "django" else None
        if series is not None and series.latest is not None and series.latest > fix_version:
            fix += f" (the {series.name} series' latest is {series.latest})"
        fix += "."
    return rule.finding(
        f"{dependency.display} {version} is affected by {ids}{summary}; {fixed}",
        dependency.location,
        key=f"{dependency.key}:{advisory.key}",
        severity=advisory.severity or rule.severity,
        confidence=confidence(dependency),
        fix=fix,
    )
