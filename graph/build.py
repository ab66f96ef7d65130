"""The build: source text and curated YAML → checked, reasoned RDF graphs, one plan at a time.

Each step is a plain function. Plans never link to each other's nodes, so each is assembled,
validated and reasoned on its own: the cost grows linearly with the number of plans and the
memory with the largest plan. The pipeline that runs these steps and writes the build (the one
`plankg build` and the tests take) is `outputs.build_outputs`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from plankg.errors import PlankgError, PlankgErrors
from plankg.graph.entities import curated_quads
from plankg.graph.namespaces import bind_prefixes, graph_iri, plan_namespace, shorten
from plankg.graph.reason import InconsistentGraph, reason
from plankg.graph.rules import materialise
from plankg.graph.shacl import Violation, validate_shapes
from plankg.graph.structure import part_iri, structure_triples
from plankg.loaders.curated import CuratedPlan, Origin, load_curated
from plankg.loaders.source import PlanSource, discover_sources, read_source
from plankg.loaders.text import PlanText, read_plan_text

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


def quiet(_: str) -> None:
    """The default progress reporter: say nothing."""


def read_plan(data_dir: Path, metadata: Path) -> PlanInput:
    """Read, parse and check one plan: its metadata file, its text and its curated folder."""
    source = read_source(metadata)
    text = read_plan_text(source)
    folder = data_dir / "curated" / source.meta.id
    curated = load_curated(folder, text, source.meta.period) if folder.is_dir() else CuratedPlan()
    return PlanInput(source, text, curated)


def read_plans(data_dir: Path) -> list[PlanInput]:
    """Read, parse and check every plan under `data_dir` (sources/ and curated/<plan>/)."""
    plans, problems = [], []
    for metadata in discover_sources(data_dir):
        try:
            plans.append(read_plan(data_dir, metadata))
        except PlankgError as error:
            problems += problems_of(error)
    if problems:
        raise PlankgErrors(problems)
    return plans


def data_union(dataset: Dataset, plans: list[PlanInput], kinds: tuple[str, ...]) -> Graph:
    """The union of the named graphs of the given kinds, as one rdflib Graph."""
    union = Graph()
    for plan in plans:
        for kind in kinds:
            for triple in dataset.graph(graph_iri(plan.id, kind)):
                union.add(triple)
    return union


def _origin_index(plans: list[PlanInput]) -> dict[URIRef, Origin]:
    """Where each node of the graph was written, so a SHACL result can name a file and line."""
    index: dict[URIRef, Origin] = {}
    for plan in plans:
        namespace = plan_namespace(plan.id)
        for paragraph in plan.text.paragraphs():
            index[part_iri(plan.id, paragraph.id)] = Origin(plan.text.path, paragraph.line)
        for node in plan.curated.nodes.values():
            index[namespace[node.id]] = node.origin
        for edge in plan.curated.edges:
            local = edge.predicate.partition(":")[2]
            index[namespace[f"statement/{edge.subject}/{local}/{edge.object}"]] = edge.origin
    return index


def _located(message: str, origin: Origin | None) -> PlankgError:
    """An error at a curated record's file and line, or about the graph as a whole."""
    return PlankgError(message) if origin is None else PlankgError(message, origin.path, origin.line)


def shape_errors(violations: list[Violation], plans: list[PlanInput]) -> PlankgErrors:
    """SHACL results as located errors, one line each."""
    origins = _origin_index(plans)
    errors = []
    for violation in violations:
        where = origins.get(violation.focus) if isinstance(violation.focus, URIRef) else None
        path = f" {shorten(str(violation.path))}" if violation.path is not None else ""
        focus = shorten(str(violation.focus))
        errors.append(_located(f"SHACL {violation.severity}: {focus}{path}: {violation.message}", where))
    return PlankgErrors(errors)


@dataclass
class PlanBuild:
    """One plan's named graphs (structure, stated, curated, inferred), validated and reasoned."""

    plan: PlanInput
    dataset: Dataset
    seconds: dict[str, float]


def plan_dataset(plan: PlanInput) -> Dataset:
    """One plan's structure, stated and curated graphs, as the plan's text and curation give them."""
    dataset = Dataset()
    bind_prefixes(dataset.namespace_manager, [plan.id])
    structure = dataset.graph(graph_iri(plan.id, "structure"))
    for triple in structure_triples(plan.source, plan.text):
        structure.add(triple)
    graphs = {kind: dataset.graph(graph_iri(plan.id, kind)) for kind in ("stated", "curated")}
    for subject, predicate, obj, kind in curated_quads(plan.id, plan.curated):
        graphs[kind].add((subject, predicate, obj))
    return dataset


def _inconsistency_errors(inconsistent: InconsistentGraph, plan: PlanInput, reasoner: str) -> PlankgErrors:
    origins = _origin_index([plan])
    return PlankgErrors(
        [
            _located(
                f"inconsistent ({reasoner}): {shorten(str(node))} {why}",
                origins.get(node) if isinstance(node, URIRef) else None,
            )
            for node, why in inconsistent.culprits
        ]
        or [inconsistent]
    )


def build_plan(plan: PlanInput, ontology: Graph, shapes: Graph, reasoner: str, progress: Progress = quiet) -> PlanBuild:
    """Assemble one plan's graphs, check them against the shapes and add what the reasoner infers.

    Plans never link to each other's nodes, so each is validated and reasoned on its own: the
    cost of a build grows linearly with the number of plans, and its memory with the largest.
    """
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[step] = round(now - clock, 3)
        clock = now

    progress("assembling the graph")
    dataset = plan_dataset(plan)
    lap("assemble")
    progress("validating with SHACL")
    data = data_union(dataset, [plan], ("structure", "stated", "curated"))
    violations = [v for v in validate_shapes(data, shapes, ontology) if v.severity == "Violation"]
    if violations:
        raise shape_errors(violations, [plan])
    lap("shacl")
    if reasoner != "none":
        progress(f"reasoning ({'HermiT' if reasoner == 'hermit' else 'rules'})")
        try:
            inferred = reason(ontology, data) if reasoner == "hermit" else materialise(ontology, data)
        except InconsistentGraph as inconsistent:
            raise _inconsistency_errors(inconsistent, plan, reasoner) from inconsistent
        target = dataset.graph(graph_iri(plan.id, "inferred"))
        for triple in inferred:
            target.add(triple)
        lap("reason")
    return PlanBuild(plan, dataset, seconds)


def problems_of(error: PlankgError) -> list[PlankgError]:
    """The located problems an error carries: several for PlankgErrors, else itself."""
    return error.errors if isinstance(error, PlankgErrors) else [error]
