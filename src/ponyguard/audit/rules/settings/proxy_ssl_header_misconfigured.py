"""SECURE_PROXY_SSL_HEADER is malformed, never matches a request, or marks plain HTTP as secure.

## Why it matters
Behind a proxy or load balancer that terminates TLS, Django receives plain HTTP, so
`request.is_secure()` is False unless `SECURE_PROXY_SSL_HEADER` tells it which header the
proxy sets. The setting is a pair `(META key, value)`: Django looks the first item up in
`request.META`, where a header `X-Forwarded-Proto` is spelt `HTTP_X_FORWARDED_PROTO`, and
compares the header's value with the second item, exactly and case-sensitively.

* Written as a header name (`"X-Forwarded-Proto"`, or without the `HTTP_` prefix) the key is
  never found and every request counts as plain HTTP: with `SECURE_SSL_REDIRECT = True` each
  HTTPS request is redirected to HTTPS again, forever (the classic Heroku/ELB redirect loop);
  without it, absolute URLs in password-reset e-mails and redirects use `http://`, and CSRF
  origin checks of HTTPS form posts fail unless `CSRF_TRUSTED_ORIGINS` lists the site.
* A value that means plain HTTP (`("HTTP_X_FORWARDED_PROTO", "http")`) inverts the test:
  Django treats requests that reached the proxy **without** TLS as secure.
* Anything but a pair makes Django raise an error (`ImproperlyConfigured` for a sequence of
  the wrong length) on every request that asks `is_secure()`.

The setting is also a trust decision: set it only when the proxy removes or overwrites the header
on every incoming request. Otherwise any client can send `X-Forwarded-Proto: https` over plain
HTTP and Django believes the connection is encrypted. This cannot be seen from the settings, and
neither can a proxy deployment that lacks the setting; ponyguard reports only the values that
are wrong in themselves.

## Insecure example
```python
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("X-Forwarded-Proto", "https")   # never matches: redirect loop
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "http")  # plain HTTP counts as secure
```

## Fix
Name the header the way `request.META` does and compare it with the value your proxy sends for
HTTPS: `SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")`, and only if the proxy
strips or overwrites that header on every request from clients.

With nginx, for example, set the header yourself instead of passing the client's on:
`proxy_set_header X-Forwarded-Proto $scheme;`. Managed load balancers (Heroku's router, AWS ALB)
set `X-Forwarded-Proto` themselves; check your proxy's documentation before trusting a header.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header
- https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.META
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Forwarded-Proto
- https://cwe.mitre.org/data/definitions/348.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import is_unknown
from ...settings.view import SettingsView
from ._support import is_true, report, truth

rule = Rule("PG125", "proxy-ssl-header-misconfigured",
            "SECURE_PROXY_SSL_HEADER is misconfigured", Severity.MEDIUM, Confidence.HIGH,
            cwe=(348, 807), doc_text=__doc__)

KEY = "SECURE_PROXY_SSL_HEADER"
FORWARDING_HEADERS = frozenset({
    "X_FORWARDED_PROTO", "X_FORWARDED_PROTOCOL", "X_FORWARDED_SSL", "X_FORWARDED_SCHEME",
    "X_FORWARDED_HTTPS", "X_SCHEME", "X_URL_SCHEME", "X_ARR_SSL", "FRONT_END_HTTPS",
    "FORWARDED", "CLOUDFRONT_FORWARDED_PROTO",
})
"""Names of headers proxies use to pass on the scheme, as META spells them minus ``HTTP_``."""
PLAIN_VALUES = frozenset({"http", "off", "false", "no", "0"})
"""Header values that say the client connection was **not** encrypted."""
FIX = ('Set SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https"), and only if your '
       "proxy overwrites that header on every request.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value(KEY)
    data = value.data
    if truth(data) is not True:
        return  # unset, None, an empty value (Django skips the check) or unknown
    if not isinstance(data, (list, tuple)) or len(data) != 2:
        if isinstance(data, (list, tuple)) and any(is_unknown(item) for item in data):
            return  # a list with a part of unknown length
        yield report(rule, view, value,
                     f"{KEY} is not a (header, value) pair: Django raises an error on every "
                     "request that checks request.is_secure()", key=KEY, fix=FIX)
        return
    header, secure_value = data
    if is_unknown(header) or is_unknown(secure_value):
        return
    redirect = is_true(view.value("SECURE_SSL_REDIRECT").data)
    consequence = ("request.is_secure() is False behind the proxy, so SECURE_SSL_REDIRECT "
                   "redirects HTTPS requests to HTTPS forever" if redirect else
                   "request.is_secure() is False behind the proxy, so Django builds http:// "
                   "links (password-reset e-mails too) and CSRF origin checks can fail")
    if not isinstance(header, str):
        yield report(rule, view, value, f"{KEY}'s header name {header!r} is not a string and "
                     f"never matches: {consequence}", key=KEY, fix=FIX)
        return
    correct = meta_key(header)
    if correct is not None:
        # A hyphen, a mis-cased HTTP_ prefix or a known forwarding header is certain; another
        # X- name without the prefix could, in theory, be an environ variable the server sets.
        bare = correct.removeprefix("HTTP_")
        sure = "-" in header or header.upper().startswith("HTTP_") or bare in FORWARDING_HEADERS
        yield report(rule, view, value,
                     f"{KEY} names {header!r}, which is never a request.META key (Django "
                     f"spells that header {correct!r}): {consequence}", key=KEY,
                     fix=f'Write the META key: SECURE_PROXY_SSL_HEADER = ("{correct}", '
                         f'"https"), and only if your proxy overwrites that header.',
                     confidence=None if sure else Confidence.MEDIUM)
        return
    if not isinstance(secure_value, str):
        yield report(rule, view, value,
                     f"{KEY}'s value {secure_value!r} is not a string and never equals the "
                     f"header's text: {consequence}", key=KEY, fix=FIX)
        return
    if secure_value.strip().lower() in PLAIN_VALUES:
        yield report(rule, view, value,
                     f"{KEY} treats a request as HTTPS when {header} is {secure_value!r}: "
                     "connections that reached the proxy over plain HTTP count as secure",
                     key=KEY, fix=FIX, severity=Severity.HIGH)


def meta_key(header: str) -> str | None:
    """The ``request.META`` key for ``header`` when ``header`` cannot be one itself, else None.

    WSGI servers put a request header ``X-Forwarded-Proto`` into the environ as
    ``HTTP_X_FORWARDED_PROTO``: upper case, ``-`` replaced by ``_``, ``HTTP_`` in front. A
    name with a hyphen or a lower-case ``http_`` prefix is therefore never a META key. Names
    without the prefix are only reported for well-known forwarding headers (and ``X-`` ones):
    servers may set other environ variables themselves (``HTTPS=on`` from mod_wsgi or a
    ``uwsgi_param``), which are legitimate META keys.
    """
    canonical = header.strip().upper().replace("-", "_").replace(" ", "_")
    if not canonical.startswith("HTTP_"):
        if "-" not in header and canonical not in FORWARDING_HEADERS \
                and not canonical.startswith("X_"):
            return None
        canonical = "HTTP_" + canonical
    return None if canonical == header else canonical

