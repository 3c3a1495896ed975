"""Bad input never crashes a run and never loses results."""

from __future__ import annotations

import os

from ponyguard.audit import audit_project
from tests.helpers import audit_files, findings_of, write_project


def test_syntax_error_in_settings_is_reported_and_run_completes(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "manage.py": "import os\n"
                     "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n",
        "site/__init__.py": "",
        "site/settings.py": "DEBUG = True,,\n",
        "site/prod_settings.py": "DEBUG = True\n",
    })
    [parse] = findings_of(result, "PG001")
    assert parse.location.path == "site/settings.py" and parse.location.line == 1
    assert result.incomplete
    assert findings_of(result, "PG101"), "the other settings module is still audited"


def test_syntax_error_in_an_imported_file(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "settings.py": "from base import *\nDEBUG = True\n",
        "base.py": "def broken(:\n",
    })
    assert findings_of(result, "PG001")
    assert findings_of(result, "PG101")


def test_non_utf8_and_declared_encodings(tmp_path) -> None:
    (tmp_path / "settings.py").write_bytes(
        b"# -*- coding: latin-1 -*-\nTITLE = '\xe9t\xe9'\nDEBUG = True\n")
    result = audit_project(tmp_path)
    assert findings_of(result, "PG101")
    (tmp_path / "settings.py").write_bytes(b"TITLE = '\xff\xfe'\nDEBUG = True\n")
    result = audit_project(tmp_path)
    [note] = findings_of(result, "PG002")
    assert "decoded" in note.message


def test_binary_file_named_py(tmp_path) -> None:
    (tmp_path / "settings.py").write_bytes(b"\x00\x01\x02DEBUG = True")
    result = audit_project(tmp_path)
    [note] = findings_of(result, "PG002")
    assert "binary" in note.message


def test_huge_file_is_skipped_with_a_note(tmp_path) -> None:
    (tmp_path / "settings.py").write_text("DEBUG = True\n" + "X = 1\n" * 400_000)
    result = audit_project(tmp_path)
    [note] = findings_of(result, "PG002")
    assert "limit" in note.message


def test_symlink_loop_is_skipped(tmp_path) -> None:
    write_project(tmp_path, {"settings.py": "DEBUG = True\n", "app/__init__.py": ""})
    os.symlink(tmp_path, tmp_path / "app" / "loop")
    os.symlink(tmp_path / "missing.py", tmp_path / "app" / "dangling.py")
    result = audit_project(tmp_path)
    assert findings_of(result, "PG101")
    notes = [f.message for f in findings_of(result, "PG002")]
    assert any("symlink loop" in n for n in notes)
    assert any("broken symlink" in n for n in notes)


def test_configured_settings_module_missing(tmp_path) -> None:
    result = audit_files(tmp_path, {"settings.py": "DEBUG = False\n"},
                         settings_modules=("nope.settings",))
    [missing] = findings_of(result, "PG003")
    assert "nope.settings" in missing.message
    assert result.incomplete


def test_unused_and_blanket_suppressions(tmp_path) -> None:
    result = audit_files(tmp_path, {"settings.py": (
        "DEBUG = True  # ponyguard: ignore[PG101]\n"
        "ALLOWED_HOSTS = ['*']  # ponyguard: ignore\n"
        "X = 1  # ponyguard: ignore[PG102]\n"
    )})
    assert not findings_of(result, "PG101")
    assert result.suppressed >= 1
    assert findings_of(result, "PG104"), "a blanket ignore suppresses nothing"
    [blanket] = findings_of(result, "PG006")
    assert blanket.location.line == 2
    [unused] = findings_of(result, "PG005")
    assert unused.location.line == 3 and "PG102" in unused.message
