"""A fully offline run: no socket connects anywhere, for deps and for audit."""

from __future__ import annotations

import shutil
import socket

import pytest
from click.testing import CliRunner

from ponyguard.audit import audit_project
from ponyguard.cli import cli
from ponyguard.deps import audit_deps, audit_versions
from tests.deps.helpers import SAMPLES


@pytest.fixture
def connections(monkeypatch):
    """Record every connect attempt; refuse any to a non-loopback address."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded(self, address):
        attempts.append(address)
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"network access to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection",
                        lambda address, *a, **k: guarded(None, address))
    return attempts


def test_deps_on_every_sample_makes_no_connection(connections, tmp_path) -> None:
    shutil.copytree(SAMPLES, tmp_path / "samples")
    result = audit_deps(tmp_path / "samples")
    assert len(result.scopes) == 11 and not result.errors
    assert {"PG601", "PG602", "PG603", "PG604", "PG606"} <= {f.rule.id for f in result.findings}
    audit_versions({"django": ["4.2.7"]})
    out = CliRunner().invoke(cli, ["deps", str(tmp_path / "samples"), "--offline"])
    assert out.exit_code == 1, out.output
    out = CliRunner().invoke(cli, ["deps", "--env", "--offline", "--format", "json"])
    assert out.exit_code in (0, 1), out.output
    assert connections == []


def test_audit_with_lockfiles_makes_no_connection(connections, tmp_path) -> None:
    shutil.copytree(SAMPLES / "uv", tmp_path / "site")
    result = audit_project(tmp_path / "site")
    assert "PG603" in {f.rule.id for f in result.findings}
    assert connections == []
