from __future__ import annotations

from ponyguard.scan.probes.http.exposed_files import exposed_files_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.file_sites import catch_all_site, serving


def test_fires_on_the_sqlite_database_by_its_magic() -> None:
    assert_finds(run_probe(exposed_files_probe, serving(
        "/db.sqlite3", b"SQLite format 3\x00" + b"\x10\x00" * 40)), "PG772",
        severity="critical", url="https://example.test/db.sqlite3")


def test_fires_on_sql_dumps() -> None:
    dump = "-- PostgreSQL database dump\nSET statement_timeout = 0;\nCREATE TABLE auth_user (\n"
    assert_finds(run_probe(exposed_files_probe, serving("/dump.sql", dump, "text/plain")),
                 "PG772", url="https://example.test/dump.sql")
    mysql = "-- MySQL dump 10.13\n/*!40101 SET NAMES utf8 */;\nINSERT INTO `x` VALUES (1);\n"
    assert_finds(run_probe(exposed_files_probe, serving("/backup.sql", mysql)), "PG772")


def test_silent_on_lookalikes() -> None:
    assert_silent(run_probe(exposed_files_probe, catch_all_site()), "PG772")
    assert_silent(run_probe(exposed_files_probe, serving("/db.sqlite3", b"not a database")),
                  "PG772")
    # an HTML page that talks about SQL is not a dump
    assert_silent(run_probe(exposed_files_probe, serving(
        "/dump.sql", "<html><pre>\nCREATE TABLE x</pre></html>", "text/html")), "PG772")
