"""What a command costs a user: whole-process wall time of `plankg` commands at K = 1, 10, 100 plans.

Each command runs in a fresh process, as a user types it, and is timed beside the floor: a bare
Python that imports pyoxigraph, opens the build's store read-only and asks it one question. The
K-plan builds are the real build repeated K times under other plan ids (the plan's IRIs, graphs
and prefix renamed in the TriG), each with its own store bulk-loaded the way `plankg build` does
(and its search index, whose writing is timed). `plankg search` is also timed inside the process
(the build opened, its index opened and asked), where its goal is 50 ms.

    python -m benchmarks.cli_latency --build out --plans 1 10 100
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import growth_exponent
from plankg.graph.opened import MANIFEST_FILE, STORE_DIR, TRIG_FILE, open_build, write_store

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
PLAN = "xincheng-14th"
FLOOR = (
    "import sys, pyoxigraph as ox\n"
    "store = ox.Store.read_only(sys.argv[1])\n"
    "bool(store.query('ASK { ?s a <https://w3id.org/plankg/ontology#Plan> }'))\n"
)


def copy_id(number: int) -> str:
    return PLAN if number == 1 else f"{PLAN}-copy-{number:04d}"


def replicate(build: Path, plans: int, folder: Path) -> Path:
    """A build of `plans` copies of the real plan (copy 1 is the plan itself), with its store."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    text = (build / TRIG_FILE).read_text(encoding="utf-8")
    with (folder / TRIG_FILE).open("w", encoding="utf-8") as trig:
        trig.write(text)
        for number in range(2, plans + 1):
            trig.write(text.replace(PLAN, copy_id(number)))
    manifest = json.loads((build / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest["plans"] = [plan | {"id": copy_id(n)} for n in range(1, plans + 1) for plan in manifest["plans"]]
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    write_store(folder / TRIG_FILE, folder / STORE_DIR)
    return folder


SEARCHES = ("科技城片区", "森林覆盖率", "发展")  # an exact name, a word of many quotes, a word of hundreds


def search_in_process(folder: Path, repeat: int) -> dict[str, float]:
    """Milliseconds of a search inside the process, median of `repeat`: the build opened, its
    index opened and asked (`plankg search` without the interpreter's start and the printing)."""
    from plankg.graph.search import open_index, search

    result = {}
    for words in SEARCHES:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            search(open_index(open_build(folder)), words)
            times.append(time.perf_counter() - start)
        result[words] = round(statistics.median(times) * 1000, 2)
    return result


def index_seconds(folder: Path) -> float:
    """Seconds to write the search index of a build from its store (what `write_store` adds)."""
    from plankg.graph.search import write_index

    start = time.perf_counter()
    write_index(open_build(folder).engine(), folder / "search-timed.sqlite")
    (folder / "search-timed.sqlite").unlink()
    return round(time.perf_counter() - start, 3)


def wall(command: list[str], repeat: int) -> float:
    """The median wall time of a whole process, in seconds; a failure stops the benchmark."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, timeout=600)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def commands(build: Path) -> dict[str, list[str]]:
    plankg = [sys.executable, "-m", "plankg"]
    plan = ["-p", f"plan={PLAN}"]
    return {
        "floor (python + pyoxigraph + open store)": [sys.executable, "-c", FLOOR, str(build / STORE_DIR)],
        "plankg --help": [*plankg, "--help"],
        "plankg query targets": [*plankg, "query", "targets", *plan, "--format", "csv", "--build", str(build)],
        "plankg query goals-served": [
            *plankg,
            "query",
            "goals-served",
            "-p",
            f"node={PLAN}/proj-old-residential-renovation",  # a label names one node in each of the K copies
            "--format",
            "csv",
            "--build",
            str(build),
        ],
        "plankg search": [*plankg, "search", "科技城片区", "--format", "csv", "--build", str(build)],
        "plankg show": [*plankg, "show", f"{PLAN}/place-tech-city-area", "--format", "json", "--build", str(build)],
        "plankg query evidence (node lookup)": [
            *plankg,
            "query",
            "evidence",
            "-p",
            f"node={PLAN}/proj-old-residential-renovation",
            "--format",
            "csv",
            "--build",
            str(build),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=Path("out"), help="a build of the real plan")
    parser.add_argument("--plans", type=int, nargs="+", default=[1, 10, 100], help="values of K")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (the median is reported)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/plankg-cli-latency"), help="scratch folder")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for cli-<date>.json")
    args = parser.parse_args()
    open_build(args.build)  # a clear error if there is no build
    runs: list[dict[str, Any]] = []
    for plans in args.plans:
        folder = replicate(args.build, plans, args.work / f"k{plans}")
        quads = len(open_build(folder).store)
        times = {name: round(wall(command, args.repeat), 3) for name, command in commands(folder).items()}
        searching = {"index_seconds": index_seconds(folder), "in_process_ms": search_in_process(folder, args.repeat)}
        runs.append(
            {
                "plans": plans,
                "quads": quads,
                "store_bytes": _size(folder / STORE_DIR),
                "seconds": times,
                "search": searching,
            }
        )
        print(json.dumps(runs[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    shutil.rmtree(args.work, ignore_errors=True)
    sizes = [run["plans"] for run in runs]
    exponents = {name: growth_exponent(sizes, [run["seconds"][name] for run in runs]) for name in runs[0]["seconds"]}
    report = {"date": time.strftime("%Y-%m-%d"), "repeat": args.repeat, "runs": runs, "exponents": exponents}
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"cli-{report['date']}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(markdown(report))


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def markdown(report: dict[str, Any]) -> str:
    """The table for docs/benchmarks.md: seconds per command and K, and each command over the floor."""
    runs = report["runs"]
    floor = "floor (python + pyoxigraph + open store)"
    header = ["command", *(f"K = {run['plans']}" for run in runs), *(f"÷ floor, K = {run['plans']}" for run in runs)]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    for name in runs[0]["seconds"]:
        cells = [f"{run['seconds'][name]:.3f} s" for run in runs]
        ratios = [f"{run['seconds'][name] / run['seconds'][floor]:.1f}" for run in runs]
        lines.append("| " + " | ".join([f"`{name}`" if name != floor else name, *cells, *ratios]) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
