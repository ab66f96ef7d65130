"""rdflib's own SPARQL engine over the build as written: a second opinion on every answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import rdflib
from rdflib.query import Result

from plankg.errors import PlankgError
from plankg.graph.engines import NO_LIMITS, XSD_STRING, Answer, Limits, Table, Term, within
from plankg.graph.iris import PREFIXES

if TYPE_CHECKING:
    from plankg.graph.opened import Build


def _term(term: rdflib.term.Node | None) -> Term | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return Term("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return Term("bnode", str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return Term("literal", str(term), lang=term.language)
        datatype = str(term.datatype) if term.datatype is not None else None
        return Term("literal", str(term), datatype=None if datatype == XSD_STRING else datatype)
    raise PlankgError(f"unsupported term in results: {term!r}")


def _answer(result: Result) -> Answer:
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return (result.serialize(format="nt") or b"").decode("utf-8")
    variables = [str(variable) for variable in result.vars or []]
    rows = [tuple(_term(row[name]) for name in variables) for row in result]  # type: ignore[call-overload,index]
    return Table(variables, rows)


class RdflibEngine:
    """SPARQL on an rdflib Dataset, all named graphs as the default graph."""

    name = "rdflib"

    def __init__(self, dataset: rdflib.Dataset, limits: Limits = NO_LIMITS):
        dataset.default_union = True
        self.dataset = dataset
        self.limits = limits

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        """rdflib always answers over the whole dataset: its FROM handling fetches graphs from
        the web, and it is the second opinion, not the fast path. The prefixes go beside the
        text, so that a syntax error's line is the user's."""
        self.limits.admit(sparql)
        return within(self.limits.timeout, lambda: self._answer(sparql))

    def _answer(self, sparql: str) -> Answer:
        try:
            return _answer(self.dataset.query(sparql, initNs=PREFIXES))
        except Exception as exc:  # rdflib raises pyparsing's errors for syntax, and any for SERVICE
            raise PlankgError(f"SPARQL error (rdflib): {exc}") from exc


def over(build: Build, limits: Limits = NO_LIMITS) -> RdflibEngine:
    return RdflibEngine(build.dataset, limits)
