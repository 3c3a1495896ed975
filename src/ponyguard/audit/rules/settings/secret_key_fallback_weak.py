"""An entry of SECRET_KEY_FALLBACKS is weak, empty or the startproject placeholder.

## Why it matters
`SECRET_KEY_FALLBACKS` (Django ≥ 4.1) lists old keys that are still **accepted** when Django
checks a signature: sessions, password reset tokens, `django.core.signing` values and signed
cookies made with any of them verify. A forger only needs one accepted key, so a weak fallback
is exactly as dangerous as a weak `SECRET_KEY`: whoever guesses it can forge a password reset
link or a session for any user.

Django's deploy check (security.W025) applies the `SECRET_KEY` rules to every entry: at least
50 characters, at least 5 distinct characters, no `django-insecure-` prefix. An **empty** entry
is the worst case: Django does not refuse it (unlike an empty `SECRET_KEY`) and accepts
signatures made with the empty key, which anyone can compute. It typically comes from an
environment variable with an empty default, e.g.
`os.environ.get("OLD_SECRET_KEYS", "").split(",")`, which is `[""]` when the variable is unset.

## Insecure example
```python
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = [
    "django-insecure-5b)xk(3qs^@*k0z$+^s1j6-!bpc8l3h1c5u#-w3!p9(7ck2x=v",  # committed key
    os.environ.get("DJANGO_OLD_SECRET_KEY", ""),  # "" unless the variable is set
]
```

## Fix
Keep only strong, uncommitted keys in `SECRET_KEY_FALLBACKS`, read from the environment, and
drop a weak or leaked key outright instead of listing it. Never let an unset variable produce
an empty entry: `env.list("DJANGO_OLD_SECRET_KEYS", default=[])` yields `[]`.

```python
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECRET_KEY_FALLBACKS = [k for k in os.environ.get("DJANGO_OLD_SECRET_KEYS", "").split(",") if k]
```

Remove a rotated key from the list once the sessions and links signed with it have expired
(`SESSION_COOKIE_AGE`, `PASSWORD_RESET_TIMEOUT`).

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks
- https://docs.djangoproject.com/en/stable/topics/signing/#using-the-secret-key-fallbacks-setting
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key
- https://docs.djangoproject.com/en/stable/ref/checks/#security
- https://cwe.mitre.org/data/definitions/1391.html
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import UNKNOWN_REST, Value, is_unknown
from ...settings.view import SettingsView
from ._secret_key import describe, evidence, is_key, weakness
from ._support import report_state

rule = Rule("PG120", "secret-key-fallback-weak", "A SECRET_KEY_FALLBACKS entry is weak",
            Severity.CRITICAL, Confidence.HIGH, cwe=(1391, 330), doc_text=__doc__,
            mirrors="security.W025")

NAME = "SECRET_KEY_FALLBACKS"
FIX = ("Remove the weak entry from SECRET_KEY_FALLBACKS (a fallback key still verifies "
       "signatures); list only strong keys read from the environment, with no empty entries.")
EMPTY = ("is empty, and Django accepts signatures made with the empty key, which anyone can "
         "compute")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value(NAME)
    data = value.data
    if not isinstance(data, (list, tuple)):
        # Unknown, or not a list (Django refuses to start with ImproperlyConfigured).
        return
    items = list(data)
    for position, item in enumerate(items):
        if is_unknown(item) or not is_key(item):
            continue
        reason = EMPTY if not item else weakness(item)
        if reason is None:
            continue
        label = f"{NAME}[{_index(items, position)}]"
        item_value = _item_value(value, item)
        state, detail = describe(label, item_value, reason)
        yield report_state(rule, view, item_value, state, detail, key=label, fix=FIX,
                           evidence=evidence(label, item))


def _index(items: list[Any], position: int) -> str:
    """The entry's index as Django would report it, or one counted from the end (``-1``) when
    a part of unknown length comes before it, or ``?`` when that is not known either."""
    before = any(item is UNKNOWN_REST for item in items[:position])
    if not before:
        return str(position)
    if not any(item is UNKNOWN_REST for item in items[position + 1:]):
        return str(position - len(items))
    return "?"


def _item_value(value: Value, item: str | bytes) -> Value:
    """``value`` narrowed to the variables one entry came from.

    The resolver keeps one provenance for the whole list. An entry that equals (or is part of)
    the default of an unset variable came from that variable. An entry that matches no default,
    when every default is text, a list or None, is a literal of the list. Otherwise the entry
    cannot be attributed and keeps every variable (the finding then says "unless … is set", at
    medium confidence).
    """
    if not value.env_defaulted:
        return value
    matching = tuple(use for use in value.env if use.default_used and _from(use.default, item))
    if matching:
        # Known data from a default the code supplies: a literal (possibly transformed).
        return replace(value, env=matching, hardcoded=True)
    if all(use.default is None or isinstance(use.default, (str, bytes, list, tuple))
           for use in value.env if use.default_used):
        # Every variable's default is known and none produced this entry: it is a literal.
        return replace(value, env=tuple(use for use in value.env if not use.default_used))
    return value


def _from(default: Any, item: str | bytes) -> bool:
    """Whether ``item`` plausibly came from a variable whose code default is ``default``."""
    if isinstance(default, (list, tuple)):
        return item in default
    if isinstance(default, str) and isinstance(item, str):
        if default == item or item in default.split(","):
            return True
        # Concatenation or slicing around the default (``get("X", "ab") + "cd"``).
        return bool(default and item) and (default in item or item in default)
    return bool(default == item)
