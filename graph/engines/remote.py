"""Any SPARQL 1.1 endpoint: the request composed by SPARQLWrapper, the answer checked here.

SPARQLWrapper would send the request through urllib's shared opener, which follows a redirect to
ftp:, and fold an error answer into a message of several lines without its content type; so its
request is sent with an opener that follows http(s) redirects only, and what comes back must be
a SPARQL 1.1 JSON results document (SELECT, ASK) or RDF (CONSTRUCT, DESCRIBE). Anything else is
one line naming the endpoint and what it sent.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Sequence
from typing import IO, Any

from plankg import __version__
from plankg.errors import PlankgError
from plankg.graph.engines import RDF_LANG_STRING, XSD_STRING, Answer, Table, Term, refuse_updates, with_prefixes
from plankg.graph.sparql_text import shown

# The types asked for (SPARQLWrapper's Accept header for JSON): some servers send the older two.
_RESULTS_TYPES = ("application/sparql-results+json", "application/json", "text/javascript", "application/javascript")
_TERM_KINDS = {"uri": "uri", "bnode": "bnode", "literal": "literal", "typed-literal": "literal"}


def check_url(url: str) -> None:
    """Refuse, before any request, a URL that is not http(s) or does not parse: urllib would
    read a file: or ftp: URL as readily."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (parsed on access: a port that is not a number raises)
    except ValueError as exc:
        raise PlankgError(f"not a valid URL: {shown(url)} ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PlankgError(f"not an http(s) URL: {shown(url)}")


class _HttpRedirectsOnly(urllib.request.HTTPRedirectHandler):
    """Follows a redirect to another http(s) URL only; urllib alone refuses file: but follows ftp:."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: http.client.HTTPMessage
    ) -> Any:
        target = urllib.parse.urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
            fp.close()
            raise PlankgError(
                f"the endpoint {self.endpoint} redirected to {shown(target)} (HTTP {code}), which is not followed: "
                "only http(s) is"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class RemoteEngine:
    """An endpoint URL, queried with its own user agent (some public endpoints refuse the
    library's default one)."""

    name = "remote"

    def __init__(self, endpoint: str, timeout: float = 60.0):
        from SPARQLWrapper import SPARQLWrapper

        check_url(endpoint)
        self.endpoint = endpoint
        self.timeout = timeout
        self.client = SPARQLWrapper(endpoint, agent=f"plankg/{__version__} (SPARQLWrapper)")
        self.opener = urllib.request.build_opener(_HttpRedirectsOnly(endpoint))

    def query(self, sparql: str, graphs: Sequence[str] = ()) -> Answer:
        """With `graphs`, the dataset is set by the protocol's default-graph-uri and
        named-graph-uri parameters."""
        from SPARQLWrapper import CONSTRUCT, DESCRIBE, JSON, TURTLE

        refuse_updates(sparql)
        for parameter in ("default-graph-uri", "named-graph-uri"):
            self.client.clearParameter(parameter)
        for graph in graphs:
            self.client.addDefaultGraph(graph)
            self.client.addNamedGraph(graph)
        with warnings.catch_warnings():  # a text it cannot classify is sent as SELECT: the endpoint judges it
            warnings.simplefilter("ignore")
            self.client.setQuery(with_prefixes(sparql))
        graph_answer = self.client.queryType in (CONSTRUCT, DESCRIBE)
        self.client.setReturnFormat(TURTLE if graph_answer else JSON)
        status, content_type, body = self._fetch()
        if not 200 <= status < 300:
            verb = "failed on" if status >= 500 else "refused"
            raise self._unexpected(f"{verb} the query", status, content_type, body)
        media_type = content_type.partition(";")[0].strip().lower()
        try:
            return _graph(body, media_type, self.endpoint) if graph_answer else _results(body, media_type)
        except (ValueError, SyntaxError) as exc:  # JSON's and pyoxigraph's parse errors
            expected = "RDF" if graph_answer else "SPARQL results"
            problem = " ".join(str(exc).split())
            raise self._unexpected(f"did not answer with {expected} ({problem})", status, content_type, body) from exc

    def _fetch(self) -> tuple[int, str, bytes]:
        """The status, Content-Type and body of the endpoint's answer, an error status included."""
        request = self.client._createRequest()  # the protocol's request, as SPARQLWrapper composes it
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers.get("Content-Type", ""), error.read()
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout() from error
            raise PlankgError(f"cannot reach the endpoint {self.endpoint}: {error.reason}") from error
        except TimeoutError as error:
            raise self._timeout() from error
        except (OSError, http.client.HTTPException) as error:  # dropped, or not HTTP at all
            raise PlankgError(f"the endpoint {self.endpoint} broke off its answer: {error!r}") from error

    def _timeout(self) -> PlankgError:
        return PlankgError(f"the endpoint {self.endpoint} did not answer within {self.timeout:g} s")

    def _unexpected(self, what: str, status: int, content_type: str, body: bytes) -> PlankgError:
        """An answer that is not one, named by its status, its type and how it begins."""
        text = " ".join(body.decode("utf-8", errors="replace").split())
        came_back = f"HTTP {status}, {content_type or 'no Content-Type'}, {shown(text) if text else 'no body'}"
        return PlankgError(f"the endpoint {self.endpoint} {what}: {came_back}")


def _results(body: bytes, media_type: str) -> Table | bool:
    """A SPARQL 1.1 JSON results document: a boolean, or `head.vars` and `results.bindings`."""
    if media_type not in _RESULTS_TYPES:
        raise ValueError(f"expected {_RESULTS_TYPES[0]}")
    document = json.loads(body)
    if not isinstance(document, dict):
        raise ValueError("not a JSON object")
    answer = document.get("boolean")
    if isinstance(answer, bool):
        return answer
    head, results = document.get("head"), document.get("results")
    variables = head.get("vars") if isinstance(head, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(variables, list) or not all(isinstance(name, str) for name in variables):
        raise ValueError("no head.vars list of names")
    if not isinstance(bindings, list) or not all(isinstance(binding, dict) for binding in bindings):
        raise ValueError("no results.bindings list")
    return Table(variables, [tuple(_json_term(binding.get(name)) for name in variables) for binding in bindings])


def _json_term(value: object) -> Term | None:
    """A term from the SPARQL 1.1 JSON results format."""
    if value is None:
        return None
    if not (
        isinstance(value, dict)
        and value.get("type") in _TERM_KINDS
        and isinstance(value.get("value"), str)
        and all(isinstance(value.get(key, ""), str) for key in ("xml:lang", "datatype"))
    ):
        raise ValueError(f"a binding that is not an RDF term: {shown(json.dumps(value, ensure_ascii=False))}")
    datatype = value.get("datatype")
    if datatype in (XSD_STRING, RDF_LANG_STRING):
        datatype = None
    return Term(_TERM_KINDS[value["type"]], value["value"], lang=value.get("xml:lang"), datatype=datatype)


def _graph(body: bytes, media_type: str, base: str) -> str:
    """An RDF graph in any syntax pyoxigraph reads, as N-Triples (what the embedded engine returns)."""
    import pyoxigraph as ox

    rdf_format = ox.RdfFormat.from_media_type(media_type) if media_type else None
    if rdf_format is None:
        raise ValueError("expected an RDF type such as text/turtle")
    quads = ox.parse(body, rdf_format, base_iri=base, without_named_graphs=True)
    return (ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
