"""Build and load costs of the real plan, side by side: pyoxigraph against rdflib.

Run: `python benchmarks/bench_build.py [--repeat 5]`. Prints a table and writes
`benchmarks/results/build-<date>.json`. Times are medians of repeated runs; ratios compare
engines on the same input in the same run, which is what stays meaningful on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rich.console import Console
from rich.table import Table

from plankg.data import DATA_DIR
from plankg.graph.build import build_graph, write_outputs
from plankg.graph.store import QUERY_PREFIXES
from plankg.queries import QUERY_DIR

RESULTS = Path(__file__).resolve().parent / "results"


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _resident_growth(engine: str, trig: Path, queue: multiprocessing.Queue) -> None:
    before = _rss_kib()
    held = oxigraph_store(trig) if engine == "pyoxigraph" else rdflib_dataset(trig)
    queue.put((_rss_kib() - before) / 1024)
    del held


def resident_mib(engine: str, trig: Path) -> float:
    """Growth of the resident set when one engine holds the graph, in a fresh process (Rust
    memory is invisible to tracemalloc, so the operating system's count is the fair one)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_resident_growth, args=(engine, trig, queue))
    process.start()
    grown = queue.get()
    process.join()
    return grown


def rdflib_dataset(trig: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(trig, format="trig")
    return dataset


def oxigraph_store(trig: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median is reported)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (sources/ and curated/)")
    args = parser.parse_args()
    result: dict[str, object] = {"date": dt.date.today().isoformat(), "repeat": args.repeat}

    build = build_graph(args.data)
    result["triples"] = sum(len(graph) for graph in build.dataset.graphs())
    result["curated_nodes"] = sum(len(plan.curated.nodes) for plan in build.plans)
    result["build_steps_s"] = build.seconds
    result["build_s"] = median_seconds(lambda: build_graph(args.data), args.repeat)
    result["build_no_reasoning_s"] = median_seconds(lambda: build_graph(args.data, with_reasoning=False), args.repeat)

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        write_outputs(build, out)
        trig = out / "plankg.trig"
        result["trig_bytes"] = trig.stat().st_size
        load = {
            "pyoxigraph": median_seconds(lambda: oxigraph_store(trig), args.repeat),
            "rdflib": median_seconds(lambda: rdflib_dataset(trig), args.repeat),
        }
        memory = {engine: resident_mib(engine, trig) for engine in ("pyoxigraph", "rdflib")}
        store, dataset = oxigraph_store(trig), rdflib_dataset(trig)
        dataset.default_union = True  # as the embedded store: all named graphs form the default graph
        queries = {}
        for path in sorted(QUERY_DIR.glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            oxi = median_seconds(
                lambda text=text: list(store.query(text, use_default_graph_as_union=True, prefixes=QUERY_PREFIXES)),
                args.repeat,
            )
            rdf = median_seconds(lambda text=text: list(dataset.query(text, initNs=QUERY_PREFIXES)), args.repeat)
            queries[path.stem] = {"pyoxigraph_s": oxi, "rdflib_s": rdf, "ratio": rdf / oxi}
    result["load_s"] = load
    result["load_ratio_rdflib_over_pyoxigraph"] = load["rdflib"] / load["pyoxigraph"]
    result["load_resident_growth_mib"] = memory
    result["queries"] = queries

    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"build-{result['date']}.json"
    target.write_text(json.dumps(result, indent=2) + "\n")
    report(result, load, memory, queries)
    print(f"written {target}")


def report(result: dict[str, object], load: dict, memory: dict, queries: dict) -> None:
    table = Table("measure", "pyoxigraph", "rdflib", "rdflib / pyoxigraph", title=f"{result['triples']} triples")
    table.add_row(
        "load TriG (ms)",
        f"{load['pyoxigraph'] * 1000:.1f}",
        f"{load['rdflib'] * 1000:.1f}",
        f"{load['rdflib'] / load['pyoxigraph']:.1f}x",
    )
    table.add_row(
        "resident memory growth (MiB)",
        f"{memory['pyoxigraph']:.1f}",
        f"{memory['rdflib']:.1f}",
        f"{memory['rdflib'] / max(memory['pyoxigraph'], 1e-3):.1f}x",
    )
    for name, row in queries.items():
        table.add_row(
            f"query {name} (ms)",
            f"{row['pyoxigraph_s'] * 1000:.2f}",
            f"{row['rdflib_s'] * 1000:.2f}",
            f"{row['ratio']:.1f}x",
        )
    Console().print(table)
    build, bare = result["build_s"], result["build_no_reasoning_s"]
    print(f"build: {build:.2f} s (without HermiT {bare:.2f} s); one build's steps (s): {result['build_steps_s']}")


if __name__ == "__main__":
    main()
