"""A dependency file (or part of it) could not be read, so it was not checked.

## Why it matters
ponyguard reads requirements files, `pyproject.toml` and lockfiles to learn which versions you
deploy. A file that is not valid TOML or JSON, an entry without a version, a line pip would
reject or an `-r` include that does not exist hides the packages it names, and any
vulnerable version among them stays unreported. The rest of the run still completes.

## Insecure example
```text
# requirements.txt
-r requirements/base.txt   # but requirements/base.txt does not exist
Django==4.2.*,,
```

## Fix
Fix the file so the tool that owns it accepts it (`pip install -r`, `uv lock --check`,
`poetry check --lock`), or regenerate the lockfile. Exclude files that are not real
dependency files (fixtures, templates) with `exclude`.

## References
- https://pip.pypa.io/en/stable/reference/requirements-file-format/
- https://packaging.python.org/en/latest/specifications/dependency-specifiers/
"""

from __future__ import annotations

from ...core.rule import Rule
from ...core.severity import Confidence, Severity

rule = Rule("PG020", "dependency-file-unreadable", "Dependency file could not be read",
            Severity.LOW, Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
