from __future__ import annotations

import asyncio

import pytest
import trustme

from ponyguard.scan.probes.tls import judge
from ponyguard.scan.tls import TlsReport, inspect_tls

from .certs import ca_bundle
from .servers import tls_server


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    # RSA so that test leaves can be re-signed with SHA-1 (see certs._resign_sha1)
    return trustme.CA(key_type=trustme.KeyType.RSA)


@pytest.fixture
def bundle(ca, tmp_path) -> str:
    return ca_bundle(ca, tmp_path)


@pytest.fixture
def inspect(bundle):
    """``inspect(server_context, server_name="localhost") -> TlsReport`` against a live server."""

    def run(context, *, server_name: str = "localhost", ca: str | None = bundle) -> TlsReport:
        with tls_server(context) as port:
            return asyncio.run(inspect_tls("127.0.0.1", port, server_name=server_name,
                                           ca_bundle=ca, timeout=5))

    return run


@pytest.fixture
def scan(inspect):
    """``scan(server_context, **kw) -> list[Finding]``: inspect, then every PG8xx rule."""

    def run(context, **kwargs):
        return judge(inspect(context, **kwargs))

    return run
