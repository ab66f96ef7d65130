"""Queries under faults on the local engines: a runaway query meets its deadline and Ctrl-C at
once; SERVICE (a query making this machine fetch a URL) is refused unless asked for, and when
asked for, a service that fails is one line."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg import cli_queries
from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph.engines import Limits
from plankg.graph.opened import Build
from tests.stand_in import Reply, Seen, StandIn

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # for a process that is killed
BOUND = 120  # seconds a test waits for an answer before it fails
ENGINES = ("embedded", "rdflib")


def slow(pairs: int) -> str:
    """A query that takes seconds, not hours: a deadline abandons a query's work, which runs on
    in the test process until it ends, so the tests' runaway must end soon by itself."""
    return (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT ?a WHERE {{ ?a ?b ?c }} LIMIT {pairs} }} "
        f"{{ SELECT ?d WHERE {{ ?d ?e ?f }} LIMIT {pairs} }} FILTER(STR(?a) < STR(?d)) }}"
    )


SLOW = {"embedded": slow(1500), "rdflib": slow(400)}  # about 5 s each on an idle machine


@pytest.mark.parametrize("engine", ENGINES)
def test_a_runaway_query_is_stopped_at_its_deadline(built: Build, engine: str) -> None:
    with pytest.raises(PlankgError, match=r"the query ran longer than 1 s and was stopped"):
        built.engine(engine, Limits(timeout=1)).query(SLOW[engine])
    # The engine still answers the next question.
    assert built.engine(engine, Limits(timeout=BOUND)).query("ASK { ?s a plankg:Plan }") is True


def test_the_cli_stops_a_runaway_query_with_one_line(out_dir: Path) -> None:
    result = CliRunner().invoke(app, ["sparql", "--build", str(out_dir), "--timeout", "1", SLOW["embedded"]])
    assert result.exit_code == 1
    assert result.output.strip() == "error: the query ran longer than 1 s and was stopped: give a larger --timeout"


def test_ctrl_c_stops_a_query_at_once(out_dir: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "plankg", "sparql", "--build", str(out_dir), "--timeout", "0", RUNAWAY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(3)  # the query is running: opening the store takes a fraction of this
        assert process.poll() is None
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode != 0
    assert "Traceback" not in err


SERVICE_FORMS = (
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "select * where { service <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVIC\\u0045 <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("query", SERVICE_FORMS)
def test_service_is_refused_unless_federation_is_asked_for(built: Build, engine: str, query: str) -> None:
    with pytest.raises(PlankgError, match=r"calls another endpoint \(SERVICE\), and federation is off"):
        built.engine(engine, Limits()).query(query)


def test_words_that_only_mention_service_are_not_refused(built: Build) -> None:
    query = 'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "SERVICE")) } # no SERVICE here'
    assert built.engine("embedded", Limits()).query(query).rows == []  # type: ignore[union-attr]


def _answer(seen: Seen) -> Reply:
    """A stand-in remote endpoint: SPARQL JSON at /sparql, an HTML page anywhere else."""
    if seen.path == "/sparql":
        rows = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "远端"}}]}}
        return Reply(200, {"Content-Type": "application/sparql-results+json"}, json.dumps(rows).encode())
    return Reply(200, {"Content-Type": "text/html"}, b"<html><body>not SPARQL</body></html>")


def test_with_federation_a_service_answers_and_a_failing_one_is_one_line(
    out_dir: Path, stand_in: Callable[[Callable[[Seen], Reply]], StandIn]
) -> None:
    runner = CliRunner()
    base = stand_in(_answer).url.removesuffix("/sparql")
    asked = runner.invoke(
        app,
        ["sparql", "--build", str(out_dir), "--federation", "--format", "csv",
         f"SELECT ?x WHERE {{ SERVICE <{base}/sparql> {{ ?x ?p ?o }} }}"],
    )  # fmt: skip
    assert asked.exit_code == 0, asked.output
    assert asked.output.split() == ["x", "远端"]
    for url in (f"{base}/page.html", "http://127.0.0.1:1/sparql"):
        failed = runner.invoke(
            app,
            ["sparql", "--build", str(out_dir), "--federation", f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"],
        )
        assert failed.exit_code == 1
        assert failed.output.startswith("error: the query failed:"), failed.output
        assert len(failed.output.strip().splitlines()) == 1, failed.output
        assert "unsendable" not in failed.output


def test_a_damaged_store_is_one_line_that_says_what_to_do(out_dir: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "out"
    shutil.copytree(out_dir, damaged)
    for table in (damaged / "store").glob("*.sst"):
        with table.open("r+b") as handle:
            handle.truncate(100)
    result = CliRunner().invoke(app, ["query", "targets", "--build", str(damaged)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {damaged / 'store'}: cannot open the build's store: Corruption")
    assert result.output.rstrip().endswith("run `plankg build` again")
    assert len(result.output.strip().splitlines()) == 1


def test_an_unexpected_error_is_one_line_unless_debugging(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a library's own\nmulti-line message")

    monkeypatch.setattr(cli_queries, "render", broken)
    runner = CliRunner()
    result = runner.invoke(app, ["query", "targets", "--build", str(out_dir)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        'error: unexpected ValueError: "a library\'s own multi-line message" (for the traceback: PLANKG_DEBUG=1)'
    )
    monkeypatch.setenv("PLANKG_DEBUG", "1")
    debugging = runner.invoke(app, ["query", "targets", "--build", str(out_dir)])
    assert isinstance(debugging.exception, ValueError)
