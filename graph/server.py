"""A SPARQL endpoint for the built graph: an Oxigraph server (the `oxigraph` CLI from PyPI)
behind plankg's gateway (graph/gateway.py).

The graph is bulk-loaded with `oxigraph load` into a fresh store folder (5-10x faster than
sending it over HTTP), then served read-only by default, on loopback by default, with Oxigraph's
query page. All named graphs form the default graph, as in the embedded store, so the catalogue
gives the same rows here. The store folder is temporary: it goes when the server stops, and the
next start sweeps the folder of a server that was killed (graph/scratch.py).

Oxigraph listens on a loopback address of its own and the gateway where the user asked. A query
that Oxigraph does not cancel at its timeout (some cross products) is stopped by replacing the
Oxigraph process with a new one on the same store.
"""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from plankg.errors import PlankgError
from plankg.graph.gateway import Gateway, Policy, host_in_url
from plankg.graph.processes import die_with_parent
from plankg.graph.scratch import scratch_folder
from plankg.graph.sharing import DEFAULT_HOST, DEFAULT_PORT, QUERY_TIMEOUT

LOAD_TIMEOUT = 600.0  # seconds; `oxigraph load` takes about 6 s for 722k triples
STOP_TIMEOUT = 10.0
STARTUP_TIMEOUT = 30.0
# Oxigraph's own timeout comes a second after the gateway's, so that the answer it cuts short
# (well-formed, with status 200) reaches no client: the gateway has answered with an error by then.
OXIGRAPH_LAG = 1
RUNAWAY_GRACE = 2.0  # seconds Oxigraph has, after its timeout, to stop a query before it is replaced


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
            preexec_fn=die_with_parent if sys.platform == "linux" else None,  # no load left behind a kill
        )
    except subprocess.CalledProcessError as exc:
        raise PlankgError(f"`oxigraph load` failed: {_oxigraph_error(exc.stderr)}", trig) from exc
    except subprocess.TimeoutExpired as exc:
        raise PlankgError(f"`oxigraph load` took longer than {LOAD_TIMEOUT:.0f} s", trig) from exc
    return time.perf_counter() - start


@contextmanager
def _listening(host: str, port: int) -> Iterator[None]:
    """Binding to host:port, with one clear message for each way it fails."""
    try:
        yield
    except socket.gaierror as exc:
        raise PlankgError(f"cannot bind to {host!r}: {exc.strerror}") from exc
    except PermissionError as exc:
        raise PlankgError(f"not allowed to listen on port {port} (ports below 1024 need root)") from exc
    except OSError as exc:
        raise PlankgError(
            f"port {port} on {host} is taken ({exc.strerror}): stop what listens there or choose another --port"
        ) from exc


def _private_address() -> tuple[str, int]:
    """A free port on a loopback address that is hard to guess, for the Oxigraph behind the
    gateway: Linux routes all of 127.0.0.0/8 to this machine, and among 16 million addresses a
    web page sending requests to loopback ports does not find it. 127.0.0.1 where only that one
    answers."""
    for host in (f"127.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{1 + secrets.randbelow(254)}", "127.0.0.1"):
        with socket.socket() as probe:
            try:
                probe.bind((host, 0))
            except OSError:
                continue
            return host, probe.getsockname()[1]
    raise PlankgError("no free port on the loopback interface")


