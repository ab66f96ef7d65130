"""GraphML and GEXF, written by networkx: for Gephi, Cytoscape, yEd and graph analysis.

Node ids are the nodes' IRIs, edge ids `e0`, `e1` …; every attribute is a string, Chinese text is
written as UTF-8 (XML escapes only `<`, `>`, `&` and quotes, which changes no character).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from plankg.graph.exporters.base import Distribution, ExportRequest
from plankg.graph.exporters.property_graph import PropertyGraphExporter


class GraphMl(PropertyGraphExporter):
    name = "graphml"
    summary = "GraphML property graph: for Gephi, Cytoscape, yEd and networkx"
    target = "plankg.graphml"
    files = (Distribution("", "GraphML", None),)

    def write_graph(self, graph: nx.MultiDiGraph, request: ExportRequest, target: Path) -> list[Path]:
        nx.write_graphml(graph, target, encoding="utf-8")
        return [target]


class Gexf(PropertyGraphExporter):
    name = "gexf"
    summary = "GEXF property graph, with the display label as the node label: for Gephi"
    target = "plankg.gexf"
    files = (Distribution("", "GEXF", None),)

    def write_graph(self, graph: nx.MultiDiGraph, request: ExportRequest, target: Path) -> list[Path]:
        # The GEXF writer numbers edges unless an edge has an `id`; use the same ids as the other
        # formats. (It also keeps the edge key, as the attribute `networkx_key`.)
        with_ids = graph.copy()
        for *_, key, data in with_ids.edges(keys=True, data=True):
            data["id"] = key
        nx.write_gexf(with_ids, target, encoding="utf-8")
        return [target]
