"""Probe the fixed list of service ports on one host, concurrently, each bounded by a timeout."""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Awaitable, Callable, Mapping

from . import http_services, memcached, mongodb, mysql, postgresql, redis
from .result import ServiceResult

Identify = Callable[[str, int, float], Awaitable["ServiceResult | None"]]

DEFAULT_PORTS: dict[str, int] = {
    "redis": 6379,
    "memcached": 11211,
    "postgresql": 5432,
    "mysql": 3306,
    "mongodb": 27017,
    "elasticsearch": 9200,
    "rabbitmq": 15672,
}
IDENTIFY: dict[str, Identify] = {
    "redis": redis.identify,
    "memcached": memcached.identify,
    "postgresql": postgresql.identify,
    "mysql": mysql.identify,
    "mongodb": mongodb.identify,
    "elasticsearch": http_services.identify_elasticsearch,
    "rabbitmq": http_services.identify_rabbitmq,
}


def ports_to_probe(overrides: Mapping[str, int] | None = None) -> dict[str, int]:
    """The default port of every service, with ``overrides`` (``{"redis": 6380}``) applied.

    An override of 0 or less skips that service; unknown service names are ignored.
    """
    ports = dict(DEFAULT_PORTS)
    for service, port in (overrides or {}).items():
        if service in ports:
            ports[service] = port
    return {service: port for service, port in ports.items() if port > 0}


async def scan_services(host: str, ports: Mapping[str, int], timeout: float
                        ) -> list[ServiceResult]:
    """Every service of ``ports`` recognised on ``host``. A refused, silent or foreign port is
    simply absent; the whole takes about one ``timeout`` per conversation step at worst."""
    results = await asyncio.gather(*(_identify(service, host, port, timeout)
                                     for service, port in ports.items()))
    return [result for result in results if result is not None]


async def _identify(service: str, host: str, port: int, timeout: float) -> ServiceResult | None:
    try:
        return await asyncio.wait_for(IDENTIFY[service](host, port, timeout), timeout * 4)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError,
            IndexError, UnicodeError, struct.error):
        return None
