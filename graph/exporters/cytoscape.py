"""Cytoscape.js JSON (`.cyjs`): for Cytoscape desktop (File → Import → Network from File) and Cytoscape.js pages.

Elements follow Cytoscape.js: `{"elements": {"nodes": [{"data": {"id": …}}], "edges": [{"data":
{"id": …, "source": …, "target": …}}]}}`. Cytoscape desktop labels nodes by `name`, so `name`
carries the display label.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from plankg.graph.exporters.base import Distribution, ExportRequest
from plankg.graph.exporters.property_graph import PropertyGraphExporter


def cytoscape_elements(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, dict[str, str]]]]:
    """The graph as Cytoscape.js element definitions."""
    nodes = [{"data": {"id": key, "name": data["label"], **data}} for key, data in graph.nodes(data=True)]
    edges = [
        {"data": {"id": key, "source": source, "target": target, **data}}
        for source, target, key, data in graph.edges(keys=True, data=True)
    ]
    return {"nodes": nodes, "edges": edges}


class Cytoscape(PropertyGraphExporter):
    name = "cytoscape"
    summary = "Cytoscape.js JSON: for Cytoscape desktop and Cytoscape.js web pages"
    target = "plankg.cyjs"
    files = (Distribution("", "Cytoscape.js JSON", "application/json"),)

    def write_graph(self, graph: nx.MultiDiGraph, request: ExportRequest, target: Path) -> list[Path]:
        document = {"data": {"name": "plankg"}, "elements": cytoscape_elements(graph)}
        target.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return [target]
