from __future__ import annotations

import asyncio

import pytest

from ponyguard.scan.ports import scan_services
from ponyguard.scan.probes.ports import judge


@pytest.fixture
def scan():
    """``scan({"redis": port, …}) -> (results, findings)`` on 127.0.0.1 with a short timeout."""

    def run(ports: dict[str, int], timeout: float = 2.0):
        results = asyncio.run(scan_services("127.0.0.1", ports, timeout))
        return results, judge(results)

    return run
