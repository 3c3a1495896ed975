"""SECRET_KEY is written in the source code, or falls back to a literal when a variable is unset.

## Why it matters
Django signs with `SECRET_KEY`: session data, password-reset and e-mail confirmation tokens,
signed cookies, `django.core.signing` payloads and the messages framework's cookie storage. A
key that is written in the settings file is known to everybody who can read the repository: past
and present developers, CI systems, forks, backups, a leaked clone. With it they can forge a
password-reset link for any account, sign their own session cookie (with signed-cookie sessions,
log in as anyone), and tamper with everything the site signs. A long random-looking literal is
just as exposed as `"changeme"`: its strength does not matter once it is public.

A literal fallback for an environment variable (`os.environ.get("SECRET_KEY", "dev-key")`) is
the same key the day somebody forgets to set the variable, and the site keeps running with it
instead of refusing to start. Keys listed in `SECRET_KEY_FALLBACKS` are still accepted when
Django verifies signatures, so a literal there is as bad as a literal `SECRET_KEY`.

## Insecure example
```python
SECRET_KEY = "k3#x9z-q2...a-long-random-literal"
# or: a known key unless somebody remembers to set the variable
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-key")
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-key")
```

## Fix
Read the key from the environment or a secrets manager with no fallback, so Django refuses to
start without it: `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`. Then generate a new key
(`python -c "from django.core.management.utils import get_random_secret_key as g; print(g())"`);
the committed one must be treated as leaked.

A development-only settings module may keep a literal; the production settings must not
import it. Rotate the old key through `SECRET_KEY_FALLBACKS` (read from the environment too)
if existing sessions must survive, and remove it once they have expired.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secret-key
- https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key
- https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/798.html
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.redact import mask
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value, is_unknown, known_items
from ...settings.view import SettingsView
from ._support import confidence_of

rule = Rule("PG103", "secret-key-hardcoded", "SECRET_KEY is hard-coded in the source",
            Severity.CRITICAL, Confidence.HIGH, cwe=(798, 321), doc_text=__doc__,
            runtime=False)

FIX = ('Read the key with no fallback: SECRET_KEY = os.environ["DJANGO_SECRET_KEY"], and '
       "generate a new one: the committed key must be treated as leaked.")
FALLBACKS_FIX = ("Read retired keys from the environment too, with no literal default: "
                 'SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[]).')


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    if view.runtime:
        return
    value = view.get("SECRET_KEY")
    if value is not None and value.hardcoded and _is_key(value.data):
        yield _finding(view, value, "SECRET_KEY", FIX, f"SECRET_KEY = {mask(value.data)}")
    fallbacks = view.get("SECRET_KEY_FALLBACKS")
    if fallbacks is not None and fallbacks.hardcoded and isinstance(
            fallbacks.data, (list, tuple)):
        keys = [item for item in known_items(fallbacks.data) if _is_key(item)]
        if keys and not any(is_unknown(item) for item in fallbacks.data):
            shown = ", ".join(mask(k) for k in keys)
            yield _finding(view, fallbacks, "SECRET_KEY_FALLBACKS", FALLBACKS_FIX,
                           f"SECRET_KEY_FALLBACKS = [{shown}]")


def _is_key(data: Any) -> bool:
    """A usable key. An empty or missing one is no risk: Django refuses to start without a
    SECRET_KEY ("The SECRET_KEY setting must not be empty"), so `os.environ.get("SECRET_KEY",
    "")` and `os.environ.get("SECRET_KEY")` fail closed and stay silent here."""
    return isinstance(data, (str, bytes)) and len(data) > 0


def _finding(view: SettingsView, value: Value, name: str, fix: str, evidence: str) -> Finding:
    defaulted = value.env_defaulted
    if defaulted:
        names = " and ".join(defaulted)
        verb = "is" if len(defaulted) == 1 else "are"
        what = "falls back to a literal" if name == "SECRET_KEY" else "falls back to literal keys"
        message = f"{name} {what} in source when {names} {verb} unset"
    elif name == "SECRET_KEY":
        message = "SECRET_KEY is a literal in source: anyone with the code can forge signatures"
    else:
        message = ("SECRET_KEY_FALLBACKS lists literal keys: Django still accepts signatures "
                   "made with them")
    return rule.finding(message, view.location(value), key=name, fix=fix,
                        confidence=confidence_of(value), evidence=evidence)
