from __future__ import annotations

from ponyguard.scan.probes.http.exposed_files import exposed_files_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.file_sites import catch_all_site, serving

CONFIG = "[core]\n\trepositoryformatversion = 0\n\tbare = false\n" \
         '[remote "origin"]\n\turl = https://user:hunter2@git.example.test/site.git\n'


def test_fires_on_git_head() -> None:
    [finding] = assert_finds(run_probe(exposed_files_probe, serving(
        "/.git/HEAD", "ref: refs/heads/main\n", "text/plain")), "PG770", severity="critical",
        url="https://example.test/.git/HEAD")
    assert finding.evidence == "HEAD: ref: refs/heads/main"


def test_fires_on_a_detached_head_and_on_git_config_without_showing_remote_urls() -> None:
    assert_finds(run_probe(exposed_files_probe, serving("/.git/HEAD", "a" * 40 + "\n")),
                 "PG770")
    [finding] = assert_finds(run_probe(exposed_files_probe, serving(
        "/.git/config", CONFIG, "text/plain")), "PG770")
    assert "hunter2" not in (finding.evidence or "") + finding.message


def test_one_finding_for_the_repository() -> None:
    ctx = serving("/.git/HEAD", "ref: refs/heads/main\n")
    ctx.routes["GET https://example.test/.git/config"] = ctx.routes[
        "GET https://example.test/.git/HEAD"].__class__(200, {}, CONFIG)
    assert_finds(run_probe(exposed_files_probe, ctx), "PG770", count=1)


def test_silent_on_a_catch_all_site_and_on_forbidden() -> None:
    assert_silent(run_probe(exposed_files_probe, catch_all_site()), "PG770")
    assert_silent(run_probe(exposed_files_probe, serving(
        "/.git/HEAD", "ref: refs/heads/main\n", status=403)), "PG770")


def test_silent_when_the_content_is_not_a_head_file() -> None:
    assert_silent(run_probe(exposed_files_probe, serving(
        "/.git/HEAD", "<html><body>ref: refs/heads/main</body></html>", "text/html")), "PG770")


def test_silent_when_every_path_answers_the_same_head_like_text() -> None:
    # content alone would match; the random-path baseline shows it is the site's answer to
    # anything
    from tests.scan.fakes import Canned, FakeContext

    ctx = FakeContext(default=Canned(200, {"Content-Type": "text/plain"},
                                     "ref: refs/heads/main\n"))
    assert_silent(run_probe(exposed_files_probe, ctx), "PG770")
