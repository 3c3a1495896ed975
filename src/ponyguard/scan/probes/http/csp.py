"""Parse ``Content-Security-Policy`` headers and judge how they restrict scripts (CSP Level 3).

A response may carry several policies (several headers, or comma-separated in one); the
browser enforces all of them, so content is allowed only when every policy allows it. Within a
policy a repeated directive is ignored (the first wins). ``'unsafe-inline'`` is ignored by
browsers when the same list has a nonce or a hash, and host/scheme sources are ignored under
``'strict-dynamic'``: neither is a weakness then.
"""

from __future__ import annotations

from dataclasses import dataclass

Policy = dict[str, tuple[str, ...]]

SCRIPT_WILDCARDS = ("*", "http:", "https:", "data:", "blob:")


def parse_policies(values: list[str]) -> list[Policy]:
    policies: list[Policy] = []
    for value in values:
        for text in value.split(","):
            policy: Policy = {}
            for chunk in text.split(";"):
                words = chunk.split()
                if words and words[0].lower() not in policy:
                    policy[words[0].lower()] = tuple(words[1:])
            if policy:
                policies.append(policy)
    return policies


@dataclass(frozen=True, slots=True)
class ScriptWeakness:
    directive: str
    sources: tuple[str, ...]
    """The offending source expressions, as written."""


def script_sources(policy: Policy) -> tuple[str, tuple[str, ...]] | None:
    """The directive that governs ``<script>`` and its sources, or None if scripts are free."""
    for name in ("script-src", "default-src"):
        if name in policy:
            return name, policy[name]
    return None


def script_weakness(policy: Policy) -> ScriptWeakness | None:
    """What in this policy lets an injected script run, or None when it holds."""
    governing = script_sources(policy)
    if governing is None:
        return ScriptWeakness("(none)", ())
    directive, sources = governing
    lowered = [s.lower() for s in sources]
    strict_dynamic = "'strict-dynamic'" in lowered
    has_nonce_or_hash = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-"))
                            for s in lowered)
    bad: list[str] = []
    for source, low in zip(sources, lowered, strict=True):
        inline = low == "'unsafe-inline'" and not (has_nonce_or_hash or strict_dynamic)
        wildcard = low in SCRIPT_WILDCARDS and not strict_dynamic
        if inline or wildcard or low == "'unsafe-eval'":
            bad.append(source)
    return ScriptWeakness(directive, tuple(bad)) if bad else None


def has_frame_ancestors(policies: list[Policy]) -> bool:
    return any("frame-ancestors" in policy for policy in policies)
