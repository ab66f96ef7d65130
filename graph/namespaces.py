"""The IRIs of plankg: its ontology, the plans' data, and the named graphs that keep them apart."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, NamespaceManager

PLANKG = Namespace("https://w3id.org/plankg/ontology#")
ONTOLOGY_IRI = URIRef("https://w3id.org/plankg/ontology")
ID_BASE = "https://w3id.org/plankg/id/"
GRAPH_BASE = "https://w3id.org/plankg/graph/"
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")

OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
QB = Namespace("http://purl.org/linked-data/cube#")
TIME = Namespace("http://www.w3.org/2006/time#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {
    "plankg": PLANKG,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "oa": OA,
    "org": ORG,
    "schema": SCHEMA,
    "geo": GEO,
    "qb": QB,
    "time": TIME,
}

# The kinds of named graph each plan has; `stated` holds the plan's own words only.
GRAPH_KINDS = ("structure", "stated", "curated", "inferred")


def plan_namespace(plan_id: str) -> Namespace:
    """Namespace of one plan's nodes: `https://w3id.org/plankg/id/<plan>/<local id>`."""
    return Namespace(f"{ID_BASE}{plan_id}/")


def plan_iri(plan_id: str) -> URIRef:
    return URIRef(f"{ID_BASE}{plan_id}")


def plan_graphs(plan_id: str) -> list[URIRef]:
    """Every named graph a query about one plan needs: the plan's own and the ontology's."""
    return [graph_iri(plan_id, kind) for kind in GRAPH_KINDS] + [ONTOLOGY_GRAPH]


def graph_iri(plan_id: str, kind: str) -> URIRef:
    """The named graph of one kind (structure, stated, curated, inferred) for one plan."""
    if kind not in GRAPH_KINDS:
        raise ValueError(f"unknown graph kind {kind!r}; known: {', '.join(GRAPH_KINDS)}")
    return URIRef(f"{GRAPH_BASE}{plan_id}/{kind}")


def expand(curie: str) -> URIRef:
    """`plankg:refines` → its full IRI, for the prefixes above."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix][local]


def bind_prefixes(manager: NamespaceManager, plan_ids: Sequence[str] = ()) -> None:
    """Bind the usual prefixes, and each plan's id as the prefix of its nodes (`xincheng-14th:c02`)."""
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace, override=True, replace=True)
    for plan_id in plan_ids:
        manager.bind(plan_id, plan_namespace(plan_id), override=True, replace=True)


def shorten(iri: str) -> str:
    """An IRI as a person reads it: `plankg:refines`, `xincheng-14th:c02-s04-p01`, else as is."""
    for prefix, namespace in PREFIXES.items():
        base = str(namespace)
        if iri.startswith(base) and len(iri) > len(base):
            return f"{prefix}:{iri[len(base) :]}"
    if iri.startswith(ID_BASE):
        plan, _, local = iri[len(ID_BASE) :].partition("/")
        if local:
            return f"{plan}:{local}"
    return iri
