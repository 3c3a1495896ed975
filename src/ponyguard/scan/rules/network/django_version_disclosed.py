"""The site's Django release can be read off its admin static files.

## Why it matters
Django's admin CSS and JavaScript change from release to release, and `/static/admin/` is
served to anyone. Comparing a handful of those files with every release on PyPI narrows the
site's Django version to one release or a few, which tells an attacker exactly which published
security fixes the site lacks. The disclosure is minor by itself (info); what matters is the
version it reveals, which ponyguard hands to the dependency audit.

## Insecure example
```text
GET /static/admin/css/base.css      -> same bytes as Django 4.2.9 … 4.2.30
GET /static/admin/js/nav_sidebar.js -> same bytes as Django 4.2.9 … 4.2.30
```

## Fix
Keep Django on the latest patch release of a supported series (`pip install -U "django~=5.2.0"`),
so the version it reveals has no known vulnerability.

If the admin is only for staff, serve `/static/admin/` (and the admin itself) only to their
network at the web server, e.g. nginx `location /static/admin/ { allow 10.0.0.0/8; deny all; }`.

## References
- https://www.djangoproject.com/download/#supported-versions
- https://docs.djangoproject.com/en/stable/howto/static-files/deployment/
- https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/01-Information_Gathering/08-Fingerprint_Web_Application_Framework
- https://cwe.mitre.org/data/definitions/200.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG950", "django-version-disclosed", "Django version readable from static files",
            Severity.INFO, Confidence.MEDIUM, cwe=(200,), doc_text=__doc__)
