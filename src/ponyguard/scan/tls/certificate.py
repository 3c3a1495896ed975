"""The leaf certificate, parsed with ``cryptography``, and RFC 6125 host name matching."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    """What the PG8xx rules need to know about a server certificate."""

    subject: str
    issuer: str
    not_before: datetime
    """UTC, timezone-aware."""
    not_after: datetime
    key_type: str
    """``RSA``, ``EC``, ``DSA``, ``Ed25519``, ``Ed448`` or the key class name."""
    key_bits: int | None
    signature_hash: str | None
    """``sha256``, ``sha1``, ``md5``…; None for algorithms without a separate hash (Ed25519)."""
    dns_names: tuple[str, ...]
    ip_addresses: tuple[str, ...]
    self_signed: bool

    @classmethod
    def from_der(cls, der: bytes) -> CertificateInfo:
        cert = x509.load_der_x509_certificate(der)
        key_type, key_bits = _describe_key(cert)
        dns_names, ip_addresses = _alt_names(cert)
        return cls(
            subject=cert.subject.rfc4514_string(),
            issuer=cert.issuer.rfc4514_string(),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            key_type=key_type,
            key_bits=key_bits,
            signature_hash=_signature_hash(cert),
            dns_names=dns_names,
            ip_addresses=ip_addresses,
            self_signed=cert.subject == cert.issuer,
        )

    @property
    def names(self) -> tuple[str, ...]:
        return self.dns_names + self.ip_addresses


def _describe_key(cert: x509.Certificate) -> tuple[str, int | None]:
    try:
        key = cert.public_key()
    except (ValueError, UnsupportedAlgorithm):
        return "unknown", None
    if isinstance(key, rsa.RSAPublicKey):
        return "RSA", key.key_size
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "EC", key.curve.key_size
    if isinstance(key, dsa.DSAPublicKey):
        return "DSA", key.key_size
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519", 256
    if isinstance(key, ed448.Ed448PublicKey):
        return "Ed448", 456
    return type(key).__name__, None


def _signature_hash(cert: x509.Certificate) -> str | None:
    try:
        algorithm = cert.signature_hash_algorithm
    except UnsupportedAlgorithm:
        # An algorithm cryptography does not know: read it from the OID name (md5WithRSA…)
        name = getattr(cert.signature_algorithm_oid, "_name", "")
        lowered = name.lower()
        return next((h for h in ("md5", "md2", "sha1") if lowered.startswith(h)), None)
    return algorithm.name if algorithm is not None else None


def _alt_names(cert: x509.Certificate) -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        extension = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except (x509.ExtensionNotFound, ValueError):
        return (), ()
    names = extension.value
    dns = tuple(names.get_values_for_type(x509.DNSName))
    ips = tuple(str(ip) for ip in names.get_values_for_type(x509.IPAddress))
    return dns, ips


def matches_hostname(cert: CertificateInfo, hostname: str) -> bool:
    """Whether ``hostname`` is one of the certificate's subjectAltNames (RFC 6125).

    Like browsers and Python's :mod:`ssl`, the subject's common name is not consulted. A
    wildcard stands for exactly one whole left-most label (``*.example.com`` matches
    ``www.example.com``, not ``example.com`` nor ``a.b.example.com``).
    """
    host = hostname.strip().rstrip(".").lower()
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is not None:
        return any(ipaddress.ip_address(ip) == address for ip in cert.ip_addresses)
    host = _to_ascii(host)
    return any(_dns_name_matches(_to_ascii(name.rstrip(".").lower()), host)
               for name in cert.dns_names)


def _to_ascii(name: str) -> str:
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        return name


def _dns_name_matches(pattern: str, host: str) -> bool:
    if not pattern.startswith("*."):
        return pattern == host
    suffix = pattern[1:]  # ".example.com"
    if suffix.count(".") < 2:  # "*.com" is never valid
        return False
    label, dot, rest = host.partition(".")
    return bool(label) and bool(dot) and "." + rest == suffix
