"""A template renders a variable in an unquoted HTML attribute value, or loose inside a tag.

## Why it matters
Autoescaping replaces `<`, `>`, `&`, `"` and `'`; it does not touch spaces, `=` or backticks.
In an unquoted attribute value (`<div class={{ c }}>`) a space ends the value, so a value such as
`x onmouseover=alert(document.cookie)` adds an event handler to the element: cross-site scripting
straight through the escaping. A variable standing inside a tag outside any value
(`<input {{ extra }}>`) or in an attribute name can add attributes the same way.

Values that cannot hold text (numbers such as `{{ items|length }}`, `forloop.counter`, ids named
`id`/`pk`/`*_id`, `csrf_token`, literals) are not reported. A variable loose inside a tag is
reported at low confidence: Django's own widget templates render trusted attribute names this
way. ponyguard does not yet link templates to the views that render them, so it cannot tell
whether the value comes from a user: unquoted values are medium confidence.

## Insecure example
```html+django
<a href={{ profile.website }}>website</a>
<div class={{ request.GET.theme }}>…</div>
<input type="text" {{ field_attributes }}>
```

## Fix
Always quote attribute values that hold a variable: `<a href="{{ profile.website }}">`.
Build attribute lists in Python with `django.forms.utils.flatatt()` or `format_html()`
instead of rendering them loose in a tag.

## References
- https://docs.djangoproject.com/en/stable/ref/templates/language/#automatic-html-escaping
- https://html.spec.whatwg.org/multipage/syntax.html#unquoted
- https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html#output-encoding-for-html-attribute-contexts
- https://cwe.mitre.org/data/definitions/83.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...templates.files import TemplateFile
from ._support import non_text, report

rule = Rule("PG304", "template-unquoted-attribute",
            "Template renders a variable in an unquoted HTML attribute", Severity.MEDIUM,
            Confidence.MEDIUM, cwe=(79, 83), doc_text=__doc__, runtime=False)

FIX = 'Quote the attribute value: <a href="{{ url }}">; build attribute lists in Python.'


@rule.on("template")
def check(template: TemplateFile) -> Iterator[Finding]:
    if template.plain_text:
        return
    for token in template.variables:
        context, expression = token.context, token.expression
        if context is None or expression is None or non_text(expression):
            continue
        if context.unquoted_value:
            yield report(rule, template, token, (
                f"`{token.source}` is rendered in the unquoted value of the "
                f"`{context.attribute}` attribute of <{context.tag}>: autoescaping does not "
                "escape spaces, so the value can add attributes such as event handlers"),
                fix=FIX)
        elif context.state in ("tag", "attribute-name") and not context.end_tag:
            yield report(rule, template, token, (
                f"`{token.source}` is rendered inside the <{context.tag or '…'}> tag outside "
                "any quoted value: it can add attributes such as event handlers"),
                confidence=Confidence.LOW, fix=FIX)
