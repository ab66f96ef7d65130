"""Sharing the graph, checked against real servers on 127.0.0.1 that the tests start and stop:
an Oxigraph server (read-only and writable), Virtuoso where Debian's package is installed, and a
small stand-in store for the answers a real one rarely gives (401, 500 half-way, no answer)."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox
import pytest
import typer
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node
from typer.testing import CliRunner, Result

from plankg import cli_serve
from plankg.cli import app as plankg_app
from plankg.errors import PlankgError
from plankg.graph.engines import Engine, Table, Term
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.engines.remote import RemoteEngine
from plankg.graph.exporters import run_export
from plankg.graph.opened import Build, open_build, open_endpoint
from plankg.graph.push import Credentials, GraphStore, graph_store_url, push, remote_counts
from plankg.graph.server import OxigraphServer, start_server
from tests.conftest import TEST_DATA
from tests.servers import LOOPBACK, free_port, running_virtuoso
from tests.stand_in import Reply, Seen, StandIn
from tests.test_queries import CATALOGUE, comparable, run

STATED = "https://w3id.org/plankg/graph/xincheng-14th/stated"
INFERRED = "https://w3id.org/plankg/graph/xincheng-14th/inferred"
OTHER = "https://example.org/someone-elses-graph"


def ensure_port_free(host: str, port: int) -> None:
    """Nothing listens at host:port: a bind succeeds, as a server's would (SO_REUSEADDR, so a
    port left in TIME_WAIT counts as free)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def built_counts(out_dir: Path) -> dict[str, int]:
    """Triples per named graph as the build recorded them (not as the push counts them)."""
    return json.loads((out_dir / "build.json").read_text(encoding="utf-8"))["triples"]


def update(server: OxigraphServer, sparql: str) -> None:
    request = urllib.request.Request(
        server.update_url, data=sparql.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status in (200, 204)


def total(engine: RemoteEngine | OxigraphEngine) -> int:
    answer = engine.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(answer, Table)
    return int(answer.rows[0][0].value)


@pytest.fixture(scope="module")
def read_only(out_dir: Path) -> Iterator[OxigraphServer]:
    with start_server(out_dir / "plankg.trig", LOOPBACK, free_port()) as server:
        yield server


@pytest.fixture
def writable(out_dir: Path) -> Iterator[OxigraphServer]:
    with start_server(out_dir / "plankg.trig", LOOPBACK, free_port(), writable=True) as server:
        yield server


@pytest.fixture(scope="module")
def embedded(built: Build) -> Engine:
    return built.engine()


def sharing_app() -> typer.Typer:
    """The two commands as the lead will register them, in an app of their own."""
    app = typer.Typer()
    app.command("serve")(cli_serve.serve)
    app.command("push")(cli_serve.push)
    return app


# The endpoint answers as the embedded store does


# Known: Virtuoso 7.2 answers this one wrongly, and the ways around it tried so far fail too.
VIRTUOSO_MISREADS = {
    "targets": "Virtuoso 7.2 joins the baseline year of the grouped subquery wrongly: baselines come back empty",
    "topic": "Virtuoso 7.2 drops the goals a target serves through an OPTIONAL's indicator/measures path",
}


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_catalogue_query_answers_alike_on_every_engine(
    name: str, built: Build, read_only: OxigraphServer, pushed_virtuoso: str, embedded: OxigraphEngine
) -> None:
    """The embedded store's rows, with the examples bound, are the rows of `plankg serve`
    (Oxigraph's server) and of Virtuoso 7 after `plankg push` (and of rdflib: tests/test_queries.py)."""
    expected = comparable(run(embedded, name))
    assert expected, f"{name} --example gives no rows"
    assert comparable(run(RemoteEngine(read_only.query_url), name)) == expected, f"{name} on plankg serve"
    if name in VIRTUOSO_MISREADS:
        pytest.xfail(VIRTUOSO_MISREADS[name])
    assert comparable(run(RemoteEngine(pushed_virtuoso), name)) == expected, f"{name} on Virtuoso"


def test_query_and_sparql_commands_give_the_same_rows_remotely(read_only: OxigraphServer, out_dir: Path) -> None:
    runner = CliRunner()
    for command in (
        ["query", "goals-served", "-p", "node=城区老旧小区改造工程", "--format", "csv"],
        ["sparql", "SELECT ?pillar WHERE { ?p a plankg:Pillar ; rdfs:label ?pillar }", "--format", "csv"],
    ):
        local = runner.invoke(plankg_app, [*command, "--build", str(out_dir)])
        remote = runner.invoke(plankg_app, [*command, "--endpoint", read_only.query_url])
        assert local.exit_code == remote.exit_code == 0, local.output + remote.output
        assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())
        assert len(local.output.splitlines()) > 2


