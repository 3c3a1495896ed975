"""``ponyguard scan``: formats, exit codes, thresholds, many targets, secrets never printed."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ponyguard.cli import cli
from ponyguard.core.result import RunResult
from ponyguard.scan.runner import redacted
from tests.report import finding

pytestmark = pytest.mark.network
SCHEMA = Path(__file__).resolve().parents[2].parent / "shared/data/sarif-schema-2.1.0.json"
FAST = ["--no-ports", "--timeout", "2", "--deadline", "20"]


def invoke(*args: str):
    return CliRunner().invoke(cli, ["scan", *FAST, *args], catch_exceptions=False)


def test_json_has_the_grade_score_and_url_locations(hostile) -> None:
    url = f"http://127.0.0.1:{hostile['waf-403']}/"
    out = invoke(url, "--format", "json", "--exit-zero")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["kind"] == "scan" and data["target"] == url and data["scopes"] == [url]
    summary = data["summary"]
    assert isinstance(summary["score"], int) and summary["grade"]
    assert summary["sites"] == [{"url": url, "score": summary["score"],
                                 "grade": summary["grade"], "incomplete": False}]
    pg013 = [f for f in data["findings"] if f["rule"] == "PG013"]
    assert pg013 and pg013[0]["location"]["url"] == url and pg013[0]["location"]["path"] is None


def test_sarif_is_valid_and_carries_the_grade(hostile) -> None:
    urls = [f"http://127.0.0.1:{hostile['waf-403']}/", f"http://127.0.0.1:{hostile['ok']}/"]
    out = invoke(*urls, "--format", "sarif", "--exit-zero")
    data = json.loads(out.output)
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors
    run = data["runs"][0]
    assert run["properties"]["kind"] == "scan"
    assert run["properties"]["grade"] and isinstance(run["properties"]["score"], int)
    assert [site["url"] for site in run["properties"]["sites"]] == urls
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert uris and all(uri.startswith(("http://127.0.0.1", "https://127.0.0.1")) for uri in uris)
    assert "originalUriBaseIds" not in run


def test_text_and_html_show_the_grade_and_every_site(hostile, tmp_path) -> None:
    urls = [f"http://127.0.0.1:{hostile['waf-403']}/", f"http://127.0.0.1:{hostile['ok']}/"]
    text = invoke(*urls, "--exit-zero", "--color", "never").output
    assert "Summary  grade " in text and "(score " in text and "2 sites scanned" in text
    for url in urls:
        assert url in text
    report = tmp_path / "r.html"
    invoke(*urls, "--format", "html", "-o", str(report), "--exit-zero")
    page = report.read_text()
    assert 'class="grade grade-' in page and "score " in page and 'class="sites"' in page


def test_exit_codes_fail_on_and_min_grade(hostile) -> None:
    url = f"http://127.0.0.1:{hostile['waf-403']}/"
    data = json.loads(invoke(url, "--format", "json", "--exit-zero").output)
    worst = max((f["severity"] for f in data["findings"]),
                key=["info", "low", "medium", "high", "critical"].index)
    assert invoke(url, "--fail-on", "critical").exit_code == (1 if worst == "critical" else 0)
    assert invoke(url, "--fail-on", "info").exit_code == 1
    grade = data["summary"]["grade"]
    assert invoke(url, "--fail-on", "critical", "--min-grade", grade).exit_code == \
        (1 if worst == "critical" else 0)
    assert invoke(url, "--fail-on", "critical", "--min-grade", "A+").exit_code == \
        (0 if grade == "A+" else 1)
    assert invoke(url, "--min-grade", "A+", "--exit-zero").exit_code == 0


def test_unreachable_site_exits_2_and_still_renders(hostile) -> None:
    out = invoke(f"http://127.0.0.1:{hostile['garbage']}/", "--exit-zero")
    assert out.exit_code == 2
    assert "PG010" in out.output and "INCOMPLETE RUN" in out.output


def test_from_file_and_arguments_together(hostile, tmp_path) -> None:
    listing = tmp_path / "sites.txt"
    listing.write_text(f"# staging\nhttp://127.0.0.1:{hostile['ok']}/  # the ok one\n\n")
    out = invoke(f"http://127.0.0.1:{hostile['waf-403']}/", "--from-file", str(listing),
                 "--format", "json", "--exit-zero", "--concurrency", "1")
    data = json.loads(out.output)
    assert len(data["scopes"]) == 2 and len(data["summary"]["sites"]) == 2


@pytest.mark.parametrize(("args", "words"), [
    ((), "give at least one URL"),
    (("ftp://x/",), "only http:// and https://"),
    (("https://user:pw@x/",), "--auth"),
    (("https://x/", "--header", "no colon"), "Name: value"),
    (("https://x/", "--cookie", "novalue"), "name=value"),
    (("https://x/", "--auth", "nopassword"), "user:password"),
    (("https://x/", "--min-grade", "E"), "not a grade"),
    (("https://x/", "--ca-bundle", "/nonexistent.pem"), "not a file"),
])
def test_usage_errors_exit_2(args, words) -> None:
    out = CliRunner().invoke(cli, ["scan", *args])
    assert out.exit_code == 2, out.output
    assert words in out.output


def test_credentials_are_sent_but_never_printed(hostile) -> None:
    url = f"http://127.0.0.1:{hostile['echo']}/"
    out = invoke(url, "--auth", "admin:hunter2-pass", "--cookie", "sessionid=sekr1t-cookie",
                 "--header", "X-Waf-Token: t0ken-value", "--format", "json", "--exit-zero")
    assert out.exit_code == 0, out.output
    for secret in ("hunter2-pass", "sekr1t-cookie", "t0ken-value"):
        assert secret not in out.output


def test_redacted_masks_the_users_secrets_in_messages_and_evidence() -> None:
    leaked = finding("the page echoed hunter2-pass", url="https://x/", path=None, line=None,
                     evidence="Cookie: sessionid=sekr1t-cookie")
    result = RunResult(kind="scan", target="https://x/", findings=(leaked,),
                       errors=("https://x/: saw hunter2-pass",))
    clean = redacted(result, ("hunter2-pass", "sekr1t-cookie"))
    text = repr(clean.findings[0].message) + repr(clean.findings[0].evidence) + repr(clean.errors)
    assert "hunter2-pass" not in text and "sekr1t-cookie" not in text
    assert "********" in clean.findings[0].message
