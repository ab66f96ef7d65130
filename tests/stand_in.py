"""A stand-in HTTP server for the tests: an endpoint or graph store on 127.0.0.1, with a port
from the kernel, that answers every request from a script and records what it was sent. Each
request is bounded in time, and the server stops with the `stand_in` fixture of conftest."""

from __future__ import annotations

import http.server
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Reply:
    """What a stand-in answers: a status, headers and a body, or raw bytes that are not HTTP."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    raw: bytes | None = None


@dataclass(frozen=True)
class Seen:
    """A request a stand-in received: its method, path, SPARQL text (query or update) and headers."""

    method: str
    path: str
    sparql: str
    headers: dict[str, str]


class StandIn(http.server.ThreadingHTTPServer):
    """The server: `reply` decides each answer, `seen` keeps each request."""

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
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8", "replace")
        sent = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query) | urllib.parse.parse_qs(body)
        sparql = (sent.get("query") or sent.get("update") or [""])[0]
        seen = Seen(self.command, urllib.parse.urlsplit(self.path).path, sparql, dict(self.headers.items()))
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
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _reply

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read `seen` instead."""


@contextmanager
def stand_ins() -> Iterator[Callable[[Callable[[Seen], Reply]], StandIn]]:
    """Start stand-ins on demand; all of them stop when the block ends."""
    started: list[StandIn] = []

    def start(reply: Callable[[Seen], Reply]) -> StandIn:
        server = StandIn(reply)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.shutdown()
            server.server_close()
