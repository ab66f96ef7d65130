"""SHACL validation of a built graph against `ontology/shapes.ttl`, with readable results.

pySHACL runs on an rdflib Graph (over an Oxigraph store it is slow and reports false sh:in
violations). The ontology is passed as `ont_graph` so that targets reach subclass instances
through rdfs:subClassOf, as the SHACL spec defines "SHACL instance".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, Node
from rdflib.namespace import RDF

from plankg.graph.namespaces import SH
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node that breaks a shape, where, and what the shape says."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: str


def load_turtle(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def validate_shapes(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> list[Violation]:
    """Every SHACL result for `data` (empty when the graph conforms).

    `data` is validated in place (the ontology is mixed into it, saving pySHACL a copy of the
    whole graph): pass a graph made for the purpose."""
    shapes = shapes if shapes is not None else load_turtle(SHAPES_FILE)
    ontology = ontology if ontology is not None else load_turtle(ONTOLOGY_FILE)
    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True, inplace=True
    )
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                message=str(report.value(result, SH.resultMessage) or "shape not satisfied"),
                severity=severity.fragment if severity is not None else "Violation",
            )
        )
    return sorted(violations, key=lambda v: (str(v.focus), str(v.path), v.message))
