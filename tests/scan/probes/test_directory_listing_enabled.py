from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.exposed_files import exposed_files_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes import samples
from tests.scan.probes.file_sites import catch_all_site, serving


@pytest.mark.parametrize(("path", "page", "server"), [
    ("/media/", samples.NGINX_LISTING, "nginx"),
    ("/static/", samples.APACHE_LISTING, "Apache"),
    ("/media/", samples.PYTHON_LISTING, "http.server"),
    ("/media/", samples.DJANGO_SERVE_LISTING, "Django"),
])
def test_fires_on_listings_of_each_server(path: str, page: str, server: str) -> None:
    [finding] = assert_finds(run_probe(exposed_files_probe, serving(
        path, page, "text/html")), "PG775", severity="medium",
        url=f"https://example.test{path}")
    assert server in (finding.evidence or "")


def test_silent_on_pages_that_are_not_listings() -> None:
    assert_silent(run_probe(exposed_files_probe, catch_all_site()), "PG775")
    assert_silent(run_probe(exposed_files_probe, serving("/media/", samples.GALLERY,
                                                         "text/html")), "PG775")
    assert_silent(run_probe(exposed_files_probe, serving("/media/", samples.NGINX_LISTING,
                                                         "text/html", status=403)), "PG775")
