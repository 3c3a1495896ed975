"""PG132 database-password-hardcoded: a literal DATABASES password (or literal URL fallback)."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

LITERAL = """\
import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "s3cret-pa55word",
        "HOST": "db.internal",
    }
}
"""


def settings(text: str) -> dict[str, str]:
    return {"settings.py": text}


def test_fires_on_literal_password(tmp_path):
    found = assert_finds(tmp_path, "PG132", settings(LITERAL), path="settings.py", line=8,
                         count=1, severity="high", confidence="high",
                         message_contains="DATABASES['default']['PASSWORD'] is a password "
                                          "written in the source")
    for finding in found:
        text = " ".join(filter(None, [finding.message, finding.evidence, finding.key,
                                      finding.fix]))
        assert "s3cret-pa55word" not in text


def test_fires_on_literal_url_and_item_assignment(tmp_path):
    parsed = """\
        import dj_database_url

        DATABASES = {"default": dj_database_url.parse("postgres://shop:s3cret@db/shop")}
    """
    assert_finds(tmp_path / "parse", "PG132", settings(parsed), line=3, confidence="high")
    item = """\
        DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "shop"}}
        DATABASES["default"]["PASSWORD"] = "s3cret"
        DATABASES["replica"] = {"ENGINE": "django.db.backends.mysql",
                                "OPTIONS": {"passwd": "r3plica"}}
    """
    found = assert_finds(tmp_path / "item", "PG132", settings(item), count=2)
    assert {f.location.line for f in found} == {2, 4}
    assert any("['OPTIONS']['passwd']" in f.message for f in found)


def test_env_fallback_is_medium_and_names_the_variable(tmp_path):
    url_default = """\
        import dj_database_url

        DATABASES = {
            "default": dj_database_url.config(default="postgres://shop:s3cret@db:5432/shop"),
        }
    """
    assert_finds(tmp_path / "dj-database-url", "PG132", settings(url_default), line=4,
                 severity="high", confidence="medium",
                 message_contains="literal default URL of DATABASE_URL unless DATABASE_URL "
                                  "is set")
    environ = """\
        import environ

        env = environ.Env()
        DATABASES = {"default": env.db("DATABASE_URL", default="mysql://shop:s3cret@db/shop")}
    """
    assert_finds(tmp_path / "environ", "PG132", settings(environ), line=4, confidence="medium",
                 message_contains="unless DATABASE_URL is set")
    password_default = LITERAL.replace('"s3cret-pa55word"',
                                       'os.environ.get("DB_PASSWORD", "s3cret-pa55word")')
    assert_finds(tmp_path / "getenv", "PG132", settings(password_default), line=8,
                 confidence="medium",
                 message_contains="falls back to a password written in the source unless "
                                  "DB_PASSWORD is set")
    assert_silent(tmp_path / "set", "PG132", settings(password_default),
                  env={"DB_PASSWORD": "from-the-vault"})
    assert_silent(tmp_path / "url-set", "PG132", settings(url_default),
                  env={"DATABASE_URL": "postgres://shop:vault@db/shop"})


def test_silent_on_safe_forms(tmp_path):
    from_env = LITERAL.replace('"s3cret-pa55word"', 'os.environ["DB_PASSWORD"]')
    assert_silent(tmp_path / "env", "PG132", settings(from_env))
    empty_default = LITERAL.replace('"s3cret-pa55word"', 'os.environ.get("DB_PASSWORD", "")')
    assert_silent(tmp_path / "empty-default", "PG132", settings(empty_default))
    empty = LITERAL.replace('"s3cret-pa55word"', '""')
    assert_silent(tmp_path / "empty", "PG132", settings(empty))
    no_password_url = """\
        import dj_database_url

        DATABASES = {"default": dj_database_url.config(default="postgres://shop@db/shop")}
    """
    assert_silent(tmp_path / "url-no-password", "PG132", settings(no_password_url))


def test_silent_on_look_alikes(tmp_path):
    sqlite = """\
        DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3",
                                 "PASSWORD": "ignored-by-sqlite"}}
    """
    assert_silent(tmp_path / "sqlite", "PG132", settings(sqlite))
    commented = LITERAL.replace('"PASSWORD": "s3cret-pa55word",',
                                '# "PASSWORD": "s3cret-pa55word",')
    assert_silent(tmp_path / "commented", "PG132", settings(commented))
    similar = LITERAL.replace('"PASSWORD": "s3cret-pa55word",',
                              '"PASSWORD_FILE": "/run/secrets/db_password",')
    assert_silent(tmp_path / "similar", "PG132", settings(similar))


def test_silent_when_unknown(tmp_path):
    unknown = """\
        import json

        DATABASES = json.load(open("/etc/shop/databases.json"))
    """
    assert_silent(tmp_path / "whole", "PG132", settings(unknown))
    no_default = """\
        import dj_database_url

        DATABASES = {"default": dj_database_url.config()}
    """
    assert_silent(tmp_path / "no-default", "PG132", settings(no_default))
    vault = LITERAL.replace('"s3cret-pa55word"', 'read_secret("db")')
    assert_silent(tmp_path / "vault", "PG132", settings(vault))
