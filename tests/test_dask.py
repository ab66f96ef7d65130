"""`plankg build --scheduler`: the plans built on a Dask cluster (a LocalCluster on 127.0.0.1,
started here and closed at the end) give the local build's quads, reuse unchanged plans, and
every way it can go wrong is one line that names the plan's file, the folder or the scheduler."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from benchmarks.generate import generate
from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph import outputs
from plankg.graph.executors import SCHEDULER_TIMEOUT, DaskCluster
from plankg.graph.outputs import build_outputs
from tests.conftest import ROOT, snapshot


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a two-worker cluster of this machine, closed when the module's tests end. A
    task whose worker dies is given up at once (not retried on the other worker, then on the restarted one)."""
    import dask
    from distributed import LocalCluster

    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            host="127.0.0.1",
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            local_directory=tmp_path_factory.mktemp("dask"),
        ) as cluster,
    ):
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("corpus") / "data"
    generate(data, 2, seed=5)
    return data


def quads(out: Path) -> set[ox.Quad]:
    """The plans' quads of a build (the ontology's graph has blank nodes, named afresh by each build)."""
    parsed = ox.parse(path=str(out / "plankg.trig"), format=ox.RdfFormat.TRIG)
    return {quad for quad in parsed if "/graph/synthetic-" in quad.graph_name.value}


def rebuilt(out: Path) -> list[str]:
    return json.loads((out / "build.json").read_text(encoding="utf-8"))["rebuilt"]


def cli_build(data: Path, out: Path, *options: str) -> str:
    """`plankg build` in this process; its output, after checking that it succeeded."""
    done = CliRunner().invoke(app, ["build", "--data", str(data), "--out", str(out), *options])
    assert done.exit_code == 0, done.output
    return done.output


def test_the_cluster_builds_the_local_quads_and_reuses_unchanged_plans(
    corpus: Path, scheduler: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus, data)
    local, remote = tmp_path / "local", tmp_path / "remote"
    build_outputs(data, local, jobs=2)
    cli_build(data, remote, "--scheduler", scheduler)
    assert rebuilt(remote) == ["synthetic-0001", "synthetic-0002"]
    built = quads(remote)
    assert len(built) > 100_000 and built == quads(local)
    manifests = [json.loads((out / "build.json").read_text(encoding="utf-8")) for out in (local, remote)]
    assert manifests[0]["triples"] == manifests[1]["triples"] and manifests[0]["plans"] == manifests[1]["plans"]
    assert "built 0, reused 2 unchanged" in " ".join(cli_build(data, remote, "--scheduler", scheduler).split())
    assert rebuilt(remote) == [] and quads(remote) == built
    chapter = data / "curated" / "synthetic-0002" / "ch07.yaml"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "# a curator's note\n", encoding="utf-8")
    cli_build(data, remote, "--scheduler", scheduler)
    assert rebuilt(remote) == ["synthetic-0002"] and quads(remote) == built


def misquote(chapter: Path) -> str:
    """Put words the plan does not have into the chapter's first quote; where the loader will say so."""
    lines = chapter.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "quote:" in line)
    lines[number] = lines[number].replace("quote: ", "quote: 不在原文里的话", 1)
    chapter.write_text("".join(lines), encoding="utf-8")
    return f"{chapter}:{number + 1}"


