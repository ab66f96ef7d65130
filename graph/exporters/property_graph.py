"""The property graph every graph-tool format writes: the projection, with the column names they share.

`plankg.graph.projection.project` decides what is a node and what is an edge; this module only
names the attributes the way the exported files call them (`class`, `local_id`), adds the display
`label` in the chosen language, and gives each edge an id that is unique in the file (GraphML, GEXF
and Cytoscape need one; the projection keys edges by relation only).
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path

import networkx as nx

from plankg.graph.exporters.base import Exporter, ExportRequest
from plankg.graph.projection import project

NODE_COLUMNS = ("local_id", "class", "label", "label_zh", "label_en", "chapters", "graph", "paragraph", "quote")
EDGE_COLUMNS = ("relation", "graph", "paragraph", "quote", "justification")
LINK_GRAPHS = ("stated", "curated", "inferred")


def property_graph(request: ExportRequest) -> nx.MultiDiGraph:
    """Nodes keyed by IRI and edges keyed `e0`, `e1` … in a stable order, with the exported attributes."""
    projected = project(request.engine, request.graphs)
    view: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for key in sorted(projected.nodes):
        data = projected.nodes[key]
        shown = data[f"label_{request.lang}"] or data["label_zh"] or data["label_en"]
        values = {"local_id": data["id"], "class": data["cls"], "label": shown}
        view.add_node(key, **{column: values.get(column, data.get(column, "")) for column in NODE_COLUMNS})
    edges = sorted(projected.edges(keys=True, data=True), key=lambda edge: edge[:3])
    for number, (source, target, _relation, data) in enumerate(edges):
        view.add_edge(source, target, key=f"e{number}", **{column: data[column] for column in EDGE_COLUMNS})
    return view


class PropertyGraphExporter(Exporter):
    """A file for a graph tool, drawn from the projection; links from the stated and curated graphs by default."""

    graph_choices = LINK_GRAPHS
    default_graphs = ("stated", "curated")

    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        return self.write_graph(property_graph(request), request, target)

    @abstractmethod
    def write_graph(self, graph: nx.MultiDiGraph, request: ExportRequest, target: Path) -> list[Path]:
        """Write the property graph at `target`; return the files written."""
