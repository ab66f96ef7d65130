"""The `plankg` command: each subcommand wires plain functions from data to data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

import plankg
from plankg.cli_common import (
    REASONER_HELP,
    BuildOption,
    FormatOption,
    build_with_progress,
    console,
    handled,
    one_of,
    print_rows,
)
from plankg.cli_export import export
from plankg.cli_queries import analyze_app, queries, query, sparql
from plankg.cli_search import search, show
from plankg.cli_serve import push, serve
from plankg.cli_site import site
from plankg.cli_viz import viz
from plankg.data import DATA_DIR
from plankg.errors import PlankgError
from plankg.graph.opened import open_build
from plankg.graph.reasoners import DEFAULT_REASONER, REASONERS

app = typer.Typer(
    help="A development plan as a knowledge graph in which every fact cites its sentence.",
    no_args_is_help=True,
    add_completion=False,
)
app.command()(queries)
app.command()(query)
app.command()(sparql)
app.command()(search)
app.command()(show)
app.add_typer(analyze_app, name="analyze")
app.command()(viz)
app.command()(site)
app.command()(export)
app.command()(serve)
app.command()(push)

DataOption = Annotated[Path, typer.Option("--data", help="Folder with sources/ and curated/.")]
OutOption = Annotated[Path, typer.Option("--out", help="Folder the build writes to.")]
PlanOption = Annotated[str | None, typer.Option("--plan", help="Plan id (the name of its sources/*.yaml).")]


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"plankg {plankg.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Build, check, query, draw and export the graph of a development plan."""


@app.command()
@handled
def paragraphs(
    data: DataOption = DATA_DIR,
    plan: PlanOption = None,
    chapter: Annotated[int | None, typer.Option(help="Only this chapter (number).")] = None,
    id: Annotated[str | None, typer.Option("--id", help="Print this one paragraph in full.")] = None,
) -> None:
    """List the plan's paragraphs and headings with their ids, lines and first words (for curators)."""
    from plankg.loaders.source import find_source, read_source
    from plankg.loaders.text import read_plan_text

    text = read_plan_text(read_source(find_source(data, plan)))
    if id is not None:
        found = text.passages().get(id)
        if found is None:
            raise PlankgError(f"no paragraph {id!r} in the plan")
        typer.echo(f"{found.id}  line {found.line}  chars {found.start}-{found.end}")
        typer.echo(found.text)
        return
    from rich.table import Table

    table = Table("id", "line", "chars", "text")
    prefix = f"c{chapter:02d}" if chapter is not None else ""
    for paragraph in sorted(text.passages().values(), key=lambda passage: passage.start):
        if paragraph.id.startswith(prefix):
            table.add_row(paragraph.id, str(paragraph.line), str(paragraph.end - paragraph.start), paragraph.text[:40])
    console.print(table)


ReasonerOption = Annotated[str, typer.Option("--reasoner", parser=one_of(REASONERS), help=REASONER_HELP)]
JobsOption = Annotated[
    int | None, typer.Option("--jobs", min=1, help="Plans built at once (default: one per core, at most one per plan).")
]

SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Build the plans on the Dask cluster of this scheduler (pip install 'plankg\\[cluster]'). Its workers "
        "read the data folder themselves: they must see this machine's files at the same paths.",
    ),
]


@app.command()
@handled
def build(
    data: DataOption = DATA_DIR,
    out: OutOption = Path("out"),
    reasoner: ReasonerOption = DEFAULT_REASONER,
    jobs: JobsOption = None,
    scheduler: SchedulerOption = None,
) -> None:
    """Parse, load, validate and reason, plan by plan, then swap out/plankg.trig, .ttl and .jsonld in."""
    summary = build_with_progress(data, out, reasoner, jobs=jobs, scheduler=scheduler)
    console.print(f"built {out}/: {summary.line()}", highlight=False)


