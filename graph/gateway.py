"""The HTTP front of `plankg serve`: every request passes here before it reaches Oxigraph.

Oxigraph's server fetches any URL a query names in `SERVICE`, answers whatever `Host` a request
carries (so a web page whose name is re-pointed at 127.0.0.1, DNS rebinding, can use a loopback
endpoint), and keeps computing some queries (cross products) past its own timeout. The gateway
listens where the user asked and forwards every request to an Oxigraph that listens on loopback
only, streaming the answer back. It refuses SERVICE unless federation is on; when bound to a
loopback address, it refuses a Host that is not a loopback name; a query whose answer is not
complete within the timeout gets an error (or, once its answer has begun, a cut connection,
never a short answer that looks whole); and Oxigraph is replaced when it still computes that
query after its own timeout has had its chance.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import ipaddress
import socket
import socketserver
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

from plankg.graph.sparql_text import calls_service

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
FORM = "application/x-www-form-urlencoded"
SPARQL_BODIES = frozenset({FORM, "application/sparql-query", "application/sparql-update"})
MAX_SPARQL_BYTES = 128 * 1024 * 1024  # Oxigraph's own limit on a SPARQL body
CHUNK = 64 * 1024
IDLE_SECONDS = 60.0  # a connection that sends no request, or stops reading its answer, is closed
# Headers about one connection, not the request: never forwarded (RFC 9110, 7.6.1).
_HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect"}
)


def host_in_url(host: str) -> str:
    """A host as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


class Upstream(Protocol):
    """The Oxigraph server behind the gateway, which may be replaced while the gateway runs."""

    def address(self) -> tuple[str, int, int]:
        """Host, port and generation of the Oxigraph that answers now (waits while one starts)."""
        ...

    def replace(self, generation: int) -> None:
        """Stop this generation, which computes a query it did not cancel, and start the next;
        never raises (a replacement that fails ends the server, which says so)."""
        ...


@dataclass(frozen=True)
class Policy:
    """What the gateway lets through, and how long a query may take."""

    federation: bool  # forward queries that call SERVICE
    timeout: float  # seconds within which a query's whole answer must reach the gateway
    runaway_after: float  # seconds after which Oxigraph, still computing a query, is replaced


def answered_hosts(host: str, bound: str) -> frozenset[str] | None:
    """The Host names answered by a gateway asked to listen on `host`, bound to the address
    `bound`. On loopback the user meant this machine only: the loopback names and `host` itself,
    so that a page whose name was re-pointed at 127.0.0.1 is refused. Elsewhere any (None): the
    user opened the endpoint on purpose, and its name is theirs to choose."""
    if ipaddress.ip_address(bound.split("%", 1)[0]).is_loopback:
        return LOOPBACK_NAMES | {host_in_url(host).lower()}
    return None


def content_type(value: str | None) -> str:
    """A Content-Type as Oxigraph compares it: the media type, lower case, without parameters."""
    return (value or "").split(";", 1)[0].strip().lower()


def sparql_texts(url_query: str, media_type: str, body: bytes) -> list[str]:
    """Every SPARQL text a request gives Oxigraph: `query` and `update` in the URL and in a form
    body (it reads both), or the whole body of a SPARQL media type."""
    fields = parse_qs(url_query, keep_blank_values=True)
    if media_type == FORM:
        for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
            fields.setdefault(key, []).extend(values)
    texts = [text for key in ("query", "update") for text in fields.get(key, [])]
    if media_type in SPARQL_BODIES - {FORM}:
        texts.append(body.decode("utf-8", "replace"))
    return texts


def _limited(stream: io.BufferedIOBase, length: int) -> Iterator[bytes]:
    """A request body read as it is forwarded, up to its Content-Length (the connection may
    carry the next request after it)."""
    while length > 0:
        chunk = stream.read(min(CHUNK, length))
        if not chunk:
            raise ConnectionError("the client sent less than its Content-Length")
        length -= len(chunk)
        yield chunk


def _head(status: int, reason: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}", *(f"{name}: {value}" for name, value in headers), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def _chunked(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


