"""The sharing commands: `serve` (a SPARQL endpoint with a query page, on this machine) and `push`
(the graph into a store the team already runs). See docs/sharing.md."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from plankg.cli_common import BuildOption, build_with_progress, console, errors, handled, stop_signals_interrupt
from plankg.data import DATA_DIR
from plankg.errors import PlankgError
from plankg.graph.opened import open_build
from plankg.graph.scratch import sweep_stale
from plankg.graph.sharing import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT, QUERY_TIMEOUT


def _built(out: Path, data: Path) -> Path:
    """The build's TriG file; built first when there is none, so `serve` works on a fresh machine."""
    trig = out / "plankg.trig"
    if not trig.is_file():
        errors.print(f"no build in {out}/: building it first", highlight=False)
        build_with_progress(data, out)
    return trig


def _say(text: str) -> None:
    """One line on stdout as written: URLs neither highlighted nor wrapped."""
    console.print(text, highlight=False, soft_wrap=True)


@handled
def serve(
    bind: Annotated[
        str,
        typer.Option(
            "--bind", help="Address to listen on: 127.0.0.1 keeps the endpoint on this machine, 0.0.0.0 opens it."
        ),
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = DEFAULT_PORT,
    writable: Annotated[
        bool,
        typer.Option("--writable", help="Accept SPARQL updates and Graph Store writes (kept until the server stops)."),
    ] = False,
    timeout: Annotated[
        int,
        typer.Option("--timeout", min=1, help="Seconds a query may run; a longer one is stopped (HTTP 503)."),
    ] = QUERY_TIMEOUT,
    federation: Annotated[
        bool,
        typer.Option("--federation", help="Let queries fetch from other endpoints (SERVICE); refused without it."),
    ] = False,
    build: BuildOption = Path("out"),
    data: Annotated[Path, typer.Option("--data", help="Data to build from when there is no build yet.")] = DATA_DIR,
) -> None:
    """Serve the graph as a SPARQL endpoint with a query page (Oxigraph), read-only by default.

    Builds first if there is no build; Ctrl-C stops the server.
    """
    server = None
    with stop_signals_interrupt():  # SIGTERM, SIGHUP: stopped as by Ctrl-C, its store folder removed
        try:
            sweep_stale()  # the store folders of servers that were killed
            trig = _built(build, data)
            with errors.status("loading the graph into Oxigraph"):
                from plankg.graph.server import start_server

                server = start_server(trig, bind, port, writable, timeout, federation)
            _say(f"loaded {trig} in {server.load_seconds:.1f} s")
            _say(f"SPARQL endpoint: {server.query_url}")
            _say(f"query page:      {server.url}")
            if writable:
                _say(f"updates:         {server.update_url}\ngraph store:     {server.store_url}")
            _say(f"{'writable' if writable else 'read-only'}; all named graphs form the default graph")
            _say("press Ctrl-C to stop")
            code = server.wait()
            raise PlankgError(f"the Oxigraph server stopped by itself (exit code {code}): {server.last_message()}")
        except KeyboardInterrupt:  # also while building or loading: nothing is left behind
            _say("stopping")
        finally:
            if server is not None:
                server.stop()
    _say("stopped")


@handled
def push(
    endpoint: Annotated[
        str, typer.Option("--endpoint", help="The store's SPARQL query endpoint URL: the counts are checked there.")
    ],
    graph_store: Annotated[
        str | None,
        typer.Option(
            "--graph-store",
            help="The store's Graph Store Protocol URL (default: the usual one beside --endpoint for Oxigraph, "
            "Fuseki, GraphDB and Virtuoso).",
        ),
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="User name (HTTP Basic or Digest).")] = None,
    password: Annotated[
        str | None,
        typer.Option(
            "--password", envvar="PLANKG_PASSWORD", help="Password; better set in PLANKG_PASSWORD than typed here."
        ),
    ] = None,
    token_env: Annotated[
        str, typer.Option("--token-env", help="Environment variable holding a bearer token, used when it is set.")
    ] = "PLANKG_TOKEN",
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each answer of the store.")] = (
        DEFAULT_TIMEOUT
    ),
    build: BuildOption = Path("out"),
) -> None:
    """Load every named graph of the build into a remote store (SPARQL 1.1 Graph Store Protocol).

    Replaces the plan's graphs and nothing else, then checks that the store holds as many triples.
    """
    from plankg.graph.push import Credentials
    from plankg.graph.push import push as push_graph

    credentials = Credentials(user, password, os.environ.get(token_env) or None)
    with errors.status("pushing") as status:
        report = push_graph(open_build(build), endpoint, graph_store, credentials, timeout, status.update)
    for graph, count in report.counts.items():
        _say(f"{count:>8} triples  <{graph}>")
    for graph in report.deleted:
        _say(f"{'deleted':>16}  <{graph}> (not in this build)")
    _say(
        f"pushed {len(report.counts)} graphs ({sum(report.counts.values())} triples) to {report.graph_store} "
        f"in {report.seconds:.1f} s; the counts at {endpoint} match"
    )
