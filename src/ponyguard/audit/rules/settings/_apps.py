"""Tri-state membership tests for INSTALLED_APPS, MIDDLEWARE and AUTHENTICATION_BACKENDS.

An app may be listed by its module (``"axes"``) or by its AppConfig
(``"axes.apps.AppConfig"``, ``"django.contrib.admin.apps.SimpleAdminConfig"``); both count.
Answers are True, False, or None when the list has parts the audit cannot know.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ...settings.values import UNKNOWN, is_unknown, known_items


def _any(data: Any, test: Callable[[str], bool]) -> bool | None:
    if data is UNKNOWN:
        return None
    if not isinstance(data, (list, tuple, set, frozenset)):
        return None if data is not None else False
    if any(isinstance(item, str) and test(item) for item in known_items(data)):
        return True
    return None if any(is_unknown(item) for item in data) else False


def app_installed(data: Any, app: str) -> bool | None:
    """Whether INSTALLED_APPS ``data`` holds ``app`` or one of its AppConfig classes."""
    return _any(data, lambda item: item == app or item.startswith(app + ".apps."))


def any_listed(data: Any, names: Iterable[str]) -> bool | None:
    """Whether ``data`` holds any of ``names`` exactly."""
    wanted = frozenset(names)
    return _any(data, lambda item: item in wanted)


def any_matching(data: Any, test: Callable[[str], bool]) -> bool | None:
    """Whether ``data`` holds an item ``test`` accepts."""
    return _any(data, test)


def first_true(*answers: bool | None) -> bool | None:
    """Tri-state "or": True if any is True, else None if any is unknown, else False."""
    if any(a is True for a in answers):
        return True
    return None if any(a is None for a in answers) else False
