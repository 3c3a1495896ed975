"""The date of the release and advisory data the dependency checks used.

## Why it matters
Dependency findings are only as current as the data behind them: a vulnerability published
after the data's date is not known, and a new patch release is not counted as "latest". Every
report that checked dependencies therefore says which data it used and how old it is, in every
format (text, JSON, SARIF, HTML). It is information, never a problem by itself; when the data
is more than 90 days old the message says so.

## Insecure example
```text
$ ponyguard deps   # with bundled data from months ago and no --update since
```

## Fix
Run `ponyguard deps --update` (network: OSV's public API) to refresh the advisories into your
cache, or upgrade ponyguard for newer bundled release data.

## References
- https://osv.dev/
- https://google.github.io/osv.dev/api/
"""

from __future__ import annotations

from ...core.rule import Rule
from ...core.severity import Confidence, Severity

rule = Rule("PG021", "dependency-data-date", "Dependency data date", Severity.INFO,
            Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
