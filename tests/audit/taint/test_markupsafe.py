"""MarkupSafe's and Jinja2's escaping functions are HTML sanitisers."""

from __future__ import annotations

from tests.audit.taint.harness import kinds


def test_markup_escape_is_an_html_sanitiser(tmp_path) -> None:
    code = (
        "import jinja2\n"
        "from markupsafe import Markup, escape\n"
        "def view(request):\n"
        "    sink(Markup.escape(request.GET['a']))\n"
        "    sink(escape(request.GET['a']))\n"
        "    sink(jinja2.escape(request.GET['a']))\n"
        "    sink(Markup(request.GET['a']))\n"
    )
    assert kinds(tmp_path, code, "html") == ["safe", "safe", "safe", "tainted"]
    assert kinds(tmp_path / "sql", code, "sql") == ["tainted"] * 4

