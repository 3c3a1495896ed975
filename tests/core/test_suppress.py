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
