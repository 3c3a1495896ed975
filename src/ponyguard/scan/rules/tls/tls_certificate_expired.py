"""The certificate has expired (or is not valid yet).

## Why it matters
Every browser blocks the site with a full-page error, API clients and webhooks fail, and users
are trained to click through warnings. An expired certificate usually means renewal is broken
(a certbot timer that stopped, a DNS challenge that no longer passes), so the next one will
expire too. A certificate that is not valid yet points at a wrong server clock.

## Insecure example
```text
notAfter=Jan  1 00:00:00 2024 GMT   # in the past
```

## Fix
Renew the certificate now and automate renewal: `certbot renew` on a timer (and reload nginx or
Apache after it: `--deploy-hook "systemctl reload nginx"`), or let Caddy or your platform manage
it.

If the certificate is not valid yet, set the server's clock right (NTP).

## References
- https://eff-certbot.readthedocs.io/en/stable/using.html#automated-renewals
- https://letsencrypt.org/docs/integration-guide/#when-to-renew
- https://cwe.mitre.org/data/definitions/298.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import TlsReport
from ._support import TLS_TARGET, location

rule = Rule("PG803", "tls-certificate-expired", "TLS certificate has expired", Severity.HIGH,
            Confidence.HIGH, cwe=(298, 324), doc_text=__doc__)


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    cert = report.certificate
    if cert is None:
        return
    if cert.not_after < report.checked_at:
        days = (report.checked_at - cert.not_after).days
        yield rule.finding(
            f"The certificate expired on {cert.not_after:%Y-%m-%d} ({days} days ago)",
            location(report), key="expired", evidence=f"notAfter={cert.not_after.isoformat()}")
    elif cert.not_before > report.checked_at:
        yield rule.finding(
            f"The certificate is not valid before {cert.not_before:%Y-%m-%d %H:%M} UTC",
            location(report), key="not-yet-valid",
            evidence=f"notBefore={cert.not_before.isoformat()}",
            fix="Check the server's clock (NTP) and the certificate's validity dates.")
