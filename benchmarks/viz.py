"""The overview page of a built graph, written and loaded in headless Chromium.

Needs Debian's chromium and Playwright (the `test` extra). Measures how long Python takes to
choose, lay out and write the page, its size, and how long Chromium takes until the network is
drawn, with the counts it drew, the time to open its largest fold, and any console error or outside
request.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import networkx as nx

from plankg.viz.names import PlanNames
from plankg.viz.page import write_page
from plankg.viz.views import overview
from tests.browser import CHROMIUM, chromium, visit


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


# Opening the overview's largest fold, timed in the page until what it drew has settled.
_OPEN_MS = """async () => {
  if (typeof folds === "undefined") { return null; }
  const size = key => folded.folds[key].children.length;
  const key = Object.keys(folded.folds).filter(key => nodes.get(key) !== null).sort((a, b) => size(b) - size(a))[0];
  const start = performance.now();
  await folds.open(key);
  return performance.now() - start;
}"""


def measure(graph: nx.MultiDiGraph, names: PlanNames, limit: int) -> dict[str, object]:
    """Write the overview of at most `limit` nodes (the best-connected) and load it in Chromium."""
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        view = overview(graph, limit=limit)
        path = write_page(view, names, Path(folder) / "overview.html")
        python_s = time.perf_counter() - start
        with chromium() as context:
            page, seen = visit(context, path)
            navigation = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
            redraw_ms = page.evaluate(_REDRAW_MS)
            open_ms = page.evaluate(_OPEN_MS)
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
                "open_fold_ms": None if open_ms is None else round(open_ms),
                "nodes": seen.nodes,
                "edges": seen.edges,
                "drawn": seen.drawn,
                "physics_running": seen.physics,
                "console_errors": seen.errors,
                "outside_requests": seen.outside,
            },
        }
