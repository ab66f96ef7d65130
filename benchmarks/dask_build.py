"""K synthetic plans built by this machine's pool of processes and by a Dask cluster of as many
workers (`plankg build --scheduler`), side by side: wall time and the peak memory of every process.

Run: `python -m benchmarks.dask_build --plans 10 --workers 2` (from the repository root; about
twenty minutes on 2 cores). The cluster is a `distributed.LocalCluster` on 127.0.0.1, started
here and closed at the end. Each build runs in a fresh process (`benchmarks/measure.py`), which
reports its own peak and, for the pool, its largest worker's; a cluster's workers report theirs.
The cluster then builds again with nothing changed, and both builds' plan quads are compared.
Writes `benchmarks/results/dask.json` and its table into `docs/benchmarks.md`, between the
markers of its section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.generate import generate
from benchmarks.measure import in_fresh_process, write_between
from benchmarks.run import RESULTS, ROOT, machine, say, write_result
from plankg.graph.outputs import build_outputs

BEGIN, END = "<!-- dask: begin (written by benchmarks/dask_build.py) -->", "<!-- dask: end -->"


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def build(data: Path, out: Path, jobs: int | None, scheduler: str | None) -> dict[str, Any]:
    """One build (in a fresh process): what it rebuilt, its own peak and its largest child's."""
    summary = build_outputs(data, out, jobs=jobs, scheduler=scheduler)
    return {
        "rebuilt": len(summary.rebuilt),
        "build_peak_mib": _peak_mib(),
        "largest_child_peak_mib": _peak_mib(resource.RUSAGE_CHILDREN),
    }


def measured(data: Path, out: Path, jobs: int | None = None, scheduler: str | None = None) -> dict[str, Any]:
    value, seconds, _peak, _growth = in_fresh_process(build, data, out, jobs, scheduler)
    return {"wall_s": round(seconds, 1), **value}


def plan_quads(out: Path) -> set[ox.Quad]:
    """The plans' quads (the ontology's blank nodes are named afresh by every build)."""
    parsed = ox.parse(path=str(out / "plankg.trig"), format=ox.RdfFormat.TRIG)
    return {quad for quad in parsed if "/graph/synthetic-" in quad.graph_name.value}


def on_cluster(data: Path, work: Path, workers: int) -> dict[str, Any]:
    """Start a LocalCluster, build twice on it (fresh, then unchanged), read its processes' peaks, close it."""
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with (
        LocalCluster(
            host="127.0.0.1",
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            local_directory=work / "dask",
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        started = round(time.perf_counter() - start, 1)
        say(f"cluster of {workers} workers started in {started} s; building on it")
        fresh = measured(data, work / "cluster", scheduler=cluster.scheduler_address)
        say(f"cluster build: {fresh['wall_s']} s; again with nothing changed")
        unchanged = measured(data, work / "cluster", scheduler=cluster.scheduler_address)
        workers_peak = sorted(client.run(_peak_mib).values())
        scheduler_peak = client.run_on_scheduler(_peak_mib)
    return {
        "start_s": started,
        "fresh": fresh,
        "unchanged": unchanged,
        "workers_peak_mib": workers_peak,
        "scheduler_peak_mib": scheduler_peak,  # the scheduler runs in this process
    }


def table(result: dict[str, Any]) -> str:
    local, cluster = result["local"], result["cluster"]
    fresh, unchanged = cluster["fresh"], cluster["unchanged"]
    workers = ", ".join(f"{peak:,.0f}" for peak in cluster["workers_peak_mib"])
    largest = local["largest_child_peak_mib"]  # none when one process builds in the build's own
    pool_workers = f"{largest:,.0f} (largest)" if largest else "– (built in the build process)"
    return "\n".join(
        [
            f"Measured {result['date']} on {result['machine']['cpus']} cores (shared with other work while it ran), "
            f"K = {result['plans']} synthetic plans, {result['workers']} workers either way, the rules reasoner, "
            f"distributed {result['distributed']}. Wall time of the build inside its process (imports excluded); "
            "peak resident memory of each process.",
            "",
            "| build | wall (s) | build process peak (MiB) | workers' peak (MiB) |",
            "| --- | --- | --- | --- |",
            f"| local pool, `--jobs {result['workers']}` | {local['wall_s']:.1f} | {local['build_peak_mib']:,.0f} "
            f"| {pool_workers} |",
            f"| Dask LocalCluster, `--scheduler` | {fresh['wall_s']:.1f} | {fresh['build_peak_mib']:,.0f} "
            f"| {workers} |",
            f"| the same, nothing changed | {unchanged['wall_s']:.1f} | {unchanged['build_peak_mib']:,.0f} | – |",
            "",
            f"The cluster took {cluster['start_s']:.1f} s to start; its scheduler's process peaked at "
            f"{cluster['scheduler_peak_mib']:,.0f} MiB. Plans rebuilt: {local['rebuilt']} locally, {fresh['rebuilt']} "
            f"on the cluster, {unchanged['rebuilt']} on the cluster with nothing changed. The plans' quads of both "
            f"builds are {'the same' if result['same_quads'] else 'NOT the same'}.",
        ]
    )


def render(result: dict[str, Any], docs: Path) -> None:
    write_between(docs, BEGIN, END, table(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10, help="synthetic plans (K)")
    parser.add_argument("--workers", type=int, default=2, help="processes of the pool, workers of the cluster")
    parser.add_argument("--results", type=Path, default=RESULTS / "dask.json", help="the JSON to write")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report to render")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plankg-dask-build-"))
    try:
        data = work / "data"
        generate(data, args.plans)
        result: dict[str, Any] = {
            "date": dt.date.today().isoformat(),
            "machine": machine(),
            "plans": args.plans,
            "workers": args.workers,
            "distributed": version("distributed"),
        }
        say(f"K={args.plans}: building with the local pool of {args.workers} processes")
        result["local"] = measured(data, work / "local", jobs=args.workers)
        say(f"local build: {result['local']['wall_s']} s")
        result["cluster"] = on_cluster(data, work, args.workers)
        result["same_quads"] = plan_quads(work / "local") == plan_quads(work / "cluster")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_result(result, args.results)
    render(result, args.docs)
    say(f"written {args.docs}: {json.dumps(result['cluster']['fresh'])}")


if __name__ == "__main__":
    main()
