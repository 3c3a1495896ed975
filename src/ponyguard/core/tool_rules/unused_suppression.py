"""A `# ponyguard: ignore[...]` comment suppresses nothing.

## Why it matters
Suppressions outlive the code they were written for. An ignore comment that no longer matches a
finding is noise at best; at worst it silently swallows a *new* finding of that rule on the same
line later. Reporting unused suppressions keeps them honest (like ruff's RUF100).

## Insecure example
```python
DEBUG = False  # ponyguard: ignore[PG101]
```

## Fix
Delete the comment, or the ids in it that no longer match.

## References
- https://docs.astral.sh/ruff/rules/unused-noqa/
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG005", "unused-suppression", "Suppression comment matches no finding",
            Severity.INFO, Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
