"""The certificate is not valid for the site's host name.

## Why it matters
A certificate proves the server's identity only for the names it lists (its
subjectAltNames). For any other name, browsers block the page and clients refuse to connect,
exactly as they would for an attacker's certificate. It usually means the site is reached by a
name the certificate was never issued for: `www.` missing, a new domain in `ALLOWED_HOSTS` but
not in the certificate, or the default certificate of a shared load balancer.

## Insecure example
```text
certificate subjectAltName: DNS:example.com
site visited as:            https://www.example.com/
```

## Fix
Issue the certificate for every name the site answers to (every entry of `ALLOWED_HOSTS`),
e.g. `certbot --nginx -d example.com -d www.example.com`, and make the server block that
serves it use the same `server_name`.

Names not in the certificate should redirect at the TLS-terminating server to one that is,
not be served by Django.

## References
- https://www.rfc-editor.org/rfc/rfc6125
- https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
- https://eff-certbot.readthedocs.io/en/stable/using.html#changing-a-certificate-s-domains
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import TlsReport, matches_hostname
from ._support import TLS_TARGET, location

rule = Rule("PG802", "tls-certificate-hostname-mismatch",
            "TLS certificate does not match the host name", Severity.HIGH, Confidence.HIGH,
            cwe=(297,), doc_text=__doc__)


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    cert, name = report.certificate, report.server_name or report.host
    if cert is None or matches_hostname(cert, name):
        return
    listed = ", ".join(cert.names[:8]) or "no subjectAltName at all"
    yield rule.finding(f"The certificate is not valid for {name}: it names {listed}",
                       location(report), key="hostname", evidence=cert.subject)
