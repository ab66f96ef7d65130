"""Faults at the edge of the graph: endpoints that answer something other than SPARQL results,
URLs that are not http(s), updates, and the user's own text in error messages.

Every stand-in endpoint is an HTTP server on 127.0.0.1 with a port from the kernel, answering
from a script; each request is bounded in time, and the server stops with its fixture.
"""

from __future__ import annotations

import http.server
import re
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from typer.testing import CliRunner, Result

from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.engines.rdflib import RdflibEngine
from plankg.graph.opened import MANIFEST_FILE, TRIG_FILE, open_endpoint

LOOPBACK = "127.0.0.1"
STATED = "https://w3id.org/plankg/graph/xincheng-14th/stated"
RESULTS = {"Content-Type": "application/sparql-results+json"}


@dataclass(frozen=True)
class Reply:
    """What a stand-in answers: a status, headers and a body, or raw bytes that are not HTTP."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    raw: bytes | None = None


@dataclass(frozen=True)
class Seen:
    """A request a stand-in received: its method, the SPARQL text (query or update) and headers."""

    method: str
    sparql: str
    headers: dict[str, str]


class StandIn(http.server.ThreadingHTTPServer):
    """An endpoint (or graph store) that answers every request from a script and records it."""

    def __init__(self, reply: Callable[[Seen], Reply]):
        super().__init__((LOOPBACK, 0), StandInHandler)
        self.reply = reply
        self.seen: list[Seen] = []

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.server_address[1]}/sparql"


class StandInHandler(http.server.BaseHTTPRequestHandler):
    server: StandIn
    timeout = 5  # a request that stalls is dropped, so the server always stops

    def _reply(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        sent = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query) | urllib.parse.parse_qs(body)
        sparql = (sent.get("query") or sent.get("update") or [""])[0]
        seen = Seen(self.command, sparql, dict(self.headers.items()))
        self.server.seen.append(seen)
        reply = self.server.reply(seen)
        if reply.raw is not None:
            self.wfile.write(reply.raw)
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in {**reply.headers, "Content-Length": str(len(reply.body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _reply

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read `seen` instead."""


@pytest.fixture
def stand_in() -> Iterator[Callable[[Callable[[Seen], Reply]], StandIn]]:
    started: list[StandIn] = []

    def start(reply: Callable[[Seen], Reply]) -> StandIn:
        server = StandIn(reply)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tiny_build(tmp_path: Path) -> Path:
    """A build folder holding one triple: what the commands open, without building the plan."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / MANIFEST_FILE).write_text("{}", encoding="utf-8")
    (folder / TRIG_FILE).write_text(f"<{STATED}> {{ <urn:a> <urn:b> <urn:c> . }}\n", encoding="utf-8")
    return folder


def one_line_error(result: Result) -> str:
    """A command that failed as a user's problem should: exit 1, one line on stderr, no traceback."""
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash the runner caught
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


# Updates, refused alike everywhere

UPDATES = {
    "INSERT": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE": "PREFIX ex: <urn:ex:>\nDELETE WHERE { ?s ex:p ?o }",
    "LOAD": "# fetch a graph\nLOAD <http://example.org/plan.ttl>",
    "DROP": "drop all",
}
REFUSED = "are not accepted: plankg runs read-only queries (SELECT, ASK, CONSTRUCT, DESCRIBE)"


@pytest.mark.parametrize(("keyword", "update"), UPDATES.items(), ids=UPDATES)
def test_every_engine_refuses_an_update_before_running_it(
    stand_in: Callable[..., StandIn], keyword: str, update: str
) -> None:
    server = stand_in(lambda seen: Reply(200, RESULTS, b'{"head": {}, "boolean": true}'))
    for engine in (OxigraphEngine(ox.Store()), RdflibEngine(Dataset()), open_endpoint(server.url).engine()):
        with pytest.raises(PlankgError, match=re.escape(f"updates ({keyword}) {REFUSED}")):
            engine.query(update)
    assert server.seen == [], "the update never reaches the endpoint"


@pytest.mark.parametrize("engine", ["embedded", "rdflib", "endpoint"])
def test_plankg_sparql_refuses_an_update(stand_in: Callable[..., StandIn], tiny_build: Path, engine: str) -> None:
    server = stand_in(lambda seen: Reply(200, RESULTS, b'{"head": {}, "boolean": true}'))
    where = ["--endpoint", server.url] if engine == "endpoint" else ["--build", str(tiny_build), "--engine", engine]
    result = CliRunner().invoke(app, ["sparql", UPDATES["INSERT"], *where])
    assert f"updates (INSERT) {REFUSED}" in one_line_error(result)
    assert server.seen == []


# The user's own text in messages

BROKEN_ON_LINE_3 = "SELECT ?s\nWHERE {\n  ?s rdfs:label ?o ..\n}"


def test_an_rdflib_syntax_error_gives_the_users_own_line(tiny_build: Path) -> None:
    engine = RdflibEngine(Dataset())
    with pytest.raises(PlankgError, match=r"\(line:3, col:\d+\)"):
        engine.query(BROKEN_ON_LINE_3)
    assert engine.query("ASK { FILTER(rdfs:label = <http://www.w3.org/2000/01/rdf-schema#label>) }") is True, (
        "the usual prefixes are still declared"
    )
    result = CliRunner().invoke(app, ["sparql", BROKEN_ON_LINE_3, "--build", str(tiny_build), "--engine", "rdflib"])
    assert "(line:3, col:" in one_line_error(result)
