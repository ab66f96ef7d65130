"""How the build, the queries and the views scale with the number of plans, side by side.

Run: `python -m benchmarks.run --plans 1 10 100` (from the repository root). For each K it
generates K synthetic plans shaped as the real one (`benchmarks/generate.py`), then measures:
the streamed build and its peak memory; loading the TriG into pyoxigraph and into rdflib (time,
peak and resident memory, each in a fresh process); every catalogue query on pyoxigraph, on
rdflib and through SPARQLWrapper against a local Oxigraph server (medians); SHACL and reasoning
time; the overview page's generation time, size and load time in headless Chromium. It also
times HermiT against the rules on 1, 2, 4 … plans at once, to show where HermiT stops being
practical. Writes `benchmarks/results/<date>.json` and renders `docs/benchmarks.md` with a plot.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from benchmarks.generate import REAL_PLAN, RealPlan, generate, plan_id
from benchmarks.measure import growth_exponent, in_fresh_process
from benchmarks.report import render
from benchmarks.viz import chromium_version, measure
from plankg.graph.build import data_union, plan_dataset, read_plan
from plankg.graph.engines import Engine
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.engines.rdflib import RdflibEngine
from plankg.graph.engines.remote import RemoteEngine
from plankg.graph.namespaces import plan_iri, plan_namespace
from plankg.graph.outputs import build_outputs
from plankg.graph.projection import project
from plankg.graph.reason import reason
from plankg.graph.reasoners import DEFAULT_REASONER
from plankg.graph.rules import materialise
from plankg.graph.server import start_server
from plankg.graph.shacl import load_turtle
from plankg.graph.store import load_store
from plankg.loaders.source import discover_sources
from plankg.ontology import ONTOLOGY_FILE
from plankg.queries.catalogue import QueryFile, load_catalogue
from plankg.queries.runner import run_catalogue_query
from plankg.viz.names import read_names
from plankg.viz.views import DRAW_LIMIT

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# Steps run in a fresh process (module-level so that `spawn` can import them)


def build_corpus(data: Path, out: Path, reasoner: str) -> dict[str, Any]:
    summary = build_outputs(data, out, progress=_plan_progress, reasoner=reasoner)
    return {
        "reasoner": summary.reasoner,
        "paragraphs": summary.paragraphs,
        "nodes": summary.nodes,
        "triples": sum(summary.triples.values()),
        "steps_s": summary.seconds,
    }


def _plan_progress(step: str) -> None:
    say(f"  build: {step}")


def load_oxigraph(trig: str) -> int:
    return len(load_store(Path(trig)))


def rdflib_dataset(trig: Path) -> Dataset:
    dataset = Dataset()
    dataset.parse(trig, format="trig")
    return dataset


def load_rdflib(trig: str) -> int:
    return len(rdflib_dataset(Path(trig)))


def reason_plans(data: str, plans: int, reasoner: str) -> dict[str, Any]:
    """Reason over the union of the first `plans` plans at once, as one graph."""
    ontology = load_turtle(ONTOLOGY_FILE)
    union = Graph()
    for path in discover_sources(Path(data))[:plans]:
        plan = read_plan(Path(data), path)
        union += data_union(plan_dataset(plan), [plan], ("structure", "stated", "curated"))
    start = time.perf_counter()
    inferred = reason(ontology, union) if reasoner == "hermit" else materialise(ontology, union)
    return {"seconds": time.perf_counter() - start, "inferred": len(inferred), "triples": len(union)}


# Steps run here


def example_values(query: QueryFile, plan: str) -> dict[str, str]:
    """The query's example parameters, as IRIs in synthetic plan `plan` (ids repeat across
    plans, so only an IRI names one node when many plans are loaded)."""
    values = {}
    for param in query.params:
        if param.kind in ("string", "integer"):
            values[param.name] = param.example  # a word or a year is the same in every plan
        if param.kind != "node":
            continue
        if param.example == REAL_PLAN:
            values[param.name] = str(plan_iri(plan))
        else:
            values[param.name] = str(plan_namespace(plan)[param.example])
    return values


def time_queries(engine: Engine, catalogue: list[QueryFile], plan: str, repeat: int) -> dict[str, dict[str, Any]]:
    """Each catalogue query with its example parameters, run `repeat` times: the median and rows."""
    timed = {}
    for query in catalogue:
        given = example_values(query, plan)
        runs, rows = [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            rows = len(run_catalogue_query(engine, query, given).rows)
            runs.append(time.perf_counter() - start)
        timed[query.name] = {"ms": round(statistics.median(runs) * 1000, 3), "rows": rows}
    return timed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def measure_k(plans: int, args: argparse.Namespace, real: RealPlan, catalogue: list[QueryFile]) -> dict[str, Any]:
    work = args.work / f"k{plans}"
    shutil.rmtree(work, ignore_errors=True)
    data, out = work / "data", work / "out"
    result: dict[str, Any] = {"plans": plans}

    say(f"K={plans}: generating {plans} synthetic plan(s)")
    start = time.perf_counter()
    generate(data, plans, args.seed, real)
    result["generate_s"] = round(time.perf_counter() - start, 3)
    result["corpus_bytes"] = sum(path.stat().st_size for path in data.rglob("*") if path.is_file())

    say(f"K={plans}: building (streamed, plan by plan)")
    built, seconds, peak, _ = in_fresh_process(build_corpus, data, out, args.reasoner)
    result["build"] = built | {"seconds": round(seconds, 3), "peak_mib": round(peak, 1)}
    trig = out / "plankg.trig"
    result["trig_bytes"] = trig.stat().st_size

    say(f"K={plans}: loading into pyoxigraph and rdflib, each in a fresh process")
    quads, seconds, peak, growth = in_fresh_process(load_oxigraph, str(trig))
    result["quads"] = quads
    result["load"] = {"pyoxigraph": {"s": round(seconds, 3), "peak_mib": round(peak, 1), "held_mib": round(growth, 1)}}
    with_rdflib = plans <= args.rdflib_max
    if with_rdflib:
        _, seconds, peak, growth = in_fresh_process(load_rdflib, str(trig))
        result["load"]["rdflib"] = {"s": round(seconds, 3), "peak_mib": round(peak, 1), "held_mib": round(growth, 1)}

    first = plan_id(1)
    say(f"K={plans}: catalogue queries on pyoxigraph (median of {args.repeat})")
    oxigraph = OxigraphEngine(load_store(trig))  # in memory, as measured before the build kept a store
    queries = {name: {"pyoxigraph": row} for name, row in time_queries(oxigraph, catalogue, first, args.repeat).items()}
    if with_rdflib:
        say(f"K={plans}: catalogue queries on rdflib")
        rdflib_engine = RdflibEngine(rdflib_dataset(trig))
        answerable = [query for query in catalogue if query.slow_on_rdflib is None]
        for name, row in time_queries(rdflib_engine, answerable, first, args.rdflib_repeat).items():
            queries[name]["rdflib"] = row
        del rdflib_engine
    say(f"K={plans}: catalogue queries through SPARQLWrapper against a local Oxigraph server")
    server = start_server(trig, host="127.0.0.1", port=free_port())
    try:
        result["server_load_s"] = round(server.load_seconds, 3)
        remote = RemoteEngine(server.query_url, timeout=600)
        for name, row in time_queries(remote, catalogue, first, args.repeat).items():
            queries[name]["sparqlwrapper"] = row
    finally:
        server.stop()
    result["queries"] = queries

    if args.browser:
        say(f"K={plans}: overview page (projection, page, Chromium)")
        start = time.perf_counter()
        graph = project(oxigraph)
        names = read_names(oxigraph)
        projection_s = time.perf_counter() - start
        result["viz"] = {"projection_s": round(projection_s, 3), "graph_nodes": graph.number_of_nodes()}
        result["viz"] |= measure(graph, names, DRAW_LIMIT)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def hermit_against_rules(args: argparse.Namespace, real: RealPlan) -> list[dict[str, Any]]:
    """HermiT and the rules on the union of n plans at once, for n = 1, 2, 4 … up to the cap."""
    data = args.work / "reasoning" / "data"
    shutil.rmtree(data.parent, ignore_errors=True)
    counts = [n for n in (1, 2, 4, 8, 16) if n <= args.hermit_max]
    generate(data, max(counts), args.seed, real)
    rows = []
    for count in counts:
        row: dict[str, Any] = {"plans": count}
        for reasoner in ("hermit", "rules"):
            say(f"reasoning over {count} plan(s) at once with {reasoner}")
            found, _, peak, _ = in_fresh_process(reason_plans, str(data), count, reasoner)
            row[reasoner] = {"s": round(found["seconds"], 3), "peak_mib": round(peak, 1), "inferred": found["inferred"]}
            row["triples"] = found["triples"]
        rows.append(row)
    shutil.rmtree(data.parent, ignore_errors=True)
    return rows


def write_result(result: dict[str, Any], target: Path) -> None:
    """A run's figures as JSON, in `benchmarks/results/` unless told otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say(f"written {target}")


