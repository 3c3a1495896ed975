"""PG135 file-upload-permissions-open: world-writable upload modes, or None."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent


def settings(text: str) -> dict[str, str]:
    return {"settings.py": "import os\nDEBUG = False\n" + text}


def test_fires_on_world_writable_files_and_directories(tmp_path):
    text = "FILE_UPLOAD_PERMISSIONS = 0o666\nFILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o777\n"
    found = assert_finds(tmp_path, "PG135", settings(text), path="settings.py", count=2,
                         severity="medium", confidence="high")
    messages = {f.location.line: f.message for f in found}
    assert messages[3] == "FILE_UPLOAD_PERMISSIONS is 0o666: uploaded files are world-writable"
    assert "FILE_UPLOAD_DIRECTORY_PERMISSIONS is 0o777" in messages[4]


def test_decimal_mode_gets_a_hint(tmp_path):
    assert_finds(tmp_path, "PG135", settings("FILE_UPLOAD_PERMISSIONS = 666\n"), line=3,
                 message_contains="0o1232 (written as decimal 666; did you mean 0o666?)")


def test_none_is_low(tmp_path):
    assert_finds(tmp_path, "PG135", settings("FILE_UPLOAD_PERMISSIONS = None\n"), line=3,
                 count=1, severity="low", message_contains="FILE_UPLOAD_PERMISSIONS is None")


def test_env_default_is_medium_confidence(tmp_path):
    text = 'FILE_UPLOAD_PERMISSIONS = int(os.environ.get("UPLOAD_MODE", "438"))  # 0o666\n'
    assert_finds(tmp_path, "PG135", settings(text), line=3, confidence="medium",
                 message_contains="0o666 unless UPLOAD_MODE is set: uploaded files are "
                                  "world-writable")
    assert_silent(tmp_path / "set", "PG135", settings(text), env={"UPLOAD_MODE": "420"})


def test_silent_on_safe_modes_and_look_alikes(tmp_path):
    assert_silent(tmp_path / "default", "PG135", settings(""))
    safe = "FILE_UPLOAD_PERMISSIONS = 0o640\nFILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750\n"
    assert_silent(tmp_path / "safe", "PG135", settings(safe))
    group = "FILE_UPLOAD_PERMISSIONS = 0o664\nFILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o2775\n"
    assert_silent(tmp_path / "group-writable", "PG135", settings(group))
    assert_silent(tmp_path / "dir-none", "PG135",
                  settings("FILE_UPLOAD_DIRECTORY_PERMISSIONS = None\n"))
    assert_silent(tmp_path / "commented", "PG135",
                  settings("# FILE_UPLOAD_PERMISSIONS = 0o777\n"))
    assert_silent(tmp_path / "similar", "PG135",
                  settings("EXPORT_FILE_PERMISSIONS = 0o777\n"))


def test_silent_when_unknown(tmp_path):
    text = 'FILE_UPLOAD_PERMISSIONS = int(os.environ["UPLOAD_MODE"], 8)\n'
    assert_silent(tmp_path, "PG135", settings(text))