def test_the_query_page_is_served(read_only: OxigraphServer) -> None:
    with urllib.request.urlopen(read_only.url, timeout=10) as response:
        page = response.read().decode("utf-8")
    assert "yasgui" in page.lower()
    with urllib.request.urlopen(read_only.url + "yasgui.min.js", timeout=10) as response:
        assert response.status == 200, "the page's script comes with the server: it works offline"


def test_the_default_server_refuses_updates(read_only: OxigraphServer, out_dir: Path) -> None:
    engine = RemoteEngine(read_only.query_url)
    before = total(engine)
    with pytest.raises(urllib.error.HTTPError) as refused:
        update(read_only, "INSERT DATA { GRAPH <https://example.org/g> { <urn:a> <urn:b> <urn:c> } }")
    assert refused.value.code == 403
    with pytest.raises(PlankgError, match=r"refuses the write \(HTTP 403: The server is read-only\); nothing was"):
        push(open_build(out_dir), read_only.query_url)
    assert total(engine) == before == sum(built_counts(out_dir).values())


def _edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str, tuple[tuple[str, str], ...]]]:
    return {(s, o, key, tuple(sorted(data.items()))) for s, o, key, data in graph.edges(keys=True, data=True)}


def test_views_and_analysis_read_an_endpoint_as_they_read_the_build(
    read_only: OxigraphServer, built: Build, tmp_path: Path
) -> None:
    remote = open_endpoint(read_only.query_url)
    assert dict(remote.projection.nodes(data=True)) == dict(built.projection.nodes(data=True))
    assert _edges(remote.projection) == _edges(built.projection)
    assert remote.names == built.names
    runner = CliRunner()
    for command in (
        ["analyze", "central", "--format", "csv", "--top", "5"],
        ["analyze", "path", "城区老旧小区改造工程", "品质优", "--format", "csv"],
    ):
        local = runner.invoke(plankg_app, [*command, "--build", str(built.folder)])
        far = runner.invoke(plankg_app, [*command, "--endpoint", read_only.query_url])
        assert local.exit_code == far.exit_code == 0, local.output + far.output
        assert far.output == local.output
    pages = {}
    for source in (["--build", str(built.folder)], ["--endpoint", read_only.query_url]):
        page = tmp_path / f"goals-{len(pages)}.html"
        result = runner.invoke(plankg_app, ["viz", "goals", *source, "--out", str(page)])
        assert result.exit_code == 0, result.output
        pages[source[0]] = result.output.replace(str(page), "PAGE")
    assert pages["--build"] == pages["--endpoint"]  # "wrote PAGE: N nodes, M links"


# Push


def _remote_graph(engine: RemoteEngine, graph: str) -> Graph:
    """One named graph of an endpoint, term for term (language tag and datatype included)."""
    table = engine.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert isinstance(table, Table)
    result = Graph()
    for row in table.rows:
        s, p, o = (_rdflib_term(term) for term in row)
        result.add((s, p, o))
    return result


def _canonical(graph: Graph) -> Graph:
    """The graph with each literal in one lexical form where RDF allows several: language tags in
    lower case (BCP 47 tags are case-insensitive; a store may keep either) and each xsd:decimal in
    its canonical form (TriG writes 18 as `18.0`, a store keeps `18`). Datatypes, values and every
    other term are compared as they are."""
    result = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        elif isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        result.add((s, p, o))
    return result


def _rdflib_term(term: Term | None) -> Node:
    assert term is not None
    if term.kind == "uri":
        return URIRef(term.value)
    if term.kind == "bnode":
        return BNode(term.value)
    return Literal(term.value, lang=term.lang, datatype=URIRef(term.datatype) if term.datatype else None)


