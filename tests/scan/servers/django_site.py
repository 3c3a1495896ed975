"""The bundled example sites under gunicorn, over HTTPS (a trustme certificate) and plain HTTP.

:func:`start_site` runs ``examples/<site>`` with a test settings module from ``sites/`` (the
site's production settings, plus only what serving it from a test needs) as two gunicorn
processes on free loopback ports: one with TLS, one plain HTTP for the redirect checks.
Listening sockets are bound here and handed to gunicorn (``--bind fd://N``), so no port can
be taken by someone else in between.
"""

from __future__ import annotations

import os
import secrets
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .certs import CertFiles

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
SITES = Path(__file__).resolve().parent / "sites"
READY_TIMEOUT = 60.0

CONFIGS = {
    "insecure": ("insecure_site", "scan_insecure_settings"),
    "hardened": ("secure_site", "scan_secure_settings"),
}


@dataclass
class DjangoSite:
    """A running example site; stop it with :meth:`stop`."""

    config: str
    https_port: int
    http_port: int
    ca_bundle: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    log: Path | None = None
    extra_ports: list[int] = field(default_factory=list)
    """More HTTPS ports served by the same processes (the benchmark's sites)."""

    @property
    def https_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}/"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/"

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def listening_socket() -> socket.socket:
    sock = socket.create_server(("127.0.0.1", 0), backlog=128)
    sock.set_inheritable(True)
    return sock


def site_environment(config: str, workdir: Path, https_port: int) -> dict[str, str]:
    package, settings = CONFIGS[config]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SCAN_"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(EXAMPLES / package), str(SITES)]),
        DJANGO_SETTINGS_MODULE=settings,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DB_PATH=str(workdir / "db.sqlite3"),
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        SCAN_SSL_HOST=f"127.0.0.1:{https_port}",
        SCAN_PLANTED_DIR=str(plant_files(workdir)),
    )
    if config == "hardened":
        env["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    return env


def plant_files(workdir: Path) -> Path:
    """A project directory a careless web root would expose: ``.git/HEAD`` and ``.env``."""
    planted = workdir / "planted"
    (planted / ".git").mkdir(parents=True, exist_ok=True)
    (planted / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (planted / ".git" / "config").write_text("[core]\n\trepositoryformatversion = 0\n")
    (planted / ".env").write_text("DJANGO_DEBUG=true\nDATABASE_URL=postgres://app:"
                                  "s3cr3t-planted@db/app\n")
    return planted


def start_site(config: str, cert: CertFiles, ca_bundle: Path, workdir: Path,
               extra_https_ports: int = 0) -> DjangoSite:
    """Migrate a fresh database, then serve ``config`` over HTTPS and HTTP.

    ``extra_https_ports`` more HTTPS listeners share the same processes (the benchmark's
    "one site on many ports"); their ports are in ``site.extra_ports``.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    https, http = listening_socket(), listening_socket()
    extra = [listening_socket() for _ in range(extra_https_ports)]
    https_port = https.getsockname()[1]
    env = site_environment(config, workdir, https_port)
    subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"],
                   env=env, check=True, cwd=workdir, timeout=180)
    package = CONFIGS[config][0]
    log = workdir / "gunicorn.log"
    site = DjangoSite(config, https_port, http.getsockname()[1], ca_bundle, log=log,
                      extra_ports=[sock.getsockname()[1] for sock in extra])
    tls_args = ["--certfile", str(cert.cert), "--keyfile", str(cert.key)]
    try:
        for socks, extra_args in (([https, *extra], tls_args), ([http], [])):
            site.processes.append(_gunicorn(package, socks, extra_args, env, workdir, log))
        _wait_ready(site)
    except BaseException:
        site.stop()
        raise
    finally:
        for sock in (https, http, *extra):
            sock.close()
    return site


def _gunicorn(package: str, socks: list[socket.socket], extra_args: list[str],
              env: dict[str, str], workdir: Path, log: Path) -> subprocess.Popen[bytes]:
    binds = [arg for sock in socks for arg in ("--bind", f"fd://{sock.fileno()}")]
    command = [sys.executable, "-m", "gunicorn", *binds, *extra_args,
               "--workers", "2", "--worker-class", "gthread", "--threads", "8",
               "--graceful-timeout", "2", "--timeout", "30",
               "--error-logfile", str(log), "--log-level", "warning",
               f"{package}.wsgi:application"]
    return subprocess.Popen(command, env=env, cwd=workdir, pass_fds=[s.fileno() for s in socks],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _wait_ready(site: DjangoSite) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    urls = (site.https_url, site.http_url)
    verify = ssl.create_default_context(cafile=str(site.ca_bundle))
    with httpx.Client(verify=verify, trust_env=False, timeout=5) as client:
        for url in urls:
            while True:
                for process in site.processes:
                    if process.poll() is not None:
                        raise RuntimeError(f"gunicorn exited: {_tail(site.log)}")
                try:
                    client.get(url)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{url} not ready: {_tail(site.log)}") from None
                    time.sleep(0.1)


def _tail(log: Path | None) -> str:
    if log is None or not log.exists():
        return "(no log)"
    return log.read_text(errors="replace")[-2000:]
