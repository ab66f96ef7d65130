"""Running a catalogue query: parameters resolved to RDF terms and bound, never pasted as text.

A node parameter accepts a node's id, its full IRI, or one of its labels (Chinese, English or an
alias); the value is looked up in the graph with its own bound query. The resolved term is
written into the query's `VALUES` block in SPARQL syntax by the RDF library (IRIs validated,
literals escaped), so a value such as `x" } ; DROP ALL` is just a string that matches nothing.
"""

from __future__ import annotations

import difflib
import re

from plankg.errors import PlankgError
from plankg.graph.engines import Engine, Table, Term
from plankg.graph.namespaces import PLANKG
from plankg.queries.catalogue import Param, QueryFile

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_LANG_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")

_FIND_NODE = """
SELECT DISTINCT ?node WHERE {
  VALUES ?key { }
  { ?node plankg:localId ?name } UNION { ?node rdfs:label ?name } UNION { ?node skos:altLabel ?name }
  FILTER(STR(?name) = ?key)
} ORDER BY ?node"""

_IS_A = "ASK { VALUES ?node { } VALUES ?class { } ?node a/rdfs:subClassOf* ?class }"
_EXISTS = "ASK { VALUES ?node { } { ?node ?p ?o } UNION { ?s ?p ?node } }"
_NAMES = "SELECT DISTINCT ?name WHERE { { ?n plankg:localId ?name } UNION { ?n rdfs:label ?name } }"


def bind(sparql: str, values: dict[str, Term]) -> str:
    """The query with each `VALUES ?name { … }` block holding the given term.

    One pass over the original text, so a bound value can never be taken for another block.
    """
    if not values:
        return sparql
    names = "|".join(re.escape(name) for name in values)
    pattern = re.compile(rf"VALUES\s+\?({names})\s*\{{[^}}]*\}}")
    return pattern.sub(lambda match: f"VALUES ?{match.group(1)} {{ {values[match.group(1)].n3()} }}", sparql)


def _ask(engine: Engine, sparql: str) -> bool:
    """An ASK answer; some endpoints (Virtuoso) send it as a one-row table instead of a boolean."""
    answer = engine.query(sparql)
    if isinstance(answer, Table):
        return bool(answer.rows) and answer.rows[0][0] is not None and answer.rows[0][0].value in ("1", "true")
    return bool(answer)


def _select(engine: Engine, sparql: str, values: dict[str, Term]) -> Table:
    answer = engine.query(bind(sparql, values))
    assert isinstance(answer, Table)
    return answer


def resolve_node(engine: Engine, value: str, param: Param) -> Term:
    """The IRI of the node a user means by an id, IRI or label; a clear error if none or several."""
    if value.startswith(("http://", "https://")):
        node = Term("uri", value)
        try:
            node.n3()
        except ValueError as exc:
            raise PlankgError(f"{param.name}: {value!r} is not a valid IRI ({exc})") from exc
        if not _ask(engine, bind(_EXISTS, {"node": node})):
            raise PlankgError(f"{param.name}: no node <{value}> in the graph")
    else:
        found = _select(engine, _FIND_NODE, {"key": Term("literal", value)})
        nodes = [row[0] for row in found.rows if row[0] is not None]
        if not nodes:
            raise PlankgError(f"{param.name}: nothing in the graph is called {value!r}{_suggest(engine, value)}")
        if len(nodes) > 1:
            listed = ", ".join(node.value for node in nodes[:5])
            raise PlankgError(f"{param.name}: {value!r} names {len(nodes)} nodes ({listed}); give the id or IRI")
        node = nodes[0]
    if param.cls is not None:
        wanted = Term("uri", str(PLANKG[param.cls]))
        if not _ask(engine, bind(_IS_A, {"node": node, "class": wanted})):
            raise PlankgError(f"{param.name}: {value!r} is not a {param.cls}")
    return node


def _suggest(engine: Engine, value: str) -> str:
    names = engine.query(_NAMES)
    assert isinstance(names, Table)
    close = difflib.get_close_matches(value, [row[0].value for row in names.rows if row[0] is not None], n=3)
    return f"; did you mean {', '.join(repr(name) for name in close)}?" if close else ""


def resolve(engine: Engine, param: Param, value: str) -> Term:
    """A parameter value as the RDF term its kind calls for."""
    if param.kind == "node":
        return resolve_node(engine, value, param)
    if param.kind == "integer":
        if not re.fullmatch(r"-?\d+", value.strip()):
            raise PlankgError(f"{param.name}: expected a whole number, got {value!r}")
        return Term("literal", value.strip(), datatype=XSD_INTEGER)
    if param.kind == "lang" and not _LANG_TAG.match(value):
        raise PlankgError(f"{param.name}: expected a language tag such as zh or en, got {value!r}")
    return Term("literal", value)


def run_catalogue_query(
    engine: Engine, query: QueryFile, given: dict[str, str], lang: str = "zh", examples: bool = False
) -> Table:
    """Run one catalogue query with its parameters (or their examples) bound."""
    declared = {param.name: param for param in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise PlankgError(f"{query.name}: unknown parameter(s) {', '.join(unknown)}; it takes: {known}")
    values: dict[str, Term] = {}
    for name, param in declared.items():
        if name in given:
            value = given[name]
        elif param.kind == "lang":
            value = lang
        elif examples:
            value = param.example
        else:
            raise PlankgError(
                f"{query.name}: missing parameter {name} ({param.description}); "
                f"for example --param {name}={param.example}, or --example"
            )
        values[name] = resolve(engine, param, value)
    return _select(engine, query.text, values)
