from __future__ import annotations

import pytest

from tests.helpers import assert_finds, assert_silent

H = "django.contrib.auth.hashers."
MANAGE = ("import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
          "'site.settings.production')\n")


@pytest.mark.parametrize("name", ["MD5PasswordHasher", "UnsaltedMD5PasswordHasher",
                                  "UnsaltedSHA1PasswordHasher", "SHA1PasswordHasher",
                                  "CryptPasswordHasher"])
def test_fires_on_a_weak_django_hasher_first(tmp_path, name) -> None:
    [finding] = assert_finds(tmp_path, "PG121", {"settings.py": (
        f"X = 1\nPASSWORD_HASHERS = [\n    '{H}{name}',\n    '{H}PBKDF2PasswordHasher',\n]\n")},
        path="settings.py", line=2, severity="high", confidence="high")
    assert finding.message.startswith(f"The first PASSWORD_HASHERS entry is {name} (")


def test_fires_at_medium_confidence_on_a_custom_hasher_named_weak(tmp_path) -> None:
    assert_finds(tmp_path / "md5", "PG121", {"settings.py": (
        "PASSWORD_HASHERS = ('accounts.hashers.LegacyMD5Hasher',)\n")},
        confidence="medium", message_contains="accounts.hashers.LegacyMD5Hasher")
    assert_finds(tmp_path / "crypt", "PG121", {"settings.py": (
        "PASSWORD_HASHERS = ['legacy.DESCryptHasher']\n")}, confidence="medium")


def test_fires_when_a_test_hasher_is_inserted_first(tmp_path) -> None:
    assert_finds(tmp_path, "PG121", {"settings.py": (
        f"PASSWORD_HASHERS = ['{H}PBKDF2PasswordHasher']\n"
        f"PASSWORD_HASHERS.insert(0, '{H}MD5PasswordHasher')\n")})


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG121", {"settings.py": (
        "import os\n"
        f"PASSWORD_HASHERS = [os.environ.get('FIRST_HASHER', '{H}MD5PasswordHasher')]\n")},
        confidence="medium", message_contains="unless FIRST_HASHER is set")


def test_silent_on_strong_hashers_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "default", "PG121", {"settings.py": "DEBUG = False\n"})
    assert_silent(tmp_path / "weak-later", "PG121", {"settings.py": (
        f"PASSWORD_HASHERS = ['{H}Argon2PasswordHasher', '{H}PBKDF2PasswordHasher',\n"
        f"    '{H}MD5PasswordHasher', '{H}UnsaltedSHA1PasswordHasher']\n")})
    for index, name in enumerate(["PBKDF2SHA1PasswordHasher", "BCryptSHA256PasswordHasher",
                                  "ScryptPasswordHasher", "BCryptPasswordHasher"]):
        assert_silent(tmp_path / f"strong{index}", "PG121",
                      {"settings.py": f"PASSWORD_HASHERS = ['{H}{name}']\n"})
    assert_silent(tmp_path / "encrypted", "PG121", {"settings.py": (
        "PASSWORD_HASHERS = ['vault.EncryptedPasswordHasher']\n")})
    assert_silent(tmp_path / "comment", "PG121", {"settings.py": (
        f"# PASSWORD_HASHERS = ['{H}MD5PasswordHasher']\n")})
    assert_silent(tmp_path / "similar", "PG121", {"settings.py": (
        f"TEST_PASSWORD_HASHERS = ['{H}MD5PasswordHasher']\n")})


def test_silent_on_test_settings(tmp_path) -> None:
    assert_silent(tmp_path / "argv", "PG121", {"settings.py": (
        "import sys\nTESTING = 'test' in sys.argv\n"
        f"if TESTING:\n    PASSWORD_HASHERS = ['{H}MD5PasswordHasher']\n")})
    assert_silent(tmp_path / "test-settings-module", "PG121", {
        "settings.py": "DEBUG = False\n",
        "test_settings.py": (
            f"from settings import *\nPASSWORD_HASHERS = ['{H}MD5PasswordHasher']\n"),
    })
    assert_silent(tmp_path / "split", "PG121", {
        "manage.py": MANAGE,
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "DEBUG = False\n",
        "site/settings/production.py": "from .base import *\n",
        "site/settings/test.py": (
            f"from .base import *\nPASSWORD_HASHERS = ['{H}MD5PasswordHasher']\n"),
    })


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "call", "PG121", {"settings.py": (
        "from hashers import pick\nPASSWORD_HASHERS = pick()\n")})
    assert_silent(tmp_path / "first-unknown", "PG121", {"settings.py": (
        f"import os\nPASSWORD_HASHERS = [os.environ['HASHER'], '{H}MD5PasswordHasher']\n")})
