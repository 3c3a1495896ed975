"""Pages the scan tests add to the example sites (test-only; the examples stay as they are)."""

from __future__ import annotations

from django.http import HttpResponse


def with_session(view):
    """``view``, touching the session first so the response sets the session cookie."""

    def wrapped(request, *args, **kwargs):
        request.session["visits"] = request.session.get("visits", 0) + 1
        return view(request, *args, **kwargs)

    return wrapped


def login_without_csrf(request):
    """A hand-written login form that forgot ``{% csrf_token %}``."""
    return HttpResponse(
        "<!doctype html><title>Log in</title>"
        '<form method="post" action="/accounts/login/">'
        '<input name="username"><input type="password" name="password">'
        '<button type="submit">Log in</button></form>'
    )
