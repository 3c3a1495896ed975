"""What the local OpenSSL can actually negotiate, found by a handshake with itself in memory.

``ssl.HAS_TLSv1`` only says the protocol was compiled in; the security level, the build's
providers (RC4 lives in OpenSSL 3's legacy provider) and the system configuration can still
make the client unable to offer it. A client and a server context, both limited to the offer
under test, handshake through memory BIOs; if they cannot agree with each other, the offer is
"not tested" against a real server.
"""

from __future__ import annotations

import datetime
import functools
import ssl
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from .contexts import ANY_SUITE, VERSIONS, set_versions, tls12_only_suites, unverified

_ROUNDS = 10


@functools.cache
def can_offer_version(version: str) -> bool:
    """Whether the local OpenSSL can negotiate ``version`` (``"TLS 1.0"``…) at all."""
    tls_version = VERSIONS[version]
    try:
        client = unverified(ANY_SUITE, tls_version, tls_version)
        server = _server_context(ANY_SUITE)
        set_versions(server, tls_version, tls_version)
    except (ssl.SSLError, ValueError):
        return False
    return _handshake_in_memory(client, server)


@functools.cache
def can_offer_suites(ciphers: str) -> bool:
    """Whether the local OpenSSL can negotiate one of ``ciphers`` at TLS ≤ 1.2."""
    try:
        client = tls12_only_suites(ciphers)
        server = _server_context(f"{ciphers}:@SECLEVEL=0")
        set_versions(server, ssl.TLSVersion.MINIMUM_SUPPORTED, ssl.TLSVersion.TLSv1_2)
    except (ssl.SSLError, ValueError):
        return False
    return _handshake_in_memory(client, server)


def _handshake_in_memory(client_context: ssl.SSLContext, server_context: ssl.SSLContext) -> bool:
    to_server, to_client = ssl.MemoryBIO(), ssl.MemoryBIO()
    server_in, server_out = ssl.MemoryBIO(), ssl.MemoryBIO()
    client = client_context.wrap_bio(to_client, to_server)
    server = server_context.wrap_bio(server_in, server_out, server_side=True)
    done = {"client": False, "server": False}
    for _ in range(_ROUNDS):
        for name, side in (("client", client), ("server", server)):
            if done[name]:
                continue
            try:
                side.do_handshake()
                done[name] = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError:
                return False
        server_in.write(to_server.read())
        to_client.write(server_out.read())
        if all(done.values()):
            return True
    return False


def _server_context(ciphers: str) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.set_ciphers(ciphers)
    for cert, key in _self_signed_pems():
        with tempfile.TemporaryDirectory() as tmp:
            cert_file, key_file = Path(tmp, "cert.pem"), Path(tmp, "key.pem")
            cert_file.write_bytes(cert)
            key_file.write_bytes(key)
            context.load_cert_chain(cert_file, key_file)
    return context


@functools.cache
def _self_signed_pems() -> tuple[tuple[bytes, bytes], ...]:
    """An RSA and an EC certificate (RSA key exchange and ECDSA suites need their own type)."""
    keys: list[rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey] = [
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        ec.generate_private_key(ec.SECP256R1()),
    ]
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ponyguard self-test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    pems = []
    for key in keys:
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(now + datetime.timedelta(days=1))
                .sign(key, hashes.SHA256()))
        key_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        pems.append((cert.public_bytes(serialization.Encoding.PEM), key_pem))
    return tuple(pems)
