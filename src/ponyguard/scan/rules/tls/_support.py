"""Helpers shared by the PG8xx rules."""

from __future__ import annotations

from ....core.finding import Location
from ...tls import TlsReport

TLS_TARGET = "tls"
"""The target PG8xx rules register on: ``check(report: TlsReport)``."""

SERVER_CONFIG_HINT = ("nginx `ssl_protocols`/`ssl_ciphers`, Apache `SSLProtocol`/`SSLCipherSuite`, "
                      "or your load balancer's TLS policy")


def location(report: TlsReport) -> Location:
    return Location(url=report.url)


def endpoint(report: TlsReport) -> str:
    return f"{report.server_name or report.host}:{report.port}"
