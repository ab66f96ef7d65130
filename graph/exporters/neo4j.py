"""Neo4j: CSV files in the `neo4j-admin database import` header format, and a Cypher script that loads the same files.

Header format (Neo4j operations manual, "Import"): `iri:ID` is the node id (kept as the property
`iri`), `:LABEL` holds the labels separated by `;`, `:START_ID`, `:END_ID` and `:TYPE` make the
relationships, and every other column is `name:type` (`string`, or `string[]` for a `;`-separated
array). A node's labels are its class and the plankg classes above it (`Pillar;Goal;PlanEntity`),
so Cypher can match `(:Goal)`; relationship types are the relation names (`refines`).

`plankg.cypher` does the same with `LOAD CSV` for a running server (the files go in its import
folder). Every projected node is a plankg:PlanEntity (the domain of plankg:plan), which is the
label the script matches nodes by.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from plankg.graph.exporters.base import Distribution, ExportRequest
from plankg.graph.exporters.csv_tables import EDGES_FILE, NODES_FILE, write_table
from plankg.graph.exporters.property_graph import EDGE_COLUMNS, NODE_COLUMNS, PropertyGraphExporter
from plankg.graph.vocabulary import Vocabulary, read_vocabulary

SCRIPT_FILE = "plankg.cypher"
KEY_LABEL = "PlanEntity"
ARRAY_DELIMITER = ";"
ARRAY_COLUMNS = {"chapters"}  # comma-joined in the projection, a string array in Neo4j

NODE_HEADER = ["iri:ID", ":LABEL"] + [
    f"{column}:string[]" if column in ARRAY_COLUMNS else f"{column}:string" for column in NODE_COLUMNS
]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE"] + [
    f"{column}:string" for column in EDGE_COLUMNS if column != "relation"
]


def _node_rows(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> list[list[str]]:
    rows = []
    for key, data in graph.nodes(data=True):
        row_labels = [data["class"], *vocabulary.above(data["class"])]
        values = [
            data[column].replace(",", ARRAY_DELIMITER) if column in ARRAY_COLUMNS else data[column]
            for column in NODE_COLUMNS
        ]
        rows.append([key, ARRAY_DELIMITER.join(row_labels), *values])
    return rows


def _edge_rows(graph: nx.MultiDiGraph) -> list[list[str]]:
    return [
        [source, target, data["relation"], *(data[column] for column in EDGE_COLUMNS if column != "relation")]
        for source, target, data in graph.edges(data=True)
    ]


def _name(identifier: str) -> str:
    """A label, type or property name in Cypher, backtick-quoted."""
    return "`" + identifier.replace("`", "``") + "`"


def _string(value: str) -> str:
    """A Cypher string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _assignments(variable: str, header: list[str]) -> str:
    """`n.local_id = row.`local_id:string`, …` for the typed property columns of a header."""
    parts = []
    for column in header:
        name, _, kind = column.partition(":")
        if not name or kind == "ID":
            continue
        value = f"row.{_name(column)}"
        if kind.endswith("[]"):
            value = f"split({value}, {_string(ARRAY_DELIMITER)})"
        parts.append(f"{variable}.{_name(name)} = {value}")
    return ",\n    ".join(parts)


def cypher_script(labels: list[str], types: list[str]) -> str:
    """LOAD CSV statements that recreate the nodes, their labels and the relationships from the two files."""
    load_nodes = f"LOAD CSV WITH HEADERS FROM {_string('file:///' + NODES_FILE)} AS row"
    load_edges = f"LOAD CSV WITH HEADERS FROM {_string('file:///' + EDGES_FILE)} AS row"
    key = f"{_name(KEY_LABEL)} {{iri: row.{_name('iri:ID')}}}"
    statements = [
        f"CREATE CONSTRAINT plankg_iri IF NOT EXISTS FOR (n:{_name(KEY_LABEL)}) REQUIRE n.iri IS UNIQUE",
        f"{load_nodes}\nMERGE (n:{key})\nSET {_assignments('n', NODE_HEADER)}",
    ]
    labels_of_row = f"split(row.{_name(':LABEL')}, {_string(ARRAY_DELIMITER)})"
    for label in labels:
        statements.append(
            f"{load_nodes}\nWITH row WHERE {_string(label)} IN {labels_of_row}\nMATCH (n:{key})\nSET n:{_name(label)}"
        )
    for kind in types:
        statements.append(
            f"{load_edges}\nWITH row WHERE row.{_name(':TYPE')} = {_string(kind)}\n"
            f"MATCH (s:{_name(KEY_LABEL)} {{iri: row.{_name(':START_ID')}}}), "
            f"(t:{_name(KEY_LABEL)} {{iri: row.{_name(':END_ID')}}})\n"
            f"MERGE (s)-[r:{_name(kind)}]->(t)\nSET {_assignments('r', EDGE_HEADER)}"
        )
    header = (
        "// plankg for Neo4j: put nodes.csv and edges.csv in the server's import folder, then run\n"
        "//   cypher-shell -u neo4j -p PASSWORD -f plankg.cypher\n"
    )
    return header + "".join(f"\n{statement};\n" for statement in statements)


class Neo4j(PropertyGraphExporter):
    name = "neo4j"
    summary = "nodes.csv and edges.csv for `neo4j-admin database import`, and plankg.cypher (LOAD CSV): for Neo4j"
    target = "neo4j"
    files = (
        Distribution(NODES_FILE, "CSV for neo4j-admin import", "text/csv"),
        Distribution(EDGES_FILE, "CSV for neo4j-admin import", "text/csv"),
        Distribution(SCRIPT_FILE, "Cypher", None),
    )

    def write_graph(self, graph: nx.MultiDiGraph, request: ExportRequest, target: Path) -> list[Path]:
        nodes = _node_rows(graph, read_vocabulary(request.engine))
        edges = _edge_rows(graph)
        target.mkdir(parents=True, exist_ok=True)
        used_labels = sorted({label for row in nodes for label in row[1].split(ARRAY_DELIMITER)})
        used_types = sorted({row[2] for row in edges})
        script = target / SCRIPT_FILE
        script.write_text(cypher_script(used_labels, used_types), encoding="utf-8")
        return [
            write_table(target / NODES_FILE, NODE_HEADER, nodes),
            write_table(target / EDGES_FILE, EDGE_HEADER, edges),
            script,
        ]
