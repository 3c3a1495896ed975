"""A Python file could not be parsed, so it was not audited.

## Why it matters
ponyguard audits source by parsing it. A file with a syntax error (or written for a Python
version whose grammar the running interpreter does not know) cannot be checked, so any problem
in it stays hidden. When the file is a settings module, the settings audit of every module that
imports it is incomplete.

## Insecure example
```python
DEBUG = True,,
```

## Fix
Fix the syntax error, or run ponyguard under a Python version that understands the file. Exclude
files that are intentionally not Python (templates with a `.py` suffix, fixtures) with `exclude`.

## References
- https://docs.python.org/3/reference/grammar.html
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG001", "parse-error", "Python file could not be parsed", Severity.LOW,
            Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
