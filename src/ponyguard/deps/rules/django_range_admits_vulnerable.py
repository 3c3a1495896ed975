"""A Django version range admits releases with known vulnerabilities.

## Why it matters
A range such as `Django>=4.2` or Poetry's `^4.2` lets the installer choose any release it
admits. pip picks the newest one today, but a cached wheel, an old lockfile, another
constraint or a private index can select an older, vulnerable release, and nothing stops it.
The range is judged by the releases it admits among all known Django releases: the finding
lists the vulnerable ones ("admits vulnerable 4.2.0–4.2.15"). It is **high** when even the
newest admitted release is vulnerable (an upper bound that excludes every fix), **medium**
otherwise.

## Insecure example
```text
# requirements.txt
Django>=4.2,<5.0
```

## Fix
Admit one series from its first release without known vulnerabilities (`Django~=5.2.19`,
which means `>=5.2.19,<5.3`), or pin exactly and let a lockfile and Dependabot/Renovate move
it. A lower bound alone (`Django>=5.2.19`) still admits the vulnerable early releases of every
later series.

A range in `pyproject.toml` next to a lockfile that pins Django is not reported: the lockfile
is what gets installed, and it is judged instead.

## References
- https://packaging.python.org/en/latest/specifications/version-specifiers/
- https://docs.djangoproject.com/en/stable/releases/security/
- https://pip.pypa.io/en/stable/topics/repeatable-installs/
"""

from __future__ import annotations

from collections.abc import Iterator

from packaging.version import Version

from ...core.finding import Finding
from ...core.rule import Rule
from ...core.severity import Confidence, Severity
from ..model import Dependency, PinKind
from ..versions import series_name
from ._support import TARGET, DepsContext, admitted, confidence, display, is_django, spans

rule = Rule("PG606", "django-range-admits-vulnerable",
            "Django version range admits vulnerable releases", Severity.MEDIUM,
            Confidence.HIGH, cwe=(1395,), doc_text=__doc__, runtime=False)


@rule.on(TARGET)
def check(dependency: Dependency, context: DepsContext) -> Iterator[Finding]:
    if not is_django(dependency) or dependency.kind is not PinKind.RANGE:
        return
    if context.pinned_by_lockfile(dependency):
        return
    releases = admitted(dependency, context.database)
    vulnerable = [v for v in releases if context.database.affecting(dependency.key, v)]
    if not vulnerable:
        return
    newest_bad = vulnerable[-1] == releases[-1]
    message = f"{dependency.label} admits vulnerable {spans(vulnerable, releases)}"
    if newest_bad:
        message += "; the newest release it admits is affected too"
    yield rule.finding(
        message,
        dependency.location,
        key=f"{dependency.key}:range",
        severity=Severity.HIGH if newest_bad else Severity.MEDIUM,
        confidence=confidence(dependency),
        fix=_fix(dependency.display, releases, vulnerable, newest_bad),
    )


def _fix(name: str, releases: list[Version], vulnerable: list[Version], newest_bad: bool) -> str:
    if newest_bad:
        return (f"Allow a fixed release: widen or drop the upper bound and pin {name} to the "
                "latest patch release of a supported series.")
    # The newest admitted series, from its first release after the last vulnerable one.
    newest = releases[-1]
    same = [v for v in releases if series_name(v) == series_name(newest)]
    bad = [v for v in vulnerable if series_name(v) == series_name(newest)]
    first_safe = next(v for v in same if not bad or v > bad[-1])
    return (f"Admit only releases without known vulnerabilities: {name}~={display(first_safe)} "
            f"(or pin {name}=={newest} and commit a lockfile).")
