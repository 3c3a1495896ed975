"""Meta-tests over the rule registry: every rule is complete and every rule is tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ponyguard.core.registry import load_rules
from ponyguard.core.rule import RULE_ID

RULES = list(load_rules())
TESTS = Path(__file__).parent
RANGES = {"0": "tool", "1": "settings", "2": "injection", "3": "output", "4": "authz",
          "5": "data", "6": "deps", "7": "http", "8": "tls", "9": "network"}


def test_registry_is_not_empty() -> None:
    assert len(RULES) >= 7


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_complete(rule) -> None:
    assert RULE_ID.match(rule.id)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.title and rule.title[0].isupper() and not rule.title.endswith(".")
    assert rule.cwe and all(isinstance(n, int) and n > 0 for n in rule.cwe)
    doc = rule.doc
    assert doc.summary and doc.why and doc.example and doc.fix
    assert doc.references and all(ref.startswith("https://") for ref in doc.references)
    assert "```" in doc.example, f"{rule.id}: the insecure example should be a code block"
    assert len(doc.fix_summary) <= 400


@pytest.mark.parametrize("rule", [r for r in RULES if not r.id.startswith("PG0")],
                         ids=lambda r: r.id)
def test_every_rule_has_a_test_module(rule) -> None:
    module = rule.name.replace("-", "_")
    candidates = list(TESTS.rglob(f"test_{module}.py"))
    assert candidates, f"{rule.id}: no tests/**/test_{module}.py"
    text = candidates[0].read_text()
    assert "assert_finds" in text and "assert_silent" in text, \
        f"{rule.id}: tests must show the rule firing and staying silent"


@pytest.mark.parametrize("rule", [r for r in RULES if r.mirrors], ids=lambda r: r.id)
def test_mirrored_django_ids_are_well_formed(rule) -> None:
    for django_id in rule.mirrors.split(","):
        assert re.fullmatch(r"security\.[EW]\d{3}", django_id.strip()), rule.mirrors


def test_ids_are_in_known_ranges() -> None:
    for rule in RULES:
        assert rule.id[2] in RANGES


def test_settings_rules_are_pg1xx() -> None:
    for rule in RULES:
        if "settings" in rule.callbacks:
            assert rule.id.startswith("PG1"), rule.id
