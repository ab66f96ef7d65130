"""RDF exports for triple stores and OWL tools, serialised by pyoxigraph from the built dataset.

pyoxigraph writes UTF-8 as is (Chinese text is never turned into escapes) and every literal as the
build wrote it, through the writer the build itself uses (graph/serialisation.py): rdflib's Turtle
and TriG writers would rewrite a decimal `25` as `25.0`. Triple formats hold the union of the
selected named graphs, quad formats keep them apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
from rdflib import Dataset, Graph

from plankg.graph.exporters.base import ALL_GRAPHS, Distribution, Exporter, ExportRequest, plan_ids, selected_graphs
from plankg.graph.namespaces import bind_prefixes
from plankg.graph.serialisation import oxigraph_quads, oxigraph_triples, written_prefixes


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

    rdf_format: ClassVar[ox.RdfFormat]
    graph_choices: ClassVar[tuple[str, ...]] = ALL_GRAPHS
    default_graphs: ClassVar[tuple[str, ...]] = ALL_GRAPHS

    def statements(self, request: ExportRequest) -> tuple[list[ox.Triple] | list[ox.Quad], Graph]:
        """What the file holds, as pyoxigraph writes it, and the graph whose prefixes it declares."""
        union = union_graph(request.dataset, request.graphs)
        return oxigraph_triples(union), union

    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        statements, graph = self.statements(request)
        ox.serialize(statements, target, self.rdf_format, prefixes=written_prefixes(graph))
        return [target]


class QuadExporter(RdfExporter):
    """An RDF dataset serialisation: each triple stays in its named graph."""

    def statements(self, request: ExportRequest) -> tuple[list[ox.Triple] | list[ox.Quad], Graph]:
        apart = graphs_apart(request.dataset, request.graphs)
        return oxigraph_quads(apart), apart


class Turtle(RdfExporter):
    name = "turtle"
    summary = "Turtle, the union of the selected graphs: for reading, editors and triple stores"
    target = "plankg.ttl"
    files = (Distribution("", "Turtle", "text/turtle"),)
    rdf_format = ox.RdfFormat.TURTLE


class NTriples(RdfExporter):
    name = "ntriples"
    summary = "N-Triples, the union of the selected graphs: one triple a line, for bulk loaders and grep"
    target = "plankg.nt"
    files = (Distribution("", "N-Triples", "application/n-triples"),)
    rdf_format = ox.RdfFormat.N_TRIPLES


class RdfXml(RdfExporter):
    name = "rdfxml"
    summary = "RDF/XML, the union of the selected graphs: for OWL tools and older RDF software"
    target = "plankg.rdf"
    files = (Distribution("", "RDF/XML", "application/rdf+xml"),)
    rdf_format = ox.RdfFormat.RDF_XML


class NQuads(QuadExporter):
    name = "nquads"
    summary = "N-Quads, the selected named graphs kept apart: one quad a line, for triple stores"
    target = "plankg.nq"
    files = (Distribution("", "N-Quads", "application/n-quads"),)
    rdf_format = ox.RdfFormat.N_QUADS


class TriG(QuadExporter):
    name = "trig"
    summary = "TriG, the selected named graphs kept apart: for triple stores (Oxigraph, Fuseki, GraphDB)"
    target = "plankg.trig"
    files = (Distribution("", "TriG", "application/trig"),)
    rdf_format = ox.RdfFormat.TRIG


class Owl(RdfExporter):
    name = "owl"
    summary = "the OWL ontology alone, as RDF/XML: for Protégé and other OWL editors"
    target = "plankg-ontology.owl"
    files = (Distribution("", "OWL (RDF/XML)", "application/rdf+xml"),)
    rdf_format = ox.RdfFormat.RDF_XML
    graph_choices = ()
    default_graphs = ("ontology",)
