from __future__ import annotations

from ponyguard.core.finding import Location
from ponyguard.core.registry import load_rules
from ponyguard.core.suppress import parse_suppressions


def finding_at(line: int, rule_id: str = "PG001"):
    rule = load_rules().get(rule_id)
    return rule.finding("m", Location(path="x.py", line=line), key="k")


def test_trailing_comment_covers_its_line_only() -> None:
    [s] = parse_suppressions("A = 1\nB = 2  # ponyguard: ignore[PG001]\nC = 3\n")
    assert s.matches(finding_at(2)) == "PG001"
    assert s.matches(finding_at(3)) is None
    assert s.matches(finding_at(2, "PG002")) is None


def test_comment_on_its_own_line_covers_the_next_line() -> None:
    [s] = parse_suppressions("# ponyguard: ignore[parse-error]\nB = 2\n")
    assert s.matches(finding_at(2)) == "parse-error"


def test_several_ids_and_names() -> None:
    [s] = parse_suppressions("X = 1  # ponyguard: ignore[PG002, parse-error]\n")
    assert s.ids == ("PG002", "parse-error")
    assert s.matches(finding_at(1)) == "parse-error"


def test_file_ignore_accepts_prefixes() -> None:
    [s] = parse_suppressions("# ponyguard: file-ignore[PG0]\n\n\nX = 1\n")
    assert s.matches(finding_at(4)) == "PG0"


def test_markers_inside_strings_are_not_suppressions() -> None:
    assert parse_suppressions('X = "# ponyguard: ignore[PG001]"\n') == []


def test_blanket_marker_has_no_ids() -> None:
    [s] = parse_suppressions("X = 1  # ponyguard: ignore\n")
    assert s.ids == ()
    assert s.matches(finding_at(1)) is None


def test_untokenizable_file_still_yields_markers() -> None:
    [s] = parse_suppressions('X = (1,\nY = "unterminated  # ponyguard: ignore[PG001]\n')
    assert s.ids == ("PG001",)


def test_template_comments_by_extension() -> None:
    text = "<p>{{ a }}</p> {# ponyguard: ignore[PG001] #}\n  {# ponyguard: ignore[PG002] #}\n<p>\n"
    first, second = parse_suppressions(text, "app/templates/page.html")
    assert (first.line, first.column, first.applies_to) == (1, 16, frozenset({1}))
    assert (second.line, second.column, second.applies_to) == (2, 3, frozenset({2, 3}))
    python = "X = 1  # ponyguard: ignore[PG001]\n"
    assert parse_suppressions(python, "templates/a.jinja") == []


def test_template_file_ignore_and_multiline_comments() -> None:
    [whole, multi] = parse_suppressions(
        "{# ponyguard: file-ignore[PG3] #}\n{# note\n ponyguard: ignore[PG302] #}\nX\n",
        "templates/a.j2")
    assert whole.whole_file and whole.ids == ("PG3",)
    assert multi.applies_to == frozenset({2, 3, 4})
    assert parse_suppressions("{% comment %}ponyguard: ignore[PG302]{% endcomment %}",
                              "templates/a.html") == []
