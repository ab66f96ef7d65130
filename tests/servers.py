"""Servers the tests start on 127.0.0.1 and stop themselves: Virtuoso 7, where Debian's package
is installed, for the tests that push to it and compare its answers with the embedded store's.

Its start is bounded (90 s), it dies with the test process, and a missing `virtuoso-t` is a
skip that says how to install it.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from plankg.errors import PlankgError
from plankg.graph.engines import Table
from plankg.graph.engines.remote import RemoteEngine
from plankg.graph.server import die_with_parent

LOOPBACK = "127.0.0.1"
VIRTUOSO_START = 90.0  # seconds a fresh Virtuoso may take to answer its first query


def free_port() -> int:
    """A port nothing listens on now (the kernel's pick)."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso.tdb
TransactionFile = {folder}/virtuoso.ttr
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = {folder}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
[SPARQL]
ResultSetMaxRows = 100000
"""


def answers(endpoint: str) -> bool:
    """Whether a SPARQL endpoint answers a query (a SELECT: Virtuoso 7.2 answers ASK with a table)."""
    try:
        return isinstance(RemoteEngine(endpoint, timeout=5).query("SELECT (1 AS ?one) {}"), Table)
    except PlankgError:
        return False


@contextlib.contextmanager
def running_virtuoso(folder: Path) -> Iterator[str]:
    """A fresh Virtuoso on 127.0.0.1 (user dba, password dba) with its files in `folder`: its
    SPARQL endpoint URL, until the block ends. Skips the test where Virtuoso is not installed."""
    executable = shutil.which("virtuoso-t")
    if executable is None:
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7-bin)")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=free_port(), http_port=http_port))
    with (folder / "console.log").open("wb") as log:
        process = subprocess.Popen(
            [executable, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent,
        )
    endpoint = f"http://{LOOPBACK}:{http_port}/sparql"
    try:
        deadline = time.monotonic() + VIRTUOSO_START
        while not answers(endpoint):
            assert process.poll() is None, (folder / "console.log").read_text(errors="replace")
            assert time.monotonic() < deadline, f"Virtuoso did not answer within {VIRTUOSO_START:g} s"
            time.sleep(0.5)
        yield endpoint
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
