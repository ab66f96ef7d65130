"""Curated-input and reasoner faults: one fault, one message, and what to do about it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef
from typer.testing import CliRunner

from plankg.cli import app
from plankg.graph.namespaces import ID_BASE, PLANKG
from plankg.graph.reason import InconsistentGraph, reason
from plankg.graph.shacl import load_turtle
from plankg.ontology import ONTOLOGY_FILE
from tests.conftest import PLAN
from tests.test_bad_input import GOOD, problem, write_curated

HOHHOT = '  - id: place-hohhot\n    type: place\n    label: {zh: "呼和浩特市", en: "Hohhot"}\n'  # lines 16-18


def places(data: Path) -> Path:
    """The registry of places, which most other curated files link to."""
    path = data / "curated" / PLAN / "places.yaml"
    assert HOHHOT in path.read_text(encoding="utf-8")
    return path


def error_lines(data: Path) -> list[str]:
    """What `plankg validate` prints for the data, line by line (it must fail)."""
    result = CliRunner().invoke(app, ["validate", "--data", str(data), "--reasoner", "none"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output.strip().splitlines()


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (HOHHOT.replace("type: place", "type: place: city").encode(), "17: malformed YAML: mapping values"),
        (HOHHOT.encode().replace("呼和浩特市".encode(), b"\xff"), "18: not valid UTF-8: byte 0xff"),
    ],
    ids=["yaml", "utf8"],
)
def test_a_file_that_cannot_be_read_is_one_fault(data_copy: Path, broken: bytes, message: str) -> None:
    """The file's own error at its line, and one line saying why the links into it wait; not one
    `unknown id` for every link from the other files to the places it declares."""
    path = places(data_copy)
    path.write_bytes(path.read_bytes().replace(HOHHOT.encode(), broken))
    first, closing = error_lines(data_copy)
    assert first.startswith(f"error: {path}:{message}")
    assert closing.startswith(f"not checked until {path} can be read: ")
    assert closing.endswith(" link(s) to ids no other file declares")


def test_schema_errors_are_a_line_each_and_nothing_follows(data_copy: Path) -> None:
    """A file that parses but breaks the schema still shows which ids it declares: the links to
    them are neither faults nor left unchecked."""
    path = places(data_copy)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            HOHHOT, HOHHOT.replace("type: place", "type: metropolis").replace("label:", "lable:")
        ),
        encoding="utf-8",
    )
    lines = error_lines(data_copy)
    assert [line.removeprefix("error: ").split(": ")[0:2] for line in lines] == [
        [f"{path}:16", "places.1.label"],
        [f"{path}:17", "places.1.type"],
        [f"{path}:18", "places.1.lable"],
    ], lines


def test_a_link_to_an_id_declared_nowhere_is_still_a_fault(sources_only: Path) -> None:
    """Only the ids the failed file declares are spared, not every unknown id."""
    goals, rest = GOOD.split("indicators:\n")
    write_curated(sources_only, goals.replace("type: goal", "type: wish"), name="zz-goals.yaml")
    write_curated(sources_only, "indicators:\n" + rest.replace("[zz-objective]", "[zz-objective, zz-nowhere]"))
    lines = problem(sources_only).splitlines()
    assert len(lines) == 2, lines
    assert "zz-goals.yaml:3: goals.0.type:" in lines[0]
    assert lines[1].endswith("zz-test.yaml:6: measures: unknown id 'zz-nowhere'")


def test_a_failed_file_whose_ids_cannot_be_told(sources_only: Path) -> None:
    """A record without an id hides what the file declares: no unknown id is reported, and the
    closing line says the links wait for that file."""
    goals, rest = GOOD.split("indicators:\n")
    path = write_curated(
        sources_only, goals.replace("  - id: zz-objective\n    type", "  - type"), name="zz-goals.yaml"
    )
    write_curated(sources_only, "indicators:\n" + rest.replace("[zz-objective]", "[zz-objective, zz-nowhere]"))
    lines = problem(sources_only).splitlines()
    assert len(lines) == 2, lines
    assert "zz-goals.yaml:2: goals.0.id: Field required" in lines[0]
    assert lines[1] == f"not checked until {path} can be read: 2 link(s) to ids no other file declares"


NO_JAVA = (
    "error: HermiT needs Java, which is not on the PATH: install Java 8 or newer "
    "(e.g. `apt-get install default-jre-headless`), or use `--reasoner rules`, which infers the same"
)


@pytest.fixture
def no_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH on which there is no `java` (nor anything else)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.usefixtures("no_java")
def test_the_default_build_needs_no_java_it_runs_the_rules(sources_only: Path, tmp_path: Path) -> None:
    write_curated(sources_only, GOOD)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", "--data", str(sources_only), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Java" not in result.output and "reasoner: rules;" in result.output
    assert json.loads((out / "build.json").read_text(encoding="utf-8"))["reasoner"] == "rules"


@pytest.mark.usefixtures("no_java")
def test_hermit_without_java_fails_before_any_work(sources_only: Path) -> None:
    """The one line says what to do; the curated fault is not reached, so nothing was read."""
    write_curated(sources_only, GOOD.replace("value: 38.5", "value: 38"))
    result = CliRunner().invoke(app, ["validate", "--data", str(sources_only), "--reasoner", "hermit"])
    assert result.exit_code == 1
    assert result.output.strip() == NO_JAVA


def _java_children(parent: int) -> list[int]:
    """The `java` processes whose parent is `parent`, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone meanwhile
        command, fields = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        if command == "java" and int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Running, neither gone nor a zombie waiting for its new parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="a child dies with its parent through Linux's prctl")
@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime on PATH")
def test_a_killed_build_takes_hermits_jvm_with_it(data_copy: Path, tmp_path: Path) -> None:
    """kill -9 of a build leaves no JVM running; its folder is named with the dead build's id, so
    that a later run can tell it is stale (a SIGKILLed process cannot remove it itself)."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    plankg = Path(sysconfig.get_path("scripts")) / "plankg"
    command = [str(plankg), "build", "--reasoner", "hermit", "--jobs", "1"]
    command += ["--data", str(data_copy), "--out", str(tmp_path / "out")]
    with (tmp_path / "build.log").open("wb") as log:
        build = subprocess.Popen(
            command, env={**os.environ, "TMPDIR": str(scratch)}, stdout=log, stderr=log, start_new_session=True
        )
    java: list[int] = []
    try:
        deadline = time.monotonic() + 180
        while not java:
            assert build.poll() is None, (tmp_path / "build.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "HermiT's JVM did not start within 180 s"
            time.sleep(0.1)
            java = _java_children(build.pid)
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(java[0]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(java[0]), "the JVM outlived the build"
        (folder,) = scratch.iterdir()  # the file owlready2 gave HermiT is inside it, not beside it
        assert folder.name.startswith(f"plankg-reason-{build.pid}-")
        assert sorted(path.name.startswith("tmp") for path in folder.iterdir()) == [False, True]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)  # the build's session: the build and its JVM
        build.wait(timeout=10)


@pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime on PATH")
def test_hermit_leaves_no_file_behind_when_it_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """owlready2 keeps the file it gave HermiT when HermiT refuses the data; it goes with the reasoner's folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    data = Graph()
    data.add((URIRef(ID_BASE + "t/zz-node"), RDF.type, PLANKG.Measure))
    data.add((URIRef(ID_BASE + "t/zz-node"), RDF.type, PLANKG.Place))
    with pytest.raises(InconsistentGraph):
        reason(load_turtle(ONTOLOGY_FILE), data)
    assert list(tmp_path.iterdir()) == []
