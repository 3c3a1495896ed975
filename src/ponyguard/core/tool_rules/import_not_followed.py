"""A settings module imports a module that could not be found or followed.

## Why it matters
Split settings chain modules together (`from .base import *`). When an imported module is not in
the audited tree (or a star import comes from a third-party package), the names it would define
are unknown, so values later in the chain may be incomplete. Optional imports inside
`try: … except ImportError:` are expected to be missing and are not reported.

## Insecure example
```python
from .base import *   # but base.py is not in the audited tree
```

## Fix
Audit the whole project root, or make sure the module exists. If the module is generated at
deploy time, pass the values it would set with `--env`/`--env-file` where they come from the
environment.

## References
- https://docs.djangoproject.com/en/stable/topics/settings/
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG007", "import-not-followed", "Settings import could not be followed",
            Severity.INFO, Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
