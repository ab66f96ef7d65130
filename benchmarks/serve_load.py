"""`plankg serve` under load: C clients at once send N catalogue queries over 127.0.0.1, and every
answer's rows are compared with the embedded store's rows for the same query.

    python -m benchmarks.serve_load --build out --clients 16 --queries 1000

The server runs in a process of its own, started as `plankg serve` starts it; the clients are
threads of this process, each with its own SPARQLWrapper (urllib) client, running the catalogue
queries in turn with their example parameters, as `plankg query NAME --example --endpoint URL`
does. The same load goes through the gateway and then straight to the Oxigraph behind it. Errors
and wrong rows are counted (both should be 0); latencies are reported, not judged. Writes
`benchmarks/results/serve-load-<date>.json` and prints a summary.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import platform
import socket
import statistics
import threading
import time
from importlib.metadata import version
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from plankg.errors import PlankgError
from plankg.graph.engines.remote import RemoteEngine
from plankg.graph.opened import TRIG_FILE, open_build
from plankg.graph.server import start_server
from tests.test_queries import CATALOGUE, comparable, run

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LOOPBACK = "127.0.0.1"
READY_TIMEOUT = 120.0  # seconds for the server process to import, bulk-load and answer
Rows = list[tuple[str, ...]]


def expected_rows(build: Path) -> dict[str, Rows]:
    """Each catalogue query's rows on the embedded store of the build, as the tests compare engines."""
    engine = open_build(build).engine()
    return {name: comparable(run(engine, name)) for name in sorted(CATALOGUE)}


def _serve(build: str, port: int, pipe: Connection) -> None:
    """The server process: start, send both URLs, serve until told to stop (or the parent is gone)."""
    with start_server(Path(build) / TRIG_FILE, LOOPBACK, port) as server:
        pipe.send((server.query_url, server.direct_url + "query"))
        with contextlib.suppress(EOFError):  # the parent is gone: stop too
            pipe.recv()


class ServerProcess:
    """`plankg serve`'s server on a free port of 127.0.0.1, in a process of its own (so that its
    gateway and the clients do not share one interpreter)."""

    def __init__(self, build: Path):
        with socket.socket() as probe:
            probe.bind((LOOPBACK, 0))
            port = probe.getsockname()[1]
        context = multiprocessing.get_context("spawn")
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(str(build), port, theirs), daemon=True)
        self._process.start()
        theirs.close()
        if not self._pipe.poll(READY_TIMEOUT):
            self.stop()
            raise PlankgError(f"the server did not start within {READY_TIMEOUT:.0f} s")
        self.gateway_url, self.direct_url = self._pipe.recv()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # it has ended already
            self._pipe.send("stop")
        self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=10)

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def load(url: str, expected: dict[str, Rows], queries: int, clients: int) -> dict[str, Any]:
    """Send `queries` catalogue queries from `clients` threads at once; errors, wrong rows, latency."""
    names = sorted(expected)
    turns = iter(range(queries))
    lock = threading.Lock()
    latencies: list[float] = []
    by_query: dict[str, list[float]] = {name: [] for name in names}
    failures: list[str] = []
    wrong: list[str] = []

    def client() -> None:
        engine = RemoteEngine(url, timeout=60)
        while True:
            with lock:
                turn = next(turns, None)
            if turn is None:
                return
            name = names[turn % len(names)]
            start = time.perf_counter()
            try:
                rows = comparable(run(engine, name))
            except PlankgError as error:
                with lock:
                    failures.append(f"{name}: {error}")
                continue
            seconds = time.perf_counter() - start
            with lock:
                latencies.append(seconds)
                by_query[name].append(seconds)
                if rows != expected[name]:
                    wrong.append(name)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else []
    return {
        "url": url,
        "clients": clients,
        "queries": queries,
        "errors": len(failures),
        "wrong_rows": len(wrong),
        "first_errors": failures[:5],
        "wrong_queries": sorted(set(wrong)),
        "seconds": round(wall, 2),
        "queries_per_s": round(queries / wall, 1),
        "p50_ms": round(cuts[49] * 1000, 1) if cuts else None,
        "p99_ms": round(cuts[98] * 1000, 1) if cuts else None,
        "max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "median_ms_by_query": {name: round(statistics.median(got) * 1000, 1) for name, got in by_query.items() if got},
    }


def measure(build: Path, queries: int, clients: int) -> dict[str, Any]:
    """The same load through the gateway and straight to Oxigraph, on one server."""
    expected = expected_rows(build)
    with ServerProcess(build) as server:
        runs = {
            "gateway": load(server.gateway_url, expected, queries, clients),
            "direct": load(server.direct_url, expected, queries, clients),
        }
    return {
        "date": dt.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "oxigraph": version("oxigraph"),
            "SPARQLWrapper": version("SPARQLWrapper"),
        },
        "catalogue": sorted(expected),
        "runs": runs,
    }


def summary(report: dict[str, Any]) -> str:
    """The table for docs/benchmarks.md."""
    header = "| path | clients | queries | errors | wrong rows | queries/s | p50 | p99 | max |"
    lines = [header, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for path, found in report["runs"].items():
        lines.append(
            f"| {path} | {found['clients']} | {found['queries']:,} | {found['errors']} | {found['wrong_rows']} "
            f"| {found['queries_per_s']} | {found['p50_ms']} ms | {found['p99_ms']} ms | {found['max_ms']} ms |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=Path("out"), help="a build of the real plan")
    parser.add_argument("--clients", type=int, default=16, help="client threads at once")
    parser.add_argument("--queries", type=int, default=1000, help="catalogue queries in all, per path")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for serve-load-<date>.json")
    args = parser.parse_args()
    report = measure(args.build, args.queries, args.clients)
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"serve-load-{report['date']}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(summary(report))
    print(f"written {path}")


if __name__ == "__main__":
    main()