def test_a_pushed_store_holds_what_export_trig_writes(writable: OxigraphServer, out_dir: Path, tmp_path: Path) -> None:
    push(open_build(out_dir), writable.query_url)
    (trig,) = run_export("trig", out_dir, out=tmp_path / "export.trig")
    exported = Dataset()
    exported.parse(trig, format="trig")
    remote = RemoteEngine(writable.query_url)
    graphs = [graph for graph in exported.graphs() if len(graph) and isinstance(graph.identifier, URIRef)]
    assert {str(graph.identifier) for graph in graphs} == set(built_counts(out_dir))
    for graph in graphs:
        pushed = _canonical(_remote_graph(remote, str(graph.identifier)))
        assert isomorphic(pushed, _canonical(graph)), graph.identifier
    xincheng = URIRef("https://w3id.org/plankg/id/xincheng-14th/place-xincheng-district")
    pinyin = Literal("Xīnchéngqū", lang="zh-Latn-pinyin")
    assert (xincheng, RDFS.label, pinyin) in _remote_graph(remote, STATED)  # the tag compares case-insensitively
    start = remote.query("SELECT (DATATYPE(?n) AS ?t) WHERE { ?selector oa:start ?n } LIMIT 1")
    assert isinstance(start, Table) and start.rows[0][0] == Term("uri", str(XSD.integer))


def test_push_replaces_the_plan_graphs_and_nothing_else(writable: OxigraphServer, out_dir: Path) -> None:
    update(
        writable,
        f"INSERT DATA {{ GRAPH <{OTHER}> {{ <urn:a> <urn:b> 1, 2 }} GRAPH <{STATED}> {{ <urn:stale> <urn:b> 3 }} }}",
    )
    update(writable, f"DROP GRAPH <{INFERRED}>")
    report = push(open_build(out_dir), writable.query_url)
    assert report.graph_store == writable.store_url
    assert report.counts == built_counts(out_dir)
    remote = remote_counts(RemoteEngine(writable.query_url), [*built_counts(out_dir), OTHER])
    assert remote == {**built_counts(out_dir), OTHER: 2}
    assert not RemoteEngine(writable.query_url).query("ASK { <urn:stale> ?p ?o }")


def test_push_deletes_plan_graphs_the_build_no_longer_has(
    writable: OxigraphServer, out_dir: Path, tmp_path: Path
) -> None:
    store = ox.Store()
    store.load(path=str(out_dir / "plankg.trig"), format=ox.RdfFormat.TRIG)
    store.remove_graph(ox.NamedNode(INFERRED))  # as after `plankg build --reasoner none`
    unreasoned = tmp_path / "plankg.trig"
    store.dump(str(unreasoned), format=ox.RdfFormat.TRIG)
    report = push(Build(tmp_path, {}), writable.query_url)
    assert report.deleted == [INFERRED]
    assert INFERRED not in report.counts
    assert remote_counts(RemoteEngine(writable.query_url), [INFERRED]) == {INFERRED: 0}


def test_push_command(writable: OxigraphServer, out_dir: Path) -> None:
    result = CliRunner().invoke(sharing_app(), ["push", "--endpoint", writable.query_url, "--build", str(out_dir)])
    assert result.exit_code == 0, result.output
    for graph, count in built_counts(out_dir).items():
        assert f"{count:>8} triples  <{graph}>" in result.output
    assert f"the counts at {writable.query_url} match" in result.output


def test_every_option_has_help() -> None:
    group = typer.main.get_command(sharing_app())
    for name in ("serve", "push"):
        command = group.commands[name]  # type: ignore[attr-defined]
        assert command.help
        assert all(param.help for param in command.params if param.param_type_name == "option"), name
        assert CliRunner().invoke(sharing_app(), [name, "--help"]).exit_code == 0


# Failures: one clear message each


def one_error(result: Result) -> str:
    """The CLI's output for a failure: exit code 1 and one `error:` message, as one line."""
    assert result.exit_code == 1, result.output
    assert result.output.count("error:") == 1, result.output
    return " ".join(result.output.split())


def test_a_wrong_url_fails_cleanly(read_only: OxigraphServer, out_dir: Path) -> None:
    wrong = read_only.url + "nowhere/query"
    with pytest.raises(PlankgError, match=r"no graph store at .*/nowhere/data \(HTTP 404.*check --graph-store"):
        push(open_build(out_dir), wrong)
    with pytest.raises(PlankgError, match=f"the endpoint {wrong} refused the query"):
        RemoteEngine(wrong).query("ASK {}")
    message = one_error(CliRunner().invoke(plankg_app, ["sparql", "ASK {}", "--endpoint", wrong]))
    assert wrong in message
    message = one_error(
        CliRunner().invoke(sharing_app(), ["push", "--endpoint", "localhost:7878", "--build", str(out_dir)])
    )
    assert "not an http(s) URL: 'localhost:7878'" in message
    with pytest.raises(PlankgError, match="cannot tell the Graph Store URL that goes with"):
        push(open_build(out_dir), read_only.url + "elsewhere")


