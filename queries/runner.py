"""Running a catalogue query: parameters resolved to RDF terms and bound, never pasted as text.

A node parameter accepts a node's id, its full IRI, or one of its labels (Chinese, English or an
alias); the value is looked up in the graph with its own bound query. The resolved term is
written into the query's `VALUES` block in SPARQL syntax by the RDF library (IRIs validated,
literals escaped), so a value such as `x" } ; DROP ALL` is just a string that matches nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from plankg.errors import PlankgError
from plankg.graph.engines import Engine, Table, Term, bind, select
from plankg.graph.iris import ID_BASE, PLANKG, plan_graphs
from plankg.graph.sparql_text import shown
from plankg.queries.catalogue import Param, QueryFile

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_LANG_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")

# Names are matched as exact RDF terms first (a plain literal, or one of the label languages the
# build writes), which the store answers from its index however many plans it holds; only a
# name none of those finds is compared as a string with every name (`_FIND_NODE_BY_TEXT`).
_FIND_NODE = """
SELECT DISTINCT ?node WHERE {
  VALUES ?name { }
  { ?node plankg:localId ?name } UNION { ?node rdfs:label ?name } UNION { ?node skos:altLabel ?name }
  UNION { ?node dcterms:title ?name ; a plankg:Plan }
} ORDER BY ?node"""
_NAME_LANGS = (None, "zh", "en", "zh-latn-pinyin")

_FIND_NODE_BY_TEXT = """
SELECT DISTINCT ?node WHERE {
  VALUES ?key { }
  { ?node plankg:localId ?name } UNION { ?node rdfs:label ?name } UNION { ?node skos:altLabel ?name }
  UNION { ?node dcterms:title ?name ; a plankg:Plan }
  FILTER(STR(?name) = ?key)
} ORDER BY ?node"""

_IS_A = "ASK { VALUES ?node { } VALUES ?class { } ?node a/rdfs:subClassOf* ?class }"
_EXISTS = "ASK { VALUES ?node { } { ?node ?p ?o } UNION { ?s ?p ?node } }"
_NAMES = """SELECT DISTINCT ?name WHERE {
  { ?n plankg:localId ?name } UNION { ?n rdfs:label ?name } UNION { ?n skos:altLabel ?name }
  UNION { ?n dcterms:title ?name ; a plankg:Plan }
}"""
_PLANS = "SELECT ?plan WHERE { ?plan a plankg:Plan } ORDER BY ?plan LIMIT 2"
# A plan is named by its id, the last segment of its IRI (`xincheng-14th`); so is a node by
# `plan-id/node-id`, which stays unambiguous when the store holds many plans.
_ID_PATH = re.compile(r"^[^\s/<>\"{}|\\^`]+(/[^\s/<>\"{}|\\^`]+)?$")


def _ask(engine: Engine, sparql: str) -> bool:
    """An ASK answer; some endpoints (Virtuoso) send it as a one-row table instead of a boolean."""
    answer = engine.query(sparql)
    if isinstance(answer, Table):
        return bool(answer.rows) and answer.rows[0][0] is not None and answer.rows[0][0].value in ("1", "true")
    return bool(answer)


def _select(engine: Engine, sparql: str, values: Mapping[str, Term | tuple[Term, ...]]) -> Table:
    return select(engine, bind(sparql, values))


def resolve_node(engine: Engine, value: str, param: Param) -> Term:
    """The IRI of the node a user means by an id, IRI or label; a clear error if none or several."""
    if value.startswith(("http://", "https://")):
        node = Term("uri", value)
        try:
            node.n3()
        except ValueError as exc:
            raise PlankgError(f"{param.name}: {shown(value)} is not a valid IRI ({exc})") from exc
        if not _ask(engine, bind(_EXISTS, {"node": node})):
            raise PlankgError(f"{param.name}: no node {shown(value)} in the graph")
    else:
        nodes = _find_nodes(engine, value)
        if not nodes:
            names = _names(engine)
            if value in names:  # a name in a language or datatype the exact lookup does not try
                found = _select(engine, _FIND_NODE_BY_TEXT, {"key": Term("literal", value)})
                nodes = [row[0] for row in found.rows if row[0] is not None]
        if not nodes:
            raise PlankgError(f"{param.name}: nothing in the graph is called {shown(value)}{_suggest(value, names)}")
        if len(nodes) > 1:
            listed = ", ".join(node.value for node in nodes[:5])
            raise PlankgError(f"{param.name}: {shown(value)} names {len(nodes)} nodes ({listed}); give the id or IRI")
        node = nodes[0]
    if param.cls is not None:
        wanted = Term("uri", str(PLANKG[param.cls]))
        if not _ask(engine, bind(_IS_A, {"node": node, "class": wanted})):
            raise PlankgError(f"{param.name}: {shown(value)} is not a {param.cls}")
    return node


def _find_nodes(engine: Engine, value: str) -> list[Term]:
    """The nodes a name (id, label, plan title, or a plan's id) names, in IRI order."""
    names = tuple(Term("literal", value, lang=lang) for lang in _NAME_LANGS)
    found = {row[0] for row in _select(engine, _FIND_NODE, {"name": names}).rows if row[0] is not None}
    if _ID_PATH.match(value):
        iri = Term("uri", ID_BASE + value)
        try:
            iri.n3()
        except ValueError:
            pass
        else:
            if _ask(engine, bind(_EXISTS, {"node": iri})):
                found.add(iri)
    return sorted(found)


def _names(engine: Engine) -> list[str]:
    return [row[0].value for row in select(engine, _NAMES).rows if row[0] is not None]


def _suggest(value: str, names: list[str]) -> str:
    close = difflib.get_close_matches(value, names, n=3)
    return f"; did you mean {', '.join(repr(name) for name in close)}?" if close else ""


def only_plan(engine: Engine) -> Term | None:
    """The plan the graph holds, if it holds exactly one."""
    plans = _select(engine, _PLANS, {}).rows
    return plans[0][0] if len(plans) == 1 else None


def resolve(engine: Engine, param: Param, value: str) -> Term:
    """A parameter value as the RDF term its kind calls for."""
    if param.kind == "node":
        return resolve_node(engine, value, param)
    if param.kind == "integer":
        if not re.fullmatch(r"-?\d+", value.strip()):
            raise PlankgError(f"{param.name}: expected a whole number, got {shown(value)}")
        return Term("literal", value.strip(), datatype=XSD_INTEGER)
    if param.kind == "lang" and not _LANG_TAG.match(value):
        raise PlankgError(f"{param.name}: expected a language tag such as zh or en, got {shown(value)}")
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
        elif param.cls == "Plan" and not examples and (plan := only_plan(engine)) is not None:
            values[name] = plan  # the graph holds one plan: no need to name it
            continue
        elif examples:
            value = param.example
        else:
            raise PlankgError(
                f"{query.name}: missing parameter {name} ({param.description}); "
                f"for example --param {name}={param.example}, or --example"
            )
        values[name] = resolve(engine, param, value)
    return select(engine, bind(query.text, values), graphs=scope_of(query, values))


def scope_of(query: QueryFile, values: dict[str, Term]) -> list[str]:
    """The graphs a query about one plan needs (its own and the ontology's), or none for all."""
    plans = [values[param.name].value for param in query.params if param.cls == "Plan" and param.name in values]
    if len(plans) != 1 or not plans[0].startswith(ID_BASE) or "/" in plans[0][len(ID_BASE) :]:
        return []
    return [str(graph) for graph in plan_graphs(plans[0][len(ID_BASE) :])]
