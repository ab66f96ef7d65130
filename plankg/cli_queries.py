"""The query commands: the catalogue (`queries`, `query`), any SPARQL (`sparql`), and graph
analysis (`analyze`), on the embedded store, rdflib or a remote endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plankg.cli_common import (
    BuildOption,
    FederationOption,
    FormatOption,
    LangOption,
    TimeoutOption,
    console,
    handled,
    one_of,
    print_rows,
    query_limits,
)
from plankg.errors import PlankgError
from plankg.graph.engines import DEFAULT_QUERY_TIMEOUT, Engine, Limits, engine_names
from plankg.graph.opened import open_graph
from plankg.graph.sparql_text import shown
from plankg.queries.catalogue import Param, load_catalogue
from plankg.queries.results import render
from plankg.queries.runner import resolve_node, run_catalogue_query

EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        parser=one_of(engine_names()),
        help=f"One of {', '.join(engine_names())} (default: embedded, the build's store).",
    ),
]
EndpointOption = Annotated[
    str | None, typer.Option("--endpoint", help="Read this SPARQL 1.1 endpoint URL instead of the local build.")
]


def open_engine(
    build: Path, engine: str | None = None, endpoint: str | None = None, limits: Limits | None = None
) -> Engine:
    """The engine a command runs on: a remote endpoint if given, else the opened build."""
    return open_graph(build, endpoint).engine(engine, limits)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise PlankgError(f"--param takes NAME=VALUE, got {shown(pair)}")
        params[name.strip()] = value
    return params


@handled
def queries() -> None:
    """List the query catalogue: each question, and the parameters it takes (and basis, which every query takes)."""
    from rich.table import Table as RichTable

    table = RichTable(
        "name",
        "question",
        "parameters",
        title="plankg query catalogue",
        caption="Every row cites its paragraph and quote; every query also takes -p basis=stated|curated|any.",
    )
    for name, query in load_catalogue().items():
        params = "\n".join(
            f"{p.name} ({p.kind}{' ' + p.cls if p.cls else ''}), e.g. {p.example}"
            + (f", default {p.default}" if p.default is not None else "")
            for p in query.params
        )
        table.add_row(name, f"{query.question_en}\n{query.question_zh}", params)
    console.print(table)


@handled
def query(
    name: Annotated[str, typer.Argument(help="A query of the catalogue (see `plankg queries`).")],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE; a node by its id, IRI or any name (spaces, quote marks and full-width forms do not "
            "count; a part of one node's name will do), e.g. -p place=科技城片区. Every query takes basis=stated "
            "(the rows resting on the plan's own words), curated or any (the default).",
        ),
    ] = None,
    example: Annotated[bool, typer.Option("--example", help="Use each parameter's example value.")] = False,
    lang: LangOption = "zh",
    fmt: FormatOption = "table",
    build: BuildOption = Path("out"),
    engine: EngineOption = None,
    endpoint: EndpointOption = None,
    timeout: TimeoutOption = DEFAULT_QUERY_TIMEOUT,
) -> None:
    """Run one catalogue query with its parameters bound as RDF terms."""
    catalogue = load_catalogue()
    if name not in catalogue:
        raise PlankgError(f"no query {shown(name)} in the catalogue: {', '.join(catalogue)}")
    answer = run_catalogue_query(
        open_engine(build, engine, endpoint, query_limits(timeout, federation=False)),
        catalogue[name],
        _parse_params(param or []),
        lang,
        example,
    )
    render(answer, fmt, console)


@handled
def sparql(
    text: Annotated[str, typer.Argument(help="A SPARQL query, or the path of a .rq file.")],
    fmt: FormatOption = "table",
    build: BuildOption = Path("out"),
    engine: EngineOption = None,
    endpoint: EndpointOption = None,
    timeout: TimeoutOption = DEFAULT_QUERY_TIMEOUT,
    federation: FederationOption = False,
) -> None:
    """Run any read-only SPARQL query (all named graphs form the default graph; usual prefixes predeclared).

    Stopped after --timeout seconds, and with SERVICE refused unless --federation.
    """
    if text.endswith(".rq"):
        try:
            text = Path(text).read_text(encoding="utf-8")
        except OSError as exc:
            raise PlankgError(f"cannot read the query file: {exc}") from exc
    render(open_engine(build, engine, endpoint, query_limits(timeout, federation)).query(text), fmt, console)


analyze_app = typer.Typer(
    help="Graph analysis with networkx: centrality, chains of links, impact.", no_args_is_help=True
)


def _node(engine: Engine, value: str, cls: str | None = None) -> str:
    return resolve_node(engine, value, Param("node", "node", cls, "a node", value)).value


@analyze_app.command("central")
@handled
def analyze_central(
    top: Annotated[int, typer.Option(help="How many to list.")] = 10,
    fmt: FormatOption = "table",
    build: BuildOption = Path("out"),
    endpoint: EndpointOption = None,
) -> None:
    """The most central projects, places and organizations (betweenness, degree)."""
    from plankg.graph import analysis

    rows = analysis.central(open_graph(build, endpoint).projection, top=top)
    print_rows(
        "most central in the goal–measure–project–place–organization graph",
        ["kind", "label", "degree", "betweenness"],
        [[row.kind, row.label, str(row.degree), f"{row.betweenness:.4f}"] for row in rows],
        fmt,
    )


@analyze_app.command("path")
@handled
def analyze_path(
    start: Annotated[str, typer.Argument(help="A node: id or label.")],
    end: Annotated[str, typer.Argument(help="Another node: id or label.")],
    fmt: FormatOption = "table",
    build: BuildOption = Path("out"),
    endpoint: EndpointOption = None,
) -> None:
    """The shortest chain of links between two nodes, with the quote behind each link."""
    from plankg.graph import analysis

    opened = open_graph(build, endpoint)
    engine, graph = opened.engine(), opened.projection
    steps = analysis.chain(graph, _node(engine, start), _node(engine, end))
    names = {key: data["label_zh"] for key, data in graph.nodes(data=True)}
    print_rows(
        "chain of links",
        ["from", "relation", "to", "paragraph", "quote or justification"],
        [[names[s.source], s.relation, names[s.target], s.paragraph, s.quote or s.justification] for s in steps],
        fmt,
    )


@analyze_app.command("impact")
@handled
def analyze_impact(
    target: Annotated[str, typer.Argument(help="A project: id or label.")],
    fmt: FormatOption = "table",
    build: BuildOption = Path("out"),
    endpoint: EndpointOption = None,
) -> None:
    """If this project stalls: which measures, goals and targets lose support, and which have no other."""
    from plankg.graph import analysis

    opened = open_graph(build, endpoint)
    rows = analysis.impact(opened.projection, _node(opened.engine(), target, "Project"))
    print_rows(
        "what loses support",
        ["kind", "label", "other support"],
        [[row.kind, row.label, "yes" if row.other_support else "NO"] for row in rows],
        fmt,
    )
