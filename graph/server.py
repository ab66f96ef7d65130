"""A SPARQL endpoint for the built graph: an Oxigraph server (the `oxigraph` CLI from PyPI).

The graph is bulk-loaded with `oxigraph load` into a fresh store folder (5-10x faster than
sending it over HTTP), then served read-only by default, on loopback by default, with Oxigraph's
query page. All named graphs form the default graph, as in the embedded store, so the catalogue
gives the same rows here. The store folder is temporary: it goes when the server stops.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from plankg.errors import PlankgError
from plankg.graph.processes import die_with_parent
from plankg.graph.sharing import DEFAULT_HOST, DEFAULT_PORT

LOAD_TIMEOUT = 600.0  # seconds; `oxigraph load` takes about 6 s for 722k triples
STOP_TIMEOUT = 10.0


def oxigraph_executable() -> str:
    """The `oxigraph` CLI of this Python environment (its scripts folder may not be on PATH)."""
    beside = Path(sysconfig.get_path("scripts")) / ("oxigraph.exe" if sys.platform == "win32" else "oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        raise PlankgError("the `oxigraph` server is not installed: python3 -m pip install 'oxigraph>=0.5,<0.6'")
    return found


def _oxigraph_error(output: str) -> str:
    """Oxigraph's own message, without the Rust backtrace that RUST_BACKTRACE adds."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return next((line for line in lines if line.startswith("Error:")), lines[-1] if lines else "no message")


def bulk_load(trig: Path, location: Path) -> float:
    """Load a TriG file (all its named graphs) into an Oxigraph store folder; the seconds it took."""
    if not trig.is_file():
        raise PlankgError("no built graph here: run `plankg build` first", trig)
    location.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    try:
        subprocess.run(
            [oxigraph_executable(), "load", "--location", str(location), "--file", str(trig)],
            check=True,
            capture_output=True,
            text=True,
            timeout=LOAD_TIMEOUT,
        )
    except subprocess.CalledProcessError as exc:
        raise PlankgError(f"`oxigraph load` failed: {_oxigraph_error(exc.stderr)}", trig) from exc
    except subprocess.TimeoutExpired as exc:
        raise PlankgError(f"`oxigraph load` took longer than {LOAD_TIMEOUT:.0f} s", trig) from exc
    return time.perf_counter() - start


def _host_in_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def ensure_port_free(host: str, port: int) -> None:
    """Fail with one clear message if something already listens at host:port (checked before
    loading anything, so the user hears it at once)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise PlankgError(f"cannot bind to {host!r}: {exc.strerror}") from exc
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As the server will: SO_REUSEADDR, so a port left in TIME_WAIT counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except PermissionError as exc:
            raise PlankgError(f"not allowed to listen on port {port} (ports below 1024 need root)") from exc
        except OSError as exc:
            raise PlankgError(
                f"port {port} on {host} is taken ({exc.strerror}): stop what listens there or choose another --port"
            ) from exc


@dataclass
class OxigraphServer:
    """A running `oxigraph serve` process and the temporary folder that holds its store."""

    host: str
    port: int
    writable: bool
    process: subprocess.Popen[bytes]
    folder: Path
    load_seconds: float

    @property
    def url(self) -> str:
        """The query page (YASGUI, shipped with the server: it works offline)."""
        return f"http://{_host_in_url(self.host)}:{self.port}/"

    @property
    def query_url(self) -> str:
        return self.url + "query"

    @property
    def update_url(self) -> str:
        return self.url + "update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return self.url + "store"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def last_message(self) -> str:
        """What the server last said about a failure (from its log)."""
        return _oxigraph_error(self.log.read_text(encoding="utf-8", errors="replace"))

    def wait_until_ready(self, timeout: float) -> None:
        """Return once the server answers a query; fail with its own message if it exits first."""
        deadline = time.monotonic() + timeout
        probe = self.query_url + "?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise PlankgError(f"the Oxigraph server stopped at start: {self.last_message()}")
            try:
                with urllib.request.urlopen(probe, timeout=1.0):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise PlankgError(f"the Oxigraph server did not answer at {self.query_url} within {timeout:.0f} s")

    def wait(self) -> int:
        """Block until the server exits (Ctrl-C in the caller interrupts this wait)."""
        return self.process.wait()

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL if it lingers) and remove its store folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def start_server(
    trig: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    startup_timeout: float = 30.0,
) -> OxigraphServer:
    """Bulk-load the built graph into a temporary store and serve it; returns once it answers."""
    ensure_port_free(host, port)
    folder = Path(tempfile.mkdtemp(prefix="plankg-oxigraph-"))
    try:
        load_seconds = bulk_load(trig, folder / "store")
        command = [
            oxigraph_executable(),
            "serve" if writable else "serve-read-only",
            "--location",
            str(folder / "store"),
            "--bind",
            f"{_host_in_url(host)}:{port}",
            "--union-default-graph",
        ]
        with (folder / "server.log").open("wb") as log:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches plankg, which then stops the server in order
                preexec_fn=die_with_parent if sys.platform == "linux" else None,
            )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    server = OxigraphServer(host, port, writable, process, folder, load_seconds)
    try:
        server.wait_until_ready(startup_timeout)
    except BaseException:
        server.stop()
        raise
    return server
