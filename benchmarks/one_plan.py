"""The build of the real plan, step by step: the earlier pipeline (rdflib writes the files, HermiT
reasons) against today's (pyoxigraph writes them, the rules reason), in one run, side by side.

Run: `python -m benchmarks.one_plan` (from the repository root; about three minutes on 2 cores).
Both pipelines share the steps that did not change (read, assemble, SHACL, the store's bulk load),
which are timed once. Then `plankg build` runs end to end a few times into a fresh folder (the
median is reported) and once more into the same folder, where every plan is unchanged and reused
from the cache. Writes `benchmarks/results/one-plan-<date>.json` and its table into
`docs/benchmarks.md`, between the markers of its section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Dataset, Graph

from benchmarks.measure import write_between
from benchmarks.run import RESULTS, ROOT, machine, say, write_result
from plankg.data import DATA_DIR
from plankg.graph.build import data_union, plan_dataset, read_plan
from plankg.graph.namespaces import graph_iri
from plankg.graph.opened import write_store
from plankg.graph.outputs import JSONLD_CONTEXT, Chunks
from plankg.graph.reason import reason
from plankg.graph.rules import materialise
from plankg.graph.shacl import load_turtle, validate_shapes
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE

PLAN = "xincheng-14th"
BEGIN, END = "<!-- one plan: begin (written by benchmarks/one_plan.py) -->", "<!-- one plan: end -->"
Value = TypeVar("Value")


def timed(work: Callable[[], Value]) -> tuple[Value, float]:
    start = time.perf_counter()
    value = work()
    return value, round(time.perf_counter() - start, 3)


def rdflib_chunks(dataset: Dataset) -> Chunks:
    """The files as the earlier build wrote them: rdflib's TriG, Turtle and JSON-LD writers."""
    union = Graph()
    union.namespace_manager = dataset.namespace_manager
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    document = json.loads(dataset.serialize(format="json-ld", context=JSONLD_CONTEXT))
    return Chunks(
        dataset.serialize(format="trig"),
        union.serialize(format="turtle"),
        [json.dumps(item, ensure_ascii=False) for item in document.get("@graph", [])],
    )


def sizes(chunks: Chunks) -> dict[str, int]:
    """Bytes of each file as one plan's chunks make it."""
    jsonld = '{"@context": ' + json.dumps(JSONLD_CONTEXT, indent=2) + ',\n"@graph": [\n' + ",\n".join(chunks.jsonld)
    files = {"trig": chunks.trig, "ttl": chunks.turtle, "jsonld": jsonld}
    return {name: len(text.encode("utf-8")) for name, text in files.items()}


def steps(work: Path) -> dict[str, Any]:
    """Each step of one plan's build, once, with both pipelines where they differ."""
    ontology, shapes = load_turtle(ONTOLOGY_FILE), load_turtle(SHAPES_FILE)
    plan, read_s = timed(lambda: read_plan(DATA_DIR, DATA_DIR / "sources" / f"{PLAN}.yaml"))
    dataset, assemble_s = timed(lambda: plan_dataset(plan))
    data = data_union(dataset, [plan], ("structure", "stated", "curated"))
    results, shacl_s = timed(lambda: validate_shapes(data, shapes, ontology))
    assert not [result for result in results if result.severity == "Violation"], results
    hermit, hermit_s = timed(lambda: reason(ontology, data))
    rules, rules_s = timed(lambda: materialise(ontology, data))
    assert set(hermit) == set(rules), "the rules no longer infer HermiT's triples"
    inferred = dataset.graph(graph_iri(PLAN, "inferred"))
    for triple in rules:
        inferred.add(triple)
    old, rdflib_s = timed(lambda: rdflib_chunks(dataset))
    new, pyoxigraph_s = timed(lambda: Chunks.of(dataset))
    trig = work / "plankg.trig"
    trig.write_text(new.trig, encoding="utf-8")
    _, store_s = timed(lambda: write_store(trig, work / "store"))
    shared = {"read": read_s, "assemble": assemble_s, "shacl": shacl_s, "store": store_s}
    rows = {step: {"before": s, "now": s} for step, s in shared.items()}
    rows["reason"] = {"before": hermit_s, "now": rules_s, "before_by": "HermiT", "now_by": "rules"}
    rows["serialise"] = {"before": rdflib_s, "now": pyoxigraph_s, "before_by": "rdflib", "now_by": "pyoxigraph"}
    quads = sum(len(graph) for graph in dataset.graphs())
    return {"quads": quads, "inferred": len(rules), "steps": rows, "bytes": {"before": sizes(old), "now": sizes(new)}}


