"""A POST form with a password field has no `csrfmiddlewaretoken` hidden input.

## Why it matters
Without a CSRF token, another site can submit the form in the visitor's browser. For a login
form that means login CSRF: the victim is silently signed in to the attacker's account and
whatever they do next (saved cards, uploaded documents, search history) lands with the
attacker. For a password-change form it can mean account takeover. The usual cause is a
template without `{% csrf_token %}` on a view marked `@csrf_exempt`, or a hand-written form.

## Insecure example
```html+django
<form method="post" action="{% url 'login' %}">
  <input name="username"><input type="password" name="password">
</form>
```

## Fix
Add `{% csrf_token %}` inside every POST form, keep `CsrfViewMiddleware` enabled, and remove
`@csrf_exempt` from the login view.

```html+django
<form method="post" action="{% url 'login' %}">{% csrf_token %}
  <input name="username"><input type="password" name="password">
</form>
```

## References
- https://docs.djangoproject.com/en/stable/howto/csrf/
- https://docs.djangoproject.com/en/stable/ref/csrf/
- https://owasp.org/www-community/attacks/csrf
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG752", "login-form-without-csrf-token",
            "A login form has no CSRF token",
            Severity.MEDIUM, Confidence.MEDIUM, cwe=(352,), doc_text=__doc__)