@app.command()
@handled
def validate(data: DataOption = DATA_DIR, reasoner: ReasonerOption = DEFAULT_REASONER, jobs: JobsOption = None) -> None:
    """Everything `build` does but write: quotes, numbers, ids, SHACL shapes, OWL consistency."""
    summary = build_with_progress(data, Path("out"), reasoner, write=False, jobs=jobs)
    console.print(f"valid: {summary.line()}", highlight=False)


@app.command()
@handled
def stats(
    build: BuildOption = Path("out"),
    fmt: FormatOption = "table",
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage",
            help="Paragraphs cited, fact numbers no quote covers, marked names no node bears (reads data/).",
        ),
    ] = False,
    part: Annotated[
        list[str] | None, typer.Option("--part", help="With --coverage: c02, glossary, front (repeatable).")
    ] = None,
    data: DataOption = DATA_DIR,
) -> None:
    """Nodes per class and triples per named graph of the last build, or the curation coverage."""
    from plankg.graph.stats import graph_stats

    counts = coverage_counts(data, set(part) if part else None) if coverage else graph_stats(open_build(build).engine())
    if fmt == "json":
        typer.echo(json.dumps(counts, indent=2, ensure_ascii=False))
    elif coverage:
        _print_coverage(counts, fmt)
    elif fmt == "table":
        for title, column in (("classes", "class"), ("graphs", "named graph")):
            print_rows(title, [column, "count"], [[key, str(value)] for key, value in counts[title].items()], fmt)
    else:
        rows = [[kind, key, str(value)] for kind in ("classes", "graphs") for key, value in counts[kind].items()]
        print_rows("counts", ["kind", "name", "count"], rows, fmt)


def coverage_counts(data: Path, parts: set[str] | None) -> dict[str, Any]:
    """Coverage of every plan under `data`, as plain data for JSON or tables."""
    from plankg.graph.build import read_plans
    from plankg.graph.coverage import plan_coverage

    result: dict[str, Any] = {}
    for plan in read_plans(data):
        report = plan_coverage(plan, parts)
        result[plan.id] = {
            "parts": [
                {
                    "part": c.part,
                    "paragraphs": c.paragraphs,
                    "cited": c.cited,
                    "share": round(c.share, 4),
                    "uncited": c.uncited,
                    "unnamed": [vars(name) for name in c.unnamed],
                }
                for c in report.parts
            ],
            "uncovered_numbers": [vars(number) for number in report.uncovered],
        }
    return result


def _print_coverage(counts: dict[str, Any], fmt: str) -> None:
    if fmt != "table":
        columns = ["plan", "part", "paragraphs", "cited", "share", "uncited"]
        rows = [
            [
                plan_id,
                row["part"],
                str(row["paragraphs"]),
                str(row["cited"]),
                str(row["share"]),
                " ".join(row["uncited"]),
            ]
            for plan_id, report in counts.items()
            for row in report["parts"]
        ]
        print_rows("paragraphs cited", columns, rows, fmt)
        return
    from rich.table import Table

    for plan_id, report in counts.items():
        table = Table("part", "paragraphs", "cited", "share", "uncited", title=f"{plan_id}: paragraphs cited")
        for row in report["parts"]:
            uncited = ", ".join(row["uncited"][:6]) + (" …" if len(row["uncited"]) > 6 else "")
            table.add_row(row["part"], str(row["paragraphs"]), str(row["cited"]), f"{row['share']:.0%}", uncited)
        console.print(table)
        numbers = Table("paragraph", "number", "context", title=f"{plan_id}: numbers no quote covers")
        for number in report["uncovered_numbers"]:
            numbers.add_row(number["paragraph"], number["number"], number["context"])
        console.print(numbers)
        names = Table("paragraph", "name", title=f"{plan_id}: marked names (“…”, 《…》) no node bears")
        for row in report["parts"]:
            for name in row["unnamed"]:
                names.add_row(name["paragraph"], name["name"])
        console.print(names)
