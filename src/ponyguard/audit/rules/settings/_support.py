"""Helpers shared by the settings rules: confidence and wording for env-dependent values.

A value that is what it is only because an environment variable is unset (the production
profile used the code's default) is reported at medium confidence with the variable named:
"DEBUG is True unless DJANGO_DEBUG is set". A literal, or a value computed from variables the
profile sets, is high confidence. Runtime values (the Django app) are always high confidence.

:func:`report` puts the "unless VAR is set" clause before the first ": " of a message (at the
end when there is none); :func:`report_state` puts it right after an explicit statement of the
value it qualifies::

    SECURE_SSL_REDIRECT is False unless DJANGO_SSL_REDIRECT is set: plain-HTTP requests …

A rule whose finding is a condition on a list ("CsrfViewMiddleware is not in MIDDLEWARE")
passes it as ``holds=`` so that variables which only switch unrelated items are not named.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ....core.finding import Finding
from ....core.redact import redact_code
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import UNKNOWN, Value, is_unknown
from ...settings.view import SettingsView


def confidence_of(value: Value, base: Confidence = Confidence.HIGH) -> Confidence:
    """``base``, lowered to medium when the value rests on an unset variable's default."""
    if value.env_defaulted and base > Confidence.MEDIUM:
        return Confidence.MEDIUM
    return base


def report(
    rule: Rule,
    view: SettingsView,
    value: Value,
    message: str,
    *,
    key: str,
    fix: str | None = None,
    severity: Severity | None = None,
    confidence: Confidence | None = None,
    evidence: str | None = None,
    holds: Callable[[Any], bool | None] | None = None,
) -> Finding:
    """A finding at ``value``'s origin, naming the variables the value depends on.

    ``evidence`` defaults to the (redacted) source line that set the value. ``holds`` is the
    finding's condition on the value's data ("CsrfViewMiddleware is not in it"): a variable
    that only decides ``if`` statements whose other branch keeps it true is not named (see
    :meth:`Value.settled`). The "unless" clause goes before the first ": " of the message, right
    after the statement it qualifies.
    """
    if holds is not None:
        value = value.settled(holds)
    if evidence is None:
        line = view.source_line(value)
        evidence = redact_code(line) if line else None
    statement, colon, detail = message.partition(": ")
    return rule.finding(
        statement + value.unless_clause() + colon + detail,
        view.location(value),
        key=key,
        fix=fix,
        severity=severity,
        confidence=confidence_of(value, confidence or rule.confidence),
        evidence=evidence,
    )


def report_state(
    rule: Rule,
    view: SettingsView,
    value: Value,
    state: str,
    detail: str | None = None,
    **options: Any,
) -> Finding:
    """:func:`report` with the message ``state`` + ``": " + detail``, so the "unless" clause
    comes right after ``state``."""
    return report(rule, view, value, state + (f": {detail}" if detail else ""), **options)


def truth(data: Any) -> bool | None:
    """Python truthiness of resolved data, or None when it cannot be known."""
    if data is UNKNOWN:
        return None
    if isinstance(data, (list, tuple, set, frozenset)):
        if any(not is_unknown(item) for item in data):
            return True
        return None if data else False
    try:
        return bool(data)
    except TypeError:
        return None


def is_true(data: Any) -> bool:
    """The setting is known to be truthy."""
    return truth(data) is True


def is_false(data: Any) -> bool:
    """The setting is known to be falsy (unset, False, 0, empty)."""
    return truth(data) is False
