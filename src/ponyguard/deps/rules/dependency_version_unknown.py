"""A dependency is installed from a URL or VCS checkout, so its version cannot be checked.

## Why it matters
`git+https://github.com/django/django@main`, a tarball URL or a local archive bypasses the
package index: there is no release version to compare with advisories, and the code installed
can change under the same line (a branch moves). ponyguard cannot say whether it is
vulnerable or end-of-life, and neither can any other audit tool, so this is reported rather
than passed silently. Only packages ponyguard has data for (Django, and packages with
advisories in its data) are reported.

## Insecure example
```text
# requirements.txt
django @ git+https://github.com/django/django.git@stable/4.2.x
```

## Fix
Install released versions from the index (`Django==5.2.19`). If you need a fork, pin a tag
or commit (`@<commit sha>`), track the upstream security releases yourself, and record the
upstream version it corresponds to.

## References
- https://pip.pypa.io/en/stable/topics/vcs-support/
- https://packaging.python.org/en/latest/specifications/direct-url/
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.finding import Finding
from ...core.redact import redact_text
from ...core.rule import Rule
from ...core.severity import Confidence, Severity
from ..model import Dependency, PinKind
from ._support import TARGET, DepsContext, confidence

rule = Rule("PG607", "dependency-version-unknown", "Dependency version cannot be determined",
            Severity.LOW, Confidence.HIGH, cwe=(1357,), doc_text=__doc__, runtime=False)


@rule.on(TARGET)
def check(dependency: Dependency, context: DepsContext) -> Iterator[Finding]:
    if dependency.kind is not PinKind.UNKNOWN or not context.database.has_data(dependency.key):
        return
    origin = redact_text(dependency.detail) or "a URL"
    yield rule.finding(
        f"{dependency.display} is installed from {origin}: its version cannot be checked against "
        "advisories or support dates",
        dependency.location,
        key=f"{dependency.key}:unknown",
        confidence=confidence(dependency),
        fix=f"Install a released {dependency.display} version from the package index.",
    )
