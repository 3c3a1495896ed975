"""The certificate chain does not verify against the trusted roots.

## Why it matters
Browsers show a full-page warning, API clients refuse to connect, and users who learn to click
through the warning can no longer tell your site from an attacker's interception proxy. A
self-signed certificate, a certificate from a private CA, or a missing intermediate certificate
all end here. The missing intermediate is the sneaky one: desktop browsers that cached the
intermediate work, while `requests`, `curl`, mobile apps and webhooks fail.

## Insecure example
```nginx
# only the leaf certificate, no intermediate: "unable to get local issuer certificate"
ssl_certificate     /etc/ssl/example.com.crt;
ssl_certificate_key /etc/ssl/example.com.key;
```

## Fix
Serve a certificate from a public CA (Let's Encrypt via certbot or Caddy) with its full chain:
nginx `ssl_certificate /etc/letsencrypt/live/example.com/fullchain.pem;`, Apache
`SSLCertificateFile …/fullchain.pem`.

Caddy obtains and chains certificates by itself. For an internal site signed by a private CA,
scan with `--ca-bundle path/to/ca.pem` so ponyguard trusts what your clients trust.

## References
- https://letsencrypt.org/docs/certificates-for-localhost/
- https://nginx.org/en/docs/http/configuring_https_servers.html#chains
- https://docs.djangoproject.com/en/stable/topics/security/#ssl-https
- https://cwe.mitre.org/data/definitions/295.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import TlsReport
from ._support import TLS_TARGET, endpoint, location

rule = Rule("PG801", "tls-certificate-untrusted", "TLS certificate chain is not trusted",
            Severity.HIGH, Confidence.HIGH, cwe=(295,), doc_text=__doc__)

JUDGED_ELSEWHERE = {
    9: "not yet valid",  # PG803
    10: "expired",  # PG803
    62: "host name mismatch",  # PG802
    66: "key too small",  # PG805
    67: "CA key too small",  # PG805
    68: "signature digest too weak",  # PG806
}
"""OpenSSL verify codes that other rules report with more precision."""


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    error = report.chain_error
    if error is None or error.code in JUDGED_ELSEWHERE:
        return
    yield rule.finding(
        f"The certificate of {endpoint(report)} does not verify: {error.message} "
        f"(OpenSSL error {error.code})",
        location(report), key="certificate-chain",
        evidence=report.certificate.issuer if report.certificate else None)
