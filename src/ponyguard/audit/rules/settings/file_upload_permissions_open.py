"""Uploaded files or their directories are created world-writable.

## Why it matters
`FILE_UPLOAD_PERMISSIONS` and `FILE_UPLOAD_DIRECTORY_PERMISSIONS` are the modes Django gives
uploaded files and the directories it creates for them. A mode with the "others may write"
bit (`0o666`, `0o777`) lets every other account and process on the host (another site on the
same server, a compromised service, a container sharing the volume) replace or delete what
your users uploaded: swap a document for malware, or a served image for an HTML page that runs
as your site. A world-writable directory without the sticky bit lets them rename and replace
any file in it.

`FILE_UPLOAD_PERMISSIONS = None` (the default before Django 3.0) is inconsistent rather than
open: files streamed through a temporary file keep its `0o600`, while small in-memory uploads
get `0o666` minus the process umask, which is world-writable under a `0` umask.

## Insecure example
```python
FILE_UPLOAD_PERMISSIONS = 0o666
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o777
```

## Fix
Use `FILE_UPLOAD_PERMISSIONS = 0o644` (Django's default; `0o640` if the web server reads the
files through a shared group) and `FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755` (or `0o750`),
and give write access through the owning user, not through "others".

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-permissions
- https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-directory-permissions
- https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content-security
- https://cwe.mitre.org/data/definitions/732.html
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._support import report

rule = Rule("PG135", "file-upload-permissions-open", "Uploads are created world-writable",
            Severity.MEDIUM, Confidence.HIGH, cwe=(732,), doc_text=__doc__)

SETTINGS = (("FILE_UPLOAD_PERMISSIONS", "uploaded files", "0o644"),
            ("FILE_UPLOAD_DIRECTORY_PERMISSIONS", "upload directories", "0o755"))


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    for name, what, safe in SETTINGS:
        value = view.value(name)
        mode = value.data
        if _is_mode(mode) and mode & 0o002:
            yield report(rule, view, value,
                         f"{name} is 0o{mode:o}{_decimal_hint(mode)}: {what} are world-writable",
                         key=name, fix=f"Set {name} = {safe}.")
    files = view.get("FILE_UPLOAD_PERMISSIONS")
    if files is not None and files.data is None:
        yield report(rule, view, files,
                     "FILE_UPLOAD_PERMISSIONS is None: uploads get 0o600 or 0o666 minus the "
                     "process umask depending on their size (world-writable under a 0 umask)",
                     key="FILE_UPLOAD_PERMISSIONS:None", severity=Severity.LOW,
                     fix="Set FILE_UPLOAD_PERMISSIONS = 0o644 (Django's default since 3.0).")


def _is_mode(data: Any) -> bool:
    return isinstance(data, int) and not isinstance(data, bool) and data >= 0


def _decimal_hint(mode: int) -> str:
    """``777`` written without ``0o`` is 0o1411: point that out."""
    digits = str(mode)
    if mode > 0o777 and len(digits) in (3, 4) and set(digits) <= set("01234567"):
        return f" (written as decimal {digits}; did you mean 0o{digits}?)"
    return ""
