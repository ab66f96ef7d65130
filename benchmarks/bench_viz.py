"""The overview page of a 10,000-node synthetic plan graph, loaded in headless Chromium.

Run: `python benchmarks/bench_viz.py [--nodes 10000] [--limit 2500]`. Needs Debian's chromium and
Playwright (the `test` extra). Writes `benchmarks/results/viz-<date>.json`: how long Python took
to choose, lay out and write the page, its size, and how long Chromium took until the network
was drawn, with the counts it drew and any console error or outside request. Measured here, not
asserted in the tests: a shared two-core machine gives times, not guarantees.

The synthetic graph has the projection's attributes and roughly the real plan's mix of classes
and relations (goals refined by objectives, measures contributing to them, projects implementing
measures at places, organizations responsible for them, concepts, indicators and targets).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import tempfile
import time
from pathlib import Path

import networkx as nx

from plankg.viz.browser import CHROMIUM, chromium, visit
from plankg.viz.names import PlanNames, Words
from plankg.viz.page import write_page
from plankg.viz.views import DRAW_LIMIT, overview

RESULTS = Path(__file__).resolve().parent / "results"
# Shares of the real plan's ~2,000 curated nodes, by class (see `plankg stats`).
MIX = {
    "Measure": 0.38,  # and whatever the rounding of the others leaves
    "Project": 0.15,
    "Concept": 0.14,
    "Objective": 0.11,
    "Indicator": 0.04,
    "Achievement": 0.025,
    "Assessment": 0.025,
    "Place": 0.05,
    "Enterprise": 0.02,
    "GovernmentBody": 0.015,
    "Target": 0.02,
    "Driver": 0.015,
}
# Which class links to which, with what relation: (source class, relation, target class, share
# of the source class that gets such a link).
LINKS = [
    ("Objective", "refines", "Objective", 0.6),
    ("Objective", "refines", "Pillar", 0.4),
    ("Measure", "contributesTo", "Objective", 1.0),
    ("Measure", "relatedConcept", "Concept", 0.5),
    ("Project", "implements", "Measure", 1.0),
    ("Project", "locatedIn", "Place", 0.6),
    ("Place", "within", "Place", 0.5),
    ("Enterprise", "participatesIn", "Project", 1.0),
    ("GovernmentBody", "responsibleFor", "Measure", 1.0),
    ("Indicator", "measures", "Objective", 1.0),
    ("Target", "indicator", "Indicator", 1.0),
    ("Achievement", "indicator", "Indicator", 1.0),
    ("Assessment", "bearsOn", "Objective", 1.0),
    ("Driver", "bearsOn", "Pillar", 1.0),
]


def synthetic(size: int, seed: int = 7) -> nx.MultiDiGraph:
    """A plan-like property graph of about `size` nodes with the projection's attributes."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    by_class: dict[str, list[str]] = {}

    def add(cls: str, number: int) -> None:
        key = f"https://example.org/synthetic/{cls.lower()}-{number}"
        chapter = f"c{rng.randint(1, 11):02d}"
        graph.add_node(
            key,
            id=f"{cls.lower()}-{number}",
            cls=cls,
            label_zh=f"{cls}第{number}项",
            label_en=f"{cls} number {number}",
            graph="stated",
            paragraph=f"{chapter}-s01-p{rng.randint(1, 20):02d}",
            quote=f"合成引文 {number}",
            chapters=chapter,
        )
        by_class.setdefault(cls, []).append(key)

    add("Vision", 1)
    for number in range(1, 6):
        add("Pillar", number)
    counts = {cls: int(size * share) for cls, share in MIX.items()}
    counts["Measure"] += size - 6 - sum(counts.values())
    for cls, count in counts.items():
        for number in range(1, count + 1):
            add(cls, number)
    for source_cls, relation, target_cls, share in LINKS:
        targets = by_class[target_cls]
        for source in by_class[source_cls]:
            target = rng.choice(targets)
            if target != source and rng.random() < share:
                link = {"relation": relation, "graph": "stated", "paragraph": "", "quote": "", "justification": ""}
                graph.add_edge(source, target, key=relation, **link)
    for pillar in by_class["Pillar"]:
        graph.add_edge(pillar, by_class["Vision"][0], key="refines", relation="refines", graph="stated",
                       paragraph="", quote="", justification="")  # fmt: skip
    return graph


def chromium_version() -> str:
    return subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, check=False).stdout.strip()


# One redraw of the whole canvas, timed in the page: what a reader waits for at every pan or zoom.
_REDRAW_MS = """() => {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    network.redraw();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2];
}"""


def measure(graph: nx.MultiDiGraph, names: PlanNames, limit: int) -> dict[str, object]:
    """Write the overview drawing at most `limit` nodes and load it in Chromium."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        view = overview(graph, limit=limit)
        path = write_page(view, names, Path(folder) / "overview.html")
        python_s = time.perf_counter() - start
        with chromium() as context:
            page, seen = visit(context, path)
            navigation = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
            redraw_ms = page.evaluate(_REDRAW_MS)
            page.close()
        return {
            "limit": limit,
            "python_s": round(python_s, 2),
            "page_bytes": path.stat().st_size,
            "left_out": dict(view.left_out),
            "browser": {
                "dom_content_loaded_s": round(navigation["domContentLoadedEventEnd"] / 1000, 2),
                "load_event_s": round(navigation["loadEventEnd"] / 1000, 2),
                "drawn_s": round(seen.seconds, 2),
                "redraw_ms": round(redraw_ms, 1),
                "nodes": seen.nodes,
                "edges": seen.edges,
                "drawn": seen.drawn,
                "physics_running": seen.physics,
                "console_errors": seen.errors,
                "outside_requests": seen.outside,
            },
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000, help="size of the synthetic graph")
    parser.add_argument(
        "--limit",
        type=int,
        action="append",
        help=f"most nodes the overview draws; repeat to compare (default: {DRAW_LIMIT}, as `plankg viz`, and all)",
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic graph")
    args = parser.parse_args()
    names = PlanNames(titles=[Words("合成规划", "Synthetic plan")], short_titles=[Words("合成规划", "Synthetic plan")])
    graph = synthetic(args.nodes, args.seed)
    result = {
        "date": dt.date.today().isoformat(),
        "chromium": chromium_version(),
        "graph_nodes": graph.number_of_nodes(),
        "graph_edges": graph.number_of_edges(),
        "runs": [measure(graph, names, limit) for limit in args.limit or [DRAW_LIMIT, args.nodes]],
    }
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"viz-{result['date']}.json"
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"written {target}")


if __name__ == "__main__":
    main()
