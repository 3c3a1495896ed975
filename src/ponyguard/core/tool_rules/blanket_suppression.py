"""A `# ponyguard: ignore` comment names no rule ids, so it suppresses nothing.

## Why it matters
A blanket ignore hides every current *and future* finding on the line, including ones nobody has
looked at. ponyguard requires explicit ids, so a blanket comment is reported and ignored.

## Insecure example
```python
SECRET_KEY = "hard-coded"  # ponyguard: ignore
```

## Fix
Name the rules you accept, by id or name: `# ponyguard: ignore[PG102]` or
`# ponyguard: ignore[secret-key-hardcoded]`.

## References
- https://docs.astral.sh/ruff/rules/blanket-noqa/
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG006", "blanket-suppression", "Suppression comment without rule ids",
            Severity.LOW, Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
