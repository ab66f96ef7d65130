"""Counts a user checks first: nodes per class, triples per named graph."""

from __future__ import annotations

from plankg.graph.engines import Engine, select
from plankg.graph.iris import PLANKG

_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class }
  FILTER NOT EXISTS {
    GRAPH ?g { ?s a ?narrower } GRAPH ?o { ?narrower rdfs:subClassOf ?class } FILTER(?narrower != ?class)
  }
  FILTER(STRSTARTS(STR(?class), STR(plankg:)) && !STRENDS(STR(?g), "/inferred") && !STRENDS(STR(?g), "/ontology"))
} GROUP BY ?class ORDER BY ?class
"""


def _pairs(engine: Engine, query: str, key: str) -> dict[str, int]:
    return {row[key]: int(row["n"]) for row in select(engine, query).dicts()}


def graph_stats(engine: Engine) -> dict[str, dict[str, int]]:
    """Asserted nodes per plankg class (by their most specific stated type) and triples per graph."""
    classes = _pairs(engine, _PER_CLASS, "class")
    return {
        "classes": {iri.removeprefix(str(PLANKG)): n for iri, n in classes.items()},
        "graphs": _pairs(engine, _PER_GRAPH, "g"),
    }
