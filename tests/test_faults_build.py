"""The build under faults: two builds at once, a full or read-only disk, a kill at each step,
SIGTERM. After each, `out/` must be one whole build (the one before, or the new one), the error
one line, and nothing of the failed build left beside it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.graph import output_folder
from plankg.graph.outputs import OutputWriter
from tests.conftest import TEST_DATA, snapshot

BOUND = 300  # seconds any one build in these tests may take before the test gives up on it


def plankg(*args: str) -> subprocess.Popen[str]:
    """The CLI in a process of its own, to be killed or raced."""
    return subprocess.Popen(
        [sys.executable, "-m", "plankg", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def build_args(out: Path) -> list[str]:
    return ["build", "--data", str(TEST_DATA), "--out", str(out), "--reasoner", "none"]


@contextlib.contextmanager
def running(*args: str) -> Iterator[subprocess.Popen[str]]:
    process = plankg(*args)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=BOUND)


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + BOUND
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the build ended before {what}: {process.communicate()[1][-500:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} within {BOUND} s")
        time.sleep(0.02)


def assert_whole(out: Path) -> None:
    """A whole build: its manifest, exchange files and store agree on every triple."""
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    expected = sum(manifest["triples"].values())
    store = ox.Store.read_only(str(out / "store"))
    assert len(store) == expected
    loaded = ox.Store()
    loaded.bulk_load(path=str(out / "plankg.trig"), format=ox.RdfFormat.TRIG)
    assert len(loaded) == expected
    json.loads((out / "plankg.jsonld").read_text(encoding="utf-8"))


def beside(out: Path) -> set[str]:
    """What is in the folder around `out`, `out` aside."""
    return {path.name for path in out.parent.iterdir()} - {out.name}


@pytest.fixture
def previous(out_dir: Path, tmp_path: Path) -> Path:
    """A good earlier build in a folder of the test's own."""
    out = tmp_path / "work" / "out"
    shutil.copytree(out_dir, out)
    return out


def test_a_second_build_stops_at_once_naming_the_first(previous: Path) -> None:
    runner = CliRunner()
    with running(*build_args(previous)) as first:
        lock = previous.parent / ".out.lock"
        wait_for(lambda: lock.is_file() and lock.read_text().strip() != "", first, "lock")
        second = runner.invoke(app, build_args(previous))
        assert second.exit_code == 1
        assert f"another build (process {first.pid}) is writing this folder" in second.output
        assert "Traceback" not in second.output
        _out, err = first.communicate(timeout=BOUND)
        assert first.returncode == 0, err
    assert_whole(previous)
    assert beside(previous) == set()  # no staging folder, no lock file


def _kill_when(previous: Path, condition: Callable[[Path], bool], what: str) -> None:
    before = snapshot(previous)
    with running(*build_args(previous)) as build:
        wait_for(lambda: condition(previous.parent), build, what)
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=BOUND)
    assert snapshot(previous) == before, f"killed at {what}, out/ changed"


def _staging(parent: Path) -> list[Path]:
    return list(parent.glob(".out.building-*"))


def _staged(name: str, size: int = 1) -> Callable[[Path], bool]:
    def condition(parent: Path) -> bool:
        return any((folder / name).exists() and (folder / name).stat().st_size >= size for folder in _staging(parent))

    return condition


