"""The site shows Django's technical 404 or 500 page (or the "install worked" welcome page): `DEBUG
= True` in production.

## Why it matters
The technical 404 page lists every URL pattern of the site, including hidden admin and API
paths. The technical 500 page shows source code, local variables, request data and most
settings. Anyone can trigger a 404 by requesting a random URL, so the whole URL map is one
request away, and any error leaks code and data. Django also keeps every SQL query in memory
under DEBUG.

## Insecure example
```python
DEBUG = True
```

## Fix
Set `DEBUG = False` in production settings (make environment-driven values default to
off: `DEBUG = env.bool("DJANGO_DEBUG", default=False)`), and set `ALLOWED_HOSTS`.

```python
DEBUG = False
ALLOWED_HOSTS = ["example.com"]
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#debug
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug
- https://owasp.org/Top10/A05_2021-Security_Misconfiguration/
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG750", "django-debug-page",
            "Django's DEBUG pages are shown to visitors",
            Severity.CRITICAL, Confidence.HIGH, cwe=(489, 215), doc_text=__doc__)
