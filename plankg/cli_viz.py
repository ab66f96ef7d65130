"""The `viz` command: interactive network views of the built graph as self-contained HTML pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plankg.cli_common import BuildOption, LangOption, console, handled
from plankg.cli_queries import EndpointOption
from plankg.errors import PlankgError
from plankg.graph.engines import Engine
from plankg.graph.opened import open_graph
from plankg.queries.catalogue import Param
from plankg.queries.runner import resolve_node
from plankg.viz import VIEWS

if TYPE_CHECKING:
    import networkx as nx

    from plankg.viz.names import PlanNames
    from plankg.viz.views import View


def _focus(engine: Engine, value: str, cls: str | None = None) -> str:
    """The IRI of the node a user names by id, IRI or label (as the query catalogue resolves it)."""
    return resolve_node(engine, value, Param("--focus", "node", cls, "a node", value)).value


def _view(engine: Engine, graph: nx.MultiDiGraph, names: PlanNames, kind: str, focus: str | None, depth: int) -> View:
    """The view a command line asks for, through the views' registry."""
    from plankg.viz.views import VIEW_KINDS, Request

    spec = VIEW_KINDS[kind]
    if spec.focus is not None and focus is None:
        raise PlankgError(f"the {kind} view needs --focus (an id or a Chinese or English label)")
    if spec.focus is None and focus is not None:
        raise PlankgError(f"--focus does not apply to the {kind} view")
    node = "" if focus is None else _focus(engine, focus, None if spec.focus == "node" else spec.focus)
    return spec.draw(Request(graph, names, node, depth))


@handled
def viz(
    view: Annotated[str, typer.Argument(help=f"The view: {', '.join(VIEWS)}, or all (every view and an index).")],
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus",
            help="What a serves, place, entity or chapter view is about: an id, IRI or Chinese or English label "
            "(a chapter by its id, e.g. c02, or heading).",
        ),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option("--depth", help="Entity view: how many links away from the focus to draw (1 if not given)."),
    ] = None,
    lang: LangOption = "zh",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="The page to write, or the folder for `all` (if not given: viz/ in the build folder).",
        ),
    ] = None,
    build: BuildOption = Path("out"),
    endpoint: EndpointOption = None,
) -> None:
    """Draw the graph as an interactive page that opens offline: the overview, the goal tree, what serves
    a goal, a place, an entity's neighbourhood or a chapter."""
    from plankg.viz.index import write_all
    from plankg.viz.page import write_page

    if view not in (*VIEWS, "all"):
        raise PlankgError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}, or all")
    if depth is not None and view != "entity":
        raise PlankgError("--depth applies to the entity view only")
    opened = open_graph(build, endpoint)
    engine, graph, names = opened.engine(), opened.projection, opened.names
    if view == "all":
        if focus is not None:
            raise PlankgError("--focus does not apply to `all`: it writes the default set of views")
        folder = out if out is not None else build / "viz"
        written = write_all(graph, names, folder, lang)
        console.print(f"wrote {len(written)} pages and {folder / 'index.html'}", highlight=False)
        return
    chosen = _view(engine, graph, names, view, focus, 1 if depth is None else depth)
    path = write_page(chosen, names, out if out is not None else build / "viz" / f"{chosen.slug}.html", lang)
    drawn = f"{chosen.graph.number_of_nodes()} nodes, {chosen.graph.number_of_edges()} links"
    if chosen.folds:
        drawn += f" ({chosen.drawn_at_start()} drawn at start, the rest in {len(chosen.folds)} folds)"
    left_out = f"; {chosen.total - chosen.graph.number_of_nodes()} left out" if chosen.left_out else ""
    console.print(f"wrote {path}: {drawn}{left_out}", highlight=False)
