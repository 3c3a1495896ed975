from __future__ import annotations

import pytest

from ponyguard.core.errors import RuleError
from ponyguard.core.registry import Registry
from ponyguard.core.rule import Rule
from ponyguard.core.severity import Confidence, Severity

DOC = """Summary line.

## Why it matters
Because.

## Insecure example
```python
X = 1
```

## Fix
Set X to 2.

More detail.

## References
- https://example.org/a
"""


def make(rule_id="PG999", name="test-rule", doc=DOC) -> Rule:
    return Rule(rule_id, name, "A test rule", Severity.LOW, Confidence.HIGH, cwe=(1,),
                doc_text=doc)


def test_doc_sections_are_parsed() -> None:
    rule = make()
    assert rule.doc.summary == "Summary line."
    assert rule.doc.fix_summary == "Set X to 2."
    assert rule.doc.references == ("https://example.org/a",)
    assert "## Insecure example" in rule.doc.markdown()


@pytest.mark.parametrize("bad", ["PG99", "pg101", "XX101"])
def test_bad_ids_raise_at_definition(bad) -> None:
    with pytest.raises(RuleError):
        make(rule_id=bad)


def test_missing_doc_section_raises() -> None:
    with pytest.raises(RuleError, match="References"):
        make(doc=DOC.split("## References")[0])


def test_non_kebab_name_raises() -> None:
    with pytest.raises(RuleError):
        make(name="Test_Rule")


def test_registry_rejects_duplicates() -> None:
    registry = Registry()
    registry.register(make())
    with pytest.raises(RuleError, match="duplicate rule id"):
        registry.register(make(name="other-name"))
    with pytest.raises(RuleError, match="duplicate rule name"):
        registry.register(make(rule_id="PG998"))


def test_registry_lookup_by_id_or_name() -> None:
    registry = Registry()
    rule = registry.register(make())
    assert registry.get("pg999") is rule
    assert registry.get("test-rule") is rule
