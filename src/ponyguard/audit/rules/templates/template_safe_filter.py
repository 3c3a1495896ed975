"""A template marks a variable as safe HTML with `|safe` or `|safeseq`.

## Why it matters
Django and Jinja2 escape every variable they render: `<script>` in a comment becomes
`&lt;script&gt;`. `|safe` switches that off for one value, and `|safeseq` for every item of a
list: whatever HTML the value holds is sent to the browser as markup. If the value can contain
anything a user typed (a comment, a profile field, a search term, a filename, an error message
that echoes input), that user can run JavaScript in every visitor's session: cross-site
scripting, which can take over accounts, including administrators'.

`|safe` on a literal (`{{ "<br>"|safe }}`) is harmless and not reported; neither is `|safe` after
a filter that already escaped the value (`{{ x|escape|safe }}`). Inside `{% if %}` conditions the
filter changes nothing and is not reported either. `{% with v=x|safe %}` and Jinja2's
`{% set v = x|safe %}` are reported: the marked value is rendered unescaped wherever `v` is used.
`|safe` on a variable the same template filled with its own rendered output earlier is not
reported: `{% fragment as v %}…{% endfragment %}` (Wagtail; also `{% capture %}`),
`{% blocktranslate asvar v %}` and `{% translate "literal" as v %}` produce autoescaped
template output or catalog text, and `|safe` only keeps it from being escaped twice (unless
a later `{% with %}`, `{% for %}` or `as` binds the name again).
`{{ field.help_text|safe }}` is reported at low confidence: Django documents `help_text` as
developer-written HTML that its own form templates do not escape.

Plain-text templates (`.txt`) produce no HTML and are not checked. ponyguard does not yet link a
template to the views that render it, so it cannot tell whether the value comes from a user:
such findings are medium confidence.

## Insecure example
```html+django
<div class="comment">{{ comment.body|safe }}</div>
<ul>{% for tag in tags|safeseq %}<li>{{ tag }}</li>{% endfor %}</ul>
```

## Fix
Remove `|safe` and let autoescaping do its work. When the value really must carry markup, build
it in Python with `format_html()` (which escapes the data it interpolates) or clean user HTML
with an allowlist sanitiser such as `nh3` before marking it safe, and keep that in one place.

## References
- https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safe
- https://docs.djangoproject.com/en/stable/ref/templates/builtins/#safeseq
- https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection
- https://jinja.palletsprojects.com/en/stable/templates/#working-with-automatic-escaping
- https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/79.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...templates.files import TemplateFile
from ...templates.lexer import CONDITION_TAGS
from ...templates.model import Filter, Token, TokenKind
from ._support import HTML_ESCAPING, NON_TEXT, SAFE_MARKERS, SAFE_ROOTS, report

rule = Rule("PG302", "template-safe-filter", "Template marks a variable as safe HTML",
            Severity.HIGH, Confidence.MEDIUM, cwe=(79,), doc_text=__doc__, runtime=False)

_ROOT = re.compile(r"[A-Za-z_]\w*")
_TRANSLATED = re.compile(r"""("[^"]*"|'[^']*')(?:\s+noop)?(?:\s+context\s+(?:"[^"]*"|'[^']*'))?"""
                         r"""\s+as\s+(\w+)""")
"""``{% translate "Approved" as label %}``: a literal message from the translation catalog."""
CAPTURE_TAGS = frozenset({"fragment", "capture", "captureas"})
"""Tags that store their rendered (autoescaped) body in a variable: Wagtail's ``{% fragment as
x %}``, django-capture-tag's ``{% capture as x %}``."""
DEVELOPER_TEXT = frozenset({"help_text"})
"""Attributes Django documents as developer-written HTML (not escaped in Django's forms)."""
FIX = ("Remove |safe; build markup with format_html() or sanitise user HTML (nh3) before "
       "marking it safe.")


@rule.on("template")
def check(template: TemplateFile) -> Iterator[Finding]:
    if template.plain_text:
        return
    captured: set[str] = set()
    for token in template.tokens:
        if token.kind is TokenKind.BLOCK and template.engine == "django":
            _bind(token, captured)
        use = _unsafe_use(token)
        if use is None or use.operand in captured:
            continue
        items = "every item of " if use.name == "safeseq" else ""
        where = ("it is rendered without HTML escaping" if token.kind is TokenKind.VARIABLE
                 else "wherever the result is rendered, it is not escaped")
        if token.context is not None and token.context.js:
            where += " inside JavaScript, where only json_script keeps data inert"
        developer = use.operand.rsplit(".", 1)[-1] in DEVELOPER_TEXT
        note = (" (a form field's help_text is normally written by developers, and Django's own "
                "form templates render it this way)") if developer else ""
        yield report(rule, template, token,
                     f"`{_short(token.source)}` marks {items}`{use.operand}` as safe HTML: "
                     f"{where}, so markup in it reaches the page (cross-site scripting){note}",
                     confidence=Confidence.LOW if developer else None, fix=FIX)


def _unsafe_use(token: Token) -> Filter | None:
    if token.kind is TokenKind.VARIABLE and token.expression is not None:
        uses = token.expression.uses
    elif token.kind is TokenKind.BLOCK and token.tag not in CONDITION_TAGS:
        uses = token.tag_filters
    else:
        return None
    for use in uses:
        if use.name in SAFE_MARKERS and not _harmless(use):
            return use
    return None


def _bind(token: Token, captured: set[str]) -> None:
    """Follow the names the template binds: captured template output (``{% fragment as x
    %}…``, ``{% blocktranslate asvar x %}``, ``{% translate "literal" as x %}``) is added, any
    other binding of the name (``{% with %}``, ``{% for %}``, ``… as x``) removes it."""
    bits = token.arguments.split()
    tag = token.tag or ""
    if tag in CAPTURE_TAGS and bits:
        name = bits[-1] if len(bits) >= 2 and bits[-2] == "as" else bits[0]
        captured.add(name)
    elif tag in ("blocktranslate", "blocktrans") and "asvar" in bits[:-1]:
        captured.add(bits[bits.index("asvar") + 1])
    elif tag in ("translate", "trans") and (literal := _TRANSLATED.fullmatch(token.arguments)):
        captured.add(literal.group(2))
    elif tag == "for":
        names = " ".join(bits[:bits.index("in")] if "in" in bits else bits)
        captured.difference_update(n.strip() for n in names.split(","))
    elif tag == "with" or (len(bits) >= 2 and bits[-2] == "as"):
        captured.difference_update(b.split("=", 1)[0] for b in bits if "=" in b)
        if len(bits) >= 2 and bits[-2] == "as":
            captured.discard(bits[-1])


def _harmless(use: Filter) -> bool:
    if use.operand_literal:
        return True
    if use.chain and use.chain[-1] in HTML_ESCAPING | NON_TEXT:
        return True
    root = _ROOT.match(use.operand)
    return root is not None and root.group() in SAFE_ROOTS


def _short(source: str) -> str:
    text = " ".join(source.split())
    return text if len(text) <= 80 else text[:79] + "…"
