"""A redirect goes to a URL taken from the request without checking its host.

## Why it matters
`redirect(request.GET["next"])` sends the visitor wherever the link says. An attacker mails a
link to your real site, `https://shop.example/login?next=https://shop-example.evil/`, and
after logging in the victim lands on a look-alike page that asks for their password again
or for card details. The trusted domain in the link is what makes the phishing work.
`//evil.example`, `https:evil.example` and `\\evil.example` are absolute URLs to browsers too,
so checking that the URL "starts with /" is not enough; `request.path` and the `Referer`
header are attacker-controlled as well.

A finding is high confidence when the target provably comes from the request; low when it
is a non-literal value of unknown origin. Request data after a fixed start (`/login/?next=`,
`reverse(...) + "?"`) is in the path or query string and cannot choose the host; a redirect
to the page that was just requested (`request.get_full_path()`) stays on the site. A URL
taken apart with `urlsplit()`/`urlparse()` and put together with `urlunsplit()`/`urlunparse()`,
or passed to `translate_url()`, keeps its origin: a `reverse()`d URL with a new query string
stays safe, a `next` checked with `url_has_allowed_host_and_scheme()` stays checked, and
request data stays request data.

## Insecure example
```python
def login_done(request):
    return redirect(request.GET.get("next", "/"))

def back(request):
    return HttpResponseRedirect(request.META["HTTP_REFERER"])
```

## Fix
Check the target with `url_has_allowed_host_and_scheme()` (what Django's `LoginView` does) and
fall back to a safe URL:

```python
target = request.GET.get("next", "")
if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
    target = reverse("home")
return redirect(target)
```

Or redirect to URL names (`redirect("shop:basket")`) and choose among known targets.

## References
- https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.http.url_has_allowed_host_and_scheme
- https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/601.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import REDIRECT
from ._support import argument, report

rule = Rule("PG401", "open-redirect", "Redirect to a URL from the request", Severity.MEDIUM,
            Confidence.HIGH, cwe=(601,), doc_text=__doc__, runtime=False)

REDIRECTS = {
    "django.shortcuts.redirect": "to",
    "django.http.HttpResponseRedirect": "redirect_to",
    "django.http.HttpResponsePermanentRedirect": "redirect_to",
    "django.http.response.HttpResponseRedirect": "redirect_to",
    "django.http.response.HttpResponsePermanentRedirect": "redirect_to",
}
FIX = ("Check the target with url_has_allowed_host_and_scheme() and fall back to a safe URL, "
       "or redirect to a URL name.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.qualname(node.func)
    if callee not in REDIRECTS:
        return
    target = argument(node, 0, REDIRECTS[callee])
    if target is None or isinstance(target, ast.Constant):
        return
    flow = ctx.flow(target, REDIRECT)
    if flow.safe:
        return
    name = callee.rsplit(".", 1)[-1]
    yield report(rule, ctx, node, target, flow, f"the target of {name}()", fix=FIX,
                 confidence=Confidence.HIGH if flow.tainted else Confidence.LOW)
