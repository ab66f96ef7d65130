"""The package as a user installs it: namespaced modules, one CLI with help, clean code."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import plankg
from plankg.cli import app

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [
    "paragraphs",
    "build",
    "validate",
    "stats",
    "sparql",
    "queries",
    "query",
    "analyze",
    "viz",
    "export",
    "serve",
    "push",
]


def test_public_api_is_what_all_says() -> None:
    assert sorted(plankg.__all__) == ["PlankgError", "__version__"]
    for name in plankg.__all__:
        assert hasattr(plankg, name)


def test_wheel_installs_only_under_plankg(tmp_path: Path) -> None:
    """No bare `graph`, `queries` or `loaders` module may land in site-packages."""
    work = tmp_path / "src"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".git", "out", "build", "*.egg-info", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(work), "--no-deps", "--no-build-isolation", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("plankg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"plankg", f"plankg-{plankg.__version__}.dist-info"}
    for shipped in (
        "plankg/graph/build.py",
        "plankg/loaders/text.py",
        "plankg/ontology/plankg.ttl",
        "plankg/ontology/shapes.ttl",
        "plankg/queries/targets.rq",
        "plankg/data/sources/xincheng-14th.txt",
        "plankg/data/sources/xincheng-14th.yaml",
    ):
        assert shipped in names


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and "--" in result.output


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.output.strip() == f"plankg {plankg.__version__}"


def test_code_is_ruff_clean() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the [test] extra)")
    result = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
