"""Django's admin login page answers at a public URL (at the default `/admin/` it is found by every
scanner).

## Why it matters
The admin is the most powerful interface of the site. Reachable by anyone, it is a target for
password guessing and credential stuffing, and it confirms the site runs Django. At `/admin/`
it is found by every bot; Django has no built-in rate limit on it.

## Insecure example
```python
urlpatterns = [path("admin/", admin.site.urls)]
```

## Fix
Limit who can reach the admin: serve it on a non-obvious path, restrict it by IP or VPN at the
web server, and add brute-force protection (django-axes) and two-factor login (django-otp).

```python
urlpatterns = [path(env.str("ADMIN_PATH", "manage-5f3c/"), admin.site.urls)]
```

```nginx
location /manage-5f3c/ { allow 203.0.113.0/24; deny all; proxy_pass http://127.0.0.1:8000; }
```

## References
- https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf
- https://django-axes.readthedocs.io/
- https://owasp.org/www-project-top-ten/2017/A6_2017-Security_Misconfiguration
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG753", "django-admin-public",
            "The Django admin login is reachable from the internet",
            Severity.LOW, Confidence.HIGH, cwe=(284,), doc_text=__doc__)
