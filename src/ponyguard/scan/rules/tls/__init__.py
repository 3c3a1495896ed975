"""PG8xx: the live TLS endpoint — certificate, protocol versions, cipher suites.

Each rule registers a callback on the ``"tls"`` target: ``check(report: TlsReport)`` yields
findings for one :class:`~ponyguard.scan.tls.TlsReport`.
"""
