"""The home page did not answer 2xx (a WAF block, a login wall, an error page).

## Why it matters
The scan still runs every probe: headers, cookies, TLS and exposed files are checked on
whatever the site answers, and a 403 from a WAF or a 404 home page is not "site down". But
checks that read the page itself (forms, DEBUG pages, version hints) saw the block page, not
the site, so the report may be missing findings a browser session would show.

## Insecure example
```text
$ ponyguard scan https://www.example.com/
PG013 home page answered 403 Forbidden (server: cloudflare)
```

## Fix
Allow the scanner through the WAF (by its User-Agent `ponyguard/…` or source address) or pass
what a browser would: `--header "Name: value"`, `--cookie name=value`, `--auth user:pass`.

## References
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/403
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG013", "home-page-not-ok", "Home page did not answer with success", Severity.INFO,
            Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
