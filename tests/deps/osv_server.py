"""A small OSV-shaped API on loopback for the update tests (querybatch + vulns/{id})."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from packaging.utils import canonicalize_name


class OsvState:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = {r["id"]: r for r in records}
        self.requests: list[str] = []

    def for_package(self, name: str) -> list[dict[str, Any]]:
        key = canonicalize_name(name)
        return [r for r in self.records.values()
                if any(canonicalize_name(a["package"]["name"]) == key
                       for a in r.get("affected", ()))]


def _handler(state: OsvState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            state.requests.append(f"POST {self.path}")
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if self.path != "/v1/querybatch":
                return self._send(404, {})
            results = []
            for query in body["queries"]:
                vulns = [{"id": r["id"], "modified": r["modified"]}
                         for r in state.for_package(query["package"]["name"])]
                results.append({"vulns": vulns} if vulns else {})
            self._send(200, {"results": results})

        def do_GET(self) -> None:
            state.requests.append(f"GET {self.path}")
            vuln_id = self.path.rsplit("/", 1)[-1]
            if not self.path.startswith("/v1/vulns/") or vuln_id not in state.records:
                return self._send(404, {"code": 5, "message": "Bug not found."})
            self._send(200, state.records[vuln_id])

    return Handler


@contextmanager
def osv_server(state: OsvState) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def record(vuln_id: str, package: str, introduced: str, fixed: str, modified: str, *,
           aliases: tuple[str, ...] = (), severity: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": vuln_id, "schema_version": "1.6.0", "modified": modified,
        "published": "2026-01-01T00:00:00Z", "aliases": list(aliases),
        "summary": f"Test advisory {vuln_id}",
        "affected": [{"package": {"ecosystem": "PyPI", "name": package,
                                  "purl": f"pkg:pypi/{package}"},
                      "ranges": [{"type": "ECOSYSTEM", "events": [
                          {"introduced": introduced}, {"fixed": fixed}]}]}],
    }
    if severity:
        data["database_specific"] = {"severity": severity}
    return data
