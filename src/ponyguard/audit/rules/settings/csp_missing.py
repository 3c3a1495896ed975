"""No Content-Security-Policy is configured, or the configured one does not restrict scripts.

## Why it matters
A Content-Security-Policy (CSP) header tells the browser which scripts, styles, frames and
other resources a page may load. It is the main defence in depth against cross-site
scripting: when a template escapes something wrongly, or a `|safe`/`mark_safe()` lets user
input through, a policy without `'unsafe-inline'` stops the injected `<script>` from running.
Its `frame-ancestors` directive also controls who may frame the site (clickjacking).

Django sends no CSP unless it is configured: Django 6.0+ has `SECURE_CSP` with
`django.middleware.csp.ContentSecurityPolicyMiddleware`; older projects use django-csp
(`csp.middleware.CSPMiddleware` with `CONTENT_SECURITY_POLICY`, or the `CSP_*` settings of
django-csp 3.x). A policy only in `SECURE_CSP_REPORT_ONLY` /
`CONTENT_SECURITY_POLICY_REPORT_ONLY` reports violations but blocks nothing, and a policy
whose `script-src` (or `default-src`, its fallback) contains `'unsafe-inline'`,
`'unsafe-eval'`, `*`, `https:` or `data:` lets injected scripts run anyway (`'unsafe-inline'`
is ignored when a nonce or hash is present, which is the backwards-compatible pattern).

The header can also be added by a reverse proxy or a custom middleware, which the settings do
not show; findings are therefore of medium confidence.

## Insecure example
```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # ... no CSP middleware
]
# or: a policy that allows inline scripts
SECURE_CSP = {"default-src": ["'self'"], "script-src": ["'self'", "'unsafe-inline'"]}
```

## Fix
On Django 6.0+, add `django.middleware.csp.ContentSecurityPolicyMiddleware` to MIDDLEWARE and
set `SECURE_CSP` (from `django.utils.csp import CSP`), e.g. `{"default-src": [CSP.SELF],
"script-src": [CSP.SELF, CSP.NONCE], "frame-ancestors": [CSP.NONE]}`; on older Django use
django-csp with `CONTENT_SECURITY_POLICY`.

Try a new policy in `SECURE_CSP_REPORT_ONLY` first, then move it to `SECURE_CSP`. Render inline
scripts with `nonce="{{ csp_nonce }}"` (add `django.template.context_processors.csp`) instead
of allowing `'unsafe-inline'`.

```python
from django.utils.csp import CSP

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # ...
]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}
```

## References
- https://docs.djangoproject.com/en/6.0/ref/csp/
- https://docs.djangoproject.com/en/6.0/howto/csp/
- https://docs.djangoproject.com/en/6.0/ref/settings/#secure-csp
- https://django-csp.readthedocs.io/en/latest/configuration.html
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CSP
- https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/693.html
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.refs import CSP_NONCE
from ...settings.values import UNKNOWN, Value
from ...settings.view import SettingsView
from ._apps import any_listed, any_matching, first_true
from ._support import report, truth

rule = Rule("PG128", "csp-missing", "No Content-Security-Policy is configured",
            Severity.MEDIUM, Confidence.MEDIUM, cwe=(1021, 693), doc_text=__doc__)

DJANGO_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
DJANGO_CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"
NONCE = "'nonce'"
"""How a nonce placeholder (``CSP.NONCE``, ``csp.constants.NONCE``) is represented here."""
LEGACY_SETTINGS = (
    "CSP_CHILD_SRC", "CSP_CONNECT_SRC", "CSP_DEFAULT_SRC", "CSP_SCRIPT_SRC",
    "CSP_SCRIPT_SRC_ATTR", "CSP_SCRIPT_SRC_ELEM", "CSP_OBJECT_SRC", "CSP_STYLE_SRC",
    "CSP_STYLE_SRC_ATTR", "CSP_STYLE_SRC_ELEM", "CSP_FONT_SRC", "CSP_FRAME_SRC", "CSP_IMG_SRC",
    "CSP_MANIFEST_SRC", "CSP_MEDIA_SRC", "CSP_PREFETCH_SRC", "CSP_WORKER_SRC", "CSP_BASE_URI",
    "CSP_PLUGIN_TYPES", "CSP_SANDBOX", "CSP_FORM_ACTION", "CSP_FRAME_ANCESTORS",
    "CSP_NAVIGATE_TO", "CSP_REQUIRE_SRI_FOR", "CSP_REQUIRE_TRUSTED_TYPES_FOR",
    "CSP_TRUSTED_TYPES", "CSP_UPGRADE_INSECURE_REQUESTS", "CSP_BLOCK_ALL_MIXED_CONTENT",
    "CSP_REPORT_URI", "CSP_REPORT_TO",
)
"""django-csp 3.x directive settings (django-csp 4's ``OUTDATED_SETTINGS``)."""
WILDCARDS = ("*", "https:", "http:", "data:")
LEGACY = "the CSP_* settings"
FIX_WEAK = ("Remove 'unsafe-inline', 'unsafe-eval' and wildcard sources from script-src; "
            "allow inline scripts with a nonce (CSP.NONCE and nonce=\"{{ csp_nonce }}\") "
            "or a hash instead.")


@dataclass
class Policy:
    """One configured policy: where it comes from and its directives with provenance."""

    setting: str
    value: Value
    directives: dict[str, Value]

    @property
    def key(self) -> str:
        return "CSP_*" if self.setting == LEGACY else self.setting


class _Unknown(Exception):
    """A setting the decision depends on cannot be known: stay silent."""


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    middleware = view.value("MIDDLEWARE")
    if middleware.data is UNKNOWN:
        return
    builtin = any_listed(middleware.data, [DJANGO_MIDDLEWARE])
    django_csp = any_listed(middleware.data, [DJANGO_CSP_MIDDLEWARE])
    other = any_matching(middleware.data, _other_csp_middleware)
    if other is True:
        return  # some other CSP middleware: its policy is not in settings ponyguard knows
    try:
        enforced, report_only = _policies(view, builtin is True, django_csp is True)
    except _Unknown:
        return
    if enforced:
        for policy in enforced:
            yield from _weaknesses(view, policy)
        return
    if None in (builtin, django_csp, other):
        return
    if report_only:
        policy = report_only[0]
        if policy.setting.endswith("_REPORT_ONLY"):
            how = f"move it from {policy.setting} to {policy.setting[:-len('_REPORT_ONLY')]}"
            where = policy.value
        else:
            how, where = "set CSP_REPORT_ONLY = False", view.value("CSP_REPORT_ONLY")
        yield report(rule, view, where,
                     f"only a report-only Content-Security-Policy is configured "
                     f"({policy.setting}): browsers report violations but block nothing",
                     key="CSP:report-only", severity=Severity.LOW,
                     fix=f"Once the report-only policy causes no unexpected reports, enforce "
                         f"it: {how}.")
        return
    yield _missing(view, middleware, builtin is True, django_csp is True)


def _other_csp_middleware(path: str) -> bool:
    lowered = path.lower()
    return path not in (DJANGO_MIDDLEWARE, DJANGO_CSP_MIDDLEWARE) and (
        "csp" in lowered or "contentsecurity" in lowered)


def _policies(view: SettingsView, builtin: bool, django_csp: bool
              ) -> tuple[list[Policy], list[Policy]]:
    enforced: list[Policy] = []
    report_only: list[Policy] = []
    if builtin:
        for name, into in (("SECURE_CSP", enforced), ("SECURE_CSP_REPORT_ONLY", report_only)):
            value = view.value(name)
            if _configured(value):
                into.append(Policy(name, value, {k: value.leaf(k) for k in value.data}))
    if django_csp:
        found = False
        for name, into in (("CONTENT_SECURITY_POLICY", enforced),
                           ("CONTENT_SECURITY_POLICY_REPORT_ONLY", report_only)):
            value = view.value(name)
            if _configured(value):
                found = True
                into.append(Policy(name, value, _django_csp_directives(value)))
        if not found:
            legacy = _legacy_policy(view)
            if legacy is not None:
                only = view.value("CSP_REPORT_ONLY")
                reporting = truth(only.data)
                if reporting is None:
                    raise _Unknown
                (report_only if reporting else enforced).append(legacy)
    return enforced, report_only


def _configured(value: Value) -> bool:
    """A non-empty policy dict; unknown (or not a dict) raises :class:`_Unknown`."""
    state = truth(value.data)
    if state is None or (state and not isinstance(value.data, dict)):
        raise _Unknown
    return state


def _django_csp_directives(value: Value) -> dict[str, Value]:
    """django-csp 4: ``DIRECTIVES`` over its default ``default-src 'self'``."""
    directives = {"default-src": value.with_data(["'self'"])}
    inner = value.data.get("DIRECTIVES", {})
    if inner is UNKNOWN or not isinstance(inner, dict):
        raise _Unknown
    directives.update({k: value.leaf("DIRECTIVES", k) for k in inner})
    return directives


def _legacy_policy(view: SettingsView) -> Policy | None:
    """django-csp 3.x ``CSP_*`` settings (default-src defaults to 'self')."""
    names = [name for name in LEGACY_SETTINGS if view.is_set(name)]
    if not names:
        return None
    first = view.value(names[0])
    directives = {"default-src": first.with_data(["'self'"])}
    for name in names:
        directives[name[4:].lower().replace("_", "-")] = view.value(name)
    return Policy(LEGACY, first, directives)


# --- weak policies ----------------------------------------------------------------------


def _weaknesses(view: SettingsView, policy: Policy) -> Iterator[Finding]:
    name = next((d for d in ("script-src", "default-src")
                 if d in policy.directives and _present(policy.directives[d].data)), None)
    if name is None:
        yield report(rule, view, policy.value,
                     f"the Content-Security-Policy in {policy.setting} has neither script-src "
                     "nor default-src, so it does not restrict scripts at all",
                     key=f"CSP:{policy.key}:no-script-src", severity=Severity.LOW,
                     confidence=Confidence.HIGH,
                     fix="Add default-src 'self' (and a script-src without 'unsafe-inline') "
                         "to the policy.")
        return
    value = policy.directives[name]
    tokens, complete = _tokens(value.data)
    weak = _weak_tokens(tokens, complete)
    if weak:
        listed = ", ".join(weak)
        yield report(rule, view, value,
                     f"the Content-Security-Policy in {policy.setting} allows {listed} in "
                     f"{name}, so injected scripts can still run",
                     key=f"CSP:{policy.key}:{name}", severity=Severity.LOW,
                     confidence=Confidence.HIGH, fix=FIX_WEAK)


def _present(data: Any) -> bool:
    """Whether a directive is sent (None and False drop it)."""
    if data is UNKNOWN:
        return True
    return data is not None and data is not False


def _tokens(data: Any) -> tuple[list[str], bool]:
    """The source expressions of a directive value, and whether all of them are known."""
    if data is True or data is None or data is False:
        return [], True
    items = list(data) if isinstance(data, (list, tuple, set, frozenset)) else [data]
    tokens: list[str] = []
    complete = True
    for item in items:
        if isinstance(item, str):
            tokens.extend(NONCE if part == CSP_NONCE else part
                          for part in item.split())
        elif type(item).__name__ == "Nonce":
            tokens.append(NONCE)
        else:
            complete = False  # UNKNOWN, or a name the audit does not know
    return tokens, complete


def _weak_tokens(tokens: list[str], complete: bool) -> list[str]:
    lowered = [t.lower() for t in tokens]
    weak: list[str] = []
    if "'unsafe-eval'" in lowered:
        weak.append("'unsafe-eval'")
    if not complete:
        return weak  # a nonce or 'strict-dynamic' may hide in the unknown part
    nonce_or_hash = any(t == NONCE or t.startswith(("'nonce-", "'sha256-", "'sha384-",
                                                     "'sha512-")) for t in lowered)
    if "'unsafe-inline'" in lowered and not nonce_or_hash:
        weak.insert(0, "'unsafe-inline'")
    if not (nonce_or_hash and "'strict-dynamic'" in lowered):
        weak.extend(w for w in WILDCARDS if w in lowered)
    return weak


# --- no policy --------------------------------------------------------------------------


def _missing(view: SettingsView, middleware: Value, builtin: bool, django_csp: bool) -> Finding:
    if builtin:
        setting = view.value("SECURE_CSP")
        where = setting if view.is_set("SECURE_CSP") else middleware
        return report(rule, view, where,
                      f"{DJANGO_MIDDLEWARE} is in MIDDLEWARE but SECURE_CSP is empty, so no "
                      "Content-Security-Policy header is sent", key="CSP")
    if django_csp:
        return report(rule, view, middleware,
                      f"{DJANGO_CSP_MIDDLEWARE} is in MIDDLEWARE but CONTENT_SECURITY_POLICY is "
                      "not set: django-csp 4 sends no Content-Security-Policy header without it "
                      "(django-csp 3 sent default-src 'self')", key="CSP",
                      confidence=Confidence.LOW,
                      fix="Set CONTENT_SECURITY_POLICY = {\"DIRECTIVES\": {\"default-src\": "
                          "[SELF], \"script-src\": [SELF, NONCE]}} (from csp.constants).")
    for name, needed in (("SECURE_CSP", DJANGO_MIDDLEWARE),
                         ("CONTENT_SECURITY_POLICY", DJANGO_CSP_MIDDLEWARE),
                         *((legacy, DJANGO_CSP_MIDDLEWARE) for legacy in LEGACY_SETTINGS)):
        value = view.get(name)
        if value is not None and truth(value.data):
            return report(rule, view, value,
                          f"{name} is set but {needed} is not in MIDDLEWARE, so the policy is "
                          "never sent", key="CSP", fix=f"Add {needed!r} to MIDDLEWARE.")
    return report(rule, view, middleware,
                  "no Content-Security-Policy is configured: MIDDLEWARE has neither "
                  f"{DJANGO_MIDDLEWARE} (Django 6.0+) nor django-csp's {DJANGO_CSP_MIDDLEWARE}",
                  key="CSP", holds=_no_csp_middleware)


def _no_csp_middleware(data: Any) -> bool | None:
    """The finding's condition on MIDDLEWARE: no CSP middleware of any kind in it."""
    present = first_true(any_listed(data, [DJANGO_MIDDLEWARE, DJANGO_CSP_MIDDLEWARE]),
                         any_matching(data, _other_csp_middleware))
    return None if present is None else not present
