"""Benchmark: the live scan of 200 local sites, against the slowest single probe.

Usage: python benchmarks/scan.py [--sites 200] [--concurrency 8] [--config hardened]

Serves ``examples/secure_site`` (or ``--config insecure``) under gunicorn with a trustme
certificate on ``--sites`` HTTPS ports of 127.0.0.1 (one set of gunicorn processes listening on
all of them, plus one plain-HTTP port for the redirect checks), then scans every port as its own
site with every probe except the port probes (they would scan the same loopback host 200 times),
``--concurrency`` sites at a time, as ``ponyguard scan URL…`` does. Prints:

* sites per second over the whole run;
* per-site wall time (median, 95th percentile, max);
* the slowest single probe of each site (median, max) and the ratio of the site's wall time to
  it: close to 1 means the probes really run concurrently and the site takes as long as its
  slowest probe; the number of probes means they ran one after the other.

Loopback only; the servers stop when it ends.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ponyguard.core.config import Config  # noqa: E402
from ponyguard.scan.engine import TargetOutcome, scan_target, selected_probes  # noqa: E402
from ponyguard.scan.probe import ScanOptions  # noqa: E402
from ponyguard.scan.target import parse_target  # noqa: E402
from tests.scan.servers.certs import TestPKI  # noqa: E402
from tests.scan.servers.django_site import start_site  # noqa: E402


async def scan_all(urls: list[str], options: ScanOptions, concurrency: int
                   ) -> list[tuple[float, TargetOutcome]]:
    probes = selected_probes(Config())
    slots = asyncio.Semaphore(concurrency)

    async def one(url: str) -> tuple[float, TargetOutcome]:
        async with slots:
            started = time.perf_counter()
            outcome = await scan_target(parse_target(url), options, probes)
            return time.perf_counter() - started, outcome

    return list(await asyncio.gather(*(one(url) for url in urls)))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(results: list[tuple[float, TargetOutcome]], total: float) -> None:
    walls = [wall for wall, _ in results]
    slowest = [max(outcome.probe_times.values(), default=0.0) for _, outcome in results]
    ratios = [wall / probe for wall, probe in zip(walls, slowest) if probe > 0]
    probes = max(len(outcome.probe_times) for _, outcome in results)
    requests = sum(outcome.requests for _, outcome in results)
    incomplete = sum(outcome.incomplete for _, outcome in results)
    print(f"sites: {len(results)}  probes per site: {probes}  requests: {requests}  "
          f"incomplete: {incomplete}")
    print(f"total wall: {total:.2f}s  sites/s: {len(results) / total:.1f}  "
          f"requests/s: {requests / total:.0f}")
    print(f"per-site wall: median {statistics.median(walls):.3f}s  "
          f"p95 {percentile(walls, 0.95):.3f}s  max {max(walls):.3f}s")
    print(f"slowest probe per site: median {statistics.median(slowest):.3f}s  "
          f"max {max(slowest):.3f}s")
    print(f"site wall / slowest probe: median {statistics.median(ratios):.2f}  "
          f"max {max(ratios):.2f}  (1.0 = fully concurrent; {probes} = sequential)")
    names = sorted({name for _, outcome in results for name in outcome.probe_times})
    print("median time per probe:")
    for name in names:
        times = [outcome.probe_times[name] for _, outcome in results
                 if name in outcome.probe_times]
        print(f"  {name:<24} {statistics.median(times):.3f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--config", choices=("hardened", "insecure"), default="hardened")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pki = TestPKI(Path(tmp))
        site = start_site(args.config, pki.leaf(), pki.ca_bundle, Path(tmp) / "site",
                          extra_https_ports=args.sites - 1)
        try:
            ports = [site.https_port, *site.extra_ports]
            urls = [f"https://127.0.0.1:{port}/" for port in ports]
            options = ScanOptions(ca_bundle=str(pki.ca_bundle), http_port=site.http_port,
                                  ports=False, timeout=10, deadline=60)
            asyncio.run(scan_all(urls[:2], options, 2))  # warm-up: imports, first requests
            started = time.perf_counter()
            results = asyncio.run(scan_all(urls, options, args.concurrency))
            report(results, time.perf_counter() - started)
        finally:
            site.stop()


if __name__ == "__main__":
    main()
