"""PG130 admin-default-path: django.contrib.admin mounted at admin/ in ROOT_URLCONF."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

SETTINGS = """\
import os

DEBUG = False
ROOT_URLCONF = "mysite.urls"
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]
"""

DEFAULT = """\
from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
"""


def project(urls: str, settings: str = SETTINGS, **extra: str) -> dict[str, str]:
    files = {"mysite/__init__.py": "", "mysite/settings.py": settings, "mysite/urls.py": urls}
    files.update(extra)
    return files


def test_fires_on_default_path(tmp_path):
    found = assert_finds(tmp_path, "PG130", project(DEFAULT), path="mysite/urls.py", line=5,
                         severity="low", confidence="high", count=1,
                         message_contains="default URL /admin/")
    assert found[0].location.column == 5


def test_fires_on_regex_and_old_include_forms(tmp_path):
    re_path_form = """\
        from django.contrib import admin
        from django.urls import re_path

        urlpatterns = [re_path(r"^admin/", admin.site.urls)]
    """
    assert_finds(tmp_path / "re_path", "PG130", project(re_path_form), line=4)
    old_url_form = """\
        from django.conf.urls import include, url
        from django.contrib import admin

        urlpatterns = [
            url(r'^admin/', include(admin.site.urls)),
        ]
    """
    assert_finds(tmp_path / "url", "PG130", project(old_url_form), line=5)
    custom_site = """\
        from django.urls import path
        from mysite.admin import admin_site

        urlpatterns = [path("admin/", admin_site.urls)]
    """
    assert_finds(tmp_path / "custom-site", "PG130", project(custom_site), line=4)
    app_config = SETTINGS.replace('"django.contrib.admin",',
                                  '"django.contrib.admin.apps.SimpleAdminConfig",')
    assert_finds(tmp_path / "app-config", "PG130", project(DEFAULT, app_config))


def test_fires_inside_included_project_module(tmp_path):
    root = """\
        from django.urls import include, path

        urlpatterns = [path("", include("mysite.admin_urls"))]
    """
    admin_urls = """\
        from django.contrib import admin
        from django.urls import path

        urlpatterns = [path("admin/", admin.site.urls)]
    """
    assert_finds(tmp_path, "PG130", project(root, **{"mysite/admin_urls.py": admin_urls}),
                 path="mysite/admin_urls.py", line=4)


def test_fires_on_admin_url_setting(tmp_path):
    urls = """\
        from django.conf import settings
        from django.contrib import admin
        from django.urls import path

        urlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]
    """
    literal = SETTINGS + 'ADMIN_URL = "admin/"\n'
    assert_finds(tmp_path / "literal", "PG130", project(urls, literal), line=5,
                 confidence="high", message_contains="ADMIN_URL = 'admin/'")
    env_default = SETTINGS + 'ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/")\n'
    assert_finds(tmp_path / "env", "PG130", project(urls, env_default), line=5,
                 confidence="medium", message_contains="unless DJANGO_ADMIN_URL is set")
    assert_silent(tmp_path / "env-set", "PG130", project(urls, env_default),
                  env={"DJANGO_ADMIN_URL": "backstage-91c2/"})


def test_silent_on_custom_path(tmp_path):
    custom = DEFAULT.replace('"admin/"', '"staff-7f3a/"')
    assert_silent(tmp_path / "custom", "PG130", project(custom))
    nested = """\
        from django.contrib import admin
        from django.urls import include, path

        urlpatterns = [path("internal/", include([path("admin/", admin.site.urls)]))]
    """
    assert_silent(tmp_path / "nested", "PG130", project(nested))
    included_under_prefix = """\
        from django.urls import include, path

        urlpatterns = [path("ops-2b9d/", include("mysite.admin_urls"))]
    """
    admin_urls = """\
        from django.contrib import admin
        from django.urls import path

        urlpatterns = [path("admin/", admin.site.urls)]
    """
    assert_silent(tmp_path / "prefixed", "PG130", project(
        included_under_prefix, **{"mysite/admin_urls.py": admin_urls}))


def test_silent_on_look_alikes(tmp_path):
    honeypot = """\
        from django.contrib import admin
        from django.urls import include, path

        urlpatterns = [
            path("admin/", include("admin_honeypot.urls")),
            path("backstage-91c2/", admin.site.urls),
        ]
    """
    assert_silent(tmp_path / "honeypot", "PG130", project(honeypot))
    admindocs = """\
        from django.contrib import admin
        from django.urls import include, path

        urlpatterns = [
            path("admin/doc/", include("django.contrib.admindocs.urls")),
            path("backstage-91c2/", admin.site.urls),
            # path("admin/", admin.site.urls),
        ]
    """
    assert_silent(tmp_path / "admindocs", "PG130", project(admindocs))
    debug_only = """\
        from django.conf import settings
        from django.contrib import admin
        from django.urls import path

        urlpatterns = []
        if settings.DEBUG:
            urlpatterns += [path("admin/", admin.site.urls)]
    """
    assert_silent(tmp_path / "debug-only", "PG130", project(debug_only))
    no_admin_app = SETTINGS.replace('"django.contrib.admin",\n', "")
    assert_silent(tmp_path / "not-installed", "PG130", project(DEFAULT, no_admin_app))


def test_silent_when_unknown(tmp_path):
    unknown_apps = SETTINGS.replace("INSTALLED_APPS = [", "INSTALLED_APPS = EXTRA + [")
    assert_silent(tmp_path / "apps", "PG130", project(DEFAULT, unknown_apps))
    urls = """\
        from django.conf import settings
        from django.contrib import admin
        from django.urls import path

        urlpatterns = [path(settings.ADMIN_URL, admin.site.urls)]
    """
    from_env = SETTINGS + 'ADMIN_URL = os.environ["DJANGO_ADMIN_URL"]\n'
    assert_silent(tmp_path / "env", "PG130", project(urls, from_env))
    conditional = """\
        from django.conf import settings
        from django.contrib import admin
        from django.urls import path

        urlpatterns = []
        if settings.ADMIN_ENABLED:
            urlpatterns += [path("admin/", admin.site.urls)]
    """
    assert_silent(tmp_path / "condition", "PG130", project(conditional))
