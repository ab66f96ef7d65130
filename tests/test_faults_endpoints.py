"""Faults at the edge of the graph: endpoints that answer something other than SPARQL results,
URLs that are not http(s), updates, and the user's own text in error messages.

Every stand-in endpoint is an HTTP server on 127.0.0.1 with a port from the kernel, answering
from a script; each request is bounded in time, and the server stops with its fixture.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from typer.testing import CliRunner, Result

from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph.engines import Table, Term
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.engines.rdflib import RdflibEngine
from plankg.graph.opened import MANIFEST_FILE, TRIG_FILE, open_endpoint
from plankg.queries.catalogue import load_catalogue
from plankg.queries.runner import run_catalogue_query
from tests.stand_in import LOOPBACK, Reply, Seen, StandIn

STATED = "https://w3id.org/plankg/graph/xincheng-14th/stated"
RESULTS = {"Content-Type": "application/sparql-results+json"}
NO_ROWS = b'{"head": {"vars": []}, "results": {"bindings": []}}'
PAGE = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>" + b"<p>Please sign in.</p>" * 200


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


# Answers that are not SPARQL results

GARBAGE = {
    "html page": (
        Reply(200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
        r"did not answer with SPARQL results \(expected application/sparql-results\+json\): "
        r"HTTP 200, text/html; charset=utf-8, '<!DOCTYPE html>.*'… \(\d+ characters\)$",
    ),
    "truncated json": (
        Reply(200, RESULTS, b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "val'),
        r"did not answer with SPARQL results \(Unterminated string .*\): "
        r"HTTP 200, application/sparql-results\+json, '\{\"head\": \{\"vars\"",
    ),
    "json without head": (
        Reply(200, RESULTS, b'{"results": {"bindings": []}}'),
        r"did not answer with SPARQL results \(no head\.vars list of names\)",
    ),
    "binding that is no term": (
        Reply(200, RESULTS, b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": "urn:a"}]}}'),
        r"did not answer with SPARQL results \(a binding that is not an RDF term: '\"urn:a\"'\)",
    ),
    "server error": (
        Reply(500, {"Content-Type": "text/html"}, PAGE),
        r"failed on the query: HTTP 500, text/html, '<!DOCTYPE html>.*'… \(\d+ characters\)$",
    ),
    "no content": (Reply(204), r"did not answer with SPARQL results \(.*\): HTTP 204, no Content-Type, no body$"),
    "redirect to file": (
        Reply(302, {"Location": "file:///etc/passwd"}),
        r"redirected to 'file:///etc/passwd' \(HTTP 302\), which is not followed: only http\(s\) is$",
    ),
    "redirect to ftp": (
        Reply(301, {"Location": "ftp://127.0.0.1:9/plans"}),
        r"redirected to 'ftp://127\.0\.0\.1:9/plans' \(HTTP 301\), which is not followed",
    ),
    "not http": (Reply(raw=b"SSH-2.0-OpenSSH_9.2\r\n"), r"broke off its answer: BadStatusLine"),
    "cut off": (
        Reply(raw=b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 900\r\n\r\n{"),
        r"broke off its answer: IncompleteRead",
    ),
}


@pytest.mark.parametrize(("reply", "expected"), GARBAGE.values(), ids=GARBAGE)
def test_an_answer_that_is_not_sparql_results_is_one_line_naming_the_endpoint(
    stand_in: Callable[..., StandIn], reply: Reply, expected: str
) -> None:
    server = stand_in(lambda seen: reply)
    with pytest.raises(PlankgError) as raised:
        open_endpoint(server.url, timeout=5).engine().query("SELECT ?s WHERE { ?s ?p ?o }")
    message = str(raised.value)
    assert message.startswith(f"the endpoint {server.url} "), message
    assert re.search(expected, message), message
    assert "\n" not in message and len(message) < 300, "what came back is cut short"


@pytest.mark.parametrize(
    "command", [["sparql", "SELECT ?s WHERE { ?s ?p ?o }"], ["query", "targets"]], ids=["sparql", "query"]
)
@pytest.mark.parametrize(("reply", "expected"), GARBAGE.values(), ids=GARBAGE)
def test_the_commands_say_in_one_line_what_the_endpoint_sent(
    stand_in: Callable[..., StandIn], command: list[str], reply: Reply, expected: str
) -> None:
    server = stand_in(lambda seen: reply)
    message = one_line_error(CliRunner().invoke(app, [*command, "--endpoint", server.url]))
    assert f"the endpoint {server.url} " in message
    assert re.search(expected, message), message


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (Reply(200, {"Content-Type": "text/html"}, PAGE), r"did not answer with RDF \(expected an RDF type"),
        (Reply(200, {"Content-Type": "text/turtle"}, b"<urn:a> <urn:b> "), r"did not answer with RDF \(.+\): HTTP 200"),
        (
            Reply(200, {"Content-Type": "application/trig"}, b"<urn:g> { <urn:a> <urn:b> <urn:c> . }"),
            r"did not answer with RDF \(.+\): HTTP 200, application/trig",
        ),
    ],
    ids=["html page", "broken turtle", "named graphs"],
)
def test_a_construct_answer_must_be_rdf(stand_in: Callable[..., StandIn], reply: Reply, expected: str) -> None:
    server = stand_in(lambda seen: reply)
    with pytest.raises(PlankgError, match=f"^the endpoint {re.escape(server.url)} {expected}"):
        open_endpoint(server.url, timeout=5).engine().query("CONSTRUCT WHERE { ?s ?p ?o }")


def test_real_answers_are_read_and_a_graph_comes_back_as_n_triples(stand_in: Callable[..., StandIn]) -> None:
    rows = """{"head": {"vars": ["s", "label", "n", "unbound"]}, "results": {"bindings": [
      {"s": {"type": "bnode", "value": "b0"}, "label": {"type": "literal", "value": "生态", "xml:lang": "zh"},
       "n": {"type": "typed-literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}"""
    answers = {
        "SELECT": Reply(200, {"Content-Type": "application/sparql-results+json; charset=utf-8"}, rows.encode()),
        "ASK": Reply(200, {"Content-Type": "application/json"}, b'{"head": {}, "boolean": true}'),
        "CONSTRUCT": Reply(200, {"Content-Type": "text/turtle"}, b'@prefix ex: <urn:ex:> .\nex:a ex:b "c"@en .'),
    }
    server = stand_in(lambda seen: answers[next(form for form in answers if f"{form} " in seen.sparql)])
    engine = open_endpoint(server.url, timeout=5).engine()
    table = engine.query("SELECT ?s ?label ?n ?unbound WHERE { ?s rdfs:label ?label }")
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    assert table == Table(
        ["s", "label", "n", "unbound"],
        [(Term("bnode", "b0"), Term("literal", "生态", lang="zh"), Term("literal", "3", datatype=integer), None)],
    )
    assert engine.query("ASK { ?s ?p ?o }") is True
    assert engine.query("CONSTRUCT WHERE { ?s ?p ?o }") == '<urn:ex:a> <urn:ex:b> "c"@en .\n'
    assert "text/turtle" in server.seen[-1].headers["Accept"], "a graph is asked for in a syntax that is parsed"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[::1", "not a valid URL: 'http://[::1' (Invalid IPv6 URL)"),
        ("http://127.0.0.1:port/sparql", "not a valid URL: 'http://127.0.0.1:port/sparql'"),
        ("ftp://127.0.0.1/plans", "not an http(s) URL: 'ftp://127.0.0.1/plans'"),
        ("file:///etc/passwd", "not an http(s) URL: 'file:///etc/passwd'"),
    ],
)
def test_an_endpoint_url_that_is_not_http_is_refused_before_any_request(url: str, expected: str) -> None:
    with pytest.raises(PlankgError, match=re.escape(expected)):
        open_endpoint(url).engine()
    assert expected in one_line_error(CliRunner().invoke(app, ["sparql", "ASK {}", "--endpoint", url]))


def test_an_endpoint_that_never_answers_times_out() -> None:
    with socket.socket() as silent:  # the kernel accepts the connection; nothing ever answers
        silent.bind((LOOPBACK, 0))
        silent.listen()
        url = f"http://{LOOPBACK}:{silent.getsockname()[1]}/sparql"
        start = time.monotonic()
        with pytest.raises(PlankgError, match=f"^the endpoint {re.escape(url)} did not answer within 1 s$"):
            open_endpoint(url, timeout=1).engine().query("ASK {}")
        assert time.monotonic() - start < 10


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


def test_a_very_long_value_is_echoed_cut_short(stand_in: Callable[..., StandIn]) -> None:
    long = "x" * 10_000
    cut = f"{long[:80]!r}… (10000 characters)"
    with pytest.raises(PlankgError) as raised:
        run_catalogue_query(OxigraphEngine(ox.Store()), load_catalogue()["serves-goal"], {"goal": long})
    assert str(raised.value) == f"goal: nothing in the graph is called {cut}"

    def nothing_there(seen: Seen) -> Reply:
        return Reply(200, RESULTS, b'{"head": {}, "boolean": false}' if "ASK" in seen.sparql else NO_ROWS)

    server = stand_in(nothing_there)
    runner = CliRunner()
    for arguments, expected in [
        (["serves-goal", "-p", f"goal={long}"], f"goal: nothing in the graph is called {cut}"),
        (["targets", "-p", long], f"--param takes NAME=VALUE, got {cut}"),
        ([long], f"no query {cut} in the catalogue"),
    ]:
        message = one_line_error(runner.invoke(app, ["query", *arguments, "--endpoint", server.url]))
        assert expected in message and len(message) < 400


# Credentials a store refuses


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["--user", "ana", "--password", "wrong"], "refused the user name and password (HTTP 401: Unauthorized)"),
        (["--token-env", "PLANKG_TEST_TOKEN"], "refused the token (HTTP 401: Unauthorized)"),
        ([], "wants credentials (HTTP 401: Unauthorized): give --user and --password, or a token"),
    ],
    ids=["user and password", "token", "none"],
)
def test_refused_credentials_are_told_from_missing_ones(
    stand_in: Callable[..., StandIn],
    tiny_build: Path,
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    expected: str,
) -> None:
    monkeypatch.delenv("PLANKG_TOKEN", raising=False)
    monkeypatch.delenv("PLANKG_PASSWORD", raising=False)
    monkeypatch.setenv("PLANKG_TEST_TOKEN", "expired")
    server = stand_in(lambda seen: Reply(401, {"WWW-Authenticate": 'Basic realm="plans"'}))
    result = CliRunner().invoke(
        app, ["push", "--endpoint", server.url, "--graph-store", server.url, *arguments, "--build", str(tiny_build)]
    )
    message = one_line_error(result)
    assert f"the graph store {server.url} {expected}; nothing was loaded" in message
