"""Recognise pages by their content: Django's debug pages and admin, login forms, listings.

The markers come from Django's own templates (``django/views/templates/technical_404.html``,
``technical_500.html``, ``default_urlconf.html``, ``contrib/admin/templates/admin/login.html``)
across 3.2 → 6.x: older releases write "You're" with a straight apostrophe (sometimes
HTML-escaped), newer ones with a curly one, so text is unescaped and apostrophes normalised
before matching.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ...http import Response

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def page_text(response: Response) -> str:
    """The body as text: HTML entities decoded, curly apostrophes made straight."""
    return html.unescape(response.text).translate(_APOSTROPHES)


def looks_like_html(response: Response) -> bool:
    ctype = response.content_type
    if ctype:
        return ctype in ("text/html", "application/xhtml+xml")
    return response.body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))


_DEBUG_FOOTER = re.compile(
    r"seeing\s+this\s+(?:error|page)\s+because\s+you\s+have\s*(?:<[^>]{0,200}>\s*)?"
    r"DEBUG\s*=\s*True", re.I)
_URLCONF = re.compile(r"Using\s+the\s+URLconf\s+defined\s+in\s*(?:<code>)?\s*[\w.]+", re.I)
_TRIED = re.compile(r"Django\s+tried\s+these\s+URL\s+patterns", re.I)
_TECH_500 = (re.compile(r"<th[^>]*>\s*Django Version:\s*</th>", re.I),
             re.compile(r"Exception Value:", re.I),
             re.compile(r"id=\"(?:traceback|browserTraceback|pastebinTraceback)\"", re.I))
_WELCOME = re.compile(r"You\s+are\s+seeing\s+this\s+(?:page|message)\s+because\s*"
                      r"(?:<[^>]{0,200}>\s*)?DEBUG\s*=\s*True", re.I)


def debug_page_kind(response: Response) -> str | None:
    """``"technical 404"``, ``"technical 500"`` or ``"welcome page"``, or None."""
    text = page_text(response)
    if "DEBUG" not in text and "Django Version" not in text and "URLconf" not in text:
        return None
    if _WELCOME.search(text):
        return "welcome page"
    if sum(1 for marker in _TECH_500 if marker.search(text)) >= 2:
        return "technical 500"
    if _DEBUG_FOOTER.search(text) or (_URLCONF.search(text) and _TRIED.search(text)):
        return "technical 404"
    return None


@dataclass(slots=True)
class Form:
    action: str | None
    method: str
    inputs: list[tuple[str, str]] = field(default_factory=list)
    """(type, name) of every input, lower-case type."""

    @property
    def has_password(self) -> bool:
        return any(kind == "password" for kind, _ in self.inputs)

    @property
    def has_csrf_token(self) -> bool:
        return any(name == "csrfmiddlewaretoken" for _, name in self.inputs)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._open: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): value or "" for key, value in attrs}
        if tag == "form":
            self._open = Form(values.get("action") if "action" in values else None,
                              (values.get("method") or "get").strip().lower())
            self.forms.append(self._open)
        elif tag == "input":
            kind = (values.get("type") or "text").strip().lower()
            target = self._open
            if target is None:  # an input outside any form: keep it on a pseudo-form
                target = Form(None, "get")
                self.forms.append(target)
                self._open = target
            target.inputs.append((kind, values.get("name", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def forms_of(response: Response) -> list[Form]:
    if not looks_like_html(response):
        return []
    parser = _FormParser()
    try:
        parser.feed(response.text)
        parser.close()
    except (AssertionError, ValueError):  # hostile markup: keep what was parsed
        pass
    return parser.forms


def login_forms(response: Response) -> list[Form]:
    """Forms with a password field (sign-in, sign-up, password change)."""
    return [form for form in forms_of(response) if form.has_password]


_ADMIN_MARKERS = (
    re.compile(r"id=[\"']login-form[\"']", re.I),
    re.compile(r"/admin/css/(?:base|login|responsive|nav_sidebar)\.css", re.I),
    re.compile(r"id=[\"']site-name[\"']", re.I),
    re.compile(r">\s*Django (?:site )?admin(?:istration)?\s*<", re.I),
)


def is_django_admin(response: Response) -> bool:
    """The page is Django's admin (its login page or index), not any page at /admin/."""
    if response.status >= 400 or not looks_like_html(response):
        return False
    text = response.text
    markers = sum(1 for marker in _ADMIN_MARKERS if marker.search(text))
    return markers >= 2 and ("csrfmiddlewaretoken" in text or "/admin/logout/" in text)


_LISTINGS = (
    ("nginx autoindex", re.compile(r"<title>Index of /[^<]*</title>[\s\S]*<h1>Index of /"
                                   r"[^<]*</h1>\s*<hr>\s*<pre>", re.I)),
    ("Apache", re.compile(r"<title>Index of /[^<]*</title>[\s\S]*Parent Directory", re.I)),
    ("Python http.server", re.compile(r"<title>Directory listing for /", re.I)),
    ("Django static serve", re.compile(r"<title>Index of [^<]*</title>\s*</head>\s*<body>\s*"
                                       r"<h1>Index of [^<]*</h1>\s*<ul>", re.I)),
    ("a web server", re.compile(r"<title>Index of /[^<]*</title>", re.I)),
)


def directory_listing(response: Response) -> str | None:
    """The server whose directory index this page is, or None."""
    if response.status != 200 or not looks_like_html(response):
        return None
    text = response.text
    for server, pattern in _LISTINGS:
        if pattern.search(text):
            return server
    return None
