"""The site answers `Access-Control-Allow-Origin` with whatever `Origin` the request sent (checked
with `Origin: https://evil.example`).

## Why it matters
Echoing the origin grants every website the right to read your responses from a visitor's
browser. With `Access-Control-Allow-Credentials: true` the browser also sends the visitor's
cookies, so any site they visit can read their private pages and API data as them. Without
credentials the impact is limited to what is readable anyway, but the configuration is almost
always a mistake (`CORS_ALLOW_ALL_ORIGINS` or a regex that matches everything).

## Insecure example
```python
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
# or
CORS_ALLOWED_ORIGIN_REGEXES = [r".*"]
```

## Fix
List the origins that may read responses in django-cors-headers' `CORS_ALLOWED_ORIGINS`
(exact `https://` origins), and only use `CORS_ALLOW_CREDENTIALS = True` with such a list.

```python
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True
```

## References
- https://github.com/adamchainz/django-cors-headers#configuration
- https://portswigger.net/web-security/cors
- https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG738", "cors-origin-reflected",
            "CORS allows any origin by echoing it",
            Severity.HIGH, Confidence.HIGH, cwe=(942, 346), doc_text=__doc__)
