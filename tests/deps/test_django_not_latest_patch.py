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
    from packaging.version import Version

    from ponyguard.deps.advisories.database import load_database

    # 2.0.13 (the last 2.0 release) fixed no security issue, so 2.0.12 is behind bug fixes only.
    fixed = {v for a in load_database().advisories_for("django") for v in a.fixed_versions}
    assert Version("2.0.13") not in fixed
    assert_finds(tmp_path, "PG603", {"requirements.txt": "Django==2.0.12\n"}, severity="low",
                 message_contains="(1 release(s) behind)")
    # One step earlier the skipped 2.0.12 is a security release: medium. (2.0.11 itself has
    # release notes but no files on PyPI, which does not matter here.)
    assert_finds(tmp_path / "sec", "PG603", {"requirements.txt": "Django==2.0.11\n"},
                 severity="medium", message_contains="1 of them with security fixes")


def test_silent_on_the_latest_patch(tmp_path) -> None:
    assert_silent(tmp_path, "PG603", {"requirements.txt": "Django==6.0.10\n"})
