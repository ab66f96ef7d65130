"""Two CSV tables, `nodes.csv` and `edges.csv`: for pandas, R and spreadsheets.

UTF-8 without a byte-order mark, one header line, every field as text; the `source` and `target`
of an edge are the `iri` of a node.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from plankg.graph.exporters.base import Distribution, ExportRequest
from plankg.graph.exporters.property_graph import EDGE_COLUMNS, NODE_COLUMNS, PropertyGraphExporter

NODES_FILE = "nodes.csv"
EDGES_FILE = "edges.csv"


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """One CSV file, UTF-8, with its header; shared with the Neo4j files."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


class CsvTables(PropertyGraphExporter):
    name = "csv"
    summary = "a nodes.csv and an edges.csv table (UTF-8, with a header): for pandas and spreadsheets"
    target = "csv"
    files = (Distribution(NODES_FILE, "CSV", "text/csv"), Distribution(EDGES_FILE, "CSV", "text/csv"))

    def write_graph(self, graph: nx.MultiDiGraph, request: ExportRequest, target: Path) -> list[Path]:
        target.mkdir(parents=True, exist_ok=True)
        nodes = ([key, *(data[column] for column in NODE_COLUMNS)] for key, data in graph.nodes(data=True))
        edges = (
            [key, source, target_node, *(data[column] for column in EDGE_COLUMNS)]
            for source, target_node, key, data in graph.edges(keys=True, data=True)
        )
        return [
            write_table(target / NODES_FILE, ["iri", *NODE_COLUMNS], nodes),
            write_table(target / EDGES_FILE, ["id", "source", "target", *EDGE_COLUMNS], edges),
        ]
