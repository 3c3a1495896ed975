"""Client contexts for each test: verifying, permissive, pinned to one version, weak suites only.

Python (3.10+) warns when a context is set to TLS 1.0 or 1.1; offering them is the point of
the version checks, so those warnings are silenced here and only here.
"""

from __future__ import annotations

import ssl
import warnings

VERSIONS: dict[str, ssl.TLSVersion] = {
    "TLS 1.0": ssl.TLSVersion.TLSv1,
    "TLS 1.1": ssl.TLSVersion.TLSv1_1,
    "TLS 1.2": ssl.TLSVersion.TLSv1_2,
    "TLS 1.3": ssl.TLSVersion.TLSv1_3,
}
LEGACY_VERSIONS = ("TLS 1.0", "TLS 1.1")
ANY_SUITE = "ALL:@SECLEVEL=0"
"""Every suite OpenSSL has, at security level 0 (TLS 1.0/1.1 need SHA-1, which level 1 forbids)."""
NORMAL_OFFER = "DEFAULT:@SECLEVEL=0"
"""A browser-like offer: forward-secret suites first, RSA key exchange last."""


def set_versions(context: ssl.SSLContext, lowest: ssl.TLSVersion,
                 highest: ssl.TLSVersion) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context.minimum_version = lowest
        context.maximum_version = highest


def verifying(ca_bundle: str | None) -> ssl.SSLContext:
    """Verifies the chain (system store or ``ca_bundle``) but not the host name, any version.

    The host name and the key and signature strength are judged separately from the parsed
    certificate, so a weak or mismatched certificate is never reported as untrusted as well.
    """
    context = ssl.create_default_context(cafile=ca_bundle)
    context.check_hostname = False
    context.set_ciphers(ANY_SUITE)
    set_versions(context, ssl.TLSVersion.MINIMUM_SUPPORTED, ssl.TLSVersion.MAXIMUM_SUPPORTED)
    return context


def unverified(ciphers: str = ANY_SUITE,
               lowest: ssl.TLSVersion = ssl.TLSVersion.MINIMUM_SUPPORTED,
               highest: ssl.TLSVersion = ssl.TLSVersion.MAXIMUM_SUPPORTED) -> ssl.SSLContext:
    """No verification, the given suites and version range. Raises :class:`ssl.SSLError` when
    the local OpenSSL has none of the suites."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers(ciphers)
    set_versions(context, lowest, highest)
    return context


def pinned(version: str) -> ssl.SSLContext:
    """Offers only ``version`` (``"TLS 1.0"``…), with every suite."""
    tls_version = VERSIONS[version]
    return unverified(ANY_SUITE, tls_version, tls_version)


def tls12_only_suites(ciphers: str) -> ssl.SSLContext:
    """Offers only ``ciphers`` (TLS ≤ 1.2: TLS 1.3 suites cannot be restricted that way)."""
    return unverified(f"{ciphers}:@SECLEVEL=0", ssl.TLSVersion.MINIMUM_SUPPORTED,
                      ssl.TLSVersion.TLSv1_2)
