"""Push the built graph into a remote triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the build is sent with one PUT, which replaces that graph and nothing else;
a plan graph the build no longer has (say `inferred`, after a build without the reasoner) is
deleted so that the store holds what the build holds. A COUNT query per graph then checks that the
store kept every triple. Any store that speaks the protocol works: Oxigraph, Fuseki, GraphDB,
Virtuoso, Neptune … Only the standard library talks HTTP here (urllib: Basic and Digest
authentication, bearer tokens); queries go through the project's SPARQLWrapper engine.
"""

from __future__ import annotations

import base64
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plankg.errors import PlankgError
from plankg.graph.engines import Table, Term
from plankg.graph.engines.remote import RemoteEngine, check_url
from plankg.graph.iris import GRAPH_BASE, GRAPH_KINDS, graph_iri
from plankg.graph.sharing import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from rdflib import Dataset

    from plankg.graph.opened import Build

TURTLE = "text/turtle; charset=utf-8"  # every Graph Store implementation reads Turtle


@dataclass(frozen=True)
class Credentials:
    """How to authenticate: a user and password (Basic, or Digest when the store asks for it),
    or a bearer token; none for an open store."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def __post_init__(self) -> None:
        if self.token and self.user:
            raise PlankgError("give either a user and password or a token, not both")
        if self.user and self.password is None:
            raise PlankgError(f"a password is needed for the user {self.user!r}: --password, or PLANKG_PASSWORD")

    def __bool__(self) -> bool:
        return bool(self.user or self.token)


@dataclass
class PushReport:
    """What the push did: triples per graph (local and remote counts agree), graphs deleted."""

    graph_store: str
    counts: dict[str, int]
    deleted: list[str] = field(default_factory=list)
    seconds: float = 0.0


def graph_store_url(endpoint: str, authenticated: bool = False) -> str:
    """The Graph Store endpoint that usually goes with a query endpoint, for the stores plankg
    has been tried with; any other needs `--graph-store`."""
    parts = urllib.parse.urlsplit(endpoint)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if head.endswith("/repositories"):  # GraphDB, RDF4J: /repositories/<id>
        store = f"{path}/rdf-graphs/service"
    elif path == "/sparql":  # Virtuoso: the -auth variant asks for Digest credentials
        store = "/sparql-graph-crud-auth" if authenticated else "/sparql-graph-crud"
    elif path == "/query":  # Oxigraph
        store = "/store"
    elif head and last in ("query", "sparql"):  # Fuseki: /<dataset>/query
        store = f"{head}/data"
    else:
        raise PlankgError(f"cannot tell the Graph Store URL that goes with {endpoint}: give it with --graph-store")
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, store, "", ""))


def _gist(error: urllib.error.HTTPError) -> str:
    """What an error page says, on one line: its text without tags, cut short."""
    try:
        page = error.read(2000).decode("utf-8", errors="replace")
    except OSError:
        page = ""
    text = " ".join(re.sub(r"<!DOCTYPE[^>]*>|<[^>]*>", " ", page, flags=re.IGNORECASE).split())
    return text[:300] or str(error.reason)


class GraphStoreError(PlankgError):
    """A request the graph store refused or never answered: its HTTP status and authentication
    challenge, if any."""

    def __init__(self, message: str, status: int | None = None, challenge: str = ""):
        super().__init__(message)
        self.status = status
        self.challenge = challenge


class _SigningDigestHandler(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that, once challenged, signs every later request up front (the
    nonce is reused with a growing count, as RFC 7616 allows). An unsigned PUT would carry its
    whole body only to be refused: Virtuoso even closes the connection before reading it."""

    challenge: dict[str, str] | None = None

    def retry_http_digest_auth(self, req: urllib.request.Request, auth: str) -> object:
        self.challenge = urllib.request.parse_keqv_list(
            [item for item in urllib.request.parse_http_list(auth.split(" ", 1)[1]) if item]
        )
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        if self.challenge is not None and not req.has_header(self.auth_header):
            signature = self.get_authorization(req, self.challenge)
            if signature:
                req.add_unredirected_header(self.auth_header, f"Digest {signature}")
        return req

    https_request = http_request


