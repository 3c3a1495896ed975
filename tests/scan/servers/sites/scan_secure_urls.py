"""secure_site's URLs plus the admin's static files (nginx would serve them)."""

from pathlib import Path

import django
from django.urls import re_path
from django.views.static import serve
from secure_site.urls import urlpatterns as site_urlpatterns

ADMIN_STATIC = Path(django.__file__).parent / "contrib" / "admin" / "static"

urlpatterns = [
    re_path(r"^static/(?P<path>.*)$", serve, {"document_root": ADMIN_STATIC}),
    *site_urlpatterns,
]
