"""The code audit runner: files, bad input, parallel workers, selection, suppressions."""

from __future__ import annotations

from ponyguard.audit import audit_project
from ponyguard.audit.code.runner import audit_code
from ponyguard.audit.discovery import discover
from ponyguard.core.config import Config
from ponyguard.core.rule import Rule
from ponyguard.core.severity import Confidence, Severity
from tests.helpers import audit_files, findings_of, write_project

VIEW = ("from django.db import connection\n"
        "def view(request):\n"
        "    connection.cursor().execute('SELECT ' + request.GET['q'])\n")


def _describe(findings):
    return sorted((f.rule.id, f.location.path, f.location.line, f.confidence.value, f.message)
                  for f in findings)


def test_code_files_are_counted_and_tests_and_migrations_skipped(tmp_path) -> None:
    result = audit_files(tmp_path, {"settings.py": "DEBUG = False\n", "app/views.py": VIEW,
                                    "app/tests.py": VIEW, "app/migrations/0001_x.py": VIEW})
    assert [f.location.path for f in findings_of(result, "PG201")] == ["app/views.py"]
    assert result.files_audited == 2


def test_a_file_that_does_not_parse_is_one_note_and_the_run_goes_on(tmp_path) -> None:
    result = audit_files(tmp_path, {"settings.py": "DEBUG = (\n", "app/views.py": VIEW,
                                    "app/broken.py": "def f(:\n"})
    notes = findings_of(result, "PG001")
    assert sorted(f.location.path for f in notes) == ["app/broken.py", "settings.py"]
    assert findings_of(result, "PG201")


def test_binary_and_undecodable_files(tmp_path) -> None:
    write_project(tmp_path, {"app/views.py": VIEW})
    (tmp_path / "app" / "blob.py").write_bytes(b"\x00\x01binary")
    (tmp_path / "app" / "latin.py").write_bytes(b"X = '\xff\xfe'\n")
    result = audit_project(tmp_path, Config())
    notes = {f.location.path: f.message for f in findings_of(result, "PG002")}
    assert "binary" in notes["app/blob.py"] and "decoded" in notes["app/latin.py"]
    assert findings_of(result, "PG201")


def test_parallel_workers_find_the_same(tmp_path) -> None:
    files = {"app/__init__.py": "",
             "app/utils.py": "def q(request):\n    return request.GET['q']\n"}
    for number in range(12):
        files[f"app/views{number}.py"] = (
            "from django.db import connection\nfrom .utils import q\n"
            f"def view{number}(request):\n"
            "    connection.cursor().execute('SELECT ' + q(request))\n")
    files["app/bad.py"] = "def f(:\n"
    write_project(tmp_path, files)
    project = discover(tmp_path)
    single = audit_code(project, Config(), processes=1)
    parallel = audit_code(discover(tmp_path), Config(), processes=3)
    assert parallel.stats["processes"] == 3 and parallel.stats["worker_failures"] == 0
    assert _describe(parallel.findings) == _describe(single.findings)
    assert len(findings_of_list(single.findings, "PG201")) == 12


def findings_of_list(findings, rule_id):
    return [f for f in findings if f.rule.id == rule_id]


def test_unselected_code_rules_cost_nothing(tmp_path) -> None:
    write_project(tmp_path, {"app/views.py": VIEW})
    project = discover(tmp_path)
    outcome = audit_code(project, Config(select=("PG101",)))
    assert outcome.files == [] and not outcome.stats
    assert project.source("app/views.py")._tree is None


def test_no_settings_does_not_make_a_code_only_run_incomplete(tmp_path) -> None:
    assert audit_files(tmp_path / "all", {"app/views.py": VIEW}).incomplete
    result = audit_files(tmp_path / "code", {"app/views.py": VIEW}, select=("PG2",))
    assert not result.incomplete and findings_of(result, "PG201")


def test_suppressions_in_code_files(tmp_path) -> None:
    code = VIEW.replace("request.GET['q'])\n", "request.GET['q'])  # ponyguard: ignore[PG201]\n")
    code += "X = 1  # ponyguard: ignore[PG210]\n"
    result = audit_files(tmp_path, {"settings.py": "DEBUG = False\n", "app/views.py": code})
    assert not findings_of(result, "PG201") and result.suppressed == 1
    [unused] = findings_of(result, "PG005")
    assert unused.location.path == "app/views.py" and unused.location.line == 4


def test_a_crashing_rule_is_reported_and_the_run_goes_on(tmp_path, monkeypatch) -> None:
    from ponyguard.audit.rules.code import sql_injection

    broken = Rule("PG299", "broken-test-rule", "Broken", Severity.LOW, Confidence.LOW,
                  cwe=(20,), doc_text=sql_injection.__doc__, runtime=False)

    @broken.on(__import__("ast").Call)
    def boom(node, ctx):
        raise RuntimeError("boom")

    from ponyguard.core.registry import REGISTRY, load_rules

    load_rules()
    monkeypatch.setitem(REGISTRY._by_id, "PG299", broken)
    monkeypatch.setitem(REGISTRY._by_name, "broken-test-rule", broken)
    write_project(tmp_path, {"settings.py": "DEBUG = False\n", "app/views.py": VIEW})
    result = audit_project(tmp_path, Config())
    assert result.incomplete
    assert any("PG299 failed on app/views.py:3: RuntimeError: boom" in e for e in result.errors)
    assert findings_of(result, "PG201")


def test_expressions_too_deep_to_analyse_are_a_note_not_a_crash(tmp_path) -> None:
    deep = "request" + ".strip()" * 600
    code = (VIEW + "def other(request):\n"
            f"    connection.cursor().execute({deep})\n"
            f"    return {deep}\n")
    result = audit_files(tmp_path, {"settings.py": "DEBUG = False\n", "app/views.py": code})
    assert [f.location.line for f in findings_of(result, "PG201")] == [3]
    [note] = findings_of(result, "PG002")
    assert "nest too deeply" in note.message and not result.incomplete


def test_worker_processes_also_start_without_fork(tmp_path, monkeypatch) -> None:
    import multiprocessing

    from ponyguard.audit.code import workers

    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    write_project(tmp_path, {"app/__init__.py": "", "app/views.py": VIEW,
                             "app/other.py": VIEW.replace("view", "other")})
    outcome = audit_code(discover(tmp_path), Config(), processes=2)
    assert outcome.stats["processes"] == 2 and outcome.stats["worker_failures"] == 0
    assert sorted(f.location.path for f in outcome.findings) == ["app/other.py", "app/views.py"]


def test_a_worker_that_dies_is_replaced_by_the_main_process(tmp_path, monkeypatch) -> None:
    from ponyguard.audit.code import workers

    monkeypatch.setattr(workers, "_serve", lambda conn, *args: conn.close())
    write_project(tmp_path, {"app/__init__.py": "", "app/views.py": VIEW,
                             "app/other.py": VIEW.replace("view", "other")})
    outcome = audit_code(discover(tmp_path), Config(), processes=2)
    assert outcome.stats["worker_failures"] >= 1
    assert sorted(f.location.path for f in outcome.findings) == ["app/other.py", "app/views.py"]
