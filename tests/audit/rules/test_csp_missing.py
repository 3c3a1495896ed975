"""PG128 csp-missing: no Content-Security-Policy, a report-only one, or one that allows scripts."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

BASE = """\
import os
from django.utils.csp import CSP

DEBUG = False
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
]
"""
BUILTIN = BASE.replace(
    '    "django.middleware.csrf.CsrfViewMiddleware",\n',
    '    "django.middleware.csrf.CsrfViewMiddleware",\n'
    '    "django.middleware.csp.ContentSecurityPolicyMiddleware",\n')
DJANGO_CSP = BASE.replace(
    '    "django.middleware.csrf.CsrfViewMiddleware",\n',
    '    "django.middleware.csrf.CsrfViewMiddleware",\n    "csp.middleware.CSPMiddleware",\n')
GOOD = """\
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "frame-ancestors": [CSP.NONE],
}
"""


def settings(text: str) -> dict[str, str]:
    return {"settings.py": text}


def test_fires_without_any_csp(tmp_path):
    assert_finds(tmp_path, "PG128", settings(BASE), path="settings.py", line=5, count=1,
                 severity="medium", confidence="medium",
                 message_contains="no Content-Security-Policy is configured")


def test_fires_when_policy_or_middleware_is_missing(tmp_path):
    assert_finds(tmp_path / "empty", "PG128", settings(BUILTIN + "SECURE_CSP = {}\n"), line=11,
                 severity="medium", message_contains="SECURE_CSP is empty")
    assert_finds(tmp_path / "no-mw", "PG128", settings(BASE + GOOD), line=10,
                 severity="medium", message_contains="is not in MIDDLEWARE")
    assert_finds(tmp_path / "django-csp", "PG128", settings(DJANGO_CSP), line=5,
                 severity="medium", confidence="low",
                 message_contains="CONTENT_SECURITY_POLICY is not set")


def test_report_only_policy_is_low(tmp_path):
    text = BUILTIN + GOOD.replace("SECURE_CSP", "SECURE_CSP_REPORT_ONLY")
    assert_finds(tmp_path / "builtin", "PG128", settings(text), line=11, count=1,
                 severity="low", message_contains="report-only")
    legacy = DJANGO_CSP + 'CSP_DEFAULT_SRC = ("\'self\'",)\nCSP_REPORT_ONLY = True\n'
    assert_finds(tmp_path / "legacy", "PG128", settings(legacy), line=12, severity="low",
                 message_contains="report-only")


def test_weak_script_src_is_low(tmp_path):
    literal = BUILTIN + """\
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "https:"],
}
"""
    found = assert_finds(tmp_path / "literal", "PG128", settings(literal), line=13, count=1,
                         severity="low", confidence="high")
    assert "'unsafe-inline', https: in script-src" in found[0].message
    fallback = BUILTIN + """\
SECURE_CSP = {"default-src": "'self' 'unsafe-inline' 'unsafe-eval'"}
"""
    assert_finds(tmp_path / "fallback", "PG128", settings(fallback), line=11,
                 message_contains="'unsafe-inline', 'unsafe-eval' in default-src")
    with_nonce = BUILTIN + """\
SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE,
                                                        "'unsafe-inline'", "'unsafe-eval'"]}
"""
    found = assert_finds(tmp_path / "nonce", "PG128", settings(with_nonce), severity="low")
    assert "'unsafe-eval'" in found[0].message and "'unsafe-inline'" not in found[0].message
    django_csp = DJANGO_CSP + """\
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", "'unsafe-inline'"]}}
"""
    assert_finds(tmp_path / "django-csp", "PG128", settings(django_csp), line=11,
                 severity="low", message_contains="CONTENT_SECURITY_POLICY allows 'unsafe-inline'")
    legacy = DJANGO_CSP + "CSP_SCRIPT_SRC = (\"'self'\", '*')\n"
    assert_finds(tmp_path / "legacy", "PG128", settings(legacy), line=11, severity="low",
                 message_contains="allows * in script-src")
    no_scripts = BUILTIN + 'SECURE_CSP = {"frame-ancestors": [CSP.NONE]}\n'
    assert_finds(tmp_path / "no-script", "PG128", settings(no_scripts), severity="low",
                 message_contains="does not restrict scripts")


def test_env_default_policy_is_medium_confidence(tmp_path):
    text = BUILTIN + """\
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": os.environ.get("CSP_SCRIPT_SRC", "'self' 'unsafe-inline'"),
}
"""
    assert_finds(tmp_path, "PG128", settings(text), line=13, severity="low",
                 confidence="medium", message_contains="unless CSP_SCRIPT_SRC is set")
    assert_silent(tmp_path / "set", "PG128", settings(text), env={"CSP_SCRIPT_SRC": "'self'"})


def test_silent_on_enforced_policies(tmp_path):
    assert_silent(tmp_path / "builtin", "PG128", settings(BUILTIN + GOOD))
    both = BUILTIN + GOOD + GOOD.replace("SECURE_CSP", "SECURE_CSP_REPORT_ONLY")
    assert_silent(tmp_path / "both", "PG128", settings(both))
    django_csp = DJANGO_CSP + """\
