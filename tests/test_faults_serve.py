"""`plankg serve` under faults: a query that runs away, SERVICE, a foreign Host header, a server
killed or stopped by a signal, and sixteen clients at once. Every server here listens on
127.0.0.1, is bounded in time, and is stopped by its fixture or its test."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.serve_load import ServerProcess, expected_rows, load
from plankg.graph import server as server_module
from plankg.graph.gateway import answered_hosts
from plankg.graph.scratch import scratch_folder, sweep_stale
from plankg.graph.server import OXIGRAPH_LAG, RUNAWAY_GRACE, OxigraphServer, start_server
from plankg.graph.sparql_text import calls_service
from tests.stand_in import Reply, Seen, StandIn
from tests.test_serve import LOOPBACK, free_port, sharing_app, start_serve

TIMEOUT = 2  # seconds a query may run on the servers here
MARGIN = 1.5  # seconds a timed-out client may wait beyond the timeout for its error
PILLAR = "ASK { ?s a <https://w3id.org/plankg/ontology#Pillar> }"
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
LOAD_CLIENTS = 16
LOAD_QUERIES = 200  # 1,000 take about two minutes on this 2-core machine; `benchmarks/serve_load.py` runs those


def url_of(server: OxigraphServer, query: str) -> str:
    return server.query_url + "?" + urllib.parse.urlencode({"query": query})


def answer(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """Status and body of an answer, error answers included."""
    sent = {"Accept": "application/sparql-results+json", **(headers or {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=sent), timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far (None once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def running(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_idle(server: OxigraphServer) -> None:
    """Until Oxigraph uses no CPU (a previous test's query may still be ending)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        assert server.process is not None
        before = cpu_seconds(server.process.pid) or 0.0
        time.sleep(0.5)
        if (cpu_seconds(server.process.pid) or 0.0) - before < 0.05:
            return
    pytest.fail("Oxigraph was still busy after 15 s")


@pytest.fixture(scope="module")
def guarded(out_dir: Path) -> Iterator[OxigraphServer]:
    with start_server(out_dir / "plankg.trig", LOOPBACK, free_port(), timeout=TIMEOUT) as server:
        yield server


# Runaway queries

RUNAWAYS = {
    # (query, whether Oxigraph ignores its own timeout and must be replaced)
    "one Oxigraph cancels at its timeout": (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?a) < STR(?d)) }",
        False,
    ),
    "one Oxigraph does not cancel": ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", True),
}


@pytest.mark.parametrize("name", sorted(RUNAWAYS))
def test_a_runaway_query_is_stopped_while_other_clients_are_answered(name: str, guarded: OxigraphServer) -> None:
    query, replaced = RUNAWAYS[name]
    wait_idle(guarded)
    first = guarded.process
    assert first is not None
    result: dict[str, tuple[int, bytes]] = {}
    runaway = threading.Thread(target=lambda: result.setdefault("answer", answer(url_of(guarded, query))))
    start = time.monotonic()
    runaway.start()
    time.sleep(TIMEOUT / 2)
    small = time.monotonic()
    status, body = answer(url_of(guarded, PILLAR))
    assert status == 200 and json.loads(body)["boolean"] is True
    assert time.monotonic() - small < 1.0 and runaway.is_alive(), "a second client is answered meanwhile"
    runaway.join(timeout=TIMEOUT + MARGIN + 10)
    waited = time.monotonic() - start
    status, body = result["answer"]
    assert status == 503 and f"did not finish within {TIMEOUT} s".encode() in body, body
    assert waited < TIMEOUT + MARGIN
    busy = cpu_seconds(first.pid)
    assert busy is not None and busy > 0.3, "the query kept Oxigraph busy until then"

    time.sleep(max(0.0, start + TIMEOUT + OXIGRAPH_LAG + RUNAWAY_GRACE + 1 - time.monotonic()))
    now = guarded.process
    assert now is not None
    pids = {first.pid, now.pid}
    before = {pid: cpu_seconds(pid) for pid in pids}
    time.sleep(1.0)
    after = {pid: cpu_seconds(pid) for pid in pids}
    for pid in pids:
        was, now_used = before[pid], after[pid]
        if was is not None and now_used is not None:  # else it is gone
            assert now_used - was < 0.2, f"Oxigraph {pid} still computes: {now_used - was:.2f} s of CPU in 1 s"
    assert (now is not first) == replaced
    assert (first.poll() is not None) == replaced, "the Oxigraph that ignored its timeout is stopped"
    assert answer(url_of(guarded, PILLAR))[0] == 200


