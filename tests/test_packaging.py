"""The package as a user installs it: namespaced modules, one CLI with help, clean code."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import packages_distributions, requires
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
    "search",
    "show",
    "analyze",
    "viz",
    "export",
    "serve",
    "push",
]


def test_public_api_is_what_all_says() -> None:
    assert sorted(plankg.__all__) == sorted(
        ["Build", "Endpoint", "PlankgError", "__version__", "build", "open", "open_endpoint"]
    )
    for name in plankg.__all__:
        assert hasattr(plankg, name)
    public = {
        name for name in vars(plankg) if not name.startswith("_") and not isinstance(vars(plankg)[name], type(plankg))
    }
    assert public - {"Path", "annotations"} == set(plankg.__all__) - {"__version__"}


def test_help_imports_no_heavy_library() -> None:
    """`plankg --help` and a query's imports stay light: the build stack loads only to build."""
    probe = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from plankg.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0\n"
        "heavy = ['owlready2', 'pyshacl', 'pyvis', 'pypinyin', 'rdflib', 'networkx', 'pydantic', 'yaml']\n"
        "print(','.join(name for name in heavy if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == "", f"imported by --help: {result.stdout.strip()}"


def test_a_built_plan_opens_through_the_public_api(out_dir: Path) -> None:
    """The one door: `plankg.open` reads the manifest, and the engine answers from the build's store."""
    opened = plankg.open(out_dir)
    assert opened.manifest["reasoner"] == "hermit"
    assert (out_dir / "store").is_dir()
    answer = opened.engine().query("SELECT (COUNT(*) AS ?n) WHERE { ?p a plankg:Pillar }")
    assert answer.dicts() == [{"n": "5"}]  # 经济强、生态美、文化兴、品质优、人民富
    with pytest.raises(plankg.PlankgError, match="no build here"):
        plankg.open(out_dir / "nothing")


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
        "plankg/graph/engines/embedded.py",
        "plankg/graph/engines/remote.py",
        "plankg/graph/exporters/rdf.py",
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


def test_the_installed_package_type_checks(tmp_path: Path) -> None:
    """mypy on the package as installed, where `plankg.graph` and the others resolve."""
    work = tmp_path / "src"
    shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".git", "out", "build", "*.egg-info", "__pycache__"))
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(work),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "-p",
            "plankg",
        ],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_source_folder_ships() -> None:
    """Each folder of code under the card's top-level folders is a package the wheel lists."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for init in sorted(ROOT.glob("*/**/__init__.py")):
        folder = init.parent.relative_to(ROOT).as_posix()
        if folder.split("/")[0] in SHIPPED:
            assert f'= "{folder}"' in config or folder == "plankg", f"{folder} is not mapped in pyproject.toml"


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.output.strip() == f"plankg {plankg.__version__}"


def test_code_is_ruff_clean() -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with the [test] extra)")
    result = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def _distribution(requirement: str) -> str:
    """The normalised distribution name of a requirement line (`pyshacl>=0.30,<1` → `pyshacl`)."""
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def _imported_modules(path: Path) -> set[str]:
    """The top-level modules a file imports, wherever in the file (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.partition(".")[0])
    return modules


# What ships (the card's top-level folders) needs only the dependencies, and an optional extra's
# modules imported only behind the option that needs them, whose error names the extra (`cluster`:
# `plankg build --scheduler`); tests and benchmarks may also use the test extra.
SHIPPED = ("plankg", "ontology", "graph", "loaders", "queries", "viz", "data")
OPTIONAL_EXTRAS = ("cluster",)
OWN = {"plankg", "tests", "benchmarks"}


def _for_extra(line: str, extras: tuple[str, ...]) -> bool:
    """Whether a requirement line is a dependency, or one of these extras' (`; extra == "cluster"`)."""
    marker = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", line)
    return marker is None or marker.group(1) in extras


def _declared(extras: tuple[str, ...]) -> set[str]:
    """The distributions plankg declares with these extras, and those a requirement's own extras
    pull in (`dask[distributed]` declares `distributed`)."""
    names = set()
    for line in requires("plankg") or []:
        if not _for_extra(line, extras):
            continue
        name = _distribution(line)
        names.add(name)
        wanted = re.match(r"[^\[;]*\[([^\]]*)\]", line)
        if wanted and name != "plankg":  # plankg[cluster] in the test extra: the extras listed here already
            own = tuple(extra.strip() for extra in wanted.group(1).split(","))
            names |= {_distribution(sub) for sub in requires(name) or [] if "extra ==" in sub and _for_extra(sub, own)}
    return names


@pytest.mark.parametrize("part", ["shipped", "tests"])
def test_every_import_is_declared(part: str) -> None:
    """A module imported but not declared works only on a machine that happens to have it."""
    extras = OPTIONAL_EXTRAS if part == "shipped" else ("test", *OPTIONAL_EXTRAS)
    declared = _declared(extras)  # pyproject.toml's lists, as installed
    folders = SHIPPED if part == "shipped" else ("tests", "benchmarks")
    providers = packages_distributions()
    undeclared = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for module in sorted(_imported_modules(path) - OWN - set(sys.stdlib_module_names)):
                names = {_distribution(name) for name in providers.get(module, [])}
                if not names & declared:
                    source = sorted(names) or "nothing installed"
                    undeclared.append(f"{path.relative_to(ROOT)} imports {module} (from {source})")
    assert not undeclared, "imported but not declared in pyproject.toml:\n" + "\n".join(undeclared)


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line for line in re.findall(r"```sh\n(.+?)\n```", readme) if line.startswith("python3 -m pip install")]


def test_ci_runs_the_readme_test_command() -> None:
    """CI proves what the README promises: its second command, word for word."""
    setup, tests = _readme_commands()[:2]
    assert "plankg build" in setup and "pytest" in tests
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in script, f"{tests!r} is not a line of .ci/run"


@pytest.mark.parametrize(
    "command",
    [
        ["query", "targets"],
        ["sparql", "ASK {}"],
        ["stats"],
        ["analyze", "central"],
        ["viz", "goals"],
        ["export", "turtle"],
        ["push", "--endpoint", "http://127.0.0.1:9/query"],
    ],
)
def test_every_command_that_reads_a_build_says_when_there_is_none(command: list[str], tmp_path: Path) -> None:
    """One line through the one error boundary, whichever command: no traceback, exit status 1."""
    result = CliRunner().invoke(app, [*command, "--build", str(tmp_path / "nothing")])
    assert result.exit_code == 1, result.output
    assert "no build here: run `plankg build` first" in result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)