def test_a_build_killed_at_any_step_leaves_the_previous_build_whole(previous: Path) -> None:
    trig_size = (previous / "plankg.trig").stat().st_size
    steps = {
        "staging begun": lambda parent: bool(_staging(parent)),
        "the plan's triples written": _staged("plankg.trig", trig_size // 2),
        "the store being loaded": _staged("store"),
    }
    for what, condition in steps.items():
        _kill_when(previous, condition, what)
    assert _staging(previous.parent), "the kills should have left staging folders"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = Path(tempfile.gettempdir()) / f"plankg-reason-{gone.stdout.strip()}-killed"
    stale.mkdir()  # what HermiT's folder looks like after its build was killed
    result = CliRunner().invoke(app, build_args(previous))
    assert result.exit_code == 0, result.output
    assert_whole(previous)
    assert beside(previous) == set(), "the next build removes what killed builds left"
    assert not stale.exists(), "and the scratch folders of processes that are gone"


def test_sigterm_stops_a_build_and_removes_its_staging(previous: Path) -> None:
    before = snapshot(previous)
    with running(*build_args(previous)) as build:
        wait_for(lambda: bool(_staging(previous.parent)), build, "staging")
        build.send_signal(signal.SIGTERM)
        _out, err = build.communicate(timeout=BOUND)
    assert build.returncode != 0
    assert "Traceback" not in err
    assert snapshot(previous) == before
    assert beside(previous) == set()


def _die_between_renames(staging: Path, out: Path) -> None:
    """`swap_in` where the folders cannot be exchanged, in a process killed between its renames."""
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from plankg.graph import output_folder\n"
        "output_folder._exchange = lambda first, second: False\n"
        "rename = Path.rename\n"
        "def once(self, target):\n"
        "    result = rename(self, target)\n"
        "    os._exit(9)\n"
        "Path.rename = once\n"
        "output_folder.swap_in(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    died = subprocess.run([sys.executable, "-c", script, str(staging), str(out)], timeout=60, check=False)
    assert died.returncode == 9


def test_a_build_stopped_between_the_renames_is_explained_and_restored(previous: Path) -> None:
    staging = output_folder.staging_folder(previous)
    (staging / "half").write_text("a half-made build")
    before = snapshot(previous)
    _die_between_renames(staging, previous)
    assert not previous.exists()
    runner = CliRunner()
    read = runner.invoke(app, ["stats", "--build", str(previous)])
    assert read.exit_code == 1
    assert "a build was stopped while it replaced this folder" in read.output
    assert "run `plankg build`" in read.output
    # A build that then fails (its data broken) still puts the previous build back first.
    broken = previous.parent / "data"
    shutil.copytree(TEST_DATA, broken)
    curated = next((broken / "curated").rglob("*.yaml"))
    curated.write_text(curated.read_text(encoding="utf-8") + "\n  - [unclosed\n", encoding="utf-8")
    failed = runner.invoke(app, ["build", "--data", str(broken), "--out", str(previous), "--reasoner", "none"])
    assert failed.exit_code == 1
    assert snapshot(previous) == before
    assert beside(previous) == {"data"}


def test_where_folders_cannot_be_exchanged_the_swap_still_replaces_the_build(
    previous: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging = output_folder.staging_folder(previous)
    (staging / "new").write_text("the new build")
    monkeypatch.setattr(output_folder, "_exchange", lambda first, second: False)
    output_folder.swap_in(staging, previous)
    assert [path.name for path in previous.iterdir()] == ["new"]
    assert beside(previous) == set()


class _FullDisk:
    """A file on a disk that fills after `room` characters: writes fail, and so does the close
    that flushes them, as on a real full disk."""

    def __init__(self, room: int):
        self.room = room

    def write(self, text: str) -> int:
        self.room -= len(text)
        if self.room < 0:
            raise OSError(28, "No space left on device")
        return len(text)

    def close(self) -> None:
        if self.room < 0:
            raise OSError(28, "No space left on device")


def test_a_full_disk_is_one_line_and_leaves_nothing(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(previous)
    monkeypatch.setattr(OutputWriter, "_open", lambda self, folder, name: _FullDisk(1_000_000))
    result = CliRunner().invoke(app, build_args(previous))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "cannot write the build (No space left on device); nothing in this folder was changed" in lines[0]
    assert snapshot(previous) == before
    assert beside(previous) == set()


@contextlib.contextmanager
def small_disk(folder: Path, megabytes: int) -> Iterator[Path]:
    """A tmpfs of this size at `folder` (needs the right to mount, as CI's root has)."""
    folder.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False, timeout=60)


def _used(folder: Path) -> int:
    stats = os.statvfs(folder)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


def test_a_really_full_disk_gives_its_space_back(out_dir: Path, tmp_path: Path) -> None:
    size = sum(path.stat().st_size for path in out_dir.rglob("*") if path.is_file())
    with small_disk(tmp_path / "disk", size * 3 // 2 // 2**20) as disk:
        out = disk / "out"
        shutil.copytree(out_dir, out)
        before, used = snapshot(out), _used(disk)
        result = CliRunner().invoke(app, build_args(out))
        assert result.exit_code == 1
        assert "No space left on device" in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert snapshot(out) == before
        assert beside(out) == set()
        assert _used(disk) == used


def test_a_read_only_disk_is_one_line(out_dir: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 200) as disk:
        out = disk / "out"
        shutil.copytree(out_dir, out)
        before = snapshot(out)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, timeout=60)
        runner = CliRunner()
        for args in (build_args(out), ["viz", "goals", "--build", str(out), "--out", str(out / "viz" / "goals.html")]):
            result = runner.invoke(app, args)
            assert result.exit_code == 1, args
            assert "Read-only file system" in result.output, result.output
            assert len(result.output.strip().splitlines()) == 1, result.output
        assert snapshot(out) == before


@pytest.mark.parametrize(("fmt", "name"), [("turtle", "plan.ttl"), ("neo4j", "neo4j")])
def test_an_export_onto_a_full_disk_leaves_the_previous_export(
    out_dir: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    with small_disk(tmp_path / "disk", 1) as disk:
        target = disk / name
        if fmt == "neo4j":
            target.mkdir()
            (target / "earlier.csv").write_text("an earlier export\n")
        else:
            target.write_text("an earlier export\n")
        before = {path.name for path in disk.iterdir()}
        result = CliRunner().invoke(app, ["export", fmt, "--build", str(out_dir), "--out", str(target)])
        assert result.exit_code == 1
        assert "No space left on device" in result.output
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert {path.name for path in disk.iterdir()} == before
        earlier = target / "earlier.csv" if fmt == "neo4j" else target
        assert earlier.read_text() == "an earlier export\n"


def test_a_build_never_replaces_what_is_not_a_build(tmp_path: Path) -> None:
    runner = CliRunner()
    afile, folder = tmp_path / "notes.txt", tmp_path / "documents"
    afile.write_text("a user's file\n")
    folder.mkdir()
    (folder / "mine.txt").write_text("a user's file\n")
    for out, says in ((afile, "this is a file, not a build folder"), (folder, "this folder holds files but no build")):
        result = runner.invoke(app, build_args(out))
        assert result.exit_code == 1
        assert says in result.output
    assert afile.read_text() == "a user's file\n"
    assert [path.name for path in folder.iterdir()] == ["mine.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["documents", "notes.txt"]


def test_a_folder_export_keeps_the_other_files_of_its_folder(out_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "mine.txt").write_text("a user's file\n")
    result = CliRunner().invoke(app, ["export", "csv", "--build", str(out_dir), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    names = {path.name for path in folder.iterdir()}
    assert "mine.txt" in names and "nodes.csv" in names
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tables"]
