"""The embedded query store: pyoxigraph, loaded from the build's TriG file.

Queries see the union of all named graphs as their default graph (so `?s ?p ?o` finds
everything) and can still pick graphs with GRAPH; the usual prefixes are predeclared.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.graph.iris import PREFIXES

if TYPE_CHECKING:
    from rdflib import Dataset

QUERY_PREFIXES = dict(PREFIXES)
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def load_store(trig: Path) -> ox.Store:
    """An in-memory store holding a built graph (`out/plankg.trig`)."""
    if not trig.is_file():
        raise PlankgError("no built graph here: run `plankg build` first", trig)
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def store_from_dataset(dataset: Dataset) -> ox.Store:
    """An in-memory store holding an rdflib dataset (for tests and for checks before writing)."""
    store = ox.Store()
    store.load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def run_query(store: ox.Store, sparql: str, graphs: Sequence[str] = ()) -> QueryResult:
    """Run a SPARQL 1.1 query over the union of the graphs, or of the given graphs only (both
    as the default graph and as the named graphs GRAPH ranges over); a syntax error names the
    problem. Giving a plan's graphs keeps a query's cost that of one plan however many the store
    holds: Oxigraph's graph-first indexes never visit the other plans' quads."""
    try:
        if graphs:
            names = [ox.NamedNode(graph) for graph in graphs]
            return store.query(sparql, prefixes=QUERY_PREFIXES, default_graph=list(names), named_graphs=list(names))
        return store.query(sparql, prefixes=QUERY_PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise PlankgError(f"SPARQL syntax error: {exc}") from exc
