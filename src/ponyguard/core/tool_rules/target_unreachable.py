"""The scanned site could not be reached, so the live checks found little or nothing.

## Why it matters
A scan reports what the site sends back. When the home page cannot be fetched at all (the
connection is refused, times out, the TLS handshake fails even without certificate checks, or
the server answers with something that is not HTTP), the HTTP checks have nothing to look at:
an empty report would read as a clean bill of health, so the run is marked incomplete and exits
with status 2 instead.

## Insecure example
```text
$ ponyguard scan https://www.example.com/
PG010 https://www.example.com/  connection failed: [Errno 111] Connection refused
```

## Fix
Check the URL, port and firewall, and scan from a machine that can reach the site. Behind a
login wall or a WAF, pass `--header`, `--cookie` or `--auth`; for a private CA, `--ca-bundle`.

## References
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG010", "target-unreachable", "Scanned site could not be reached", Severity.HIGH,
            Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