def test_a_stopped_server_fails_cleanly(out_dir: Path) -> None:
    server = start_server(out_dir / "plankg.trig", LOOPBACK, free_port(), writable=True)
    server.stop()
    assert not server.folder.exists(), "the store folder goes with the server"
    with pytest.raises(PlankgError, match=r"cannot reach the graph store .*Connection refused.*nothing was loaded"):
        push(open_build(out_dir), server.query_url)
    with pytest.raises(PlankgError, match=f"cannot reach the endpoint {server.query_url}"):
        RemoteEngine(server.query_url).query("ASK {}")
    message = one_error(
        CliRunner().invoke(sharing_app(), ["push", "--endpoint", server.query_url, "--build", str(out_dir)])
    )
    assert "cannot reach the graph store" in message


def test_a_taken_port_is_said_at_once(out_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        expected = f"port {port} on {LOOPBACK} is taken"
        with pytest.raises(PlankgError, match=expected):
            start_server(out_dir / "plankg.trig", LOOPBACK, port)
        leftovers = set(Path(tempfile.gettempdir()).glob("plankg-oxigraph-*"))
        result = CliRunner().invoke(sharing_app(), ["serve", "--port", str(port), "--build", str(out_dir)])
        assert expected in one_error(result)
        assert set(Path(tempfile.gettempdir()).glob("plankg-oxigraph-*")) == leftovers
    ensure_port_free(LOOPBACK, port)  # and free again once closed


def test_no_build_and_bad_credentials_are_clear(out_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"http://{LOOPBACK}:{free_port()}/query"
    no_build = runner.invoke(sharing_app(), ["push", "--endpoint", url, "--build", str(tmp_path)])
    assert "no build here: run `plankg build` first" in one_error(no_build)
    no_password = runner.invoke(sharing_app(), ["push", "--endpoint", url, "--user", "ana", "--build", str(out_dir)])
    assert "a password is needed for the user 'ana'" in one_error(no_password)
    both = runner.invoke(
        sharing_app(),
        ["push", "--endpoint", url, "--user", "ana", "--password", "pw", "--build", str(out_dir)],
        env={"PLANKG_TOKEN": "secret"},
    )
    assert "either a user and password or a token, not both" in one_error(both)


# The answers a real store rarely gives, from a stand-in


StoreAnswer = Callable[[str, str | None], tuple[int, dict[str, str]]]  # (method, Authorization) → status, headers


def store(stand_in: Callable[[Callable[[Seen], Reply]], StandIn], answer: StoreAnswer) -> StandIn:
    """A stand-in graph store: `answer` sees each request's method and credentials; a failure
    comes with an HTML page, as real stores send."""

    def reply(seen: Seen) -> Reply:
        status, headers = answer(seen.method, seen.headers.get("Authorization"))
        body = f"<html><h1>stand-in says {status}</h1></html>".encode() if status >= 400 else b""
        return Reply(status, headers, body)

    return stand_in(reply)


def requests(server: StandIn) -> list[tuple[str, str | None]]:
    """What the store was sent: each request's method and credentials."""
    return [(seen.method, seen.headers.get("Authorization")) for seen in server.seen]


BASIC_ANA = "Basic YW5hOnB3"  # ana:pw


def basic_only(method: str, auth: str | None) -> tuple[int, dict[str, str]]:
    if auth == BASIC_ANA:
        return 201, {}
    return 401, {"WWW-Authenticate": 'Basic realm="plans"'}


def test_basic_credentials_go_out_once_asked_for(stand_in: Callable[..., StandIn]) -> None:
    server = store(stand_in, basic_only)
    client = GraphStore(server.url, Credentials("ana", "pw"), timeout=5)
    client.put(STATED, b"<urn:a> <urn:b> <urn:c> .")
    client.put(INFERRED, b"<urn:a> <urn:b> <urn:c> .")
    # A HEAD without a body finds out the scheme: no graph travels twice.
    assert requests(server) == [("HEAD", None), ("HEAD", BASIC_ANA), ("PUT", BASIC_ANA), ("PUT", BASIC_ANA)]
    wrong = GraphStore(server.url, Credentials("ana", "nope"), timeout=5)
    with pytest.raises(PlankgError, match=r"refused the user name and password \(HTTP 401: Unauthorized\)"):
        wrong.put(STATED, b"")


def test_a_store_that_lets_anyone_read_still_gets_credentials_to_write(stand_in: Callable[..., StandIn]) -> None:
    server = store(stand_in, lambda method, auth: (200, {}) if method == "HEAD" else basic_only(method, auth))
    client = GraphStore(server.url, Credentials("ana", "pw"), timeout=5)
    client.put(STATED, b"<urn:a> <urn:b> <urn:c> .")
    client.put(INFERRED, b"<urn:a> <urn:b> <urn:c> .")
    assert requests(server) == [("HEAD", None), ("PUT", None), ("PUT", BASIC_ANA), ("PUT", BASIC_ANA)]


def test_a_token_from_the_environment_is_sent_as_bearer(
    stand_in: Callable[..., StandIn], out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = store(stand_in, lambda method, auth: (201, {}) if auth == "Bearer s3cret" else (403, {}))
    monkeypatch.setenv("TEAM_STORE_TOKEN", "s3cret")
    result = CliRunner().invoke(
        sharing_app(),
        [
            "push",
            "--endpoint",
            f"http://{LOOPBACK}:{free_port()}/query",  # nothing there: the count check fails after the PUTs
            "--graph-store",
            server.url,
            "--token-env",
            "TEAM_STORE_TOKEN",
            "--build",
            str(out_dir),
        ],
    )
    assert "every graph was sent, but the counts could not be checked: cannot reach the endpoint" in one_error(result)
    assert {auth for _, auth in requests(server)} == {"Bearer s3cret"}
    assert [method for method, _ in requests(server)] == ["PUT"] * len(built_counts(out_dir))


def test_a_push_that_fails_half_way_says_which_graphs_were_loaded(
    stand_in: Callable[..., StandIn], out_dir: Path
) -> None:
    puts = iter(range(100))
    server = store(stand_in, lambda method, auth: (201, {}) if next(puts) < 2 else (500, {}))
    graphs = sorted(built_counts(out_dir))
    with pytest.raises(PlankgError) as failed:
        push(open_build(out_dir), "http://127.0.0.1:1/query", graph_store=server.url, timeout=5)
    message = str(failed.value)
    assert "\n" not in message
    assert (
        f"failed (HTTP 500: stand-in says 500); the push stopped half-way: loaded <{graphs[0]}>, <{graphs[1]}>; "
        in (message)
    )
    assert f"not loaded <{graphs[2]}>, <{graphs[3]}>, <{graphs[4]}>; run it again" in message


def test_a_store_that_never_answers_times_out(out_dir: Path) -> None:
    with socket.socket() as silent:  # accepts connections (the kernel does) and never answers
        silent.bind((LOOPBACK, 0))
        silent.listen()
        url = f"http://{LOOPBACK}:{silent.getsockname()[1]}/store"
        start = time.monotonic()
        with pytest.raises(PlankgError, match=r"no answer from the graph store .* within 1 s .*nothing was loaded"):
            push(open_build(out_dir), url.replace("/store", "/query"), timeout=1)
        assert time.monotonic() - start < 10


def test_graph_store_urls_beside_the_usual_endpoints() -> None:
    assert graph_store_url("http://localhost:7878/query") == "http://localhost:7878/store"
    assert graph_store_url("http://h:3030/plans/sparql") == "http://h:3030/plans/data"
    assert graph_store_url("http://h:3030/plans/query/") == "http://h:3030/plans/data"
    assert graph_store_url("http://h:7200/repositories/plans") == "http://h:7200/repositories/plans/rdf-graphs/service"
    assert graph_store_url("http://h:8890/sparql") == "http://h:8890/sparql-graph-crud"
    assert graph_store_url("http://h:8890/sparql", authenticated=True) == "http://h:8890/sparql-graph-crud-auth"


# `plankg serve` as a user runs it: a process that prints its URL and stops on Ctrl-C


def pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    """Hand a process's output over line by line, so the test waits for a line with a timeout."""
    for line in stream:
        lines.put(line)


def start_serve(out_dir: Path, port: int) -> tuple[subprocess.Popen[str], list[str], queue.Queue[str]]:
    """`plankg serve` in a process of its own, once it says it is up: the process, what it has
    printed, and the rest of its output as it comes. A server that does not come up is killed."""
    command = [
        sys.executable,
        "-c",
        "import typer; from plankg.cli_serve import serve; typer.run(serve)",
        *("--port", str(port), "--build", str(out_dir), "--data", str(TEST_DATA)),
    ]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=pump, args=(process.stdout, lines), daemon=True).start()
    printed: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while not printed or "Ctrl-C" not in printed[-1]:  # the server is up once the command says so
            assert process.poll() is None or not lines.empty(), process.stderr.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, f"no Ctrl-C line within 60 s; printed: {printed}"
            with contextlib.suppress(queue.Empty):
                printed.append(lines.get(timeout=0.5))
    except BaseException:
        process.kill()
        process.wait(timeout=10)
        raise
    return process, printed, lines


def test_serve_prints_the_endpoint_and_stops_on_ctrl_c(out_dir: Path) -> None:
    port = free_port()
    process, printed, lines = start_serve(out_dir, port)
    try:
        url = f"http://{LOOPBACK}:{port}/query"
        assert RemoteEngine(url, timeout=5).query("ASK { ?s a plankg:Pillar }") is True
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, process.stderr.read()  # type: ignore[union-attr]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    stdout = "".join(printed) + "".join(lines.get(timeout=5) for _ in range(2))
    assert f"SPARQL endpoint: {url}" in stdout
    assert f"query page:      http://{LOOPBACK}:{port}/" in stdout
    assert "read-only" in stdout and stdout.rstrip().endswith("stopping\nstopped")
    ensure_port_free(LOOPBACK, port)  # nothing listens any more


def test_serve_builds_first_when_there_is_no_build(
    out_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[Path] = []

    def build_by_copying(data: Path, out: Path) -> None:
        builds.append(data)
        shutil.copytree(out_dir, out)

    monkeypatch.setattr(cli_serve, "build_with_progress", build_by_copying)
    trig = cli_serve._built(tmp_path / "out", TEST_DATA)
    assert builds == [TEST_DATA] and trig == tmp_path / "out" / "plankg.trig" and trig.is_file()
    cli_serve._built(tmp_path / "out", TEST_DATA)
    assert builds == [TEST_DATA], "an existing build is served as it is"


# Virtuoso (Debian's virtuoso-opensource), where it is installed: tests/servers.py starts it


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def pushed_virtuoso(virtuoso: str, out_dir: Path) -> str:
    """Virtuoso holding the build, loaded by `plankg push` as a user would."""
    push(open_build(out_dir), virtuoso, credentials=Credentials("dba", "dba"))
    return virtuoso


def test_push_into_virtuoso(virtuoso: str, out_dir: Path) -> None:
    trig = open_build(out_dir)
    with pytest.raises(PlankgError, match=r"refuses the write \(HTTP 403: .*Permission denied.*nothing was loaded"):
        push(trig, virtuoso)  # anonymous: Virtuoso's open graph store may read only
    with pytest.raises(PlankgError, match=r"refused the user name and password \(HTTP 401"):
        push(trig, virtuoso, credentials=Credentials("dba", "wrong"))
    report = push(trig, virtuoso, credentials=Credentials("dba", "dba"))  # Digest, on /sparql-graph-crud-auth
    assert report.graph_store.endswith("/sparql-graph-crud-auth")
    assert report.counts == built_counts(out_dir)
    again = push(trig, virtuoso, credentials=Credentials("dba", "dba"))
    assert remote_counts(RemoteEngine(virtuoso), list(again.counts)) == built_counts(out_dir), "replaced, not added"


def test_an_endpoint_whose_rows_cannot_be_right_is_an_error(stand_in: Callable[..., StandIn], tmp_path: Path) -> None:
    """An endpoint that answers the catalogue with an empty label (as Virtuoso 7 does when it
    misreads a query) gets exit status 1 and one line naming it, not a table."""

    def reply(seen: Seen) -> Reply:
        if "SELECT" not in seen.sparql.upper():  # the resolver asks whether the node is there: yes
            document: dict[str, object] = {"head": {}, "boolean": True}
        else:
            row = {name: {"type": "literal", "value": value} for name, value in (("label", ""), ("basis", "stated"))}
            document = {"head": {"vars": ["role", "label", "basis", "quote"]}, "results": {"bindings": [row]}}
        body = json.dumps(document).encode()
        return Reply(200, {"Content-Type": "application/sparql-results+json"}, body)

    server = stand_in(reply)
    node = "https://w3id.org/plankg/id/xincheng-14th/m-c08-s07-p09-joint-meeting"
    result = CliRunner().invoke(
        plankg_app, ["query", "participants", "-p", f"node={node}", "--endpoint", server.url, "--build", str(tmp_path)]
    )
    assert result.exit_code == 1, result.output
    expected = "participants answered row 1 without label, which every row has: the engine misread the query"
    assert one_error(result) == f"error: {server.url}: {expected}, so its rows are not shown"