class Gateway(ThreadingHTTPServer):
    """Listens where `plankg serve` was asked to, one thread per connection."""

    daemon_threads = True  # a query still being read from Oxigraph does not hold up the stop

    def __init__(self, host: str, port: int, upstream: Upstream, policy: Policy):
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        self.address_family = family
        self.upstream = upstream
        self.policy = policy
        super().__init__((str(address[0]), int(address[1])), _Handler)
        self.hosts = answered_hosts(host, str(self.server_address[0]))

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the address (slow where DNS is)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def handle_error(self, request: object, client_address: object) -> None:
        """One line on stderr instead of a traceback; a client that went away is no error."""
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            print(f"plankg serve: {type(error).__name__}: {error}", file=sys.stderr)


@dataclass
class _Reply:
    """How far one request's answer has gone. The query's alarms act on it from their own
    threads, so it is read and changed under its lock, and each request has its own."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    sent: bool = False  # something reached the client
    late: bool = False  # the timeout passed: nothing more goes to the client
    gone: bool = False  # the client went away
    done: bool = False  # the exchange with Oxigraph is over


class _Handler(BaseHTTPRequestHandler):
    """One client connection, one request after another."""

    server: Gateway
    protocol_version = "HTTP/1.1"  # kept-alive connections, and chunked answers whose cut shows
    timeout = IDLE_SECONDS

    def do_GET(self) -> None:
        reply = _Reply()
        refusal = self._refusal()
        if refusal is not None:
            self.close_connection = True  # the body, if any, is left unread
            self._send(self._text(*refusal), reply)
            return
        url = urlsplit(self.path)
        media_type = content_type(self.headers.get("Content-Type"))
        length = int(self.headers.get("Content-Length", 0))
        body: bytes | Iterator[bytes] | None = None
        if media_type in SPARQL_BODIES:
            body = self.rfile.read(length)
            if len(body) < length:
                self.close_connection = True
                return
        elif length:
            body = _limited(self.rfile, length)
        texts = sparql_texts(url.query, media_type, body if isinstance(body, bytes) else b"")
        if not self.server.policy.federation and any(calls_service(text) for text in texts):
            message = (
                "SERVICE is off: this endpoint does not fetch from other endpoints "
                "(start it with `plankg serve --federation` to allow it)"
            )
            self._send(self._text(403, message), reply)
            return
        self._forward(body, url.path == "/query", reply)

    do_HEAD = do_POST = do_PUT = do_DELETE = do_GET

    def _refusal(self) -> tuple[int, str] | None:
        """What is wrong with the request line and headers, before any body is read."""
        hosts = self.server.hosts
        given = (self.headers.get("Host") or "").strip().lower()
        name, port = given, ""
        if ":" in given and not given.endswith("]"):
            name, _, port = given.rpartition(":")
        if hosts is not None and (name not in hosts or not (port == "" or port.isdigit())):
            return (
                403,
                f"unexpected Host {given!r}: this endpoint is on loopback and answers to {', '.join(sorted(hosts))}",
            )
        if not self.path.startswith("/"):
            return 400, "the request target should be a path, such as /query"
        if "Transfer-Encoding" in self.headers:
            return 411, "send the request body with a Content-Length"
        lengths = self.headers.get_all("Content-Length") or ["0"]
        length = lengths[0]
        if len(lengths) > 1 or not length.isdigit():
            return 400, f"invalid Content-Length {', '.join(lengths)!r}"
        if int(length) > MAX_SPARQL_BYTES and content_type(self.headers.get("Content-Type")) in SPARQL_BODIES:
            return 413, f"a SPARQL request body may hold up to {MAX_SPARQL_BYTES} bytes"
        return None

    def _text(self, status: int, text: str) -> bytes:
        """A plain-text answer of the gateway's own."""
        body = (text + "\n").encode("utf-8")
        headers = [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
        if self.close_connection:
            headers.append(("Connection", "close"))
        return _head(status, http.HTTPStatus(status).phrase, headers) + (b"" if self.command == "HEAD" else body)

    def _send(self, data: bytes, reply: _Reply) -> bool:
        """Write to the client unless the query is late or the client went away; whether it was."""
        with reply.lock:
            if reply.late or reply.gone:
                return False
            try:
                self.wfile.write(data)
            except OSError:
                reply.gone = self.close_connection = True
                return False
            reply.sent = True
            return True

    def _forward(self, body: bytes | Iterator[bytes] | None, query: bool, reply: _Reply) -> None:
        """Send the request to Oxigraph and its answer back. A query that Oxigraph has not
        answered in full within the timeout is answered with an error by the first alarm; once
        no client waits for it, its answer is still read to the end, so that the second alarm
        can tell whether Oxigraph stopped computing it."""
        host, port, generation = self.server.upstream.address()
        policy = self.server.policy
        alarms = (
            [
                threading.Timer(policy.timeout, self._too_late, (reply,)),
                threading.Timer(policy.runaway_after, self._runaway, (reply, generation)),
            ]
            if query
            else []
        )
        for alarm in alarms:
            alarm.daemon = True
            alarm.start()
        upstream = http.client.HTTPConnection(host, port)
        try:
            upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            named = {name.strip().lower() for name in self.headers.get("Connection", "").split(",")}
            for name, value in self.headers.items():  # Host as the client gave it: Oxigraph bases relative IRIs on it
                if name.lower() not in _HOP_BY_HOP | named:
                    upstream.putheader(name, value)
            upstream.putheader("Connection", "close")
            upstream.endheaders(body)
            self._relay(upstream.getresponse(), query, reply)
        except (OSError, http.client.HTTPException) as error:
            if not reply.sent:
                self._send(self._text(503, f"the SPARQL server behind this endpoint did not answer ({error})"), reply)
            self._cut()
        finally:
            with reply.lock:
                reply.done = True
            for alarm in alarms:
                alarm.cancel()
            upstream.close()

    def _relay(self, response: http.client.HTTPResponse, query: bool, reply: _Reply) -> None:
        """Oxigraph's answer to the client, framed by the gateway: with its length where
        Oxigraph gave one, else chunked (a close-delimited body for an HTTP/1.0 client). A query's
        answer is read to its end even when no client takes it any more."""
        headers = [(name, value) for name, value in response.getheaders() if name.lower() not in _HOP_BY_HOP]
        bodiless = self.command == "HEAD" or response.status in (204, 304) or response.status < 200
        chunked = False
        if bodiless or (not response.chunked and response.length is not None):
            pass  # Content-Length, if any, is forwarded as Oxigraph gave it
        elif self.request_version == "HTTP/1.1":
            headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
            headers.append(("Transfer-Encoding", "chunked"))
            chunked = True
        else:
            headers.append(("Connection", "close"))
            self.close_connection = True
        if not self._send(_head(response.status, response.reason, headers), reply) and not query:
            return
        while data := response.read1(CHUNK):
            if not self._send(_chunked(data) if chunked else data, reply) and not query:
                return
        if response.length:  # Oxigraph closed before the length it announced
            raise http.client.IncompleteRead(b"", response.length)
        if chunked:
            self._send(b"0\r\n\r\n", reply)

    def _too_late(self, reply: _Reply) -> None:
        """The first alarm: the query's answer is not complete within the timeout."""
        with reply.lock:
            if reply.done:
                return
            if not reply.sent:
                timeout = self.server.policy.timeout
                self._send(
                    self._text(503, f"the query did not finish within {timeout:g} s (plankg serve --timeout)"), reply
                )
            reply.late = True
        self._cut()

    def _runaway(self, reply: _Reply, generation: int) -> None:
        """The second alarm: Oxigraph still computes the query after its own timeout."""
        with reply.lock:
            if reply.done:
                return
        self.server.upstream.replace(generation)

    def _cut(self) -> None:
        """End the client's connection where it stands: an answer cut short shows as cut (no last
        chunk, or fewer bytes than its Content-Length)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_WR)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet, as Oxigraph is: `plankg serve` prints its URLs and nothing per request."""
