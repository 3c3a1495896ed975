"""Sessions are serialised with pickle (SESSION_SERIALIZER is a PickleSerializer).

## Why it matters
`SESSION_SERIALIZER` turns session data into bytes and back. `PickleSerializer` uses Python's
`pickle`, and unpickling attacker-controlled bytes runs arbitrary code. Django signs the
serialised session with `SECRET_KEY`, so the signature is the only barrier: anybody who learns
the key (a committed settings file, a leaked `.env`, a debug page, a backup) can craft a session
that executes commands on the server when Django loads it.

With `SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"` the session *is* the
cookie: the attacker simply sends the crafted cookie, so a leaked key becomes remote code
execution at once. With database or cache sessions the attacker also needs write access to the
session store (a shared Redis or memcached is often enough). Django deprecated
`PickleSerializer` in 4.1 and removed it in 5.0, but projects on older versions, or with the
class copied into their own code, still use it.

## Insecure example
```python
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"
```

## Fix
Use Django's default JSON serialiser: delete `SESSION_SERIALIZER` or set
`SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"`, and store only
JSON-serialisable data in sessions (ids and strings, not model instances or datetimes).

Switching invalidates existing pickled sessions (users are logged out once). If the key may have
leaked, rotate `SECRET_KEY` as well.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-serializer
- https://docs.djangoproject.com/en/stable/topics/http/sessions/#session-serialization
- https://docs.djangoproject.com/en/stable/releases/4.1/#features-deprecated-in-4-1
- https://docs.python.org/3/library/pickle.html
- https://cwe.mitre.org/data/definitions/502.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._support import report

rule = Rule("PG123", "session-serializer-pickle", "Sessions are serialised with pickle",
            Severity.HIGH, Confidence.HIGH, cwe=(502,), doc_text=__doc__)

DJANGO_PICKLE = "django.contrib.sessions.serializers.PickleSerializer"
FIX = ('Set SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer" (Django\'s '
       "default) and keep only JSON-serialisable data in sessions.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value("SESSION_SERIALIZER")
    path = value.data
    # "pickl": PickleSerializer, a pickle_compat or pickling module, PickledSessionSerializer.
    if not isinstance(path, str) or "pickl" not in path.lower():
        return
    class_name = path.rsplit(".", 1)[-1]
    # A class named after pickle is pickle; "pickle" only in the module path is a good guess.
    confidence = Confidence.HIGH if "pickl" in class_name.lower() else Confidence.MEDIUM
    engine = view.value("SESSION_ENGINE").data
    signed = isinstance(engine, str) and engine.endswith("signed_cookies")
    what = "PickleSerializer" if path == DJANGO_PICKLE else path
    if signed:
        message = (f"SESSION_SERIALIZER is {what} with signed-cookie sessions: anyone who learns "
                   "SECRET_KEY can send a cookie that runs code on the server")
    else:
        message = (f"SESSION_SERIALIZER is {what}: session data is unpickled, which runs code "
                   "if an attacker can forge or write a session")
    yield report(rule, view, value, message, key="SESSION_SERIALIZER", fix=FIX,
                 severity=Severity.CRITICAL if signed else None, confidence=confidence)
