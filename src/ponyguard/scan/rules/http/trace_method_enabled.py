"""The server answers `TRACE` by echoing the request, headers included.

## Why it matters
TRACE echoes everything the server received, including headers added by proxies and any
cookies or `Authorization` header the client sent. Combined with another flaw it has been used
to read `HttpOnly` cookies (cross-site tracing), and it reveals internal proxy headers. No
Django site needs it; Django itself never answers TRACE with an echo, so the web server or a
proxy in front is doing it.

## Insecure example
```apache
# Apache: the default
TraceEnable On
```

## Fix
Disable TRACE at the web server: `TraceEnable Off` in Apache; in nginx (which does not echo
TRACE itself) reject it at the proxy, e.g. `if ($request_method = TRACE) { return 405; }`.

```apache
TraceEnable Off
```

## References
- https://httpd.apache.org/docs/current/mod/core.html#traceenable
- https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/06-Test_HTTP_Methods
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG741", "trace-method-enabled",
            "The TRACE method is enabled",
            Severity.LOW, Confidence.HIGH, cwe=(693, 200), doc_text=__doc__)