from csp.constants import NONCE, SELF, STRICT_DYNAMIC, UNSAFE_INLINE
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {"script-src": [SELF, NONCE, STRICT_DYNAMIC, UNSAFE_INLINE, "https:"]},
}
"""
    assert_silent(tmp_path / "django-csp", "PG128", settings(django_csp))
    legacy = DJANGO_CSP + "CSP_IMG_SRC = (\"'self'\", 'data:')\n"
    assert_silent(tmp_path / "legacy", "PG128", settings(legacy))
    hashed = BUILTIN + """\
SECURE_CSP = {"script-src": ["'self'", "'sha256-abc='", "'unsafe-inline'"],
              "style-src": ["'self'", "'unsafe-inline'"]}
"""
    assert_silent(tmp_path / "hash", "PG128", settings(hashed))


def test_silent_on_look_alikes(tmp_path):
    custom = BASE.replace('    "django.middleware.csrf.CsrfViewMiddleware",\n',
                          '    "django.middleware.csrf.CsrfViewMiddleware",\n'
                          '    "mysite.middleware.ContentSecurityPolicyHeaders",\n')
    assert_silent(tmp_path / "custom", "PG128", settings(custom))
    commented = BUILTIN + GOOD + '# SECURE_CSP = {"script-src": ["\'unsafe-inline\'"]}\n'
    assert_silent(tmp_path / "commented", "PG128", settings(commented))
    similar = BUILTIN + GOOD + 'SECURE_CSP_NOTES = {"script-src": ["\'unsafe-inline\'"]}\n'
    assert_silent(tmp_path / "similar", "PG128", settings(similar))


def test_silent_when_unknown(tmp_path):
    unknown_middleware = BASE.replace("MIDDLEWARE = [", "MIDDLEWARE = EXTRA_MIDDLEWARE + [")
    assert_silent(tmp_path / "mw", "PG128", settings(unknown_middleware))
    partly_unknown = BASE + "MIDDLEWARE += os.environ['EXTRA_MIDDLEWARE'].split(',')\n"
    assert_silent(tmp_path / "partly", "PG128", settings(partly_unknown))
    unknown_policy = BUILTIN + "SECURE_CSP = load_policy()\n"
    assert_silent(tmp_path / "policy", "PG128", settings(unknown_policy))
    unknown_source = BUILTIN + 'SECURE_CSP = {"script-src": [CSP.SELF, some_source()]}\n'
    assert_silent(tmp_path / "source", "PG128", settings(unknown_source))


def test_policy_tokens_of_constants_and_runtime_values():
    """CSP constants as the resolver hands them (their strings) and as Django has them live."""
    from ponyguard.audit.rules.settings.csp_missing import NONCE, _tokens, _weak_tokens
    from ponyguard.audit.settings.values import UNKNOWN

    assert _tokens(["'self'", "<CSP_NONCE_SENTINEL>"]) == (["'self'", NONCE], True)
    assert _tokens(["'self'", UNKNOWN]) == (["'self'"], False)
    assert _weak_tokens(["'self'", "'unsafe-inline'"], True) == ["'unsafe-inline'"]
    assert _weak_tokens(["'self'", NONCE, "'unsafe-inline'"], True) == []
    assert _weak_tokens(["'self'", "'unsafe-inline'"], False) == []
    assert _weak_tokens([NONCE, "'strict-dynamic'", "https:"], True) == []
    assert _weak_tokens(["'self'", "https:", "'unsafe-eval'"], False) == ["'unsafe-eval'"]


def test_django_6_csp_constants_are_resolved(tmp_path):
    middleware = ('MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", '
                  '"django.middleware.csp.ContentSecurityPolicyMiddleware"]\n')
    assert_finds(tmp_path / "weak", "PG128", {"settings.py": (
        "from django.utils.csp import CSP\n" + middleware +
        "SECURE_CSP = {'default-src': [CSP.SELF], 'script-src': [CSP.SELF, CSP.UNSAFE_INLINE]}\n"
    )}, message_contains="unsafe-inline")
    assert_silent(tmp_path / "nonce", "PG128", {"settings.py": (
        "from django.utils.csp import CSP\n" + middleware +
        "SECURE_CSP = {'default-src': [CSP.SELF], 'script-src': [CSP.SELF, CSP.NONCE]}\n"
    )})
    assert_silent(tmp_path / "django-csp", "PG128", {"settings.py": (
        "from csp.constants import SELF, NONCE\n"
        "MIDDLEWARE = ['csp.middleware.CSPMiddleware']\n"
        "CONTENT_SECURITY_POLICY = {'DIRECTIVES': {'default-src': [SELF], "
        "'script-src': [SELF, NONCE]}}\n"
    )})


def test_a_flag_adding_other_middleware_is_not_named_but_one_adding_csp_is(tmp_path) -> None:
    gzip = BASE + ('if os.environ.get("USE_GZIP", "False") == "True":\n'
                   '    MIDDLEWARE.append("django.middleware.gzip.GZipMiddleware")\n')
    [finding] = assert_finds(tmp_path / "gzip", "PG128", {"settings.py": gzip})
    assert "USE_GZIP" not in finding.message
    csp = BASE + ('if "CSP_DEFAULT_SRC" in os.environ:\n'
                  '    MIDDLEWARE.append("csp.middleware.CSPMiddleware")\n')
    [finding] = assert_finds(tmp_path / "csp", "PG128", {"settings.py": csp})
    assert "configured unless CSP_DEFAULT_SRC is set: MIDDLEWARE has neither" in finding.message