def machine() -> dict[str, Any]:
    packages = ("pyoxigraph", "rdflib", "pyshacl", "owlready2", "networkx", "pyvis", "SPARQLWrapper")
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        memory_kib = int(meminfo.readline().split()[1])
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "packages": {name: version(name) for name in packages},
    }


def exponents(runs: list[dict[str, Any]]) -> dict[str, float | None]:
    """Growth exponents over all K; the build's also over the K built with the largest K's
    reasoner only (results of runs that used HermiT for a few plans, whose slope that would flatter)."""

    def fit(values: list[float], chosen: list[dict[str, Any]] = runs) -> float | None:
        slope = growth_exponent([run["plans"] for run in chosen], values)
        return round(slope, 3) if slope is not None else None

    alike = [run for run in runs if run["build"]["reasoner"] == runs[-1]["build"]["reasoner"]]
    span = f"K = {alike[0]['plans']}–{alike[-1]['plans']}, {alike[-1]['build']['reasoner']}"
    found = {
        "build_s": fit([run["build"]["seconds"] for run in runs]),
        f"build_s ({span})": fit([run["build"]["seconds"] for run in alike], alike),
        "build_peak_mib": fit([run["build"]["peak_mib"] for run in runs]),
        "load_pyoxigraph_s": fit([run["load"]["pyoxigraph"]["s"] for run in runs]),
        "trig_bytes": fit([run["trig_bytes"] for run in runs]),
    }
    for name in runs[0]["queries"]:
        found[f"query {name}"] = fit([run["queries"][name]["pyoxigraph"]["ms"] for run in runs])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, nargs="+", default=[1, 10, 100], help="values of K to measure")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query timing (the median is reported)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--reasoner", default=DEFAULT_REASONER, help="the build's reasoner (the rules by default)")
    parser.add_argument("--rdflib-max", type=int, default=10, help="largest K also loaded and queried with rdflib")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="runs per query on rdflib (seconds each)")
    parser.add_argument("--hermit-max", type=int, default=8, help="most plans HermiT reasons over at once")
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="skip the overview page")
    parser.add_argument("--work", type=Path, default=Path("/tmp/plankg-bench"), help="scratch folder")
    parser.add_argument("--keep", action="store_true", help="keep each K's corpus and build in the scratch folder")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for <date>.json")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report to render")
    args = parser.parse_args()

    real = RealPlan.read()
    catalogue = list(load_catalogue().values())
    result: dict[str, Any] = {"date": dt.date.today().isoformat(), "machine": machine(), "seed": args.seed}
    result["machine"]["chromium"] = chromium_version() if args.browser else None
    result |= {"repeat": args.repeat, "rdflib_repeat": args.rdflib_repeat, "rdflib_max": args.rdflib_max}
    result["runs"] = [measure_k(plans, args, real, catalogue) for plans in args.plans]
    result["reasoning"] = hermit_against_rules(args, real) if args.hermit_max >= 1 else []
    result["exponents"] = exponents(result["runs"])

    write_result(result, args.results / f"{result['date']}.json")
    render(result, args.docs)
    say(f"written {args.docs} and its plot")


if __name__ == "__main__":
    main()