def test_an_answer_cut_by_the_timeout_shows_as_cut(guarded: OxigraphServer) -> None:
    wait_idle(guarded)
    endless = url_of(guarded, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    start = time.monotonic()
    with urllib.request.urlopen(endless, timeout=30) as response:
        assert response.status == 200  # the answer had begun when the timeout came
        with pytest.raises(http.client.IncompleteRead):
            while response.read(1 << 16):
                pass
    assert time.monotonic() - start < TIMEOUT + MARGIN


# SERVICE: refused unless --federation


FAR_ROW = {
    "head": {"vars": ["x"]},
    "results": {"bindings": [{"x": {"type": "literal", "value": "from the far endpoint"}}]},
}


@pytest.fixture
def far(stand_in: Callable[[Callable[[Seen], Reply]], StandIn]) -> StandIn:
    """A remote SPARQL endpoint on 127.0.0.1 with one row, recording what it is asked."""
    body = json.dumps(FAR_ROW).encode()
    return stand_in(lambda seen: Reply(200, {"Content-Type": "application/sparql-results+json"}, body))


def service_requests(server: OxigraphServer, far: str) -> dict[str, tuple[str, bytes | None, dict[str, str]]]:
    """One SERVICE call in each way a request can carry a query: (URL, body, headers)."""
    query = f"SELECT ?x WHERE {{ SERVICE <{far}> {{ ?s ?p ?x }} }}"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    return {
        "GET": (url_of(server, query), None, {}),
        "GET, lower case": (url_of(server, query.replace("SERVICE", "service")), None, {}),
        "GET, \\u escaped": (url_of(server, query.replace("SERVICE", "\\u0053ERVICE")), None, {}),
        "POST form": (server.query_url, urllib.parse.urlencode({"query": query}).encode(), form),
        "POST form, query in the URL": (url_of(server, query), b"union-default-graph=", form),
        "POST sparql-query": (server.query_url, query.encode(), {"Content-Type": "application/sparql-query"}),
        "POST update": (
            server.update_url,
            urllib.parse.urlencode(
                {"update": f"INSERT {{ ?s ?p ?x }} WHERE {{ SERVICE <{far}> {{ ?s ?p ?x }} }}"}
            ).encode(),
            form,
        ),
    }


def test_service_is_refused_by_default_however_the_query_comes(guarded: OxigraphServer, far: StandIn) -> None:
    for way, (url, data, headers) in service_requests(guarded, far.url).items():
        status, body = answer(url, data, headers)
        assert status == 403 and b"SERVICE is off" in body and b"--federation" in body, (way, body)
    assert far.seen == [], "nothing was fetched"
    named = "SELECT ?service WHERE { ?service a <https://w3id.org/plankg/ontology#Pillar> } LIMIT 1"
    assert answer(url_of(guarded, named))[0] == 200, "a variable called ?service is no SERVICE"


def test_service_is_forwarded_with_federation(out_dir: Path, far: StandIn) -> None:
    with start_server(out_dir / "plankg.trig", LOOPBACK, free_port(), timeout=TIMEOUT, federation=True) as server:
        for way, (url, data, headers) in service_requests(server, far.url).items():
            if way == "POST update":
                continue  # read-only: Oxigraph refuses the update itself
            if "escaped" in way:
                continue  # Oxigraph reads escapes only in strings and IRIs: a syntax error to it, refused here
            status, body = answer(url, data, headers)
            assert status == 200 and "from the far endpoint" in body.decode(), (way, body)
    assert len(far.seen) == 5


@pytest.mark.parametrize(
    ("text", "calls"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("select * { service silent <http://x/> { } }", True),
        ("SELECT * { \\u0053ERVICE <http://x/> { } }", True),
        ("SELECT * { ?s ?p ?o .SERVICE<http://x/> { } }", True),
        ("SELECT ?service { ?service ?p $service }", False),
        ("SELECT * { ?s ex:service ex:my-service, _:service, 'x'@service }", False),
        ("PREFIX service: <urn:x:> SELECT * { ?s service:p ?o }", False),
        ("SELECT * { ?s rdfs:label 'SERVICE <http://x/>' } # SERVICE", False),
    ],
)
def test_what_counts_as_calling_service(text: str, calls: bool) -> None:
    assert calls_service(text) is calls


# Host: a loopback endpoint answers loopback names only (DNS rebinding)


def status_with_host(server: OxigraphServer, host: str | None, path: str = "/query?query=ASK%7B%7D") -> int:
    connection = http.client.HTTPConnection(LOOPBACK, server.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        if response.status == 403:
            assert b"unexpected Host" in body
        return response.status
    finally:
        connection.close()


def test_a_foreign_host_is_refused_and_loopback_names_are_answered(guarded: OxigraphServer) -> None:
    port = guarded.port
    for host in ("127.0.0.1", f"127.0.0.1:{port}", "localhost", f"LOCALHOST:{port}", f"[::1]:{port}", "[::1]"):
        assert status_with_host(guarded, host) == 200, host
    for host in ("evil.example", f"evil.example:{port}", f"localhost.evil.example:{port}", "127.0.0.1:x", "", None):
        assert status_with_host(guarded, host) == 403, host
        assert status_with_host(guarded, host, "/") == 403, f"the query page too: {host}"


def raw_status(server: OxigraphServer, head: str, body: bytes = b"") -> tuple[int, bytes]:
    """The status and body of an answer to a request written byte for byte."""
    with socket.create_connection((LOOPBACK, server.port), timeout=10) as connection:
        connection.sendall(head.replace("\n", "\r\n").encode() + body)
        response = http.client.HTTPResponse(connection)
        response.begin()
        return response.status, response.read()


def test_a_body_the_gateway_cannot_frame_as_oxigraph_would_is_refused(guarded: OxigraphServer) -> None:
    """Oxigraph must read the body the gateway checked for SERVICE, no other."""
    host = f"Host: 127.0.0.1:{guarded.port}\nContent-Type: application/sparql-query\n"
    chunked = raw_status(
        guarded, f"POST /query HTTP/1.1\n{host}Transfer-Encoding: chunked\n\n", b"5\r\nASK{}\r\n0\r\n\r\n"
    )
    assert chunked[0] == 411
    twice = raw_status(guarded, f"POST /query HTTP/1.1\n{host}Content-Length: 5\nContent-Length: 50\n\n", b"ASK{}")
    assert twice[0] == 400 and b"invalid Content-Length" in twice[1]
    assert raw_status(guarded, f"POST /query HTTP/1.1\n{host}Content-Length: 5\n\n", b"ASK{}")[0] == 200


def test_the_host_names_answered_by_where_the_endpoint_listens() -> None:
    assert answered_hosts("127.0.0.1", "127.0.0.1") == {"localhost", "127.0.0.1", "[::1]"}
    assert answered_hosts("127.0.0.2", "127.0.0.2") == {"localhost", "127.0.0.1", "[::1]", "127.0.0.2"}
    assert answered_hosts("localhost", "127.0.0.1") == {"localhost", "127.0.0.1", "[::1]"}
    assert answered_hosts("::1", "::1") == {"localhost", "127.0.0.1", "[::1]"}
    assert answered_hosts("0.0.0.0", "0.0.0.0") is None, "opened on purpose: any name"
    assert answered_hosts("192.0.2.7", "192.0.2.7") is None


# The CLI's options


def test_serve_passes_its_timeout_and_federation(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[object, ...]] = []

    def recorded(*args: object) -> OxigraphServer:
        asked.append(args[4:])
        raise KeyboardInterrupt  # as Ctrl-C while loading

    monkeypatch.setattr(server_module, "start_server", recorded)
    runner = CliRunner()
    for options, expected in (([], (30, False)), (["--timeout", "5", "--federation"], (5, True))):
        result = runner.invoke(sharing_app(), ["serve", *options, "--build", str(out_dir)])
        assert result.exit_code == 0 and result.output.endswith("stopping\nstopped\n"), result.output
        assert asked.pop() == expected
    assert runner.invoke(sharing_app(), ["serve", "--timeout", "0", "--build", str(out_dir)]).exit_code == 2


# Temporary folders: named after their process, swept when it is gone


def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait(timeout=30)
    return finished.pid


def test_sweep_removes_the_folders_of_processes_that_are_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = dead_pid()
    stale = [tmp_path / f"plankg-oxigraph-{dead}-abc_123", tmp_path / f"plankg-reason-{dead}-x"]
    for folder in stale:
        (folder / "store").mkdir(parents=True)
        (folder / "store" / "data").write_bytes(b"12 MB, once")
    mine = scratch_folder("oxigraph")
    assert mine.parent == tmp_path and mine.name.startswith(f"plankg-oxigraph-{os.getpid()}-")
    others = [
        tmp_path / "plankg-oxigraph-abcdefgh",
        tmp_path / f"plankg-notes-{dead}",
        tmp_path / f"elsewhere-{dead}-x",
    ]
    for folder in others:
        folder.mkdir()
    a_file = tmp_path / f"plankg-oxigraph-{dead}-file"
    a_file.write_text("not a folder")
    assert sorted(sweep_stale()) == sorted(stale)
    assert sorted(tmp_path.iterdir()) == sorted([mine, *others, a_file])
    with pytest.raises(ValueError, match="lower-case letters"):
        scratch_folder("../x")


def start_serve_with_folder(out_dir: Path, port: int) -> tuple[subprocess.Popen[str], Path]:
    """`plankg serve` in a process of its own, once it says it is up; and its store folder."""
    process, _printed, _lines = start_serve(out_dir, port)
    (folder,) = Path(tempfile.gettempdir()).glob(f"plankg-oxigraph-{process.pid}-*")
    return process, folder


def oxigraph_of(folder: Path) -> list[int]:
    """The processes serving the store in this folder."""
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and str(folder).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc; the parent-death signal is Linux's")
def test_a_killed_serve_leaves_no_server_and_its_folder_goes_at_the_next_start(out_dir: Path) -> None:
    port = free_port()
    process, folder = start_serve_with_folder(out_dir, port)
    try:
        children = oxigraph_of(folder)
        assert children, "an Oxigraph serves the folder"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in children):
            assert time.monotonic() < deadline, "Oxigraph outlived the killed `plankg serve`"
            time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert folder.is_dir(), "a SIGKILL runs no clean-up"
    with socket.socket() as taken:  # the next start fails at once, having swept first
        taken.bind((LOOPBACK, 0))
        taken.listen()
        result = CliRunner().invoke(
            sharing_app(), ["serve", "--port", str(taken.getsockname()[1]), "--build", str(out_dir)]
        )
    assert result.exit_code == 1 and "is taken" in result.output
    assert not folder.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_serve_stopped_by_a_signal_removes_its_folder(out_dir: Path, signum: int) -> None:
    process, folder = start_serve_with_folder(out_dir, free_port())
    try:
        children = oxigraph_of(folder)
        process.send_signal(signum)
        assert process.wait(timeout=30) == 0, process.stderr.read()  # type: ignore[union-attr]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert not folder.exists()
    assert children and not any(running(pid) for pid in children)


# Load


def test_sixteen_clients_get_the_embedded_stores_rows(out_dir: Path) -> None:
    expected = expected_rows(out_dir)
    with ServerProcess(out_dir) as server:
        found = load(server.gateway_url, expected, LOAD_QUERIES, LOAD_CLIENTS)
    assert found["errors"] == 0, found["first_errors"]
    assert found["wrong_rows"] == 0, found["wrong_queries"]
    assert found["queries"] == LOAD_QUERIES and found["p99_ms"] is not None  # measured, not judged
