"""A template engine in TEMPLATES has autoescaping switched off.

## Why it matters
Django's template language and Django's Jinja2 backend both escape every variable by default:
`{{ comment.body }}` turns `<script>` into `&lt;script&gt;`. That default is what keeps
user-supplied text from becoming cross-site scripting. `"autoescape": False` in a `TEMPLATES`
entry's `OPTIONS` switches it off for **every** template that engine renders: each variable that
contains user input is then an XSS hole unless the template remembers `|escape` (Django) or
`|e` (Jinja2) at that very spot. Template loaders search the engines in order, so templates you
meant for another engine (including app templates found through `APP_DIRS`) may be rendered by
the unescaped one.

Only an explicit false value is reported: both backends default to `autoescape=True` when the
option is absent (unlike a plain `jinja2.Environment`, whose default is off).

## Insecure example
```python
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"autoescape": False},
}]
```

## Fix
Remove `"autoescape": False` from `OPTIONS` (the default is True). Mark the few values that are
trusted HTML where they are produced with `format_html()` / `mark_safe()`, or in the template
with `|safe` or `{% autoescape off %}` around a block that only outputs trusted markup.

If an engine exists for plain-text output (e-mails, CSV), give it its own `DIRS` without
`APP_DIRS`, list it after the HTML engine and select it explicitly with `using=`.

## References
- https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.django.DjangoTemplates
- https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.jinja2.Jinja2
- https://docs.djangoproject.com/en/stable/ref/templates/language/#automatic-html-escaping
- https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection
- https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/79.html
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import is_unknown
from ...settings.view import SettingsView
from ._support import is_false, is_true, report

rule = Rule("PG126", "template-autoescape-off", "Template autoescaping is switched off",
            Severity.HIGH, Confidence.HIGH, cwe=(79, 116), doc_text=__doc__)

BACKENDS = {"DjangoTemplates": "Django template", "Jinja2": "Jinja2"}
"""Backend class names (django.template.backends.django.DjangoTemplates, ….jinja2.Jinja2 and
subclasses with the same name, such as django-jinja's) that default to autoescape=True."""


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value("TEMPLATES")
    engines = value.data
    if not isinstance(engines, (list, tuple)):
        return
    states = [_autoescape(engine) for engine in engines]
    escaping_elsewhere = any(state is True for _, state in states)
    for index, (kind, state) in enumerate(states):
        if kind is None or state is not False:
            continue
        leaf = value.leaves.get((index, "OPTIONS", "autoescape"))
        where = leaf if leaf is not None else value
        name = _name(engines[index], index)
        # A second engine with autoescape on suggests this one was meant for plain text only.
        confidence = Confidence.MEDIUM if escaping_elsewhere else None
        yield report(rule, view, where,
                     f"TEMPLATES entry {name} ({kind}) sets OPTIONS autoescape to False: "
                     "variables are rendered without HTML escaping",
                     key=f"TEMPLATES[{index}].OPTIONS.autoescape",
                     fix='Remove "autoescape": False from OPTIONS (the default is True); mark '
                         "trusted HTML with format_html()/mark_safe() instead.",
                     confidence=confidence)


def _autoescape(engine: Any) -> tuple[str | None, bool | None]:
    """(backend kind, autoescape on?) for one entry; the kind is None for other backends, the
    state None when it cannot be known."""
    if not isinstance(engine, dict):
        return None, None
    backend = engine.get("BACKEND")
    if not isinstance(backend, str):
        return None, None
    kind = BACKENDS.get(backend.rsplit(".", 1)[-1])
    if kind is None:
        return None, None
    options = engine.get("OPTIONS", {})
    if not isinstance(options, dict):
        return kind, None
    if "autoescape" not in options:
        return kind, True
    setting = options["autoescape"]
    if is_unknown(setting):
        return kind, None
    if is_false(setting):
        return kind, False
    # Jinja2 accepts a callable (select_autoescape()); it evaluates to UNKNOWN above.
    return kind, True if is_true(setting) else None


def _name(engine: dict[Any, Any], index: int) -> str:
    name = engine.get("NAME")
    return repr(name) if isinstance(name, str) else f"#{index + 1}"
