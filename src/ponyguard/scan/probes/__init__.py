"""Every live probe. The engine imports each module under this package so ``@probe`` registers it.

``http`` holds the PG7xx probes (HTTPS, redirects, HSTS, cookies, headers, Django specifics,
exposed files); the TLS, port and fingerprint probes live beside it.
"""
