"""Session-wide loopback servers for the scan tests (never any other address).

* ``pki``: a trustme CA (``pki.ca_bundle`` is the ``--ca-bundle``) and leaf certificates;
* ``hardened_site`` / ``insecure_site``: ``examples/secure_site`` and
  ``examples/insecure_site`` under gunicorn, HTTPS and plain HTTP, on free ports;
* ``server_loop``: :class:`~tests.scan.servers.hostile.ServerLoop`, for hostile servers
  (``with server_loop.serve("gzip-bomb") as port: ...``);
* ``hostile``: every hostile behaviour already running, ``hostile["slow-drip"]`` → port.
"""

from __future__ import annotations

import ssl
import warnings
from collections.abc import Iterator

import pytest

from .servers.certs import TestPKI
from .servers.django_site import DjangoSite, start_site
from .servers.hostile import BEHAVIOURS, ServerLoop


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPKI:
    return TestPKI(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def server_loop() -> Iterator[ServerLoop]:
    loop = ServerLoop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def hostile(server_loop: ServerLoop) -> dict[str, int]:
    return {behaviour: server_loop.start(behaviour) for behaviour in BEHAVIOURS}


def _site(config: str, pki: TestPKI, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[DjangoSite]:
    site = start_site(config, pki.leaf(), pki.ca_bundle, tmp_path_factory.mktemp(config))
    yield site
    site.stop()


@pytest.fixture(scope="session")
def hardened_site(pki: TestPKI, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[DjangoSite]:
    yield from _site("hardened", pki, tmp_path_factory)


@pytest.fixture(scope="session")
def insecure_site(pki: TestPKI, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[DjangoSite]:
    yield from _site("insecure", pki, tmp_path_factory)


def tls10_context(pki: TestPKI) -> ssl.SSLContext | None:
    """A server context that only speaks TLS 1.0, or None when the local OpenSSL cannot."""
    if not ssl.HAS_TLSv1:
        return None
    context = pki.server_context()
    try:
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = ssl.TLSVersion.TLSv1
    except (ssl.SSLError, ValueError):
        return None
    return context
