"""Shared fixtures: the repository's data, a build of it, and scratch copies to break."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest

from plankg.data import DATA_DIR
from plankg.graph.build import PlanInput, read_plan
from plankg.graph.opened import Build, open_build
from plankg.graph.outputs import build_outputs
from plankg.graph.store import run_query
from plankg.loaders.source import read_source
from plankg.loaders.text import PlanText, read_plan_text
from tests import leftovers
from tests.stand_in import Reply, Seen, StandIn, stand_ins

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

ROOT = Path(__file__).resolve().parents[1]
PLAN = "xincheng-14th"
SOURCE_METADATA = DATA_DIR / "sources" / f"{PLAN}.yaml"


@pytest.fixture(scope="session")
def plan_text() -> PlanText:
    return read_plan_text(read_source(SOURCE_METADATA))


# A curator may point the tests at a scratch copy of the data while editing it.
TEST_DATA = Path(os.environ.get("PLANKG_TEST_DATA", DATA_DIR))


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full build of the data, SHACL and HermiT included, made the way `plankg build` makes
    it, and shared by the tests."""
    out = tmp_path_factory.mktemp("build") / "out"
    build_outputs(TEST_DATA, out, reasoner="hermit", jobs=1)
    return out


@pytest.fixture(scope="session")
def built(out_dir: Path) -> Build:
    return open_build(out_dir)


@pytest.fixture(scope="session")
def store(built: Build) -> ox.Store:
    return built.store


@pytest.fixture(scope="module")
def chromium() -> Iterator[BrowserContext]:
    """A headless Chromium for one module's browser tests, skipped where Debian's is missing."""
    from tests import browser

    if not browser.CHROMIUM.exists():
        pytest.skip(f"no {browser.CHROMIUM}: Debian's chromium is needed for the browser tests (.ci/run installs it)")
    with browser.chromium() as context:
        yield context


@pytest.fixture(scope="session")
def site_dir(built: Build, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The static site of the build (`plankg site`), written once and shared by the tests."""
    from plankg.viz.site.writer import write_site

    folder = tmp_path_factory.mktemp("site") / "site"
    write_site(built, folder, "zh", lambda step: None)
    return folder


@pytest.fixture
def stand_in() -> Iterator[Callable[[Callable[[Seen], Reply]], StandIn]]:
    """Start HTTP stand-ins (tests/stand_in.py) that stop when the test ends."""
    with stand_ins() as start:
        yield start


@pytest.fixture(scope="session")
def plan_input() -> PlanInput:
    """The plan as the build reads it: source, parsed text and checked curated data."""
    return read_plan(TEST_DATA, TEST_DATA / "sources" / f"{PLAN}.yaml")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the data folder, for tests that break it."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return copy


@pytest.fixture
def sources_only(tmp_path: Path) -> Path:
    """A data folder with the plan's source and no curated data: a test writes the little it needs."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR / "sources", copy / "sources")
    (copy / "curated" / PLAN).mkdir(parents=True)
    return copy


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder (a build: its files and its store) by relative path, with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT query as plain strings, the way a reader compares them with the text."""
    results = run_query(store, query)
    names = [variable.value for variable in results.variables]
    return [{name: row[name].value for name in names if row[name] is not None} for row in results]


def members_of(store: ox.Store, grouping: str, graph: str = "") -> dict[str, str]:
    """The members of the grouping concept with this Chinese label (their Chinese labels), each with
    the quote that lists it, or the justification where the member link is a curator's reading;
    only the links of `graph` (stated, curated) if one is given."""
    scope = f"GRAPH <{graph}> {{ ?c plankg:hasMember ?m }}" if graph else "?c plankg:hasMember ?m ."
    rows = select(
        store,
        f"""SELECT ?member ?support WHERE {{
              ?c a plankg:Concept ; rdfs:label "{grouping}"@zh .
              {scope}
              ?m rdfs:label ?member .
              ?s rdf:subject ?c ; rdf:predicate plankg:hasMember ; rdf:object ?m .
              {{ ?s plankg:evidence/oa:hasSelector/oa:exact ?support }} UNION {{ ?s plankg:justification ?support }}
              FILTER(LANG(?member) = "zh") }}""",
    )
    return {row["member"]: row["support"] for row in rows}


def target_quoting(store: ox.Store, value: str, words: str) -> dict[str, str]:
    """The target of this value whose quote holds these words of the plan, with its year,
    comparator, unit (zh), indicator (zh), the goal the indicator measures, and `fromPeriod`
    when its year was taken from the plan period."""
    rows = select(
        store,
        f"""SELECT ?value ?year ?cmp ?unit ?quote ?indicator ?goal ?fromPeriod WHERE {{
              ?t a plankg:Target ; plankg:value ?value ; plankg:year ?year ; plankg:comparator ?cmp ;
                 plankg:unit ?unit ; plankg:evidence/oa:hasSelector/oa:exact ?quote ; plankg:indicator ?ind .
              ?ind rdfs:label ?indicator ; plankg:measures ?goal .
              OPTIONAL {{ ?t plankg:yearFromPlanPeriod ?fromPeriod }}
              FILTER(LANG(?unit) = "zh" && LANG(?indicator) = "zh" && ?value = {value}) }}""",
    )
    rows = [row for row in rows if words in row["quote"]]
    assert rows, f"no target of value {value} quoting {words!r}"
    return rows[0]


# A test writes only under its temporary folders: files left in the work tree (a server's database
# started in the wrong folder, an `out/` written by a default path) fail the run.
_CACHES = ("__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache")


def _work_tree_files() -> set[str] | None:
    """Files git sees in the work tree beyond its commits, ignored ones included (None outside git)."""
    try:
        listed = subprocess.run(
            ["git", "status", "--porcelain=v1", "--untracked-files=all", "--ignored=matching"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {line for line in listed.splitlines() if not any(cache in line for cache in _CACHES)}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = _work_tree_files()
    session.config.stash[_SCRATCH] = leftovers.scratch_folders()


def _left_behind(session: pytest.Session) -> list[str]:
    """Everything the run leaves that it did not find: files in the work tree, processes still
    running below this one, ports it still listens on, scratch folders in the temp folder."""
    left = []
    before, after = session.config.stash.get(_BEFORE, None), _work_tree_files()
    if before is not None and after is not None:
        left += [f"file in the work tree: {line}" for line in sorted(after - before)]
    left += [f"process: {process}" for process in leftovers.descendants(os.getpid())]
    left += [f"listening port: {port}" for port in leftovers.listening_ports(os.getpid())]
    scratch = leftovers.scratch_folders() - session.config.stash.get(_SCRATCH, set())
    left += [f"scratch folder: {name}" for name in sorted(scratch)]
    return left


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    left = _left_behind(session)
    if left:
        session.config.get_terminal_writer().line("the tests left behind:\n" + "\n".join(left), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_BEFORE = pytest.StashKey[set[str] | None]()
_SCRATCH = pytest.StashKey[set[str]]()
