"""insecure_site's URLs plus what a careless deployment adds: the project directory served as
the web root (``.git/``, ``.env``), a hand-written login form without a CSRF token, and the
admin's static files (for the version fingerprint)."""

from pathlib import Path

import django
from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve
from insecure_site import views
from insecure_site.urls import urlpatterns as site_urlpatterns
from scan_views import login_without_csrf, with_session

ADMIN_STATIC = Path(django.__file__).parent / "contrib" / "admin" / "static"

urlpatterns = [
    path("", with_session(views.home)),
    path("accounts/login/", login_without_csrf),
    re_path(r"^(?P<path>\.git/.*|\.env)$", serve, {"document_root": settings.PLANTED_DIR}),
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": ADMIN_STATIC}),
    *site_urlpatterns,
]