class GraphStore:
    """A client of one Graph Store HTTP Protocol endpoint; every failure is one GraphStoreError.

    With a user and password, a first request without a body learns which scheme the store asks
    for (Basic or Digest), so that no graph is sent only to be refused, or cut off half-way.
    """

    def __init__(self, url: str, credentials: Credentials | None = None, timeout: float = DEFAULT_TIMEOUT):
        check_url(url)
        self.url = url
        self.timeout = timeout
        self.credentials = credentials or Credentials()
        token = self.credentials.token
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        handlers = []
        if self.credentials.user:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, self.credentials.user, self.credentials.password or "")
            handlers.append(_SigningDigestHandler(passwords))
        self.opener = urllib.request.build_opener(*handlers)
        self.scheme_known = not self.credentials.user

    def _graph_url(self, graph: str) -> str:
        separator = "&" if "?" in self.url else "?"
        return f"{self.url}{separator}graph={urllib.parse.quote(graph, safe='')}"

    def _learn_scheme(self, graph: str) -> None:
        """HEAD the graph: a Digest challenge is answered by the handler (which then signs every
        request), a Basic one makes every request carry Basic credentials from now on."""
        self.scheme_known = True
        try:
            self.send("HEAD", graph)
        except GraphStoreError as error:
            if error.status in (None, 401):
                raise  # unreachable, or the credentials are refused; any other answer to HEAD is fine

    def _take_basic(self, error: GraphStoreError) -> bool:
        """Answer a Basic challenge by sending Basic credentials with every request from now on;
        False if there is nothing new to answer with."""
        if error.status != 401 or not error.challenge.lower().startswith("basic"):
            return False
        if not self.credentials.user or "Authorization" in self.headers:
            return False
        pair = f"{self.credentials.user}:{self.credentials.password}".encode()
        self.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        return True

    def send(self, method: str, graph: str, body: bytes | None = None) -> None:
        """One request about one graph, with credentials once the store has asked for them."""
        if not self.scheme_known:
            self._learn_scheme(graph)
        try:
            self._send(method, graph, body)
        except GraphStoreError as error:
            if not self._take_basic(error):
                raise
            self._send(method, graph, body)  # a store that lets anyone read but asks writers

    def _send(self, method: str, graph: str, body: bytes | None) -> None:
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = TURTLE
        request = urllib.request.Request(self._graph_url(graph), data=body, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            raise self._http_error(error) from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise self._timeout() from error
            raise GraphStoreError(f"cannot reach the graph store {self.url}: {error.reason}") from error
        except TimeoutError as error:
            raise self._timeout() from error
        except OSError as error:  # the connection dropped half-way
            raise GraphStoreError(f"the connection to the graph store {self.url} failed: {error}") from error
        except ValueError as error:  # urllib's Digest handler meets a scheme it does not know
            raise GraphStoreError(
                f"the graph store {self.url} asks for an unsupported authentication: {error}"
            ) from error

    def _timeout(self) -> GraphStoreError:
        return GraphStoreError(f"no answer from the graph store {self.url} within {self.timeout:g} s (see --timeout)")

    def _http_error(self, error: urllib.error.HTTPError) -> GraphStoreError:
        detail = f"HTTP {error.code}: {_gist(error)}"
        if error.code == 401 and self.credentials:
            given = "token" if self.credentials.token else "user name and password"
            message = f"the graph store {self.url} refused the {given} ({detail})"
        elif error.code == 401:
            message = f"the graph store {self.url} wants credentials ({detail}): give --user and --password, or a token"
        elif error.code == 403:
            message = f"the graph store {self.url} refuses the write ({detail})"
        elif error.code == 404:
            message = f"no graph store at {self.url} ({detail}): check --graph-store"
        else:
            message = f"the graph store {self.url} failed ({detail})"
        return GraphStoreError(message, error.code, error.headers.get("WWW-Authenticate", ""))

    def put(self, graph: str, body: bytes) -> None:
        """Replace one named graph with the given Turtle."""
        self.send("PUT", graph, body)

    def delete(self, graph: str) -> None:
        """Delete one named graph; 404, the protocol's answer for a graph the store lacks, is fine."""
        try:
            self.send("DELETE", graph)
        except GraphStoreError as error:
            if error.status != 404:
                raise


class AuthenticatedEngine(RemoteEngine):
    """The remote engine with credentials: Basic authentication or a bearer token."""

    def __init__(self, endpoint: str, credentials: Credentials | None = None, timeout: float = DEFAULT_TIMEOUT):
        super().__init__(endpoint, timeout)
        if credentials and credentials.token:
            self.client.addCustomHttpHeader("Authorization", f"Bearer {credentials.token}")
        elif credentials and credentials.user:
            self.client.setCredentials(credentials.user, credentials.password)


def plan_graphs(dataset: Dataset) -> tuple[dict[str, int], list[str]]:
    """The build's named graphs with their triple counts, and the plan graphs it lacks (empty kinds)."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    counts = {
        str(graph.identifier): len(graph) for graph in dataset.graphs() if graph.identifier != DATASET_DEFAULT_GRAPH_ID
    }
    plans = {
        name[len(GRAPH_BASE) :].rpartition("/")[0]
        for name in counts
        if name.startswith(GRAPH_BASE) and name.rpartition("/")[2] in GRAPH_KINDS
    }
    wanted = {str(graph_iri(plan, kind)) for plan in plans for kind in GRAPH_KINDS}
    present = {name: count for name, count in sorted(counts.items()) if count}
    return present, sorted(wanted - set(present))


def remote_counts(engine: RemoteEngine, graphs: list[str]) -> dict[str, int]:
    """Triples per named graph in the store, by one COUNT query (0 for a graph it does not have)."""
    values = " ".join(Term("uri", graph).n3() for graph in graphs)
    answer = engine.query(
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
    )
    if not isinstance(answer, Table):
        raise PlankgError(f"the endpoint {engine.endpoint} did not answer the COUNT query with rows")
    found = {row[0].value: int(row[1].value) for row in answer.rows if row[0] is not None and row[1] is not None}
    return {graph: found.get(graph, 0) for graph in graphs}


def _listed(graphs: list[str]) -> str:
    return ", ".join(f"<{graph}>" for graph in graphs) or "none"


def _stopped(loaded: list[str], graphs: list[str]) -> str:
    """Where a failed push left the store, so the user knows what it now holds."""
    if not loaded:
        return "nothing was loaded"
    missing = [graph for graph in graphs if graph not in loaded]
    return f"the push stopped half-way: loaded {_listed(loaded)}; not loaded {_listed(missing)}; run it again"


def push(
    build: Build,
    endpoint: str,
    graph_store: str | None = None,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[str], None] = lambda _: None,
) -> PushReport:
    """PUT every named graph of the build, delete the plan graphs it lacks, verify the counts."""
    start = time.perf_counter()
    credentials = credentials or Credentials()
    engine = AuthenticatedEngine(endpoint, credentials, timeout)
    client = GraphStore(graph_store or graph_store_url(endpoint, bool(credentials)), credentials, timeout)
    from rdflib import URIRef

    dataset = build.dataset  # the build as written: the literals `export trig` writes, not a store's rewrites
    counts, absent = plan_graphs(dataset)
    loaded: list[str] = []
    try:
        for graph, count in counts.items():
            progress(f"PUT <{graph}> ({count} triples)")
            client.put(graph, dataset.graph(URIRef(graph)).serialize(format="nt", encoding="utf-8"))
            loaded.append(graph)
        for graph in absent:
            progress(f"DELETE <{graph}> (not in this build)")
            client.delete(graph)
    except GraphStoreError as error:
        raise PlankgError(f"{error.message}; {_stopped(loaded, list(counts))}") from error
    progress(f"checking the triple counts at {endpoint}")
    try:
        remote = remote_counts(engine, [*counts, *absent])
    except PlankgError as error:
        raise PlankgError(f"every graph was sent, but the counts could not be checked: {error.message}") from error
    expected = {**counts, **dict.fromkeys(absent, 0)}
    wrong = [f"<{name}> has {remote[name]}, expected {n}" for name, n in expected.items() if remote[name] != n]
    if wrong:
        raise PlankgError(f"every graph was sent to {client.url}, but the store holds other counts: {'; '.join(wrong)}")
    return PushReport(client.url, counts, absent, time.perf_counter() - start)
