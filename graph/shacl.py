"""SHACL validation of a built graph against `ontology/shapes.ttl`, with readable results.

The build uses the shapes compiled to SPARQL on pyoxigraph (`shacl_sparql`): the same report as
pySHACL's in a small fraction of its time (benchmarks/shacl.py). pySHACL stays the reference the
tests compare it with, on every shape: `validate_shapes(..., validator="pyshacl")`.

pySHACL runs on an rdflib Graph (over an Oxigraph store it is slow and reports false sh:in
violations). The ontology is passed as `ont_graph` so that targets reach subclass instances
through rdfs:subClassOf, as the SHACL spec defines "SHACL instance".
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rdflib import Graph

from plankg.graph.namespaces import SH
from plankg.graph.shacl_results import Violation, first_message
from plankg.graph.shacl_sparql import sparql_violations
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE

__all__ = ["Violation", "load_turtle", "pyshacl_violations", "validate_shapes"]

Validator = Literal["sparql", "pyshacl"]


def load_turtle(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def validate_shapes(
    data: Graph, shapes: Graph | None = None, ontology: Graph | None = None, validator: Validator = "sparql"
) -> list[Violation]:
    """Every SHACL result for `data` (empty when the graph conforms), sorted.

    With pySHACL, `data` is validated in place (the ontology is mixed into it, saving pySHACL a
    copy of the whole graph): pass a graph made for the purpose."""
    shapes = shapes if shapes is not None else load_turtle(SHAPES_FILE)
    ontology = ontology if ontology is not None else load_turtle(ONTOLOGY_FILE)
    if validator == "pyshacl":
        return pyshacl_violations(data, shapes, ontology)
    return sparql_violations(data, shapes, ontology)


def pyshacl_violations(data: Graph, shapes: Graph, ontology: Graph | None) -> list[Violation]:
    """pySHACL's report as `Violation`s; `data` gains the ontology's triples."""
    import pyshacl  # the reference validator: a heavy import that the build does not need

    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True, inplace=True
    )
    violations = []
    # The report's sh:result values, not every sh:ValidationResult: pySHACL nests the results
    # that explain an sh:node failure under it (sh:detail), and those are not results themselves.
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                message=first_message(report.objects(result, SH.resultMessage)) or "shape not satisfied",
                severity=severity.fragment if severity is not None else "Violation",
            )
        )
    return sorted(violations, key=lambda v: (str(v.focus), str(v.path), v.message, str(v.value)))
