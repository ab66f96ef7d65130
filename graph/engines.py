"""One query interface, several engines: the embedded store, rdflib, a remote endpoint.

Every engine answers a SPARQL query with the same plain result types, so that the catalogue,
its tests and the CLI compare and print rows without caring where they came from. All named
graphs form the default graph, and the usual prefixes are declared for every engine (prepended
to the query text where it does not declare them itself).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
import rdflib
from rdflib.query import Result as RdflibResult

from plankg import __version__
from plankg.errors import PlankgError
from plankg.graph.namespaces import PREFIXES
from plankg.graph.store import load_store, run_query

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term as any engine returns it: `uri`, `literal` or `bnode`, with lang or datatype."""

    kind: str
    value: str
    lang: str | None = None
    datatype: str | None = None

    def n3(self) -> str:
        """The term in SPARQL/Turtle syntax, escaped: safe to put in a VALUES clause."""
        if self.kind == "uri":
            return str(ox.NamedNode(self.value))
        if self.kind == "bnode":
            return f"_:{self.value}"
        if self.lang:
            return str(ox.Literal(self.value, language=self.lang))
        datatype = ox.NamedNode(self.datatype) if self.datatype else None
        return str(ox.Literal(self.value, datatype=datatype))


@dataclass(frozen=True)
class Table:
    """The answer to a SELECT query: variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple[Term | None, ...]]

    def dicts(self) -> list[dict[str, str]]:
        """Rows as {variable: value} with unbound variables left out: handy for tests and JSON."""
        return [
            {name: term.value for name, term in zip(self.variables, row, strict=True) if term is not None}
            for row in self.rows
        ]


Answer = Table | bool | str  # SELECT rows, ASK truth, CONSTRUCT/DESCRIBE as N-Triples


class Engine(Protocol):
    """Anything that can answer SPARQL 1.1 queries over the plan graph."""

    name: str

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        """Answer over every graph, or over the named `graphs` only where the engine can
        restrict itself (a speed-up: the catalogue's plan queries are anchored on the plan, so
        the rows are the same either way)."""
        ...


_PREFIX_DECLARED = re.compile(r"^\s*PREFIX\s+([\w-]*):", re.IGNORECASE | re.MULTILINE)


def with_prefixes(sparql: str) -> str:
    """The query with the usual prefixes declared in front, where it does not declare them."""
    declared = set(_PREFIX_DECLARED.findall(sparql))
    missing = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items() if prefix not in declared]
    return "\n".join([*missing, sparql])


def _ox_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Term | None:
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


def _rdflib_term(term: rdflib.term.Node | None) -> Term | None:
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


class OxigraphEngine:
    """The embedded store (pyoxigraph): the default engine."""

    name = "pyoxigraph"

    def __init__(self, store: ox.Store):
        self.store = store

    @classmethod
    def from_trig(cls, trig: Path) -> OxigraphEngine:
        return cls(load_store(trig))

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        result = run_query(self.store, sparql, graphs)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            return ox.serialize(result, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        variables = [variable.value for variable in result.variables]
        rows = [tuple(_ox_term(solution[name]) for name in variables) for solution in result]
        return Table(variables, rows)


class RdflibEngine:
    """rdflib's own SPARQL engine over the same data: a second opinion on every answer."""

    name = "rdflib"

    def __init__(self, dataset: rdflib.Dataset):
        dataset.default_union = True
        self.dataset = dataset

    @classmethod
    def from_trig(cls, trig: Path) -> RdflibEngine:
        if not trig.is_file():
            raise PlankgError("no built graph here: run `plankg build` first", trig)
        dataset = rdflib.Dataset()
        dataset.parse(trig, format="trig")
        return cls(dataset)

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        """rdflib always answers over the whole dataset: its FROM handling fetches graphs from
        the web, and it is the second opinion, not the fast path."""
        try:
            result = self.dataset.query(with_prefixes(sparql))
        except Exception as exc:  # rdflib raises pyparsing's errors for syntax
            raise PlankgError(f"SPARQL error (rdflib): {exc}") from exc
        return _from_rdflib(result)


def _from_rdflib(result: RdflibResult) -> Answer:
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.serialize(format="nt").decode("utf-8")
    variables = [str(variable) for variable in result.vars]
    return Table(variables, [tuple(_rdflib_term(row[name]) for name in variables) for row in result])


class RemoteEngine:
    """Any SPARQL 1.1 endpoint, through SPARQLWrapper (with its own user agent: some public
    endpoints refuse the library's default one)."""

    name = "remote"

    def __init__(self, endpoint: str, timeout: float = 60.0):
        from SPARQLWrapper import JSON, SPARQLWrapper

        self.endpoint = endpoint
        self.client = SPARQLWrapper(endpoint, agent=f"plankg/{__version__} (SPARQLWrapper)")
        self.client.setReturnFormat(JSON)
        self.client.setTimeout(max(1, round(timeout)))  # SPARQLWrapper takes whole seconds

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        """With `graphs`, the dataset is set by the protocol's default-graph-uri and
        named-graph-uri parameters."""
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        for parameter in ("default-graph-uri", "named-graph-uri"):
            self.client.clearParameter(parameter)
        for graph in graphs:
            self.client.addDefaultGraph(graph)
            self.client.addNamedGraph(graph)
        self.client.setQuery(with_prefixes(sparql))
        try:
            document = self.client.queryAndConvert()
        except SPARQLWrapperException as exc:
            reason = " ".join(str(exc).split())  # SPARQLWrapper's text spans lines (it quotes the response)
            raise PlankgError(f"the endpoint {self.endpoint} refused the query: {reason}") from exc
        except OSError as exc:
            raise PlankgError(f"cannot reach the endpoint {self.endpoint}: {exc}") from exc
        if not isinstance(document, dict):
            return document.decode("utf-8") if isinstance(document, bytes) else str(document)
        if "boolean" in document:
            return bool(document["boolean"])
        variables = document["head"]["vars"]
        rows = [
            tuple(_json_term(binding.get(name)) for name in variables) for binding in document["results"]["bindings"]
        ]
        return Table(variables, rows)


def _json_term(value: dict[str, str] | None) -> Term | None:
    """A term from the SPARQL 1.1 JSON results format."""
    if value is None:
        return None
    kind = {"uri": "uri", "bnode": "bnode"}.get(value["type"], "literal")
    datatype = value.get("datatype")
    if datatype in (XSD_STRING, RDF_LANG_STRING):
        datatype = None
    return Term(kind, value["value"], lang=value.get("xml:lang"), datatype=datatype)
