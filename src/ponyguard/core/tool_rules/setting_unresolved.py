"""A security-relevant setting could not be determined statically.

## Why it matters
ponyguard never imports your project: it interprets the settings modules. When a value comes from
something it cannot evaluate (a file read at start-up, a function of another package, a secrets
manager), it says so instead of guessing. Such a setting is neither passed nor failed; check it on
the real runtime settings with `manage.py check --deploy` and the ponyguard app.

## Insecure example
```python
DEBUG = load_flag_from_vault("debug")
```

## Fix
Nothing may be wrong. To let the audit evaluate the value, read it from an environment variable
with a safe default (`env.bool("DJANGO_DEBUG", default=False)`), or audit the runtime settings
with `INSTALLED_APPS += ["ponyguard"]` and `manage.py check --deploy`.

## References
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG004", "setting-unresolved", "Setting could not be determined statically",
            Severity.INFO, Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
