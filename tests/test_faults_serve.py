"""`plankg serve` under faults: a query that runs away, SERVICE, a foreign Host header, a server
killed or stopped by a signal, and sixteen clients at once. Every server here listens on
127.0.0.1, is bounded in time, and is stopped by its fixture or its test."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from plankg.graph.scratch import scratch_folder, sweep_stale
from plankg.graph.sparql_text import calls_service

# SERVICE


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
