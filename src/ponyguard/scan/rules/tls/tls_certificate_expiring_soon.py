"""The certificate expires within 30 days.

## Why it matters
Let's Encrypt certificates last 90 days (shorter ones are coming) and certbot renews them 30 days
before expiry; a certificate that gets this close to its end has usually missed its renewals.
When it expires, browsers block the site and API clients fail.

## Insecure example
```text
notAfter=<in 12 days>   # and no renewal has happened
```

## Fix
Check that automatic renewal works: `certbot renew --dry-run`, the systemd timer or cron job,
and that the web server reloads after renewal (`--deploy-hook "systemctl reload nginx"`).

## References
- https://eff-certbot.readthedocs.io/en/stable/using.html#automated-renewals
- https://letsencrypt.org/docs/integration-guide/#when-to-renew
- https://cwe.mitre.org/data/definitions/298.html
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import TlsReport
from ._support import TLS_TARGET, location

WARN_BEFORE = timedelta(days=30)

rule = Rule("PG804", "tls-certificate-expiring-soon", "TLS certificate expires within 30 days",
            Severity.MEDIUM, Confidence.HIGH, cwe=(298,), doc_text=__doc__)


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    cert = report.certificate
    if cert is None or cert.not_after < report.checked_at:
        return
    left = cert.not_after - report.checked_at
    if left < WARN_BEFORE:
        yield rule.finding(
            f"The certificate expires on {cert.not_after:%Y-%m-%d} (in {left.days} days)",
            location(report), key="expiring", evidence=f"notAfter={cert.not_after.isoformat()}")
