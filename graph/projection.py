"""The RDF graph as a property graph (networkx): the view that Gephi, Cytoscape, Neo4j, pyvis
and graph analysis expect.

Nodes are the curated plan entities (goals, measures, projects, places, organizations,
indicators, targets, concepts …) with their class, labels, chapters and first quote; edges are
the links between them, each with its relation, the graph it comes from (stated, curated or
inferred) and the paragraph and quote it rests on. Provenance nodes (evidence, selectors,
reified statements) and the document structure become attributes, not nodes.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from plankg.graph.engines import Engine, Term, select
from plankg.graph.iris import PLANKG, shorten

_NODES = """
SELECT ?node ?id ?class ?zh ?en ?graph WHERE {
  GRAPH ?g { ?node plankg:plan ?plan ; plankg:localId ?id ; a ?class . }
  FILTER(STRSTARTS(STR(?class), STR(plankg:)))
  FILTER NOT EXISTS { GRAPH ?g2 { ?node a ?sub . } ?sub rdfs:subClassOf+ ?class . FILTER(?sub != ?class) }
  OPTIONAL { ?node rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?node rdfs:label ?en FILTER(LANG(?en) = "en") }
  BIND(REPLACE(STR(?g), "^.*/", "") AS ?graph)
}"""

_EVIDENCE = """
SELECT ?node ?paragraph ?quote ?start WHERE {
  ?node plankg:plan ?plan ; plankg:evidence ?ev .
  ?ev plankg:paragraph/plankg:localId ?paragraph ;
      oa:hasSelector ?qs , ?ps .
  ?qs oa:exact ?quote . ?ps oa:start ?start .
} ORDER BY ?node ?start"""

_EDGES = """
SELECT ?s ?p ?o ?graph WHERE {
  GRAPH ?g { ?s ?p ?o . }
  ?s plankg:plan ?plan1 . ?o plankg:plan ?plan2 .
  FILTER(?p != plankg:plan)
  BIND(REPLACE(STR(?g), "^.*/", "") AS ?graph)
}"""

_LINK_EVIDENCE = """
SELECT ?s ?p ?o ?paragraph ?quote ?why WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?st plankg:evidence ?ev . ?ev plankg:paragraph/plankg:localId ?paragraph ;
             oa:hasSelector ?qs , ?ps . ?qs oa:exact ?quote . ?ps oa:start ?start . }
  OPTIONAL { ?st plankg:justification ?why }
} ORDER BY ?s ?p ?o ?start"""  # the first quote in the text stands for a link quoted in several places


def _value(term: Term | None) -> str:
    return "" if term is None else term.value


def chapters_of(paragraph_ids: Iterable[str]) -> list[str]:
    """Chapter ids (`c02`), `front` or `glossary` of some paragraph or heading ids, in order."""
    seen: dict[str, None] = {}
    for paragraph in paragraph_ids:
        seen.setdefault(paragraph.split("-")[0], None)
    return list(seen)


def project(engine: Engine, graphs: Iterable[str] = ("stated", "curated")) -> nx.MultiDiGraph:
    """The property graph of the curated entities, with links from the given graph kinds, read
    through any engine (the embedded store, rdflib, an endpoint) with the same result."""
    kinds = set(graphs)
    result: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for row in select(engine, _NODES).records():
        key = _value(row["node"])
        if key in result and result.nodes[key]["graph"] == "stated":
            continue
        result.add_node(
            key,
            id=_value(row["id"]),
            cls=_value(row["class"]).removeprefix(str(PLANKG)),
            label_zh=_value(row["zh"]),
            label_en=_value(row["en"]),
            graph=_value(row["graph"]),
        )
    evidence: dict[str, list[tuple[str, str]]] = {}
    for row in select(engine, _EVIDENCE).records():
        evidence.setdefault(_value(row["node"]), []).append((_value(row["paragraph"]), _value(row["quote"])))
    for key, data in result.nodes(data=True):
        cited = evidence.get(key, [])
        data["paragraph"] = cited[0][0] if cited else ""
        data["quote"] = cited[0][1] if cited else ""
        data["chapters"] = ",".join(chapters_of(paragraph for paragraph, _ in cited))
    link_evidence: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for row in select(engine, _LINK_EVIDENCE).records():
        triple = (_value(row["s"]), _value(row["p"]), _value(row["o"]))
        link_evidence.setdefault(triple, (_value(row["paragraph"]), _value(row["quote"]), _value(row["why"])))
    for row in select(engine, _EDGES).records():
        if _value(row["graph"]) not in kinds:
            continue
        s, p, o = _value(row["s"]), _value(row["p"]), _value(row["o"])
        if s not in result or o not in result:
            continue
        paragraph, quote, why = link_evidence.get((s, p, o), ("", "", ""))
        result.add_edge(
            s,
            o,
            key=p,
            relation=shorten(p).partition(":")[2],
            graph=_value(row["graph"]),
            paragraph=paragraph,
            quote=quote,
            justification=why,
        )
    return result


__all__ = ["chapters_of", "project"]
