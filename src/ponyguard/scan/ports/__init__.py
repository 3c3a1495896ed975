"""Network exposure: recognise database, cache, search and broker services on the site's host.

Each service module speaks just enough of its protocol to recognise the service and tell
whether it lets anyone in without credentials (``PING`` for Redis, ``stats`` for memcached,
a startup message for PostgreSQL, the server greeting for MySQL, ``hello`` for MongoDB, ``GET
/`` for Elasticsearch, the management API for RabbitMQ). Nothing is written, no credentials are
tried. The PG9xx rules judge the :class:`ServiceResult` values; the ``ports`` probe glues them to
a scan.
"""

from __future__ import annotations

from .result import Access, ServiceResult
from .scanner import DEFAULT_PORTS, ports_to_probe, scan_services

__all__ = ["DEFAULT_PORTS", "Access", "ServiceResult", "ports_to_probe", "scan_services"]
