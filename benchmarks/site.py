"""The static site (`plankg site`) of the real plan and of K copies of it: time, memory, pages,
bytes, and how long Chromium takes to open its largest page — beside the view pages it replaces
(`plankg viz all`), measured in the same run.

    python benchmarks/site.py --build out --plans 10
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.cli_latency import replicate
from benchmarks.measure import in_fresh_process
from benchmarks.run import machine, say, write_result
from plankg.graph.opened import open_build
from plankg.viz.index import write_all
from plankg.viz.site.writer import write_site
from tests.browser import chromium, visit


def site_of(build: str, folder: str) -> dict[str, Any]:
    report = write_site(open_build(build), Path(folder), "zh", lambda step: None)
    return {"pages": dict(report.pages), "files": report.files, "bytes": report.bytes,
            "section_s": report.section_seconds}  # fmt: skip


def views_of(build: str, folder: str) -> dict[str, Any]:
    opened = open_build(build)
    written = write_all(opened.projection, opened.names, Path(folder), "zh")
    return {"pages": len(written) + 1, "bytes": sum(path.stat().st_size for path in Path(folder).glob("*.html"))}


def open_largest(folder: Path) -> dict[str, Any]:
    """Chromium's time to the load event of the largest page of the site, offline."""
    largest = max(folder.rglob("*.html"), key=lambda path: path.stat().st_size)
    with chromium() as context:
        start = time.perf_counter()
        page, seen = visit(context, largest, network=False)
        page.wait_for_load_state("load")
        seconds = time.perf_counter() - start
        page.close()
    return {"page": largest.relative_to(folder).as_posix(), "bytes": largest.stat().st_size,
            "load_s": round(seconds, 3), "errors": seen.errors}  # fmt: skip


def measure(build: Path, plans: int, work: Path) -> dict[str, Any]:
    source = build if plans == 1 else replicate(build, plans, work / f"build-{plans}")
    say(f"site of {plans} plan(s)")
    site, seconds, peak, _ = in_fresh_process(site_of, str(source), str(work / f"site-{plans}"))
    row = {"plans": plans, "seconds": round(seconds, 2), "peak_mib": round(peak), **site}
    row["largest"] = open_largest(work / f"site-{plans}")
    if plans == 1:
        views, view_seconds, view_peak, _ = in_fresh_process(views_of, str(source), str(work / "views"))
        row["views"] = {"seconds": round(view_seconds, 2), "peak_mib": round(view_peak), **views}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=Path("out"), help="a build of the real plan")
    parser.add_argument("--plans", type=int, nargs="+", default=[1, 10], help="site sizes to measure (in plans)")
    today = time.strftime("%Y-%m-%d")
    parser.add_argument("--result", type=Path, default=Path("benchmarks/results") / f"site-{today}.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plankg-site-bench-") as work:
        runs = [measure(args.build, plans, Path(work)) for plans in args.plans]
    result = {"machine": machine(), "runs": runs}
    write_result(result, args.result)
    for run in runs:
        largest = run["largest"]
        say(f"K={run['plans']}: {sum(run['pages'].values())} pages, {run['bytes'] / 1e6:.1f} MB, {run['seconds']} s, "
            f"{run['peak_mib']} MiB; largest page {largest['page']} opens in {largest['load_s']} s")  # fmt: skip


if __name__ == "__main__":
    main()
