"""A file or folder was skipped: binary, undecodable, too large, or a symlink loop.

## Why it matters
The audit only speaks for what it read. A file that is binary, not valid in its declared
encoding, larger than the size limit, unreadable, or reached again through a symlink loop is
skipped, and this note says so, so that a clean report is never mistaken for a complete one.

## Insecure example
```text
settings.py saved as UTF-16 without a coding declaration
a symlink `app/loop -> ..`
```

## Fix
Save Python files as UTF-8 (or declare their encoding, PEP 263), remove symlink loops, and
exclude generated or vendored files with `exclude` so they are not walked at all.

## References
- https://peps.python.org/pep-0263/
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG002", "unreadable-file", "File skipped: binary, undecodable, too large or a loop",
            Severity.INFO, Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