def _end(process: subprocess.Popen[bytes] | None) -> None:
    """Stop a process: SIGTERM, then SIGKILL if it lingers."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


class Oxigraph:
    """The Oxigraph process behind the gateway, and its successors: one that computes a query
    past its timeout without cancelling it is replaced (the gateway's `Upstream`).

    Every process is started from one thread that lives as long as the server: the parent-death
    signal (`die_with_parent`) is sent when the thread that started the child ends, not only
    when the whole command does."""

    def __init__(self, arguments: list[str], log: Path, startup_timeout: float):
        self._arguments = arguments
        self._log = log
        self._startup_timeout = startup_timeout
        self._spawner = ThreadPoolExecutor(1, thread_name_prefix="plankg-oxigraph")
        self._changed = threading.Condition()
        self._replacing = self._stopping = False
        self.generation = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.host, self.port = "127.0.0.1", 0

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self) -> None:
        """Start a process and return once it answers; fail with its own words if it does not."""
        with self._changed:
            if self._stopping:
                return
            started = self._spawner.submit(self._spawn)
        started.result()
        deadline = time.monotonic() + self._startup_timeout
        probe = self.url + "query?query=ASK%7B%7D"
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise PlankgError(f"the Oxigraph server stopped at start: {last_message(self._log)}")
            try:
                with urllib.request.urlopen(probe, timeout=1.0):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        _end(self.process)
        raise PlankgError(f"the Oxigraph server did not answer at {self.url} within {self._startup_timeout:.0f} s")

    def _spawn(self) -> None:
        """On the spawner thread: a new process on a new address."""
        host, port = _private_address()
        with self._log.open("ab") as log:
            process = subprocess.Popen(
                [*self._arguments, "--bind", f"{host}:{port}"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches plankg, which then stops the server in order
                preexec_fn=die_with_parent if sys.platform == "linux" else None,
            )
        with self._changed:
            self.process, self.host, self.port = process, host, port
            self.generation += 1

    def address(self) -> tuple[str, int, int]:
        with self._changed:
            self._changed.wait_for(lambda: not self._replacing, self._startup_timeout + STOP_TIMEOUT)
            return self.host, self.port, self.generation

    def replace(self, generation: int) -> None:
        with self._changed:
            if generation != self.generation or self._replacing or self._stopping:
                return  # replaced already, or being replaced, or stopping
            self._replacing = True
        try:
            _end(self.process)
            self.start()
        except (PlankgError, OSError):
            _end(self.process)  # `wait` returns, and `plankg serve` says what the log says
        finally:
            with self._changed:
                self._replacing = False
                self._changed.notify_all()

    def wait(self) -> int:
        """Block until Oxigraph exits by itself (a replaced process does not count)."""
        while True:
            process = self.process
            assert process is not None, "started before it is waited for"
            code = process.wait()
            with self._changed:
                self._changed.wait_for(lambda: not self._replacing)
                if self.process is process:
                    return code

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
        self._spawner.shutdown(wait=True)  # a process being started is started, then stopped
        _end(self.process)


def last_message(log: Path) -> str:
    """What the server last said about a failure (from its log)."""
    return _oxigraph_error(log.read_text(encoding="utf-8", errors="replace"))


@dataclass
class OxigraphServer:
    """A running endpoint: the gateway, the Oxigraph behind it, and the temporary folder that
    holds its store and log."""

    host: str
    port: int
    writable: bool
    folder: Path
    load_seconds: float
    oxigraph: Oxigraph
    gateway: Gateway
    serving: threading.Thread

    @property
    def url(self) -> str:
        """The query page (YASGUI, shipped with the server: it works offline)."""
        return f"http://{host_in_url(self.host)}:{self.port}/"

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
    def direct_url(self) -> str:
        """Oxigraph itself, without the gateway (to measure what the gateway costs)."""
        return self.oxigraph.url

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The Oxigraph process that answers now."""
        return self.oxigraph.process

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def last_message(self) -> str:
        return last_message(self.log)

    def wait(self) -> int:
        """Block until Oxigraph exits by itself (Ctrl-C in the caller interrupts this wait)."""
        return self.oxigraph.wait()

    def stop(self) -> None:
        """Stop the gateway and Oxigraph (SIGTERM, then SIGKILL if it lingers) and remove the store folder."""
        if self.serving.is_alive():
            self.gateway.shutdown()
        self.gateway.server_close()
        self.oxigraph.stop()
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
    timeout: int = QUERY_TIMEOUT,
    federation: bool = False,
    startup_timeout: float = STARTUP_TIMEOUT,
) -> OxigraphServer:
    """Bulk-load the built graph into a temporary store and serve it behind the gateway, with
    queries stopped after `timeout` seconds and SERVICE refused unless `federation`; returns once
    it answers."""
    folder = scratch_folder("oxigraph")
    command = [oxigraph_executable(), "serve" if writable else "serve-read-only", "--location", str(folder / "store")]
    command += ["--union-default-graph", "--timeout-s", str(timeout + OXIGRAPH_LAG)]
    oxigraph = Oxigraph(command, folder / "server.log", startup_timeout)
    gateway = None
    try:
        with _listening(host, port):  # before loading: a taken port is said at once
            gateway = Gateway(host, port, oxigraph, Policy(federation, timeout, timeout + OXIGRAPH_LAG + RUNAWAY_GRACE))
        load_seconds = bulk_load(trig, folder / "store")
        oxigraph.start()
    except BaseException:
        if gateway is not None:
            gateway.server_close()
        oxigraph.stop()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    serving = threading.Thread(target=gateway.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    serving.start()
    return OxigraphServer(host, port, writable, folder, load_seconds, oxigraph, gateway, serving)
