"""Loopback test servers for the scan: the example Django sites and hostile servers.

Fixtures are in ``tests/scan/conftest.py``; :mod:`.harness` runs the engine against them.
"""
