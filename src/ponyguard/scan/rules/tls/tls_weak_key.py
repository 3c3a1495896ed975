"""The certificate's public key is too small (RSA or DSA under 2048 bits, EC under 256).

## Why it matters
The server's key is what proves its identity and, without forward secrecy, what protects every
recorded session. 1024-bit RSA is within reach of well-funded attackers and has been refused by
public CAs since 2013; browsers and OpenSSL's default security level 2 reject such keys outright,
so clients on current systems may fail to connect.

## Insecure example
```bash
openssl req -newkey rsa:1024 -keyout example.key -out example.csr
```

## Fix
Issue a new certificate with an ECDSA P-256 key or an RSA key of at least 2048 bits:
`certbot certonly --key-type ecdsa` (or `--rsa-key-size 2048`), or `openssl req -newkey
rsa:2048`, then point nginx `ssl_certificate_key` (Apache `SSLCertificateKeyFile`) at it.

## References
- https://wiki.mozilla.org/Security/Server_Side_TLS
- https://csrc.nist.gov/pubs/sp/800/131/a/r2/final
- https://cwe.mitre.org/data/definitions/326.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import TlsReport
from ._support import TLS_TARGET, location

rule = Rule("PG805", "tls-weak-key", "TLS certificate key is too small", Severity.MEDIUM,
            Confidence.HIGH, cwe=(326,), doc_text=__doc__)

MINIMUM_BITS = {"RSA": 2048, "DSA": 2048, "EC": 256}
BROKEN_BITS = {"RSA": 1024, "DSA": 1024, "EC": 160}
"""At or under these sizes the key is practically breakable: high severity."""


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    cert = report.certificate
    if cert is None or cert.key_bits is None or cert.key_type not in MINIMUM_BITS:
        return
    if cert.key_bits >= MINIMUM_BITS[cert.key_type]:
        return
    broken = cert.key_bits <= BROKEN_BITS[cert.key_type]
    yield rule.finding(
        f"The certificate has a {cert.key_bits}-bit {cert.key_type} key "
        f"(at least {MINIMUM_BITS[cert.key_type]} bits needed)",
        location(report), key=f"key-{cert.key_type}",
        severity=Severity.HIGH if broken else None, evidence=f"{cert.key_type} {cert.key_bits}")
