"""`db.sqlite3` (recognised by the SQLite header) or an SQL dump is downloadable from the site.

## Why it matters
The database holds every user's data and password hash, sessions (usable to log in as
anyone while they are valid) and everything else the site stores. A downloadable copy is a
full data breach.

## Insecure example
```nginx
server { root /srv/mysite; }   # BASE_DIR / "db.sqlite3" is now public
```

## Fix
Keep `db.sqlite3` and dumps outside every served directory (put the database in a data
directory, not the project checkout), serve only `STATIC_ROOT` and `MEDIA_ROOT`, then treat the
data as leaked: rotate sessions and `SECRET_KEY`, and notify as the law requires.

```python
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3",
                         "NAME": "/var/lib/mysite/db.sqlite3"}}
```

## References
- https://docs.djangoproject.com/en/stable/howto/static-files/deployment/
- https://cwe.mitre.org/data/definitions/530.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG772", "database-dump-exposed",
            "The database file or an SQL dump is downloadable",
            Severity.CRITICAL, Confidence.HIGH, cwe=(530, 538), doc_text=__doc__)
