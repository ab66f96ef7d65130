"""Render a benchmark result (`benchmarks/results/<date>.json`) as `docs/benchmarks.md` and a
log-log plot beside it (`docs/img/benchmarks.png`).

Run on its own to re-render from a stored result: `python -m benchmarks.report RESULT.json`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: write files only
import matplotlib.pyplot as plt

ENGINES = ("pyoxigraph", "rdflib", "sparqlwrapper")
STEPS = ("read", "assemble", "shacl", "reason", "serialise")


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.2f}"


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{_s(value)} s"


def _ratio(slow: float | None, fast: float | None) -> str:
    return "–" if slow is None or not fast else f"{slow / fast:,.0f}x" if slow / fast >= 10 else f"{slow / fast:.1f}x"


def _load(run: dict[str, Any], engine: str, key: str) -> float | None:
    return run["load"].get(engine, {}).get(key)


def _query_ms(run: dict[str, Any], name: str, engine: str) -> float | None:
    return run["queries"][name].get(engine, {}).get("ms")


def catalogue_ms(run: dict[str, Any], engine: str) -> float | None:
    """All catalogue queries, one after another: the sum of their medians."""
    times = [_query_ms(run, name, engine) for name in run["queries"]]
    return None if any(t is None for t in times) else sum(times)  # type: ignore[arg-type]


def plot(result: dict[str, Any], path: Path) -> None:
    runs = result["runs"]
    sizes = [run["plans"] for run in runs]
    figure, (left, middle, right) = plt.subplots(1, 3, figsize=(15, 4.6))

    def line(axes: Any, values: list[float | None], label: str, style: str) -> None:
        points = [(k, v) for k, v in zip(sizes, values, strict=True) if v]
        if points:
            axes.plot(*zip(*points, strict=True), style, label=label)

    line(left, [run["build"]["seconds"] for run in runs], "build (streamed)", "o-")
    for engine in ("pyoxigraph", "rdflib"):
        line(left, [_load(run, engine, "s") for run in runs], f"load TriG: {engine}", "s--")
    line(left, [run.get("server_load_s") for run in runs], "load: oxigraph server (bulk)", "^:")
    left.set(title="Build and load", ylabel="seconds")
    for engine in ENGINES:
        line(middle, [catalogue_ms(run, engine) for run in runs], engine, "o-")
    middle.axhline(100, color="grey", linewidth=0.8, linestyle=":")
    middle.set(title="All catalogue queries, one plan's parameters (sum of medians)", ylabel="milliseconds")
    line(right, [run["build"]["peak_mib"] for run in runs], "build peak", "o-")
    for engine in ("pyoxigraph", "rdflib"):
        line(right, [_load(run, engine, "peak_mib") for run in runs], f"load peak: {engine}", "s--")
    right.set(title="Memory", ylabel="peak resident MiB")
    for axes in (left, middle, right):
        axes.set(xscale="log", yscale="log", xlabel="plans (K)")
        axes.grid(True, which="major", linewidth=0.4)
        axes.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def sections(result: dict[str, Any], image: str) -> list[str]:
    runs, machine = result["runs"], result["machine"]
    packages = ", ".join(f"{name} {ver}" for name, ver in machine["packages"].items())
    out = [
        f"Measured {result['date']} on {machine['cpus']} cores and {machine['memory_gib']} GiB, Python "
        f"{machine['python']}; {packages}; {machine.get('chromium') or 'no browser'}. Query times are medians "
        f"of {result['repeat']} runs ({result['rdflib_repeat']} on rdflib, whose queries take seconds); loads "
        "and builds are single runs, each in a fresh process.",
        "",
        f"![time and memory against the number of plans, log-log]({image})",
        "",
        "### The build",
        "",
    ]
    out += _table(
        ["plans", "quads", "TriG", "build", *[f"{step}" for step in STEPS], "peak memory", "reasoner"],
        [
            [
                f"{run['plans']:,}",
                f"{run['quads']:,}",
                f"{run['trig_bytes'] / 2**20:,.0f} MiB",
                f"{_s(run['build']['seconds'])} s",
                *[_s(run["build"]["steps_s"].get(step)) for step in STEPS],
                f"{run['build']['peak_mib']:,.0f} MiB",
                run["build"]["reasoner"],
            ]
            for run in runs
        ],
    )
    out += [
        "",
        "Steps are seconds summed over the plans, which are built in parallel (one per core); peak memory is "
        "the largest process's.",
        "",
        "### Loading",
        "",
    ]
    out += _table(
        ["plans", "pyoxigraph", "rdflib", "rdflib / pyoxigraph", "pyoxigraph peak", "rdflib peak", "server bulk load"],
        [
            [
                f"{run['plans']:,}",
                _seconds(_load(run, "pyoxigraph", "s")),
                _seconds(_load(run, "rdflib", "s")),
                _ratio(_load(run, "rdflib", "s"), _load(run, "pyoxigraph", "s")),
                f"{_load(run, 'pyoxigraph', 'peak_mib') or 0:,.0f} MiB",
                f"{_load(run, 'rdflib', 'peak_mib'):,.0f} MiB" if _load(run, "rdflib", "peak_mib") else "–",
                _seconds(run.get("server_load_s")),
            ]
            for run in runs
        ],
    )
    out += [
        "",
        f"rdflib is loaded and queried up to K = {result['rdflib_max']}; beyond, one load takes minutes and "
        "gigabytes and its queries take seconds to minutes each.",
    ]
    for run in runs:
        out += ["", f"### Catalogue queries, K = {run['plans']:,} (milliseconds)", ""]
        out += _table(
            ["query", "rows", "pyoxigraph", "rdflib", "rdflib / pyoxigraph", "SPARQLWrapper → Oxigraph server"],
            [
                [
                    f"`{name}`",
                    str(row["pyoxigraph"]["rows"]),
                    _ms(_query_ms(run, name, "pyoxigraph")),
                    _ms(_query_ms(run, name, "rdflib")),
                    _ratio(_query_ms(run, name, "rdflib"), _query_ms(run, name, "pyoxigraph")),
                    _ms(_query_ms(run, name, "sparqlwrapper")),
                ]
                for name, row in run["queries"].items()
            ],
        )
    if result["reasoning"]:
        out += ["", "### HermiT against the rules, on n plans reasoned over at once", ""]
        out += _table(
            ["plans at once", "triples", "HermiT", "rules", "HermiT / rules", "HermiT peak", "same inferences"],
            [
                [
                    str(row["plans"]),
                    f"{row['triples']:,}",
                    f"{_s(row['hermit']['s'])} s",
                    f"{_s(row['rules']['s'])} s",
                    _ratio(row["hermit"]["s"], row["rules"]["s"]),
                    f"{row['hermit']['peak_mib']:,.0f} MiB",
                    "yes" if row["hermit"]["inferred"] == row["rules"]["inferred"] else "no",
                ]
                for row in result["reasoning"]
            ],
        )
    if all("viz" in run for run in runs):
        out += ["", "### The overview page", ""]
        out += _table(
            ["plans", "graph nodes", "drawn", "projection", "page written", "page size", "drawn in Chromium"],
            [
                [
                    f"{run['plans']:,}",
                    f"{run['viz']['graph_nodes']:,}",
                    f"{run['viz']['browser']['nodes']:,}",
                    f"{_s(run['viz']['projection_s'])} s",
                    f"{_s(run['viz']['python_s'])} s",
                    f"{run['viz']['page_bytes'] / 2**20:.1f} MiB",
                    f"{_s(run['viz']['browser']['drawn_s'])} s",
                ]
                for run in runs
            ],
        )
    out += ["", "### Growth exponents", ""]
    out += [
        "The slope b of log(cost) = a + b·log(K), fitted over the K measured: 1 is linear, 0 flat.",
        "",
    ]
    out += _table(["cost", "b"], [[name, "–" if b is None else f"{b:.2f}"] for name, b in result["exponents"].items()])
    return out


BEGIN, END = "<!-- measured: begin (written by benchmarks/report.py) -->", "<!-- measured: end -->"


def render(result: dict[str, Any], docs: Path) -> None:
    """Write the plot and replace the measured part of `docs` (the prose around it is kept)."""
    image = docs.parent / "img" / "benchmarks.png"
    plot(result, image)
    measured = "\n".join([BEGIN, "", *sections(result, str(image.relative_to(docs.parent))), "", END])
    text = docs.read_text(encoding="utf-8") if docs.is_file() else f"# Benchmarks\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{docs}: no {BEGIN} … {END} block to replace")
    before, _, rest = text.partition(BEGIN)
    _, _, after = rest.partition(END)
    docs.write_text(before + measured + after, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("result", type=Path, help="a benchmarks/results/<date>.json file")
    parser.add_argument("--docs", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md")
    args = parser.parse_args()
    render(json.loads(args.result.read_text(encoding="utf-8")), args.docs)


if __name__ == "__main__":
    main()
