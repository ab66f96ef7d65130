"""Counts a user checks first: nodes per class, triples per named graph."""

from __future__ import annotations

import pyoxigraph as ox

from plankg.graph.namespaces import PLANKG
from plankg.graph.store import run_query

_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_PER_CLASS = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?class }}
  FILTER(STRSTARTS(STR(?class), "{PLANKG}") && !STRENDS(STR(?g), "/inferred") && !STRENDS(STR(?g), "/ontology"))
}} GROUP BY ?class ORDER BY ?class
"""


def _pairs(store: ox.Store, query: str, key: str) -> dict[str, int]:
    return {solution[key].value: int(solution["n"].value) for solution in run_query(store, query)}


def graph_stats(store: ox.Store) -> dict[str, dict[str, int]]:
    """Asserted nodes per plankg class (by their most specific stated type) and triples per graph."""
    classes = _pairs(store, _PER_CLASS, "class")
    return {
        "classes": {iri.removeprefix(str(PLANKG)): n for iri, n in classes.items()},
        "graphs": _pairs(store, _PER_GRAPH, "g"),
    }
