"""`settings.py` or `local_settings.py` is served as a file, with `SECRET_KEY`, `DATABASES` or
`INSTALLED_APPS` in it.

## Why it matters
The settings file usually contains `SECRET_KEY` and database credentials, and always describes
the site's security configuration. With `SECRET_KEY` an attacker can forge sessions, signed
cookies and password-reset links.

## Insecure example
```nginx
server { root /srv/mysite/mysite; }   # the project package is the document root
```

## Fix
Serve only `STATIC_ROOT` and `MEDIA_ROOT` from the web server, never the project directory,
then rotate `SECRET_KEY` and every password the file contained.

```nginx
location /static/ { alias /srv/mysite-static/; }
location / { proxy_pass http://127.0.0.1:8000; }
```

## References
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key
- https://docs.djangoproject.com/en/stable/howto/static-files/deployment/
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG773", "settings-file-exposed",
            "A Django settings file is downloadable",
            Severity.CRITICAL, Confidence.HIGH, cwe=(538, 540), doc_text=__doc__)
