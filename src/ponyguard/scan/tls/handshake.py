"""One blocking TLS handshake with a timeout, its outcome as a value (never an exception).

Called through :func:`asyncio.to_thread` by :mod:`.inspect`.
"""

from __future__ import annotations

import socket
import ssl
from dataclasses import dataclass

from .report import ChainError, HandshakeSummary


@dataclass(frozen=True, slots=True)
class Outcome:
    """``summary`` when the handshake completed; else ``refused`` (the server said no: an
    alert, or it closed the connection) or ``unreachable`` (no TCP connection, a timeout)."""

    summary: HandshakeSummary | None = None
    der: bytes | None = None
    chain_error: ChainError | None = None
    refused: str | None = None
    unreachable: str | None = None
    local: bool = False
    """The failure happened before anything was sent: the local OpenSSL refused the offer."""


LOCAL_REASONS = {"NO_PROTOCOLS_AVAILABLE", "NO_CIPHERS_AVAILABLE",
                 "NO_SUITABLE_SIGNATURE_ALGORITHM"}


def handshake(host: str, port: int, context: ssl.SSLContext, server_name: str | None,
              timeout: float) -> Outcome:
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        return Outcome(unreachable=_describe(exc))
    try:
        with context.wrap_socket(sock, server_hostname=server_name or None) as tls:
            cipher = tls.cipher()
            summary = HandshakeSummary(tls.version() or "", cipher[0] if cipher else "")
            return Outcome(summary=summary, der=tls.getpeercert(binary_form=True))
    except ssl.SSLCertVerificationError as exc:
        return Outcome(chain_error=ChainError(exc.verify_code, exc.verify_message or str(exc)))
    except ssl.SSLError as exc:
        reason = exc.reason or ""
        return Outcome(refused=_describe(exc), local=reason in LOCAL_REASONS)
    except TimeoutError as exc:
        return Outcome(unreachable=_describe(exc) or "timed out")
    except OSError as exc:  # reset or closed by the server in the middle of the handshake
        return Outcome(refused=_describe(exc))
    finally:
        sock.close()


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]
