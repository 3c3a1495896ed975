"""The Django app: ``INSTALLED_APPS += ["ponyguard"]``.

It has no models. :meth:`PonyguardConfig.ready` registers the settings rules with Django's
system-check framework (:mod:`ponyguard.checks`), and the app provides the
``manage.py ponyguard`` command.
"""

from __future__ import annotations

from django.apps import AppConfig


class PonyguardConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "ponyguard"
    verbose_name = "ponyguard"
    default_auto_field = "django.db.models.AutoField"  # irrelevant: the app has no models

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
