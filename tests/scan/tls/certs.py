"""Test certificates: trustme for the ordinary ones, ``cryptography`` for what trustme cannot
make (expired, short-lived, weak key, SHA-1), signed by the same trustme CA."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

NOW = datetime.datetime.now(datetime.timezone.utc)


@dataclass
class ServerCert:
    cert_file: Path
    key_file: Path


def issue(ca: trustme.CA, tmp_path: Path, names: tuple[str, ...] = ("localhost", "127.0.0.1"),
          *, not_before: datetime.datetime | None = None,
          not_after: datetime.datetime | None = None, key_kind: str = "rsa", key_size: int = 2048,
          sha1: bool = False, tag: str = "leaf") -> ServerCert:
    """A leaf certificate for ``names`` signed by ``ca`` (pass ``ca=None`` for self-signed).

    ``sha1=True`` signs it with SHA-1, which ``cryptography`` refuses to do (see
    :func:`_resign_sha1`).
    """
    key = (rsa.generate_private_key(public_exponent=65537, key_size=key_size)
           if key_kind == "rsa" else ec.generate_private_key(ec.SECP256R1()))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    if ca is None:
        issuer_name, signing_key = subject, key
    else:
        ca_cert = x509.load_pem_x509_certificate(ca.cert_pem.bytes())
        issuer_name = ca_cert.subject
        signing_key = serialization.load_pem_private_key(ca.private_key_pem.bytes(), None)
    alt_names: list[x509.GeneralName] = []
    for name in names:
        try:
            import ipaddress

            alt_names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt_names.append(x509.DNSName(name))
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before or NOW - datetime.timedelta(days=1))
            .not_valid_after(not_after or NOW + datetime.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
            .sign(signing_key, hashes.SHA256()))
    der = cert.public_bytes(serialization.Encoding.DER)
    if sha1:
        der = _resign_sha1(der, cert, signing_key)
    cert_file, key_file = tmp_path / f"{tag}.pem", tmp_path / f"{tag}.key"
    cert_file.write_bytes(x509.load_der_x509_certificate(der).public_bytes(
        serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ServerCert(cert_file, key_file)


def trustme_leaf(ca: trustme.CA, tmp_path: Path, *names: str, tag: str = "leaf") -> ServerCert:
    leaf = ca.issue_cert(*(names or ("localhost", "127.0.0.1")))
    cert_file, key_file = tmp_path / f"{tag}.pem", tmp_path / f"{tag}.key"
    leaf.cert_chain_pems[0].write_to_path(str(cert_file))
    leaf.private_key_pem.write_to_path(str(key_file))
    return ServerCert(cert_file, key_file)


def ca_bundle(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


_SHA256_RSA = bytes.fromhex("06092a864886f70d01010b")  # OID 1.2.840.113549.1.1.11
_SHA1_RSA = bytes.fromhex("06092a864886f70d010105")  # OID 1.2.840.113549.1.1.5


def _resign_sha1(der: bytes, cert: x509.Certificate, signing_key: object) -> bytes:
    """Swap the signature algorithm OID (same length) in the TBS and outer algorithm, and the
    signature (same length for the same RSA key) for a SHA-1 one over the new TBS."""
    assert isinstance(signing_key, rsa.RSAPrivateKey), "SHA-1 test certificates need an RSA CA"
    from cryptography.hazmat.primitives.asymmetric import padding

    tbs = cert.tbs_certificate_bytes.replace(_SHA256_RSA, _SHA1_RSA)
    signature = signing_key.sign(tbs, padding.PKCS1v15(), hashes.SHA1())
    assert len(signature) == len(cert.signature)
    der = der.replace(_SHA256_RSA, _SHA1_RSA)
    assert der.endswith(cert.signature)
    return der[: -len(cert.signature)] + signature
