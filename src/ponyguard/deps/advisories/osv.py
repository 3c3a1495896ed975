"""The online side: refresh the OSV cache from the OSV API (https://osv.dev/docs/).

Only ``ponyguard deps --update`` (or :func:`update_cache` called directly) opens a network
connection; everything else reads the bundled data and the cache. Two steps keep traffic small:

1. ``POST /v1/querybatch`` with every package: OSV answers each with the ids and ``modified``
   timestamps of its vulnerabilities (following ``next_page_token`` when it pages).
2. ``GET /v1/vulns/{id}`` only for records the cache lacks or holds in an older version.

Responses are capped in size and every request has a timeout. The base URL is
``https://api.osv.dev`` unless ``PONYGUARD_OSV_URL`` or ``--osv-url`` names another (a mirror,
or the loopback server the tests start).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from packaging.utils import canonicalize_name

from ... import __version__
from ...core.errors import PonyguardError
from .cache import OsvCache, timestamp

OSV_URL = "https://api.osv.dev"
OSV_URL_ENV = "PONYGUARD_OSV_URL"
TIMEOUT = 30.0
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
BATCH_SIZE = 1000
MAX_PAGES = 50

ECOSYSTEM_PACKAGES = (
    "django", "djangorestframework", "django-allauth", "pillow", "django-cors-headers",
    "django-filter", "django-debug-toolbar", "django-storages", "django-oauth-toolkit",
    "djangorestframework-simplejwt", "django-two-factor-auth", "django-axes", "django-csp",
    "django-import-export", "django-ckeditor", "django-cms", "wagtail", "channels",
    "django-anymail", "django-environ", "django-extensions", "whitenoise", "sqlparse",
    "asgiref", "gunicorn", "jinja2", "pyjwt", "cryptography", "celery",
)
"""Packages refreshed on every update: Django and what is commonly deployed beside it."""


class OsvError(PonyguardError):
    """The OSV service could not be reached or answered something unusable."""


@dataclass
class UpdateOutcome:
    """What an update did: records written per package, and what failed."""

    fetched: str
    packages: int = 0
    records_changed: int = 0
    errors: list[str] = field(default_factory=list)


def osv_url(explicit: str | None = None) -> str:
    return (explicit or os.environ.get(OSV_URL_ENV) or OSV_URL).rstrip("/")


def update_cache(packages: Iterable[str], cache: OsvCache, *, base_url: str | None = None,
                 timeout: float = TIMEOUT) -> UpdateOutcome:
    """Refresh ``cache`` with OSV's records for ``packages``; never downgrades a record.

    Raises :class:`OsvError` when the batch query fails; a single record that cannot be
    fetched is an entry in ``errors`` and the rest are still stored.
    """
    client = _Client(osv_url(base_url), timeout)
    names = sorted({canonicalize_name(p) for p in packages})
    now = datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    outcome = UpdateOutcome(fetched=now)
    listed = client.list_vulns(names)
    records: dict[str, Mapping[str, Any]] = {}
    for package in names:
        wanted = []
        for vuln_id, modified in listed.get(package, {}).items():
            cached = cache.record(package, vuln_id)
            if cached is None or timestamp(modified) > timestamp(cached.get("modified")):
                wanted.append(vuln_id)
        fresh = []
        for vuln_id in wanted:
            if vuln_id not in records:
                try:
                    records[vuln_id] = client.vuln(vuln_id)
                except OsvError as exc:
                    outcome.errors.append(str(exc))
                    continue
            fresh.append(records[vuln_id])
        outcome.records_changed += cache.store(package, fresh, now)
        outcome.packages += 1
    return outcome


class _Client:
    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url
        self.timeout = timeout

    def list_vulns(self, packages: Sequence[str]) -> dict[str, dict[str, str]]:
        """Per package, the id → modified of every OSV vulnerability listed for it."""
        found: dict[str, dict[str, str]] = {p: {} for p in packages}
        pending: list[tuple[str, str | None]] = [(p, None) for p in packages]
        for _ in range(MAX_PAGES):
            if not pending:
                break
            batch, pending = pending[:BATCH_SIZE], pending[BATCH_SIZE:]
            queries = [_query(p, token) for p, token in batch]
            answer = self._request("POST", "/v1/querybatch", {"queries": queries})
            results = answer.get("results")
            if not isinstance(results, list) or len(results) != len(batch):
                raise OsvError(f"{self.base_url}/v1/querybatch: unexpected answer")
            for (package, _token), result in zip(batch, results, strict=True):
                for vuln in (result or {}).get("vulns") or ():
                    if isinstance(vuln, dict) and vuln.get("id"):
                        found[package][str(vuln["id"])] = str(vuln.get("modified") or "")
                token = (result or {}).get("next_page_token")
                if token:
                    pending.append((package, str(token)))
        return found

    def vuln(self, vuln_id: str) -> Mapping[str, Any]:
        record = self._request("GET", f"/v1/vulns/{quote(vuln_id, safe='')}", None)
        if record.get("id") != vuln_id:
            raise OsvError(f"{self.base_url}/v1/vulns/{vuln_id}: unexpected answer")
        return record

    def _request(self, method: str, path: str, body: object) -> dict[str, Any]:
        url = self.base_url + path
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Content-Type": "application/json", "Accept": "application/json",
            "User-Agent": f"ponyguard/{__version__}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise OsvError(f"{url}: HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise OsvError(f"{url}: {reason}") from None
        if len(raw) > MAX_RESPONSE_BYTES:
            raise OsvError(f"{url}: answer larger than {MAX_RESPONSE_BYTES} bytes")
        try:
            answer = json.loads(raw)
        except ValueError:
            raise OsvError(f"{url}: answer is not JSON") from None
        if not isinstance(answer, dict):
            raise OsvError(f"{url}: unexpected answer")
        return answer


def _query(package: str, page_token: str | None) -> dict[str, Any]:
    query: dict[str, Any] = {"package": {"name": package, "ecosystem": "PyPI"}}
    if page_token:
        query["page_token"] = page_token
    return query
