"""A template switches autoescaping off around variables with `{% autoescape off %}`.

## Why it matters
Inside `{% autoescape off %}` … `{% endautoescape %}` (Jinja2: `{% autoescape false %}`) every
variable is rendered as it is: any HTML it holds becomes markup on the page. A variable that can
contain user input (a name, a comment, a search term) then lets that user run JavaScript in other
visitors' sessions: cross-site scripting. The block also hides the danger from reviewers, because
each variable inside looks like an ordinary, escaped `{{ x }}`.

A block that holds only text, literals, or values escaped explicitly (`{{ x|escape }}`, numbers
such as `{{ items|length }}`) is fine and not reported; a nested `{% autoescape on %}` switches
escaping back on. Plain-text templates (`.txt`, and e-mail or subject templates without any HTML,
such as `registration/password_reset_email.html`) are not checked: switching escaping off there
is how Django's own e-mail templates avoid `&amp;` in links. Nor are other templates whose
output is not HTML, by their file suffix (`.js`, `.json`, `.css`, `.csv`): HTML escaping would
only corrupt them, and values rendered into JavaScript are PG305's.

The `TEMPLATES` option that turns autoescaping off for a whole engine is PG126.

## Insecure example
```html+django
{% autoescape off %}
  <h1>{{ page.title }}</h1>
  {{ page.body }}
{% endautoescape %}
```

## Fix
Remove the `{% autoescape off %}` block. For a value that must carry trusted markup, build it
with `format_html()` in Python, or sanitise user HTML with an allowlist sanitiser such as `nh3`,
and mark only that value safe, so every other variable stays escaped.

## References
- https://docs.djangoproject.com/en/stable/ref/templates/builtins/#autoescape
- https://docs.djangoproject.com/en/stable/ref/templates/language/#automatic-html-escaping
- https://jinja.palletsprojects.com/en/stable/templates/#autoescape-overrides
- https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/79.html
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...templates.files import TemplateFile
from ...templates.model import Token, TokenKind
from ._support import escaped, report

rule = Rule("PG303", "template-autoescape-off-block",
            "Template switches autoescaping off around variables", Severity.HIGH,
            Confidence.MEDIUM, cwe=(79,), doc_text=__doc__, runtime=False)

OFF = frozenset({"off", "false", "False"})
FIX = ("Remove the {% autoescape off %} block; build trusted markup with format_html() and mark "
       "only that value safe.")


@dataclass
class _Block:
    opening: Token
    off: bool
    unescaped: list[Token] = field(default_factory=list)


@rule.on("template")
def check(template: TemplateFile) -> Iterator[Finding]:
    if template.non_html:
        return
    stack: list[_Block] = []
    for token in template.tokens:
        if token.kind is TokenKind.BLOCK and token.tag == "autoescape":
            setting = token.arguments.strip()
            stack.append(_Block(token, setting in OFF))
        elif token.kind is TokenKind.BLOCK and token.tag == "endautoescape" and stack:
            yield from _report(template, stack.pop())
        elif (token.kind is TokenKind.VARIABLE and stack and stack[-1].off
              and token.expression is not None and not escaped(token.expression)):
            stack[-1].unescaped.append(token)
    while stack:
        yield from _report(template, stack.pop())


def _report(template: TemplateFile, block: _Block) -> Iterator[Finding]:
    if not block.off or not block.unescaped:
        return
    first = block.unescaped[0]
    more = len(block.unescaped) - 1
    others = f" and {more} more variable{'s' if more > 1 else ''}" if more else ""
    traced = next((t for t in block.unescaped if template.taint_of(t.expression)), first)
    message = (f"`{{% {block.opening.contents} %}}` renders `{{{{ {first.contents} }}}}` "
               f"(line {first.line}){others} without HTML escaping: markup in them reaches "
               "the page (cross-site scripting)")
    yield report(rule, template, block.opening, message, expression=traced.expression, fix=FIX)
