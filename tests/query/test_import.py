"""``import ponyguard.query`` and the in-memory backend need no Django settings."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import ponyguard.query


def test_public_api() -> None:
    assert sorted(ponyguard.query.__all__) == [
        "ALLOWED_LOOKUPS", "And", "Comparison", "Completion", "Field", "FieldType", "Limits",
        "Literal", "Node", "Not", "Op", "Or", "QueryError", "QueryLimitError",
        "QuerySchemaError", "QuerySyntaxError", "Schema", "bind", "compile_predicate",
        "compile_query", "complete", "parse"]
    assert {
        "exact", "lt", "lte", "gt", "gte", "in", "icontains", "istartswith", "iendswith",
        "isnull"} == ponyguard.query.ALLOWED_LOOKUPS


def test_import_and_predicate_without_settings() -> None:
    code = textwrap.dedent("""
        import sys
        import ponyguard.query
        from ponyguard.query.findings import FINDINGS_SCHEMA
        from ponyguard.query import compile_predicate, parse, complete
        assert compile_predicate("severity >= high", FINDINGS_SCHEMA)({"severity": "critical"})
        complete("sev", 3, FINDINGS_SCHEMA)
        assert "django.db.models" not in sys.modules, "the ORM was imported"
        from django.conf import settings
        assert not settings.configured
        print("ok")
    """)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
