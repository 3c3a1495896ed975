"""PG129 media-served-by-django: static()/serve() of MEDIA in ROOT_URLCONF, no DEBUG guard."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

SETTINGS = """\
DEBUG = False
ROOT_URLCONF = "mysite.urls"
MEDIA_URL = "/media/"
MEDIA_ROOT = "/srv/media"
"""


def project(urls: str, settings: str = SETTINGS, **extra: str) -> dict[str, str]:
    files = {"mysite/__init__.py": "", "mysite/settings.py": settings, "mysite/urls.py": urls}
    files.update(extra)
    return files


SERVE = """\
from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

urlpatterns = [
    path("", lambda request: None),
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
"""

STATIC = """\
from django.conf import settings
from django.conf.urls.static import static
from django.urls import path

urlpatterns = [
    path("", lambda request: None),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
"""


def test_serve_view_outside_debug_guard_is_high(tmp_path):
    found = assert_finds(tmp_path, "PG129", project(SERVE), path="mysite/urls.py", line=7,
                         severity="high", confidence="high", count=1,
                         message_contains="serve() works whatever DEBUG is")
    assert "MEDIA_ROOT" in found[0].message


def test_serve_view_forms(tmp_path):
    module_import = """\
        from django.conf import settings
        from django.urls import re_path
        from django.views import static

        urlpatterns = [
            re_path(r"^uploads/(?P<path>.*)$", static.serve,
                    kwargs={"document_root": settings.MEDIA_ROOT, "show_indexes": True}),
        ]
    """
    found = assert_finds(tmp_path / "module", "PG129", project(module_import),
                         path="mysite/urls.py", line=6, severity="high")
    assert "show_indexes=True" in found[0].message
    old_string_view = """\
        from django.conf.urls import url
        from django.conf import settings

        urlpatterns = [
            url(r'^media/(?P<path>.*)$', 'django.views.static.serve',
                {'document_root': settings.MEDIA_ROOT}),
        ]
    """
    assert_finds(tmp_path / "string", "PG129", project(old_string_view), line=5,
                 severity="high")
    appended = """\
        from django.conf import settings
        from django.urls import path
        from django.views.static import serve as serve_file

        urlpatterns = []
        urlpatterns += [path("media/<path:path>", serve_file,
                             {"document_root": settings.MEDIA_ROOT})]
    """
    assert_finds(tmp_path / "appended", "PG129", project(appended), line=6, severity="high")


def test_serve_view_for_static_root_is_medium(tmp_path):
    urls = """\
        from django.conf import settings
        from django.urls import re_path
        from django.views.static import serve

        urlpatterns = [
            re_path(r"^static/(?P<path>.*)$", serve, {"document_root": settings.STATIC_ROOT}),
        ]
    """
    assert_finds(tmp_path, "PG129", project(urls), severity="medium",
                 message_contains="STATIC_ROOT")


def test_serve_view_under_not_debug_runs_in_production(tmp_path):
    urls = """\
        from django.conf import settings
        from django.urls import re_path
        from django.views.static import serve

        urlpatterns = []
        if not settings.DEBUG:
            urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve,
                                    {"document_root": settings.MEDIA_ROOT})]
    """
    assert_finds(tmp_path, "PG129", project(urls), line=7, severity="high")


def test_unguarded_static_helper_is_low(tmp_path):
    found = assert_finds(tmp_path, "PG129", project(STATIC), path="mysite/urls.py", line=7,
                         severity="low", confidence="high",
                         message_contains="relies on DEBUG being off")
    assert "DEBUG is True in" not in found[0].message


def test_unguarded_static_helper_mentions_debug_on(tmp_path):
    settings = SETTINGS.replace("DEBUG = False", "DEBUG = True")
    assert_finds(tmp_path, "PG129", project(STATIC, settings), severity="low",
                 message_contains="so it does serve MEDIA_ROOT there")


def test_inside_try_and_with_blocks(tmp_path):
    urls = """\
        from django.conf import settings
        from django.conf.urls.static import static

        urlpatterns = []
        try:
            import debug_toolbar
        except ImportError:
            pass
        else:
            urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    """
    assert_finds(tmp_path, "PG129", project(urls), line=10, severity="low")


def test_followed_into_included_project_urls(tmp_path):
    root = """\
        from django.urls import include, path

        urlpatterns = [path("", include("core.urls"))]
    """
    core = """\
        from django.conf import settings
        from django.urls import path
        from django.views.static import serve

        urlpatterns = [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
    """
    files = project(root, **{"core/__init__.py": "", "core/urls.py": core})
    assert_finds(tmp_path, "PG129", files, path="core/urls.py", line=5, severity="high")


def test_silent_inside_debug_guard(tmp_path):
    guarded_static = """\
        from django.conf import settings
        from django.conf.urls.static import static

        urlpatterns = []
        if settings.DEBUG:
            urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    """
    assert_silent(tmp_path / "static", "PG129", project(guarded_static))
    guarded_serve = """\
        from django.conf import settings
        from django.urls import re_path
        from django.views.static import serve

        urlpatterns = []
        if settings.DEBUG is True:
            urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve,
                                    {"document_root": settings.MEDIA_ROOT})]
    """
    assert_silent(tmp_path / "serve", "PG129", project(guarded_serve))
    else_of_not_debug = """\
        from django.conf import settings
        from django.conf.urls.static import static

        urlpatterns = []
        if not settings.DEBUG:
            pass
        else:
            urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    """
    assert_silent(tmp_path / "else", "PG129", project(else_of_not_debug))
    include_under_debug = """\
        from django.conf import settings
        from django.urls import include, path

        urlpatterns = []
        if settings.DEBUG:
            urlpatterns += [path("", include("devtools.urls"))]
    """
    devtools = """\
        from django.conf import settings
        from django.urls import path
        from django.views.static import serve

        urlpatterns = [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
    """
    assert_silent(tmp_path / "include", "PG129", project(
        include_under_debug, **{"devtools/__init__.py": "", "devtools/urls.py": devtools}))


def test_silent_on_look_alikes(tmp_path):
    static_files = """\
        from django.conf import settings
        from django.conf.urls.static import static

        urlpatterns = [] + static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
    """
    assert_silent(tmp_path / "static-url", "PG129", project(static_files))
    own_serve = """\
        from django.conf import settings
        from django.urls import path
        from myapp.views import serve

        urlpatterns = [path("files/<path:path>", serve)]
        # urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    """
    assert_silent(tmp_path / "own-view", "PG129", project(own_serve))
    staticfiles_serve = """\
        from django.contrib.staticfiles.views import serve
        from django.urls import re_path

        urlpatterns = [re_path(r"^static/(?P<path>.*)$", serve)]
    """
    assert_silent(tmp_path / "staticfiles", "PG129", project(staticfiles_serve))
    in_function = """\
        from django.conf import settings
        from django.conf.urls.static import static

        def dev_urls():
            return static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

        urlpatterns = []
        if settings.DEBUG:
            urlpatterns += dev_urls()
    """
    assert_silent(tmp_path / "function", "PG129", project(in_function))


def test_silent_when_unknown(tmp_path):
    unknown_condition = """\
        from django.conf import settings
        from django.conf.urls.static import static

        urlpatterns = []
        if settings.SERVE_MEDIA:
            urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    """
    assert_silent(tmp_path / "condition", "PG129", project(unknown_condition))
    unknown_urlconf = SETTINGS.replace('ROOT_URLCONF = "mysite.urls"',
                                       'import os\nROOT_URLCONF = os.environ["URLCONF"]')
    assert_silent(tmp_path / "urlconf", "PG129", project(SERVE, unknown_urlconf))
    match_case = """\
        from django.conf import settings
        from django.conf.urls.static import static

        urlpatterns = []
        match settings.STAGE:
            case "local":
                urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    """
    assert_silent(tmp_path / "match", "PG129", project(match_case))
    outside_tree = SETTINGS.replace('"mysite.urls"', '"elsewhere.urls"')
    assert_silent(tmp_path / "missing", "PG129", project(SERVE, outside_tree))
    broken = "urlpatterns = [\n"
    assert_silent(tmp_path / "broken", "PG129", project(broken))
