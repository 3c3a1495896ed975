"""PG131 login-brute-force-unprotected: admin installed, nothing limits failed logins."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

APPS = """\
import os

DEBUG = False
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
"""


def settings(text: str, **extra: str) -> dict[str, str]:
    return {"settings.py": text, **extra}


def with_apps(*apps: str) -> str:
    listed = "".join(f'    "{app}",\n' for app in apps)
    marker = '    "django.contrib.sessions",\n'
    return APPS.replace(marker, marker + listed)


def with_middleware(*entries: str) -> str:
    listed = "".join(f'    "{entry}",\n' for entry in entries)
    marker = '    "django.contrib.auth.middleware.AuthenticationMiddleware",\n'
    return APPS.replace(marker, marker + listed)


def test_fires_without_protection(tmp_path):
    assert_finds(tmp_path, "PG131", settings(APPS), path="settings.py", line=4, count=1,
                 severity="medium", confidence="medium",
                 message_contains="nothing limits failed logins")


def test_fires_on_axes_that_is_not_wired_or_disabled(tmp_path):
    assert_finds(tmp_path / "unwired", "PG131", settings(with_apps("axes")), severity="medium",
                 confidence="medium", message_contains="does not lock anyone out")
    disabled = with_apps("axes") + (
        'MIDDLEWARE += ["axes.middleware.AxesMiddleware"]\n'
        'AXES_ENABLED = os.environ.get("AXES_ENABLED", "") == "1"\n')
    assert_finds(tmp_path / "disabled", "PG131", settings(disabled), line=17,
                 confidence="medium", message_contains="AXES_ENABLED is False, so failed "
                 "logins are not limited unless AXES_ENABLED is set")


def test_partial_protection_is_low_confidence(tmp_path):
    allauth = with_apps("allauth", "allauth.account")
    assert_finds(tmp_path / "allauth", "PG131", settings(allauth), confidence="low",
                 message_contains="not Django's admin login")
    ratelimit = with_apps("django_ratelimit")
    assert_finds(tmp_path / "ratelimit", "PG131", settings(ratelimit), confidence="low",
                 message_contains="decorated with @ratelimit")
    allauth_off = allauth + "ACCOUNT_RATE_LIMITS = False\n"
    assert_finds(tmp_path / "allauth-off", "PG131", settings(allauth_off), confidence="medium",
                 message_contains="ACCOUNT_RATE_LIMITS = False")


def test_silent_with_protection(tmp_path):
    axes = with_apps("axes") + (
        'AUTHENTICATION_BACKENDS = [\n'
        '    "axes.backends.AxesStandaloneBackend",\n'
        '    "django.contrib.auth.backends.ModelBackend",\n'
        ']\n')
    assert_silent(tmp_path / "axes-backend", "PG131", settings(axes))
    axes_middleware = with_apps("axes.apps.AppConfig") + \
        'MIDDLEWARE += ["axes.middleware.AxesMiddleware"]\n'
    assert_silent(tmp_path / "axes-middleware", "PG131", settings(axes_middleware))
    assert_silent(tmp_path / "defender-app", "PG131", settings(with_apps("defender")))
    assert_silent(tmp_path / "defender-mw", "PG131", settings(
        with_middleware("defender.middleware.FailedLoginMiddleware")))
    ratelimit_backend = APPS + (
        'AUTHENTICATION_BACKENDS = ["ratelimitbackend.backends.RateLimitModelBackend"]\n')
    assert_silent(tmp_path / "ratelimitbackend", "PG131", settings(ratelimit_backend))
    other_package = with_middleware("mysite.middleware.LoginLockoutMiddleware")
    assert_silent(tmp_path / "other", "PG131", settings(other_package))


def test_silent_when_allauth_guards_the_admin_login(tmp_path):
    text = with_apps("allauth", "allauth.account") + 'ROOT_URLCONF = "mysite.urls"\n'
    urls = """\
        from allauth.account.decorators import secure_admin_login
        from django.contrib import admin
        from django.urls import path

        admin.site.login = secure_admin_login(admin.site.login)
        urlpatterns = [path("backstage/", admin.site.urls)]
    """
    files = {"mysite/__init__.py": "", "mysite/settings.py": text, "mysite/urls.py": urls}
    assert_silent(tmp_path, "PG131", files)


def test_silent_on_look_alikes(tmp_path):
    no_admin = APPS.replace('    "django.contrib.admin",\n', "")
    assert_silent(tmp_path / "no-admin", "PG131", settings(no_admin))
    commented = APPS.replace('    "django.contrib.admin",\n', '    # "django.contrib.admin",\n')
    assert_silent(tmp_path / "commented", "PG131", settings(commented))
    axes_enabled = with_apps("axes") + (
        'AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend"]\n'
        'AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"\n')
    assert_silent(tmp_path / "axes-on", "PG131", settings(axes_enabled))
    axes_env_on = with_apps("axes") + (
        'MIDDLEWARE += ["axes.middleware.AxesMiddleware"]\n'
        'AXES_ENABLED = os.environ.get("AXES_ENABLED", "") == "1"\n')
    assert_silent(tmp_path / "axes-env", "PG131", settings(axes_env_on), env={"AXES_ENABLED": "1"})


def test_silent_when_unknown(tmp_path):
    unknown_apps = APPS + "INSTALLED_APPS += os.environ['EXTRA_APPS'].split(',')\n"
    assert_silent(tmp_path / "apps", "PG131", settings(unknown_apps))
    unknown_middleware = APPS + "MIDDLEWARE = load_middleware()\n"
    assert_silent(tmp_path / "middleware", "PG131", settings(unknown_middleware))
    unknown_backends = APPS + "AUTHENTICATION_BACKENDS = [os.environ['AUTH_BACKEND']]\n"
    assert_silent(tmp_path / "backends", "PG131", settings(unknown_backends))


def test_a_flag_adding_an_unrelated_app_is_not_named(tmp_path) -> None:
    toolbar = APPS + ('if os.environ.get("DEBUG_TOOLBAR") == "1":\n'
                      '    INSTALLED_APPS.append("debug_toolbar")\n')
    [finding] = assert_finds(tmp_path / "toolbar", "PG131", settings(toolbar))
    assert "DEBUG_TOOLBAR" not in finding.message
    axes = APPS + ('if os.environ.get("USE_AXES") == "1":\n'
                   '    INSTALLED_APPS.append("axes")\n')
    [finding] = assert_finds(tmp_path / "axes", "PG131", settings(axes))
    assert "failed logins unless USE_AXES is set: " in finding.message
