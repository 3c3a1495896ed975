"""Helpers for the middleware-missing rules (PG106–PG108) that mirror Django's deploy checks.

Django's check passes only the exact dotted path (``_django.has_middleware``); a same-named class
under another path is named in the finding, at low confidence, as a likely subclass.
"""

from __future__ import annotations

from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence
from ...settings.view import SettingsView
from ._django import has_middleware, middleware_value, not_listing
from ._support import report_state


def short_name(path: str) -> str:
    """``SecurityMiddleware`` for ``django.middleware.security.SecurityMiddleware``."""
    return path.rsplit(".", 1)[-1]


def missing_state(view: SettingsView, path: str) -> str:
    """``"'django.….XMiddleware' is not in MIDDLEWARE"``, or that MIDDLEWARE is not set."""
    if middleware_value(view).is_default:
        return (f"MIDDLEWARE is not set (Django's default is an empty list), so "
                f"{short_name(path)} is not installed")
    return f"'{path}' is not in MIDDLEWARE"


def lookalike(view: SettingsView, path: str) -> str | None:
    """A MIDDLEWARE entry with the same class name under another path (a subclass or a
    replacement, ``myproject.middleware.SecurityMiddleware``), which Django's check ignores."""
    data: Any = middleware_value(view).data
    if not isinstance(data, (list, tuple)):
        return None
    name = short_name(path)
    for item in data:
        if isinstance(item, str) and item != path and short_name(item) == name:
            return item
    return None


def report_missing(
    rule: Rule,
    view: SettingsView,
    path: str,
    consequence: str,
    *,
    fix: str,
    confidence: Confidence | None = None,
) -> Finding | None:
    """The finding of a middleware-missing rule, or None unless ``path`` is known to be absent.

    Points at MIDDLEWARE (or at the settings module when it is Django's default). A same-named
    class under another path lowers the confidence to LOW and is named in the message.
    """
    if has_middleware(view, path) is not False:
        return None
    detail = consequence
    similar = lookalike(view, path)
    if similar is not None:
        detail += (f" ('{similar}' may be a subclass that does the same, but Django's check "
                   "only accepts the exact path)")
        confidence = Confidence.LOW
    return report_state(rule, view, middleware_value(view), missing_state(view, path), detail,
                        key=f"MIDDLEWARE:{short_name(path)}", fix=fix, confidence=confidence,
                        holds=not_listing(path))
