"""No Django settings module was found, so no settings were audited.

## Why it matters
The settings audit starts from the settings module your servers use: the
`DJANGO_SETTINGS_MODULE` default in `manage.py`, `wsgi.py` or `asgi.py`, a module named
`settings.py` or a `settings/` package. When none is found, or the configured one does not exist,
the deployment settings were not checked at all, and the run is reported as incomplete (exit 2).

## Insecure example
```text
$ ponyguard audit src/   # the project lives one level up, or settings are in an unusual place
```

## Fix
Point ponyguard at the project root, or name the module: `--settings-module mysite.settings.prod`
or `settings-module = ["mysite.settings.prod"]` under `[tool.ponyguard]`.

## References
- https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG003", "settings-not-found", "No Django settings module found", Severity.MEDIUM,
            Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
