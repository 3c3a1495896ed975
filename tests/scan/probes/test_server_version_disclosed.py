from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.server import server_version_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, run_probe


def seen_with(**headers: str) -> FakeContext:
    ctx = FakeContext(routes={"https://example.test/": Canned(
        200, {k.replace("_", "-"): v for k, v in headers.items()})})
    run_probe(lambda c: _home(c), ctx)
    return ctx


async def _home(ctx):
    await ctx.home()
    return []


@pytest.mark.parametrize(("header", "value"), [
    ("Server", "nginx/1.18.0 (Ubuntu)"),
    ("Server", "Apache/2.4.41"),
    ("Server", "gunicorn/20"),
    ("Server", "WSGIServer/0.2 CPython/3.11.7"),
    ("X_Powered_By", "PHP/8.1.2"),
])
def test_fires_on_version_numbers(header: str, value: str) -> None:
    [finding] = assert_finds(run_probe(server_version_probe, seen_with(**{header: value})),
                             "PG740", severity="low")
    assert value in finding.message


@pytest.mark.parametrize("value", ["nginx", "cloudflare", "Apache", "gunicorn", "AmazonS3"])
def test_silent_on_product_names_alone(value: str) -> None:
    assert_silent(run_probe(server_version_probe, seen_with(Server=value)), "PG740")
