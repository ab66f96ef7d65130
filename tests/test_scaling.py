"""Many plans: the synthetic corpus, the streamed parallel build, the rules that stand in for
HermiT, and a smoke run of the scaling benchmark (which measures; nothing here asserts a time)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from benchmarks.generate import REAL_PLAN, RealPlan, generate, shape
from plankg.cli import app
from plankg.data import DATA_DIR
from plankg.errors import PlankgError
from plankg.graph import outputs
from plankg.graph.build import PlanInput, build_plan, data_union, read_plan
from plankg.graph.engines import Table, Term
from plankg.graph.namespaces import graph_iri, plan_iri
from plankg.graph.opened import Build, open_build
from plankg.graph.outputs import BuildSummary, build_outputs
from plankg.graph.reasoners import choose_reasoner
from plankg.graph.rules import materialise
from plankg.graph.shacl import load_turtle
from plankg.ontology import ONTOLOGY_FILE
from plankg.queries.catalogue import load_catalogue
from plankg.queries.runner import bind, run_catalogue_query, scope_of
from plankg.viz import layout
from tests import browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("corpus") / "data"
    generate(data, 2, seed=3)
    return data


def _zh_labels(data: Path, plan_id: str, kind: str) -> set[str]:
    plan = read_plan(data, data / "sources" / f"{plan_id}.yaml")
    return {node.label.zh for node in plan.curated.nodes.values() if node.kind == kind}


def test_synthetic_plans_pass_the_loader_with_the_real_shape_and_their_own_names(corpus: Path) -> None:
    real = read_plan(DATA_DIR, DATA_DIR / "sources" / f"{REAL_PLAN}.yaml")
    for plan_id in ("synthetic-0001", "synthetic-0002"):
        synthetic = read_plan(corpus, corpus / "sources" / f"{plan_id}.yaml")  # every quote checked verbatim
        assert shape(synthetic) == shape(real)
    real_places = _zh_labels(DATA_DIR, REAL_PLAN, "places")
    first, second = _zh_labels(corpus, "synthetic-0001", "places"), _zh_labels(corpus, "synthetic-0002", "places")
    assert len(first) == len(real_places)
    assert len(first & real_places) < len(real_places) / 10 and len(first & second) < len(first) / 10


def test_the_corpus_is_the_same_for_the_same_seed(corpus: Path, tmp_path: Path) -> None:
    real = RealPlan.read()
    generate(tmp_path / "again", 2, seed=3, real=real)
    generate(tmp_path / "other", 1, seed=4, real=real)
    text = "sources/synthetic-0001.txt"
    assert (tmp_path / "again" / text).read_bytes() == (corpus / text).read_bytes()
    assert (tmp_path / "other" / text).read_bytes() != (corpus / text).read_bytes()


def test_an_unknown_reasoner_is_named_with_the_choices() -> None:
    with pytest.raises(PlankgError, match="unknown reasoner 'pellet': choose one of rules, hermit, none"):
        choose_reasoner("pellet")


def test_the_rules_infer_exactly_what_hermit_infers_on_the_real_plan(built: Build, plan_input: PlanInput) -> None:
    assert built.manifest["reasoner"] == "hermit"
    ontology = load_turtle(ONTOLOGY_FILE)
    data = data_union(built.dataset, [plan_input], ("structure", "stated", "curated"))
    hermit = set(built.dataset.graph(graph_iri(plan_input.id, "inferred")))
    assert len(hermit) > 3000
    assert set(materialise(ontology, data)) == hermit


@pytest.fixture(scope="module")
def corpus_build(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The corpus built as `plankg build` builds it by default (so with the rules)."""
    out = tmp_path_factory.mktemp("corpus-build") / "out"
    return out, build_outputs(corpus, out, jobs=2)


