"""Running a catalogue query: parameters resolved to RDF terms and bound, never pasted as text.

A node parameter accepts a node's id, its full IRI, or one of its names, resolved as
queries/names.py resolves every name a user types. The resolved term is
written in place of the query's variable in SPARQL syntax by the RDF library (IRIs validated,
literals escaped), so a value such as `x" } ; DROP ALL` is just a string that matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from plankg.errors import PlankgError
from plankg.graph.engines import Engine, Table, Term, bind, select
from plankg.graph.iris import ID_BASE, plan_graphs
from plankg.graph.sparql_text import shown
from plankg.queries.catalogue import Param, QueryFile
from plankg.queries.names import resolve_node

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_LANG_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")

_PLANS = "SELECT ?plan WHERE { ?plan a plankg:Plan } ORDER BY ?plan LIMIT 2"


def _select(engine: Engine, sparql: str, values: Mapping[str, Term | tuple[Term, ...]]) -> Table:
    return select(engine, bind(sparql, values))


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


BASIS = "basis"  # the column (and parameter) that says whether a row is the plan's words or a curator's
BASES = ("stated", "curated", "any")


def on_basis(table: Table, basis: str) -> Table:
    """The rows resting on the plan's own words (stated) or on a curator's reading (curated)."""
    if basis == "any":
        return table
    column = table.variables.index(BASIS)
    return Table(table.variables, [row for row in table.rows if (term := row[column]) and term.value == basis])


REQUIRED = ("label", BASIS, "quote")  # columns every row of a catalogue query binds where it has them


def checked(engine: Engine, query: QueryFile, table: Table) -> Table:
    """The rows, refused when one cannot be right: a required column left empty is an engine
    that misread the query (Virtuoso 7 drops a `VALUES` variable inside an OPTIONAL's FILTER
    and answers with empty labels), not an answer to print with exit status 0."""
    source = getattr(engine, "endpoint", engine.name)  # a remote engine is named by its URL
    for name in REQUIRED:
        if name not in table.variables:
            continue
        column = table.variables.index(name)
        for number, row in enumerate(table.rows, start=1):
            term = row[column]
            if term is None or not term.value:
                raise PlankgError(
                    f"{source}: {query.name} answered row {number} without {name}, which every row has: "
                    "the engine misread the query, so its rows are not shown"
                )
    return table


def run_catalogue_query(
    engine: Engine, query: QueryFile, given: dict[str, str], lang: str = "zh", examples: bool = False
) -> Table:
    """Run one catalogue query with its parameters (or their examples) bound; `basis=stated`
    (every query takes it) keeps the rows that rest on the plan's own words."""
    given = dict(given)
    basis = given.pop(BASIS, "any")
    if basis not in BASES:
        raise PlankgError(f"{BASIS}: expected one of {', '.join(BASES)}, got {shown(basis)}")
    declared = {param.name: param for param in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        known = ", ".join([*declared, BASIS])
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
        elif param.default is not None:
            value = param.default
        else:
            raise PlankgError(
                f"{query.name}: missing parameter {name} ({param.description}); "
                f"for example --param {name}={param.example}, or --example"
            )
        values[name] = resolve(engine, param, value)
    table = checked(engine, query, select(engine, query.bound(values), graphs=scope_of(query, values)))
    return on_basis(table, basis)


def scope_of(query: QueryFile, values: dict[str, Term]) -> list[str]:
    """The graphs a query about one plan needs (its own and the ontology's), or none for all."""
    plans = [values[param.name].value for param in query.params if param.cls == "Plan" and param.name in values]
    if len(plans) != 1 or not plans[0].startswith(ID_BASE) or "/" in plans[0][len(ID_BASE) :]:
        return []
    return [str(graph) for graph in plan_graphs(plans[0][len(ID_BASE) :])]
