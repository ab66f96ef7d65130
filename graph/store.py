"""The embedded query store: pyoxigraph, loaded from the build's TriG file.

Queries see the union of all named graphs as their default graph (so `?s ?p ?o` finds
everything) and can still pick graphs with GRAPH; the usual prefixes are predeclared.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from plankg.errors import PlankgError
from plankg.graph.namespaces import PREFIXES

QUERY_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
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


def run_query(store: ox.Store, sparql: str) -> QueryResult:
    """Run a SPARQL 1.1 query over the union of the graphs; a syntax error names the problem."""
    try:
        return store.query(sparql, use_default_graph_as_union=True, prefixes=QUERY_PREFIXES)
    except SyntaxError as exc:
        raise PlankgError(f"SPARQL syntax error: {exc}") from exc
