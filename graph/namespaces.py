"""The IRIs of plankg: its ontology, the plans' data, and the named graphs that keep them apart."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Namespace, URIRef
from rdflib.namespace import NamespaceManager

from plankg.graph import iris

PLANKG = Namespace(iris.PLANKG)
ONTOLOGY_IRI = URIRef(iris.ONTOLOGY_IRI)
ID_BASE = iris.ID_BASE
GRAPH_BASE = iris.GRAPH_BASE
ONTOLOGY_GRAPH = URIRef(iris.ONTOLOGY_GRAPH)
GRAPH_KINDS = iris.GRAPH_KINDS
shorten = iris.shorten

OA = Namespace(iris.PREFIXES["oa"])
ORG = Namespace(iris.PREFIXES["org"])
SCHEMA = Namespace(iris.PREFIXES["schema"])
GEO = Namespace(iris.PREFIXES["geo"])
QB = Namespace(iris.PREFIXES["qb"])
TIME = Namespace(iris.PREFIXES["time"])
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {prefix: Namespace(base) for prefix, base in iris.PREFIXES.items()}


def plan_namespace(plan_id: str) -> Namespace:
    """Namespace of one plan's nodes: `https://w3id.org/plankg/id/<plan>/<local id>`."""
    return Namespace(f"{ID_BASE}{plan_id}/")


def plan_iri(plan_id: str) -> URIRef:
    return URIRef(f"{ID_BASE}{plan_id}")


def plan_graphs(plan_id: str) -> list[URIRef]:
    """Every named graph a query about one plan needs: the plan's own and the ontology's."""
    return [URIRef(graph) for graph in iris.plan_graphs(plan_id)]


def graph_iri(plan_id: str, kind: str) -> URIRef:
    """The named graph of one kind (structure, stated, curated, inferred) for one plan."""
    return URIRef(iris.graph_iri(plan_id, kind))


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
