"""SHACL validation of the real plan, side by side: pySHACL, pySHACL on the smallest graph the
shapes read, pyrudof and the shapes compiled to SPARQL on pyoxigraph.

Run: `python -m benchmarks.shacl` (from the repository root; a few minutes on 2 cores, nearly all of it pySHACL). Each
validator sees the graph the build validates (structure, stated and curated graphs of the plan)
with the ontology; times are medians of `--repeat` runs in one process, one validator after the
other, and every report is compared with pySHACL's. Writes `benchmarks/results/shacl.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pyrudof
from rdflib import Graph

from plankg.graph.build import data_union, plan_dataset, read_plans
from plankg.graph.shacl import load_turtle, pyshacl_violations
from plankg.graph.shacl_results import Violation
from plankg.graph.shacl_sparql import compile_shapes, predicates_read, run_checks, store_of
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE

RESULTS = Path(__file__).parent / "results" / "shacl.json"


def median_seconds(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall time of `repeat` runs of `work`, and the value of the last run."""
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = work()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3), value


def copy_of(*graphs: Graph) -> Graph:
    union = Graph()
    for graph in graphs:
        union += graph
    return union


def smallest_graph(data: Graph, shapes: Graph) -> Graph:
    """Only the triples whose predicate some shape reads: all a validator needs to see."""
    smallest = Graph()
    for predicate in predicates_read(shapes):
        smallest += data.triples((None, predicate, None))
    return smallest


def pyrudof_run(data: Graph, ontology: Graph) -> Callable[[], int]:
    """pyrudof's native validator on the same triples, given as N-Triples text."""
    text = copy_of(data, ontology).serialize(format="nt")

    def run() -> int:
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(text, format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(str(SHAPES_FILE))
        return len(rudof.validate_shacl().violations)

    return run


def package_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (one real plan)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per validator (the median is reported)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()
    plan = read_plans(args.data)[0]
    dataset = plan_dataset(plan)
    # The build's "shacl" step also gathers the plan's graphs into the one rdflib graph that the
    # validator and the reasoner read: timed apart, since no validator changes it.
    union_seconds, data = median_seconds(
        lambda: data_union(dataset, [plan], ("structure", "stated", "curated")), args.repeat
    )
    shapes, ontology = load_turtle(SHAPES_FILE), load_turtle(ONTOLOGY_FILE)

    validators: dict[str, Callable[[], list[Violation] | int]] = {
        "pyshacl": lambda: pyshacl_violations(copy_of(data), shapes, ontology),
        "pyshacl_smallest_graph": lambda: pyshacl_violations(smallest_graph(data, shapes), shapes, ontology),
        "sparql_compiled": lambda: run_checks(
            store_of([data, ontology], predicates_read(shapes)), compile_shapes(shapes)
        ),
        "pyrudof": pyrudof_run(data, ontology),
    }
    rows: dict[str, dict[str, Any]] = {}
    reference: list[Violation] = []
    for name, work in validators.items():  # pySHACL first: the reference for the others
        seconds, report = median_seconds(work, args.repeat)
        reference = report if name == "pyshacl" and isinstance(report, list) else reference
        count = report if isinstance(report, int) else len(report)
        rows[name] = {
            "seconds": seconds,
            "violations": count,
            # pyrudof's results are counted, not compared term by term
            "same_report_as_pyshacl": count == len(reference) if isinstance(report, int) else report == reference,
        }
        print(name, json.dumps(rows[name]), file=sys.stderr, flush=True)
    for row in rows.values():
        row["ratio_to_pyshacl"] = round(row["seconds"] / rows["pyshacl"]["seconds"], 4)

    store_seconds, store = median_seconds(lambda: store_of([data, ontology], predicates_read(shapes)), args.repeat)
    compile_seconds, checks = median_seconds(lambda: compile_shapes(shapes), args.repeat)
    query_seconds, _ = median_seconds(lambda: run_checks(store, checks), args.repeat)
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "repeat": args.repeat,
        "cores": os.cpu_count(),
        "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "versions": {name: package_version(name) for name in ("pyshacl", "pyoxigraph", "rdflib", "pyrudof")},
        "graph": {
            "data_triples": len(data),
            "ontology_triples": len(ontology),
            "smallest_graph_triples": len(smallest_graph(data, shapes)),
            "compiled_checks": len(checks),
        },
        "build_data_union_seconds": union_seconds,
        "validators": rows,
        "sparql_compiled_steps_seconds": {"store": store_seconds, "compile": compile_seconds, "queries": query_seconds},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
