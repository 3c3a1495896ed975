"""A scan probe failed with an error; its checks are missing from the report.

## Why it matters
A probe is one family of live checks (headers, cookies, TLS…). When one raises an unexpected
error, ponyguard reports it with the exception's summary and runs every other probe, but the
checks of the failed probe did not happen, so the run is marked incomplete (exit status 2).
This is a bug in ponyguard or a response it did not expect: please report it with the
message.

## Insecure example
```text
PG012 probe `cookies` failed: ValueError: invalid literal for int() with base 10: 'x'
```

## Fix
Report the message to the ponyguard issue tracker; meanwhile `--ignore` the failed probe's rule
ids to get a complete run without it.

## References
- https://github.com/ponyguard/ponyguard/issues
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG012", "probe-failed", "Scan probe failed", Severity.LOW, Confidence.HIGH,
            cwe=(703,), doc_text=__doc__, runtime=False)