def test_a_plan_that_fails_on_a_worker_is_named_as_a_local_build_names_it(
    corpus: Path, scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is given relatively, as a user gives it: the workers read it by its absolute
    path, and the problem comes back under the name the user gave."""
    shutil.copytree(corpus, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    located = [misquote(Path("data") / "curated" / plan / "ch07.yaml") for plan in ("synthetic-0001", "synthetic-0002")]
    out = Path("out")
    out.mkdir()
    (out / "build.json").write_text("{}\n", encoding="utf-8")  # what makes a folder a build
    before = snapshot(out)
    messages = []
    for where in ({"jobs": 1}, {"scheduler": scheduler}):
        with pytest.raises(PlankgError) as caught:
            build_outputs(Path("data"), out, **where)  # type: ignore[arg-type]
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert [line.split(": ")[0] for line in messages[1].splitlines()] == located
    assert snapshot(out) == before
    failed = CliRunner().invoke(app, ["build", "--data", "data", "--out", "out", "--scheduler", scheduler])
    assert failed.exit_code == 1 and all(where in failed.output for where in located)
    assert "Traceback" not in failed.output and "distributed" not in failed.output
    assert snapshot(out) == before


def test_a_worker_that_cannot_read_the_data_folder_names_it(corpus: Path, scheduler: str, tmp_path: Path) -> None:
    """The task a build sends, for a folder this machine has and the worker does not see."""
    elsewhere = tmp_path / "mounted-elsewhere"
    task = outputs._Task(elsewhere, elsewhere / "sources" / "synthetic-0001.yaml", "rules", True)
    with DaskCluster(scheduler) as cluster, pytest.raises(PlankgError) as caught:
        list(cluster.map(outputs._build_one, [task]))
    assert caught.value.path == elsewhere
    assert "cannot be read on" in str(caught.value) and "same paths" in str(caught.value)


def test_workers_that_answer_otherwise_than_this_process_are_named(scheduler: str) -> None:
    """The check a build makes with plankg's code digest, here with an answer that differs in every
    process (its id): each worker is named, and no plan is sent."""
    with pytest.raises(PlankgError) as caught, DaskCluster(scheduler, same_on_workers=os.getpid):
        pytest.fail("the cluster was entered")
    workers = str(caught.value).split("the workers ")[1].split(" of the Dask cluster")[0].split(", ")
    assert len(workers) == 2 and all(worker.startswith("tcp://127.0.0.1:") for worker in workers)
    assert str(caught.value).endswith("run other plankg code than this machine: install the same version there")


def test_a_worker_that_cannot_import_the_code_is_named(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module only this process can import stands for plankg missing on a worker."""
    path = tmp_path / "only_here.py"
    path.write_text("def answer() -> str:\n    return 'here'\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("only_here", path)
    assert spec is not None and spec.loader is not None
    only_here = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(only_here)
    monkeypatch.setitem(sys.modules, "only_here", only_here)  # so that it is sent by name, as plankg's code is
    with pytest.raises(PlankgError) as caught, DaskCluster(scheduler, same_on_workers=only_here.answer):
        pytest.fail("the cluster was entered")
    message = str(caught.value)
    assert message.startswith(f"a worker of the Dask cluster at {scheduler} cannot run plankg (")
    assert "No module named 'only_here'" in message and message.endswith("): install it there")


def test_a_worker_that_dies_is_one_line_naming_the_cluster(scheduler: str) -> None:
    """A worker killed under a plan (out of memory, a crash in native code) is not a Dask traceback."""
    with DaskCluster(scheduler) as cluster, pytest.raises(PlankgError) as caught:
        list(cluster.map(os._exit, [1]))
    assert str(caught.value) == f"a worker of the Dask cluster at {scheduler} died building a plan"


def closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_scheduler_is_one_line_in_bounded_time_and_out_stays(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "plankg.trig").write_text("# the previous build\n", encoding="utf-8")
    (out / "build.json").write_text("{}\n", encoding="utf-8")
    before = snapshot(out)
    address = f"tcp://127.0.0.1:{closed_port()}"
    command = [sys.executable, "-m", "plankg", "build", "--data", str(corpus), "--out", str(out)]
    start = time.monotonic()
    done = subprocess.run([*command, "--scheduler", address], capture_output=True, text=True, timeout=120, check=False)
    assert time.monotonic() - start < SCHEDULER_TIMEOUT + 30
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("error: cannot reach the Dask scheduler at " + address), line
    assert snapshot(out) == before and not list(tmp_path.glob(".out.*"))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--scheduler", "127.0.0.1:8786"],
            "'127.0.0.1:8786' is not the address of a Dask scheduler (tcp://HOST:PORT)",
        ),
        (["--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"], "give --jobs or --scheduler, not both"),
    ],
)
def test_a_scheduler_option_that_cannot_work_is_refused_before_any_work(
    corpus: Path, tmp_path: Path, options: list[str], message: str
) -> None:
    done = CliRunner().invoke(app, ["build", "--data", str(corpus), "--out", str(tmp_path / "out"), *options])
    assert done.exit_code == 1 and message in " ".join(done.output.split())
    assert not (tmp_path / "out").exists()


def test_without_dask_the_error_says_what_to_install(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an import finds when the extra is missing
    out = tmp_path / "out"
    done = CliRunner().invoke(
        app, ["build", "--data", str(corpus), "--out", str(out), "--scheduler", "tcp://127.0.0.1:1"]
    )
    assert done.exit_code == 1 and "pip install 'plankg[cluster]'" in done.output
    assert not out.exists()


def test_the_dask_benchmark_runs_at_one_plan(tmp_path: Path) -> None:
    """A smoke run, so that the benchmark cannot rot: both builds, the peaks of every process, the
    quads compared, the section rendered. Times are recorded, never asserted."""
    docs = tmp_path / "benchmarks.md"
    shutil.copy(ROOT / "docs" / "benchmarks.md", docs)
    command = [sys.executable, "-m", "benchmarks.dask_build", "--plans", "1", "--workers", "1"]
    command += ["--results", str(tmp_path / "dask.json"), "--docs", str(docs)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads((tmp_path / "dask.json").read_text(encoding="utf-8"))
    assert result["same_quads"] and result["local"]["rebuilt"] == result["cluster"]["fresh"]["rebuilt"] == 1
    assert result["cluster"]["unchanged"]["rebuilt"] == 0 and len(result["cluster"]["workers_peak_mib"]) == 1
    assert min(result["local"]["build_peak_mib"], *result["cluster"]["workers_peak_mib"]) > 100  # one plan's build
    assert "| Dask LocalCluster, `--scheduler` |" in docs.read_text(encoding="utf-8")