def build_walls(work: Path, runs: int) -> dict[str, Any]:
    """`plankg build` of the real plan, end to end: `runs` times into a fresh folder, then once
    more into the last one (nothing changed, so the plan is reused)."""
    command = [str(Path(sys.executable).with_name("plankg")), "build", "--data", str(DATA_DIR)]

    def build(out: Path) -> float:
        return timed(lambda: subprocess.run([*command, "--out", str(out)], check=True, capture_output=True))[1]

    fresh = []
    for number in range(runs):
        say(f"plankg build, run {number + 1}/{runs}")
        fresh.append(build(work / f"out-{number}"))
    say("plankg build again, nothing changed")
    out = work / f"out-{runs - 1}"
    unchanged = build(out)
    rebuilt = json.loads((out / "build.json").read_text(encoding="utf-8"))["rebuilt"]
    return {"fresh_s": fresh, "fresh_median_s": statistics.median(fresh), "unchanged_s": unchanged, "rebuilt": rebuilt}


def _ratio(before: float, now: float) -> str:
    return f"{before / now:.1f}x" if now else "–"


def table(result: dict[str, Any]) -> str:
    """The section's Markdown: steps side by side, sizes, and the end-to-end wall times."""
    rows = result["steps"]
    lines = [
        f"Measured {result['date']} on {result['machine']['cpus']} cores (shared with other work while it ran, so "
        f"times are noisy; the ratios, taken in the same run, are the figures to read). One plan, "
        f"{result['quads']:,} quads, {result['inferred']:,} of them inferred.",
        "",
        "| step | before (s) | now (s) | before / now |",
        "| --- | --- | --- | --- |",
    ]
    for step, row in rows.items():
        by = f" ({row['before_by']} → {row['now_by']})" if "before_by" in row else ""
        lines.append(f"| {step}{by} | {row['before']:.2f} | {row['now']:.2f} | {_ratio(row['before'], row['now'])} |")
    before, now = (round(sum(row[side] for row in rows.values()), 2) for side in ("before", "now"))
    lines.append(f"| all steps | {before:.2f} | {now:.2f} | {_ratio(before, now)} |")
    lines += ["", "| file | before (bytes) | now (bytes) | now / before |", "| --- | --- | --- | --- |"]
    for name in ("trig", "ttl", "jsonld"):
        old, new = result["bytes"]["before"][name], result["bytes"]["now"][name]
        lines.append(f"| plankg.{name} | {old:,} | {new:,} | {new / old:.2f} |")
    walls = result["walls"]
    fresh = ", ".join(f"{seconds:.1f}" for seconds in walls["fresh_s"])
    lines += [
        "",
        f"`plankg build` end to end (a fresh Python process, imports included): median {walls['fresh_median_s']:.1f} s "
        f"of {len(walls['fresh_s'])} runs into a new folder ({fresh} s); {walls['unchanged_s']:.1f} s again into "
        f"the same folder with nothing changed (plans rebuilt: {len(walls['rebuilt'])}).",
    ]
    return "\n".join(lines)


def render(result: dict[str, Any], docs: Path) -> None:
    write_between(docs, BEGIN, END, table(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="end-to-end builds into a fresh folder (median reported)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for one-plan-<date>.json")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report to render")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="plankg-one-plan-"))
    try:
        say("timing each step, both pipelines")
        result: dict[str, Any] = {"date": dt.date.today().isoformat(), "machine": machine()}
        result |= steps(work)
        result["walls"] = build_walls(work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_result(result, args.results / f"one-plan-{result['date']}.json")
    render(result, args.docs)
    say(f"written {args.docs}")


if __name__ == "__main__":
    main()
