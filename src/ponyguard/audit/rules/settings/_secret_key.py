"""Helpers for the SECRET_KEY rules (PG102, PG120): Django's ``_check_secret_key``, explained.

Django (``django/core/checks/security/base.py``) calls a key weak when it has fewer than 50
characters, fewer than 5 distinct characters, or starts with ``django-insecure-`` (the prefix
``startproject`` puts on the key it writes into ``settings.py``). The functions here say *which*
of those applies, in words that never contain any character of the key.
"""

from __future__ import annotations

from typing import Any

from ....core.redact import MASK, mask
from ...settings.values import Value

INSECURE_PREFIX = "django-insecure-"
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5


def is_key(data: Any) -> bool:
    """Whether ``data`` is something Django's check can judge (text or bytes)."""
    return isinstance(data, (str, bytes))


def weakness(key: str | bytes) -> str | None:
    """Why Django's ``_check_secret_key`` rejects ``key`` (no key characters), or None."""
    if not key:
        return "is empty"
    insecure = (key.startswith(INSECURE_PREFIX) if isinstance(key, str)
                else key.startswith(INSECURE_PREFIX.encode()))
    if insecure:
        return (f"starts with '{INSECURE_PREFIX}', the mark of the key `startproject` wrote "
                "into the settings file, so it is in the repository")
    problems = []
    unit = "character" if isinstance(key, str) else "byte"
    if len(key) < MIN_LENGTH:
        problems.append(f"is {_count(len(key), unit)} long (Django asks for at least "
                        f"{MIN_LENGTH})")
    unique = len(set(key))
    if unique < MIN_UNIQUE_CHARACTERS:
        problems.append(f"uses only {_count(unique, 'distinct ' + unit)} "
                        f"(Django asks for at least {MIN_UNIQUE_CHARACTERS})")
    return " and ".join(problems) or None


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def evidence(name: str, key: str | bytes) -> str:
    """What a finding may show of a key: its name and length, never its characters."""
    if isinstance(key, bytes):
        return f"{name} = {MASK} ({_count(len(key), 'byte')})" if key else f"{name} = b''"
    return f"{name} = {mask(key)}"


def describe(name: str, value: Value, reason: str) -> tuple[str, str]:
    """The state and detail of a weak-key message, for ``_support.report_state``.

    ``("SECRET_KEY is weak", "it is 12 characters long (…)")``, or for a value that rests on
    an unset variable's default ``("SECRET_KEY falls back to a weak hard-coded default",
    "the default is …")`` (``report_state`` puts "unless DJANGO_SECRET_KEY is set" between).
    """
    if value.env_defaulted:
        kind = "hard-coded default" if value.hardcoded else "default"
        return f"{name} falls back to a weak {kind}", f"the default {reason}"
    return f"{name} is weak", f"it {reason}"
