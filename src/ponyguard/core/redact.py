"""Secret redaction shared by every rule and reporter.

Rules redact what they put into evidence; reporters pass every text through
:func:`redact_text` again, so a secret that slipped into a message is still masked.
"""

from __future__ import annotations

import re

MASK = "********"

_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.\-]*://[^/\s:@'\"]*:)(?P<secret>[^@\s/'\"]+)(?=@)",
                           re.IGNORECASE)
_SECRET_NAME = (r"\b[\w.\-]*(?:secret|passw(?:or)?d|passwd|pwd|token|api[_-]?key|private[_-]?key|"
                r"access[_-]?key|auth[_-]?key|credentials?|dsn)[\w.\-]*")
_ASSIGNED_SECRET = re.compile(
    # code: SECRET_KEY = "…", "PASSWORD": '…', ("token", "…") — the value must be quoted
    rf"(?P<head>{_SECRET_NAME}['\"]?\s*(?:=|:|,)\s*[rbuf]?(?P<quote>['\"]))"
    r"(?P<secret>[^'\"\n]{1,})(?=(?P=quote))"
    # env files and query strings: PASSWORD=…, ?token=… — no space around the sign
    rf"|(?P<head2>{_SECRET_NAME}[=:])(?P<secret2>[^'\"\s,;&)}}\]]{{4,}})",
    re.IGNORECASE,
)
_KNOWN_FORMATS = re.compile(
    r"django-insecure-[^'\"\s]+"
    r"|\b[sr]k_(?:live|test)_[0-9a-zA-Z]{10,}"
    r"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"
    r"|\bgh[pousr]_[0-9A-Za-z]{30,}|\bgithub_pat_[0-9A-Za-z_]{40,}"
    r"|\bxox[abposr]-[0-9A-Za-z-]{10,}"
    r"|\bAIza[0-9A-Za-z_\-]{35}"
    r"|\bSG\.[0-9A-Za-z_\-]{16,}\.[0-9A-Za-z_\-]{16,}"
    r"|hooks\.slack\.com/services/[0-9A-Za-z/]+"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"
)


def mask(secret: object) -> str:
    """How a secret value is shown: never any of its characters, only its length."""
    text = str(secret)
    return f"{MASK} ({len(text)} chars)" if text else "''"


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Mask known secret values, URL passwords and values assigned to secret-like names."""
    for secret in sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, MASK)
    text = _KNOWN_FORMATS.sub(MASK, text)
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)
    return _ASSIGNED_SECRET.sub(_mask_assignment, text)


_STRING_LITERAL = re.compile(
    r"(?P<prefix>[rbuf]{0,2})(?P<quote>['\"])(?P<body>[^'\"\n]*)(?P=quote)", re.IGNORECASE)


def redact_code(line: str) -> str:
    """Redact a source line; on a line that names a secret, mask every string literal.

    Literals that look like environment-variable names (``"DJANGO_SECRET_KEY"``) are kept.
    """
    text = redact_text(line)
    if not re.search(_SECRET_NAME, text, re.IGNORECASE):
        return text
    return _STRING_LITERAL.sub(
        lambda m: m.group(0) if _harmless(m.group("body")) and m.group("body")
        else f"{m.group('prefix')}{m.group('quote')}{MASK}{m.group('quote')}",
        text,
    )


def _mask_assignment(match: re.Match[str]) -> str:
    head = match.group("head") or match.group("head2")
    secret = match.group("secret") or match.group("secret2")
    return head + (secret if _harmless(secret) else MASK)


def _harmless(value: str) -> bool:
    """Values after a secret-like name that are not secrets (names, lookups, placeholders)."""
    lowered = value.lower().strip("'\"")
    return (
        lowered.startswith(("os.", "env", "config(", "getenv", "none", "true", "false", MASK))
        or lowered in {"", "****", "...", "<redacted>"}
        or (value.isidentifier() and value.isupper())
        or value.startswith(("(", "[", "{"))
    )
