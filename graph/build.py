"""The build: source text and curated YAML → checked, reasoned RDF dataset → files in `out/`.

Each step is a plain function; `build` runs them in order and reports progress. Files are
written to a temporary folder beside `out/` and swapped in at the end, so a failed build leaves
the previous good `out/` as it was.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from plankg import __version__
from plankg.errors import PlankgError, PlankgErrors
from plankg.graph.entities import curated_quads
from plankg.graph.namespaces import ONTOLOGY_GRAPH, PREFIXES, bind_prefixes, graph_iri, plan_namespace, shorten
from plankg.graph.reason import InconsistentGraph, reason
from plankg.graph.shacl import Violation, load_turtle, validate_shapes
from plankg.graph.structure import part_iri, structure_triples
from plankg.loaders.curated import CuratedPlan, load_curated
from plankg.loaders.source import PlanSource, discover_sources, read_source
from plankg.loaders.text import PlanText, read_plan_text
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE

Progress = Callable[[str], None]

OUTPUT_FILES = ("plankg.trig", "plankg.ttl", "plankg.jsonld", "build.json")


@dataclass
class PlanInput:
    """One plan read and checked: its source, its parsed text and its curated data."""

    source: PlanSource
    text: PlanText
    curated: CuratedPlan

    @property
    def id(self) -> str:
        return self.source.meta.id


@dataclass
class BuildResult:
    dataset: Dataset
    plans: list[PlanInput]
    seconds: dict[str, float] = field(default_factory=dict)


def _quiet(_: str) -> None:
    """The default progress reporter: say nothing."""


def read_plans(data_dir: Path) -> list[PlanInput]:
    """Read, parse and check every plan under `data_dir` (sources/ and curated/<plan>/)."""
    plans, problems = [], []
    for metadata in discover_sources(data_dir):
        try:
            source = read_source(metadata)
            text = read_plan_text(source)
            folder = data_dir / "curated" / source.meta.id
            curated = load_curated(folder, text, source.meta.period) if folder.is_dir() else CuratedPlan()
            plans.append(PlanInput(source, text, curated))
        except PlankgErrors as errors:
            problems.extend(errors.errors)
        except PlankgError as error:
            problems.append(error)
    if problems:
        raise PlankgErrors(problems)
    return plans


def assemble(plans: list[PlanInput], ontology: Graph) -> Dataset:
    """One dataset: the ontology graph and, per plan, its structure, stated and curated graphs."""
    dataset = Dataset()
    bind_prefixes(dataset.namespace_manager, [plan.id for plan in plans])
    ontology_graph = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology:
        ontology_graph.add(triple)
    for plan in plans:
        structure = dataset.graph(graph_iri(plan.id, "structure"))
        for triple in structure_triples(plan.source, plan.text):
            structure.add(triple)
        graphs = {kind: dataset.graph(graph_iri(plan.id, kind)) for kind in ("stated", "curated")}
        for subject, predicate, obj, kind in curated_quads(plan.id, plan.curated):
            graphs[kind].add((subject, predicate, obj))
    return dataset


def data_union(dataset: Dataset, plans: list[PlanInput], kinds: tuple[str, ...]) -> Graph:
    """The union of the named graphs of the given kinds, as one rdflib Graph."""
    union = Graph()
    for plan in plans:
        for kind in kinds:
            for triple in dataset.graph(graph_iri(plan.id, kind)):
                union.add(triple)
    return union


def _origin_index(plans: list[PlanInput]) -> dict[URIRef, str]:
    """Where each node of the graph was written, so a SHACL result can name a file and line."""
    index: dict[URIRef, str] = {}
    for plan in plans:
        namespace = plan_namespace(plan.id)
        for paragraph in plan.text.paragraphs():
            index[part_iri(plan.id, paragraph.id)] = f"{plan.text.path}:{paragraph.line}"
        for node in plan.curated.nodes.values():
            index[namespace[node.id]] = f"{node.origin.path}:{node.origin.line}"
        for edge in plan.curated.edges:
            local = edge.predicate.partition(":")[2]
            index[namespace[f"statement/{edge.subject}/{local}/{edge.object}"]] = (
                f"{edge.origin.path}:{edge.origin.line}"
            )
    return index


def shape_errors(violations: list[Violation], plans: list[PlanInput]) -> PlankgErrors:
    """SHACL results as located errors, one line each."""
    origins = _origin_index(plans)
    errors = []
    for violation in violations:
        where = origins.get(violation.focus, "(graph)")  # type: ignore[arg-type]
        path = f" {shorten(str(violation.path))}" if violation.path is not None else ""
        focus = shorten(str(violation.focus))
        errors.append(PlankgError(f"SHACL {violation.severity}: {focus}{path}: {violation.message}", where))
    return PlankgErrors(errors)


def build_graph(data_dir: Path, progress: Progress = _quiet, with_reasoning: bool = True) -> BuildResult:
    """Everything but writing: read, assemble, validate with SHACL, reason with HermiT."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[step] = round(now - clock, 3)
        clock = now

    progress("reading sources and curated data")
    plans = read_plans(data_dir)
    lap("read")
    progress("assembling the graph")
    ontology = load_turtle(ONTOLOGY_FILE)
    dataset = assemble(plans, ontology)
    lap("assemble")
    progress("validating with SHACL")
    data = data_union(dataset, plans, ("structure", "stated", "curated"))
    violations = [v for v in validate_shapes(data, load_turtle(SHAPES_FILE), ontology) if v.severity == "Violation"]
    if violations:
        raise shape_errors(violations, plans)
    lap("shacl")
    if with_reasoning:
        progress("reasoning with HermiT")
        try:
            inferred = reason(ontology, data)
        except InconsistentGraph as inconsistent:
            origins = _origin_index(plans)
            raise PlankgErrors(
                [
                    PlankgError(f"inconsistent (HermiT): {shorten(str(node))} {why}", origins.get(node, "(graph)"))
                    for node, why in inconsistent.culprits
                ]
                or [inconsistent]
            ) from inconsistent
        by_plan = {str(plan_namespace(plan.id)): plan.id for plan in plans}
        for triple in inferred:
            plan_id = next(pid for prefix, pid in by_plan.items() if str(triple[0]).startswith(prefix))
            dataset.graph(graph_iri(plan_id, "inferred")).add(triple)
        lap("reason")
    return BuildResult(dataset, plans, seconds)


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    union.namespace_manager = dataset.namespace_manager
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


