"""RDF exports for triple stores and OWL tools, serialised by rdflib from the built dataset.

rdflib writes UTF-8 as is (Chinese text is never turned into escapes) and keeps language tags
and literals as the build wrote them. Triple formats hold the union of the selected named graphs,
quad formats keep them apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rdflib import Dataset, Graph

from plankg.graph.exporters.base import ALL_GRAPHS, Distribution, Exporter, ExportRequest, plan_ids, selected_graphs
from plankg.graph.namespaces import bind_prefixes


def union_graph(dataset: Dataset, kinds: tuple[str, ...]) -> Graph:
    """The union of the named graphs of the given kinds, with the usual prefixes and the plans' own."""
    union = Graph()
    bind_prefixes(union.namespace_manager, plan_ids(dataset))
    for graph in selected_graphs(dataset, kinds):
        union += graph
    return union


def graphs_apart(dataset: Dataset, kinds: tuple[str, ...]) -> Dataset:
    """The named graphs of the given kinds, each kept under its name."""
    chosen = Dataset()
    bind_prefixes(chosen.namespace_manager, plan_ids(dataset))
    for graph in selected_graphs(dataset, kinds):
        named = chosen.graph(graph.identifier)
        named += graph
    return chosen


class RdfExporter(Exporter):
    """An RDF serialisation of the selected named graphs (all of them unless --graphs says otherwise)."""

    rdflib_format: ClassVar[str]
    graph_choices: ClassVar[tuple[str, ...]] = ALL_GRAPHS
    default_graphs: ClassVar[tuple[str, ...]] = ALL_GRAPHS

    def rdf(self, request: ExportRequest) -> Graph:
        return union_graph(request.dataset, request.graphs)

    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        self.rdf(request).serialize(target, format=self.rdflib_format, encoding="utf-8")
        return [target]


class QuadExporter(RdfExporter):
    """An RDF dataset serialisation: each triple stays in its named graph."""

    def rdf(self, request: ExportRequest) -> Graph:
        return graphs_apart(request.dataset, request.graphs)


class Turtle(RdfExporter):
    name = "turtle"
    summary = "Turtle, the union of the selected graphs: for reading, editors and triple stores"
    target = "plankg.ttl"
    files = (Distribution("", "Turtle", "text/turtle"),)
    rdflib_format = "turtle"


class NTriples(RdfExporter):
    name = "ntriples"
    summary = "N-Triples, the union of the selected graphs: one triple a line, for bulk loaders and grep"
    target = "plankg.nt"
    files = (Distribution("", "N-Triples", "application/n-triples"),)
    rdflib_format = "nt"


class RdfXml(RdfExporter):
    name = "rdfxml"
    summary = "RDF/XML, the union of the selected graphs: for OWL tools and older RDF software"
    target = "plankg.rdf"
    files = (Distribution("", "RDF/XML", "application/rdf+xml"),)
    rdflib_format = "xml"


class NQuads(QuadExporter):
    name = "nquads"
    summary = "N-Quads, the selected named graphs kept apart: one quad a line, for triple stores"
    target = "plankg.nq"
    files = (Distribution("", "N-Quads", "application/n-quads"),)
    rdflib_format = "nquads"


class TriG(QuadExporter):
    name = "trig"
    summary = "TriG, the selected named graphs kept apart: for triple stores (Oxigraph, Fuseki, GraphDB)"
    target = "plankg.trig"
    files = (Distribution("", "TriG", "application/trig"),)
    rdflib_format = "trig"


class Owl(RdfExporter):
    name = "owl"
    summary = "the OWL ontology alone, as RDF/XML: for Protégé and other OWL editors"
    target = "plankg-ontology.owl"
    files = (Distribution("", "OWL (RDF/XML)", "application/rdf+xml"),)
    rdflib_format = "xml"
    graph_choices = ()
    default_graphs = ("ontology",)
