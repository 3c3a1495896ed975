"""The URLconf serves uploaded media through Django outside an `if settings.DEBUG:` block.

## Why it matters
`django.views.static.serve` is a development helper. It works whatever DEBUG says, and
Django's documentation warns that it is inefficient and insecure: every download
ties up a Python worker, and files are served from the site's own origin with a content type
guessed from their name and none of the headers a web server or object store would add. For
`MEDIA_ROOT` that is the worst place to serve from: an uploaded `.html` or `.svg` file renders
as a page of your site, so any upload field becomes stored cross-site scripting against your
users' sessions. With `show_indexes=True` it also lists the directory's files.

`static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)` from
`django.conf.urls.static` is different: it returns no URL pattern at all unless DEBUG is
True, so an unguarded call is harmless in production as long as DEBUG is off there. It is
still worth the `if settings.DEBUG:` guard, which makes the intent explicit and keeps media
off Django even when DEBUG is switched on by mistake.

## Insecure example
```python
from django.urls import re_path
from django.views.static import serve

urlpatterns = [
    # served in production too: serve() ignores DEBUG
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
```

## Fix
Serve MEDIA_ROOT from the web server (an nginx `location /media/` block) or object storage
(django-storages) in production, and keep Django's helpers for development only, inside
`if settings.DEBUG:`.

```python
from django.conf import settings
from django.conf.urls.static import static

urlpatterns = [
    # ...
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
```

Serve uploads with `X-Content-Type-Options: nosniff`, and preferably from a separate domain
or with `Content-Disposition: attachment`, so an uploaded HTML file cannot run as your site.

## References
- https://docs.djangoproject.com/en/stable/ref/views/#serving-files-in-development
- https://docs.djangoproject.com/en/stable/howto/static-files/#serving-files-uploaded-by-a-user-during-development
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#media-root-and-media-url
- https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content-security
- https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._support import is_true
from ._urls import Guard, UrlCall, dict_item, mentions, url_calls

rule = Rule("PG129", "media-served-by-django", "Uploaded media is served by Django",
            Severity.HIGH, Confidence.HIGH, cwe=(552, 79), doc_text=__doc__)

STATIC_HELPER = "django.conf.urls.static.static"
SERVE_VIEW = "django.views.static.serve"
FIX_SERVE = ("Remove the pattern, or move it under `if settings.DEBUG:`; in production serve "
             "MEDIA_ROOT from the web server or object storage.")
FIX_STATIC = ("Move it under `if settings.DEBUG:` (urlpatterns += static(...)) and serve "
              "MEDIA_ROOT from the web server or object storage in production.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    debug_on = is_true(view.value("DEBUG").data)
    for found in url_calls(view):
        if found.guard is not Guard.NONE:
            continue
        if found.callee == STATIC_HELPER:
            yield from _static_helper(view, found, debug_on)
        elif found.kind is not None and _is_serve(found):
            yield from _serve_pattern(found)


def _static_helper(view: SettingsView, found: UrlCall, debug_on: bool) -> Iterator[Finding]:
    if not _about_media(found.call):
        return  # static(settings.STATIC_URL, ...): public files, and a no-op without DEBUG
    now = (f"; DEBUG is True in {view.module}, so it does serve MEDIA_ROOT there" if debug_on
           else "")
    yield rule.finding(
        f"{found.snippet()} is not inside `if settings.DEBUG:`; static() only adds a pattern "
        f"while DEBUG is True, so this relies on DEBUG being off in production{now}",
        found.location(), evidence=found.evidence(), key=f"static:{_first_argument(found.call)}",
        severity=Severity.LOW, confidence=Confidence.HIGH, fix=FIX_STATIC)


def _serve_pattern(found: UrlCall) -> Iterator[Finding]:
    options = found.kwargs_node
    root = dict_item(options, "document_root")
    static_only = mentions(root, "STATIC") and not mentions(root, "MEDIA")
    listing = dict_item(options, "show_indexes")
    indexes = isinstance(listing, ast.Constant) and listing.value is True
    what = "STATIC_ROOT" if static_only else "MEDIA_ROOT" if mentions(root, "MEDIA") else \
        "its document_root"
    extra = ", with directory listings (show_indexes=True)" if indexes else ""
    route = found.full_route() or found.literal_route() or "?"
    yield rule.finding(
        f"a URL pattern routes to django.views.static.serve outside `if settings.DEBUG:`; "
        f"serve() works whatever DEBUG is, so Django serves {what} in production{extra} "
        "(Django's docs: inefficient and insecure, for development only)",
        found.location(), evidence=found.evidence(), key=f"serve:{route}",
        severity=Severity.MEDIUM if static_only and not indexes else Severity.HIGH,
        confidence=Confidence.HIGH, fix=FIX_SERVE)


def _about_media(call: ast.Call) -> bool:
    """static(MEDIA_URL, ...) or an unknown prefix; not static(settings.STATIC_URL, ...)."""
    parts: list[ast.AST] = [*call.args, *(k.value for k in call.keywords)]
    if any(mentions(part, "MEDIA") for part in parts):
        return True
    return not any(mentions(part, "STATIC") for part in parts)


def _first_argument(call: ast.Call) -> str:
    return ast.unparse(call.args[0]) if call.args else ""


def _is_serve(found: UrlCall) -> bool:
    target = found.view_node
    if isinstance(target, ast.Constant):
        return target.value == SERVE_VIEW
    return found.qualified(target) == SERVE_VIEW