def test_parallel_streamed_build_writes_every_plan_once_in_every_format(
    corpus_build: tuple[Path, BuildSummary],
) -> None:
    out, summary = corpus_build
    assert [plan["id"] for plan in summary.plans] == ["synthetic-0001", "synthetic-0002"]
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert manifest["reasoner"] == "rules" and len(manifest["plans"]) == 2
    sizes = {}
    for name, form in (("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD), ("ttl", ox.RdfFormat.TURTLE)):
        store = ox.Store()
        store.load(path=str(out / f"plankg.{name}"), format=form)
        sizes[name] = len(store)
    assert sizes["trig"] == sizes["jsonld"] == sizes["ttl"]
    store = ox.Store()
    store.load(path=str(out / "plankg.trig"), format=ox.RdfFormat.TRIG)
    per_graph = {
        str(graph): len(list(store.quads_for_pattern(None, None, None, graph))) for graph in store.named_graphs()
    }
    for kind in ("structure", "stated", "curated", "inferred"):
        first = per_graph[f"<{graph_iri('synthetic-0001', kind)}>"]
        assert first > 0 and first == per_graph[f"<{graph_iri('synthetic-0002', kind)}>"], kind
    assert sum(per_graph.values()) == sizes["trig"]
    assert summary.triples == {key.strip("<>"): value for key, value in per_graph.items()}


def test_plan_queries_see_only_their_plan_and_give_the_rows_of_the_whole_store(
    corpus_build: tuple[Path, BuildSummary],
) -> None:
    engine = open_build(corpus_build[0]).engine()
    plan = str(plan_iri("synthetic-0002"))
    scoped = [query for query in load_catalogue().values() if any(p.cls == "Plan" for p in query.params)]
    assert {query.name for query in scoped} >= {"targets", "gaps", "cross-cutting", "goal-tree", "glossary-usage"}
    for query in scoped:
        given = {param.name: plan for param in query.params if param.cls == "Plan"}
        rows = run_catalogue_query(engine, query, given).rows
        values = {name: Term("uri", value) for name, value in given.items()}
        assert scope_of(query, values) and rows, query.name
        whole_store = engine.query(bind(query.text, values))
        assert isinstance(whole_store, Table) and rows == whole_store.rows, query.name


def test_a_bad_plan_among_many_is_named_and_out_stays_as_it_was(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corpus, data)
    out = tmp_path / "out"
    out.mkdir()
    (out / "plankg.trig").write_text("# the previous build\n", encoding="utf-8")
    (out / "build.json").write_text("{}\n", encoding="utf-8")  # what makes a folder a build
    chapter = data / "curated" / "synthetic-0002" / "ch07.yaml"
    lines = chapter.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "quote:" in line)
    lines[number] = lines[number].replace("quote: ", "quote: 不在原文里的话", 1)
    chapter.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(PlankgError) as caught:
        build_outputs(data, out, reasoner="rules", jobs=2)
    assert f"{chapter}:{number + 1}" in str(caught.value)
    assert "synthetic-0001" not in str(caught.value)
    assert (out / "plankg.trig").read_text(encoding="utf-8") == "# the previous build\n"
    assert not list(tmp_path.glob(".out.*")), "no staging folder is left behind"
    checked = CliRunner().invoke(app, ["validate", "--data", str(data), "--reasoner", "rules", "--jobs", "2"])
    assert checked.exit_code == 1 and f"{chapter}:{number + 1}" in " ".join(checked.output.split())


def test_the_benchmark_runs_at_one_plan(tmp_path: Path) -> None:
    """A smoke run, so the benchmark cannot rot: every step runs and every engine answers
    every catalogue query with the same number of rows. Times are recorded, never asserted."""
    command = [sys.executable, "-m", "benchmarks.run", "--plans", "1", "--repeat", "1", "--hermit-max", "1"]
    command += ["--rdflib-max", "1", "--work", str(tmp_path / "work"), "--results", str(tmp_path)]
    command += ["--docs", str(tmp_path / "docs" / "benchmarks.md")]
    if not browser.CHROMIUM.exists():
        command.append("--no-browser")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "K=1: building" in done.stderr  # progress is shown
    [result_file] = tmp_path.glob("*.json")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    [run] = result["runs"]
    catalogue = load_catalogue()
    assert set(run["queries"]) == set(catalogue)
    for name, engines in run["queries"].items():
        rows = {engine: timing["rows"] for engine, timing in engines.items()}
        expected = {"pyoxigraph", "sparqlwrapper"} | ({"rdflib"} if catalogue[name].slow_on_rdflib is None else set())
        assert set(rows) == expected and len(set(rows.values())) == 1, (name, rows)
    assert run["quads"] > 50_000 and run["build"]["peak_mib"] > 0
    assert set(run["build"]["steps_s"]) >= {"read", "assemble", "shacl", "reason", "serialise"}
    assert result["reasoning"][0]["hermit"]["inferred"] == result["reasoning"][0]["rules"]["inferred"]
    if browser.CHROMIUM.exists():
        drawn = run["viz"]["browser"]
        # The overview draws the plan's 224 goals and the folds on them, and its largest fold opens.
        assert 224 < drawn["nodes"] <= layout.PHYSICS_LIMIT and drawn["open_fold_ms"] is not None
        assert not drawn["console_errors"]
    report = (tmp_path / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert "| `targets` |" in report and (tmp_path / "docs" / "img" / "benchmarks.png").stat().st_size > 10_000


def test_a_plan_whose_inputs_did_not_change_is_not_built_again(
    corpus: Path, corpus_build: tuple[Path, BuildSummary], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plans built are counted where the build calls the per-plan pipeline; a failed build in
    between leaves the previous build's cache as it was."""
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(corpus, data)
    shutil.copytree(corpus_build[0], out)
    built: list[str] = []

    def counted(plan: PlanInput, *args: object) -> object:
        built.append(plan.id)
        return build_plan(plan, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(outputs, "build_plan", counted)

    def rebuild() -> list[str]:
        built.clear()
        build_outputs(data, out, jobs=1)
        assert json.loads((out / "build.json").read_text(encoding="utf-8"))["rebuilt"] == built
        return list(built)

    def plan_quads() -> set[ox.Quad]:
        quads = ox.parse(path=str(out / "plankg.trig"), format=ox.RdfFormat.TRIG)
        return {quad for quad in quads if "/graph/synthetic-" in quad.graph_name.value}

    first = plan_quads()
    assert rebuild() == []
    assert plan_quads() == first and len(first) > 100_000
    chapter = data / "curated" / "synthetic-0002" / "ch07.yaml"
    original = chapter.read_text(encoding="utf-8")
    chapter.write_text(original + "# a curator's note\n", encoding="utf-8")
    assert rebuild() == ["synthetic-0002"]
    assert plan_quads() == first
    chapter.write_text(original.replace("quote: ", "quote: 不在原文里的话", 1), encoding="utf-8")
    with pytest.raises(PlankgError):
        build_outputs(data, out, jobs=1)
    chapter.write_text(original + "# a curator's note\n", encoding="utf-8")
    assert rebuild() == []
