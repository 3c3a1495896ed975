from __future__ import annotations

import re
from html.parser import HTMLParser

from ponyguard.report import HtmlReporter, Reporter
from ponyguard.report.html import link, linkify
from tests.report import assert_no_secrets, finding, mixed, planted, result


class Collector(HTMLParser):
    """Records tags and attributes, to check structure rather than raw text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    return collector


def test_is_a_reporter() -> None:
    assert isinstance(HtmlReporter(), Reporter)
    assert HtmlReporter.name == "html"


def test_page_is_self_contained() -> None:
    page = HtmlReporter().render(mixed())
    assert page.startswith("<!DOCTYPE html>")
    tags = parse(page).tags
    names = {tag for tag, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    assert all("src" not in attrs for _, attrs in tags)
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in csp[0]
    assert "@import" not in page and "url(" not in page


def test_summary_groups_badges_and_fix() -> None:
    page = HtmlReporter().render(mixed())
    assert 'class="grade grade-f"' in page
    assert '<span class="badge sev-critical">critical</span> <code>PG001</code>' in page
    headings = re.findall(r"<h2>(.*?)</h2>", page)
    assert headings == ["(project)", "app/views.py", "mysite/settings.py", "static/blob.py"]
    assert "<code>app/views.py:7:5</code> · confidence high" in page
    assert "<strong>Fix:</strong> Fix the syntax error" in page
    assert "<td>1</td>" in page


def test_evidence_errors_and_incomplete_banner() -> None:
    page = HtmlReporter().render(result(finding(evidence="DEBUG = True\nX = 1"),
                                        incomplete=True, errors=("could <not> read",)))
    assert '<pre class="evidence">DEBUG = True\nX = 1</pre>' in page
    assert "INCOMPLETE RUN" in page
    assert "<li>could &lt;not&gt; read</li>" in page


def test_no_findings_says_so() -> None:
    page = HtmlReporter().render(result())
    assert "No problems found." in page and "grade-a" in page


def test_every_scanned_value_is_escaped() -> None:
    script = "<script>alert(1)</script>"
    res = result(
        finding(script, evidence=f'"><img src=x onerror=alert(1)>{script}',
                path=f"{script}.py", fix=script, scopes=(script,)),
        target=f"/srv/{script}", scopes=(script,), errors=(script,), incomplete=True,
    )
    page = HtmlReporter().render(res)
    assert script not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not {tag for tag, _ in parse(page).tags} & {"script", "img"}


def test_references_are_links_only_for_http() -> None:
    page = HtmlReporter().render(mixed())
    hrefs = [a["href"] for t, a in parse(page).tags if t == "a"]
    assert hrefs and all(h.startswith(("https://", "http://")) for h in hrefs)
    assert link("javascript:alert(1)") == "javascript:alert(1)"
    assert link('https://e.x/?a="><b>') == (
        '<a href="https://e.x/?a=&quot;&gt;&lt;b&gt;" rel="noopener noreferrer nofollow">'
        'https://e.x/?a=&quot;&gt;&lt;b&gt;</a>')
    assert linkify("see https://e.x/a. <b>") == (
        'see <a href="https://e.x/a" rel="noopener noreferrer nofollow">https://e.x/a</a>. '
        "&lt;b&gt;")


def test_control_characters_are_stripped() -> None:
    page = HtmlReporter().render(result(finding("a\x1b[31mb\x00c")))
    assert "\x1b" not in page and "\x00" not in page
    assert '<p class="message">abc</p>' in page


def test_planted_secrets_never_appear() -> None:
    assert_no_secrets(HtmlReporter().render(planted()))
