"""Any SPARQL 1.1 endpoint, through SPARQLWrapper."""

from __future__ import annotations

from collections.abc import Sequence

from plankg import __version__
from plankg.errors import PlankgError
from plankg.graph.engines import RDF_LANG_STRING, XSD_STRING, Answer, Table, Term, refuse_updates, with_prefixes


class RemoteEngine:
    """An endpoint URL, queried with SPARQLWrapper (with its own user agent: some public
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

        refuse_updates(sparql)
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
