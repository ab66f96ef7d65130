"""The IRIs of plankg as plain strings: its ontology, the plans' data and their named graphs.

This is what the query side (engines, catalogue, projection, views) needs, and it imports no RDF
library, so a query or `--help` does not pay for rdflib. `namespaces.py` gives the same IRIs as
rdflib terms to the code that builds graphs.
"""

from __future__ import annotations


class Vocabulary(str):
    """A namespace IRI whose attributes and items are the IRIs of its terms (`PLANKG.Goal`)."""

    __slots__ = ()

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return self + name

    def __getitem__(self, name: str) -> str:  # type: ignore[override]
        return self + name


PLANKG = Vocabulary("https://w3id.org/plankg/ontology#")
ONTOLOGY_IRI = "https://w3id.org/plankg/ontology"
ID_BASE = "https://w3id.org/plankg/id/"
GRAPH_BASE = "https://w3id.org/plankg/graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"

PREFIXES: dict[str, str] = {
    "plankg": str(PLANKG),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "qb": "http://purl.org/linked-data/cube#",
    "time": "http://www.w3.org/2006/time#",
}

# The languages every curated label is written in (Chinese as in the plan, and English).
LANGS = ("zh", "en")

# The kinds of named graph each plan has; `stated` holds the plan's own words only.
GRAPH_KINDS = ("structure", "stated", "curated", "inferred")


def graph_iri(plan_id: str, kind: str) -> str:
    """The named graph of one kind (structure, stated, curated, inferred) for one plan."""
    if kind not in GRAPH_KINDS:
        raise ValueError(f"unknown graph kind {kind!r}; known: {', '.join(GRAPH_KINDS)}")
    return f"{GRAPH_BASE}{plan_id}/{kind}"


def plan_graphs(plan_id: str) -> list[str]:
    """Every named graph a query about one plan needs: the plan's own and the ontology's."""
    return [graph_iri(plan_id, kind) for kind in GRAPH_KINDS] + [ONTOLOGY_GRAPH]


def shorten(iri: str) -> str:
    """An IRI as a person reads it: `plankg:refines`, `xincheng-14th:c02-s04-p01`, else as is."""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base) :]}"
    if iri.startswith(ID_BASE):
        plan, _, local = iri[len(ID_BASE) :].partition("/")
        if local:
            return f"{plan}:{local}"
    return iri
