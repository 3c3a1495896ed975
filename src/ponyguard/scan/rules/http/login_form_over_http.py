"""A page with a password field (the Django admin login, a sign-in form) is served over plain HTTP,
or its form posts to an `http://` URL.

## Why it matters
A password typed into a page loaded over HTTP can be read by anyone on the network, and an
attacker can rewrite the page to send it elsewhere even if the form posts to HTTPS. A form on
an HTTPS page whose `action` is `http://` sends the password in clear text on submit. The admin
login protects the most powerful accounts of the site.

## Insecure example
```html+django
<form method="post" action="http://example.com/accounts/login/">{% csrf_token %}
  <input type="password" name="password">
</form>
```

## Fix
Serve every page over HTTPS (`SECURE_SSL_REDIRECT = True` or a web-server redirect for all
paths) and use relative form actions (`{% url 'login' %}`), never `http://` URLs.

```python
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
```

## References
- https://docs.djangoproject.com/en/stable/topics/security/#ssl-https
- https://cwe.mitre.org/data/definitions/523.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG751", "login-form-over-http",
            "A login form is served or submitted over plain HTTP",
            Severity.HIGH, Confidence.HIGH, cwe=(319, 523), doc_text=__doc__)
