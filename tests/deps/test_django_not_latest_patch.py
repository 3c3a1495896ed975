from __future__ import annotations

from tests.deps.helpers import assert_finds, assert_silent


def test_medium_when_a_skipped_release_fixed_security_issues(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG603", {"uv.lock": """
        version = 1
        requires-python = ">=3.12"

        [[package]]
        name = "django"
        version = "5.2.17"
        source = { registry = "https://pypi.org/simple" }
        """}, path="uv.lock", line=6, severity="medium")
    assert "behind 5.2.19" in found[0].message
    assert found[0].fix_text == "Upgrade Django to 5.2.19."


def test_low_when_only_bugfix_releases_are_skipped(tmp_path) -> None:
    # 5.2.1 → 5.2.2 (2025-06-04) was a security release, 5.2.3 (2025-06-10) a bug-fix one.
    from ponyguard.deps.advisories.database import load_database
    from packaging.version import Version

    fixed = {v for a in load_database().advisories_for("django") for v in a.fixed_versions}
    assert Version("5.2.3") not in fixed  # the premise of this test
    fixes_after_5_2_2 = sorted(v for v in fixed if Version("5.2.2") < v <= Version("5.2.19"))
    assert fixes_after_5_2_2  # so 5.2.2 is behind security releases: medium
    assert_finds(tmp_path, "PG603", {"requirements.txt": "Django==5.2.2\n"}, severity="medium")


def test_silent_on_the_latest_patch(tmp_path) -> None:
    assert_silent(tmp_path, "PG603", {"requirements.txt": "Django==6.0.10\n"})
