"""The embedded store (pyoxigraph): the default engine, over the build's on-disk store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from plankg.errors import PlankgError
from plankg.graph.engines import NO_LIMITS, XSD_STRING, Answer, Limits, Table, Term, within
from plankg.graph.store import run_query

if TYPE_CHECKING:
    from plankg.graph.opened import Build


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Term("literal", term.value, lang=term.language)
        datatype = term.datatype.value
        return Term("literal", term.value, datatype=None if datatype == XSD_STRING else datatype)
    raise PlankgError(f"unsupported term in results: {term}")


class OxigraphEngine:
    """SPARQL on a pyoxigraph store, within the given limits."""

    name = "embedded"

    def __init__(self, store: ox.Store, limits: Limits = NO_LIMITS):
        self.store = store
        self.limits = limits

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        self.limits.admit(sparql)
        return within(self.limits.timeout, lambda: self._answer(sparql, graphs))

    def _answer(self, sparql: str, graphs: Sequence[str]) -> Answer:
        try:
            return self._evaluate(sparql, graphs)
        except (OSError, RuntimeError, ValueError) as exc:  # a SERVICE that failed or answered nonsense
            raise PlankgError(f"the query failed: {exc}") from exc

    def _evaluate(self, sparql: str, graphs: Sequence[str]) -> Answer:
        result = run_query(self.store, sparql, graphs)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            return (ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        variables = [variable.value for variable in result.variables]
        rows = [tuple(_term(solution[name]) for name in variables) for solution in result]
        return Table(variables, rows)


def over(build: Build, limits: Limits = NO_LIMITS) -> OxigraphEngine:
    return OxigraphEngine(build.store, limits)
