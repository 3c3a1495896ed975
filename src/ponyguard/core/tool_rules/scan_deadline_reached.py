"""The scan's overall deadline was reached before every probe finished.

## Why it matters
Each target gets a fixed time budget (`--deadline`, 30 seconds by default) so that a slow or
hostile server cannot hold a CI job hostage. Probes still running when it expires are
cancelled; the checks they would have made are missing from the report, so the run is marked
incomplete (exit status 2). The finding names the probes that did not finish.

## Insecure example
```text
$ ponyguard scan --deadline 5 https://slow.example.com/
PG011 deadline of 5s reached; not finished: exposed-files, admin
```

## Fix
Raise `--deadline` (and `--timeout` for single requests) for slow sites, or find out why the
site answers so slowly: a server that drips its answers is also easy to exhaust.

## References
- https://owasp.org/www-community/attacks/Slow_Read_DoS
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG011", "scan-deadline-reached", "Scan deadline reached before every probe finished",
            Severity.LOW, Confidence.HIGH, cwe=(400,), doc_text=__doc__, runtime=False)
