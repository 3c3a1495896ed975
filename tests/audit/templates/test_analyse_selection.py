"""The template audit costs nothing when no template rule is selected."""

from __future__ import annotations

from ponyguard.audit import audit_project
from ponyguard.core.config import Config
from tests.helpers import write_project


def test_templates_are_not_read_when_no_template_rule_is_selected(tmp_path) -> None:
    write_project(tmp_path, {"settings.py": "DEBUG = False\n",
                             "app/templates/page.html": "{{ x|safe }}\n"})
    everything = audit_project(tmp_path, Config())
    assert any(f.rule.id == "PG302" for f in everything.findings)
    settings_only = audit_project(tmp_path, Config(select=("PG1",)))
    assert settings_only.files_audited == everything.files_audited - 1
