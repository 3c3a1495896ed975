"""`/media/` or `/static/` answers with a directory listing (nginx `autoindex`, Apache `Indexes`,
Django's `serve(show_indexes=True)`, Python's http.server).

## Why it matters
A listing of `MEDIA_URL` shows every file users uploaded (invoices, identity documents,
private attachments) to anyone, including files whose URLs were meant to be unguessable. A
listing of `STATIC_URL` reveals the apps and versions installed.

## Insecure example
```nginx
location /media/ { alias /srv/media/; autoindex on; }
```

## Fix
Turn listings off: remove `autoindex on;` (nginx), use `Options -Indexes` (Apache), and never
route `django.views.static.serve` with `show_indexes=True` in production; serve private uploads
through a view that checks permissions.

```nginx
location /media/ { alias /srv/media/; autoindex off; }
```

## References
- https://nginx.org/en/docs/http/ngx_http_autoindex_module.html
- https://docs.djangoproject.com/en/stable/ref/views/#serving-files-in-development
- https://cwe.mitre.org/data/definitions/548.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG775", "directory-listing-enabled",
            "The server lists the files of a directory",
            Severity.MEDIUM, Confidence.HIGH, cwe=(548,), doc_text=__doc__)