def write_outputs(result: BuildResult, out_dir: Path, progress: Progress = _quiet) -> None:
    """Write the build to `out_dir` atomically: into a temporary folder, then swapped in."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.building"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        progress("writing TriG, Turtle and JSON-LD")
        dataset = result.dataset
        dataset.serialize(staging / "plankg.trig", format="trig", encoding="utf-8")
        _union(dataset).serialize(staging / "plankg.ttl", format="turtle", encoding="utf-8")
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        dataset.serialize(staging / "plankg.jsonld", format="json-ld", context=context, encoding="utf-8")
        (staging / "build.json").write_text(json.dumps(build_manifest(result), indent=2, ensure_ascii=False) + "\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = out_dir.parent / f".{out_dir.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(previous)
    staging.rename(out_dir)
    shutil.rmtree(previous, ignore_errors=True)


def build_manifest(result: BuildResult) -> dict[str, object]:
    """What was built from what: versions, input digests, triple counts per graph, timings."""
    graphs = {str(graph.identifier): len(graph) for graph in result.dataset.graphs() if len(graph)}
    return {
        "plankg": __version__,
        "plans": [
            {"id": plan.id, "source": plan.source.meta.file, "sha256": plan.source.meta.sha256} for plan in result.plans
        ],
        "triples": graphs,
        "seconds": result.seconds,
    }
