"""PG111–PG119 fire exactly when the Django deploy checks they mirror do.

Each configuration is run three ways: through Django's own check functions, through the rules on
the live settings (the ``check --deploy`` face) and through the static audit of the same values
written as a ``settings.py``. Findings that go beyond Django on purpose (a short HSTS max-age,
``unsafe-url``, COOP switched off, …) carry their own keys and are left out of the comparison.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.checks.security import base, csrf, sessions

from ponyguard.checks import RuntimeSettings
from ponyguard.core.registry import load_rules
from tests.helpers import audit_files

RULES = [f"PG11{n}" for n in range(1, 10)]
EXTRA_KEYS = {("PG111", ":short"), ("PG111", ":invalid"), ("PG115", ":unsafe-url"),
              ("PG115", ":empty"), ("PG116", ":disabled")}
DJANGO_CHECKS = (
    base.check_sts, base.check_sts_include_subdomains, base.check_sts_preload,
    base.check_content_type_nosniff, base.check_referrer_policy,
    base.check_cross_origin_opener_policy, sessions.check_session_cookie_secure,
    sessions.check_session_cookie_httponly, csrf.check_csrf_cookie_secure,
)

APPS = ["django.contrib.auth", "django.contrib.contenttypes"]
SEC = "django.middleware.security.SecurityMiddleware"
SESS = "django.contrib.sessions.middleware.SessionMiddleware"
CSRF = "django.middleware.csrf.CsrfViewMiddleware"
SECURE = {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
          "SECURE_HSTS_PRELOAD": True, "SESSION_COOKIE_SECURE": True,
          "CSRF_COOKIE_SECURE": True}

CONFIGS: list[dict[str, Any]] = [
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": []},
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": [SEC, SESS, CSRF]},
    {"INSTALLED_APPS": APPS + ["django.contrib.sessions"], "MIDDLEWARE": [SEC]},
    {"INSTALLED_APPS": APPS + ["django.contrib.sessions"], "MIDDLEWARE": [SESS, CSRF],
     "SESSION_COOKIE_HTTPONLY": False, "CSRF_USE_SESSIONS": True},
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": [SESS], "SESSION_COOKIE_HTTPONLY": 0,
     "SESSION_COOKIE_SECURE": "True"},
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": [SEC, CSRF], **SECURE},
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": [SEC], "SECURE_HSTS_SECONDS": 60,
     "SECURE_HSTS_INCLUDE_SUBDOMAINS": 1, "SECURE_CONTENT_TYPE_NOSNIFF": False,
     "SECURE_REFERRER_POLICY": None, "SECURE_CROSS_ORIGIN_OPENER_POLICY": "nope"},
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": [SEC], **SECURE,
     "SECURE_REFERRER_POLICY": "no-referrer, bogus", "SECURE_CROSS_ORIGIN_OPENER_POLICY": None},
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": [SEC], **SECURE,
     "SECURE_REFERRER_POLICY": ("origin", "unsafe-url"),
     "SECURE_CROSS_ORIGIN_OPENER_POLICY": "unsafe-none"},
    {"INSTALLED_APPS": APPS, "MIDDLEWARE": [CSRF], "CSRF_COOKIE_SECURE": "False"},
]


def django_ids(settings: Any, config: dict[str, Any]) -> set[str]:
    for name, value in config.items():
        setattr(settings, name, value)
    return {message.id for check in DJANGO_CHECKS for message in check(None)}


def fired(findings: Any) -> set[str]:
    return {f.rule.id for f in findings if f.rule.id in RULES
            and (f.rule.id, ":" + f.key.partition(":")[2]) not in EXTRA_KEYS}


def expected(ids: set[str]) -> set[str]:
    registry = load_rules()
    result = set()
    for rule_id in RULES:
        rule = registry.get(rule_id)
        assert rule is not None and rule.mirrors
        if ids & {m.strip() for m in rule.mirrors.split(",")}:
            result.add(rule_id)
    return result


@pytest.mark.parametrize("config", CONFIGS, ids=[str(n) for n in range(len(CONFIGS))])
def test_rules_fire_exactly_when_django_does(settings, tmp_path, config) -> None:
    want = expected(django_ids(settings, config))
    registry = load_rules()
    live = set()
    for rule_id in RULES:
        rule = registry.get(rule_id)
        assert rule is not None
        live |= fired(rule.run("settings", RuntimeSettings()))
    assert live == want, "runtime face"
    source = "".join(f"{name} = {value!r}\n" for name, value in config.items())
    static = fired(audit_files(tmp_path, {"settings.py": source}).findings)
    assert static == want, "static face"
