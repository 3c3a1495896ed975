"""Certificates for the test servers: one trusted trustme CA (its PEM is the ``--ca-bundle``),
and the broken kinds a scan must report: expired, from an unknown CA, for another host."""

from __future__ import annotations

import datetime
import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class CertFiles:
    cert: Path
    key: Path


class TestPKI:
    """A CA the scans trust and leaf certificates written under ``directory``."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.ca = trustme.CA()
        self.ca_bundle = directory / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_bundle))
        self._count = 0

    def leaf(self, names: tuple[str, ...] = LOOPBACK_NAMES, *, ca: trustme.CA | None = None,
             not_before: datetime.datetime | None = None,
             not_after: datetime.datetime | None = None) -> CertFiles:
        cert = (ca or self.ca).issue_cert(*names, not_before=not_before, not_after=not_after)
        self._count += 1
        files = CertFiles(self.directory / f"leaf{self._count}.pem",
                          self.directory / f"leaf{self._count}.key")
        cert.private_key_and_cert_chain_pem.write_to_path(str(files.cert))
        cert.private_key_pem.write_to_path(str(files.key))
        return files

    def expired(self) -> CertFiles:
        now = datetime.datetime.now(datetime.timezone.utc)
        return self.leaf(not_before=now - datetime.timedelta(days=400),
                         not_after=now - datetime.timedelta(days=3))

    def untrusted(self) -> CertFiles:
        """Issued by a CA the scan does not know (what a self-signed certificate looks like)."""
        return self.leaf(ca=trustme.CA())

    def wrong_host(self) -> CertFiles:
        return self.leaf(("www.example.com",))

    def server_context(self, files: CertFiles | None = None) -> ssl.SSLContext:
        files = files or self.leaf()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(files.cert), str(files.key))
        return context
