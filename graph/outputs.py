"""Writing a build: `plankg.trig`, `plankg.ttl`, `plankg.jsonld`, `build.json` and the
persistent query store `store/` (bulk-loaded from the TriG) in `out/`.

Files are written into a staging folder beside `out/` and swapped in only when every plan is
built, so a failed build leaves the previous good `out/` as it was. Plans are built and
serialised in worker processes (this machine's, or a Dask cluster's: see `executors`), one plan
each, and their text is appended in plan order: the build uses every core and holds one plan per
worker however many plans there are.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, Graph

from plankg import __version__
from plankg.errors import PlankgError, PlankgErrors
from plankg.graph.build import (
    PlanBuild,
    Progress,
    build_plan,
    problems_of,
    quiet,
    read_plan,
)
from plankg.graph.executors import DaskCluster, Executor, LocalPool
from plankg.graph.namespaces import ONTOLOGY_GRAPH, PREFIXES, bind_prefixes
from plankg.graph.opened import MANIFEST_FILE, STORE_DIR, TRIG_FILE, write_store
from plankg.graph.output_folder import build_lock, check_replaceable, repair, staging_folder, swap_in
from plankg.graph.plan_cache import CACHE_DIR, PlanCache, code_digest, plan_key
from plankg.graph.processes import die_with_parent
from plankg.graph.reasoners import DEFAULT_REASONER, choose_reasoner
from plankg.graph.scratch import sweep_stale
from plankg.graph.serialisation import jsonld_graphs, oxigraph_quads, serialised, triples_of, written_prefixes
from plankg.graph.shacl import load_turtle
from plankg.loaders.source import discover_sources
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE

JSONLD_CONTEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


@dataclass(frozen=True)
class Chunks:
    """One dataset serialised for each output file. TriG and Turtle documents may be
    concatenated (prefixes may be declared again); JSON-LD keeps the named-graph objects, to
    be gathered under one context."""

    trig: str
    turtle: str
    jsonld: list[str]

    @classmethod
    def of(cls, dataset: Dataset) -> Chunks:
        """The dataset's files, written by pyoxigraph (see `serialisation`)."""
        quads = oxigraph_quads(dataset)
        prefixes = written_prefixes(dataset)
        return cls(
            serialised(quads, ox.RdfFormat.TRIG, prefixes),
            serialised(triples_of(quads), ox.RdfFormat.TURTLE, prefixes),
            list(jsonld_graphs(quads, JSONLD_CONTEXT)),
        )


@dataclass(frozen=True)
class PlanCounts:
    """What one plan added to a build, for `build.json` and the summary line."""

    plan: dict[str, str]
    paragraphs: int
    nodes: int
    triples: dict[str, int]
    seconds: dict[str, float]

    @classmethod
    def of(cls, built: PlanBuild) -> PlanCounts:
        meta = built.plan.source.meta
        return cls(
            {"id": meta.id, "source": meta.file, "sha256": meta.sha256},
            sum(1 for _ in built.plan.text.paragraphs()),
            len(built.plan.curated.nodes),
            {str(graph.identifier): len(graph) for graph in built.dataset.graphs() if len(graph)},
            dict(built.seconds),
        )


@dataclass
class BuildSummary:
    """What a build made, counted as plans arrive (the streamed build keeps none once written)."""

    reasoner: str
    plans: list[dict[str, str]] = field(default_factory=list)
    paragraphs: int = 0
    nodes: int = 0
    triples: dict[str, int] = field(default_factory=dict)  # per named graph
    seconds: dict[str, float] = field(default_factory=dict)  # per step, summed over the plans built
    rebuilt: list[str] = field(default_factory=list)  # the plans built, not reused from the cache

    def add(self, counts: PlanCounts, rebuilt: bool = True) -> None:
        self.plans.append(counts.plan)
        if rebuilt:
            self.rebuilt.append(counts.plan["id"])
        self.paragraphs += counts.paragraphs
        self.nodes += counts.nodes
        self.triples.update(counts.triples)
        for step, value in counts.seconds.items():
            self.seconds[step] = round(self.seconds.get(step, 0.0) + value, 3)

    def manifest(self) -> dict[str, object]:
        """build.json: what was built from what (versions, input digests, triples per graph, timings)."""
        return {
            "plankg": __version__,
            "plans": self.plans,
            "rebuilt": self.rebuilt,
            "reasoner": self.reasoner,
            "triples": self.triples,
            "seconds": self.seconds,
        }

    def line(self) -> str:
        return (
            f"{len(self.plans)} plan(s), {self.paragraphs} paragraphs, {self.nodes} curated nodes, "
            f"{sum(self.triples.values())} triples; SHACL: no violations; reasoner: {self.reasoner}; "
            f"built {len(self.rebuilt)}, reused {len(self.plans) - len(self.rebuilt)} unchanged; "
            f"steps (s, summed over the plans built): {self.seconds}"
        )


class OutputWriter:
    """Appends each dataset's chunks to files in a staging folder of this build's own; `commit`
    swaps them in as `out/` in one step (see `output_folder`). Whatever fails on the way, a
    full or read-only disk included, the staging folder goes and `out/` stays as it was."""

    FILES = (TRIG_FILE, "plankg.ttl", "plankg.jsonld")

    def __init__(self, out_dir: Path, ontology: Graph, progress: Progress = quiet):
        self.out_dir = out_dir.resolve()
        self.ontology = ontology
        self.progress = progress
        self.staging: Path | None = None
        self._handles: list[IO[str]] = []
        self._lock = contextlib.ExitStack()
        self._first_jsonld = True

    def _open(self, folder: Path, name: str) -> IO[str]:
        return (folder / name).open("w", encoding="utf-8")

    def __enter__(self) -> OutputWriter:
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            self._lock.enter_context(build_lock(self.out_dir))
            repair(self.out_dir, self.progress)
            check_replaceable(self.out_dir)
            self.staging = staging = staging_folder(self.out_dir)
            self.cache = PlanCache(self.out_dir / CACHE_DIR, staging / CACHE_DIR)
            self._handles = [self._open(staging, name) for name in self.FILES]
            self.trig, self.turtle, self.jsonld = self._handles
            self.jsonld.write('{"@context": ' + json.dumps(JSONLD_CONTEXT, indent=2) + ',\n"@graph": [\n')
            self.append(Chunks.of(ontology_dataset(self.ontology)))
        except OSError as error:
            self._discard()
            raise self._unwritable(error) from error
        except BaseException:
            self._discard()
            raise
        return self

    def append(self, chunks: Chunks) -> None:
        self.trig.write(chunks.trig)
        self.turtle.write(chunks.turtle)
        for item in chunks.jsonld:
            self.jsonld.write(("" if self._first_jsonld else ",\n") + item)
            self._first_jsonld = False

    def commit(self, summary: BuildSummary) -> None:
        if self.staging is None:
            raise RuntimeError("commit() of a writer that was not entered")
        self.jsonld.write("\n]}\n")
        for handle in self._handles:
            handle.close()
        (self.staging / MANIFEST_FILE).write_text(
            json.dumps(summary.manifest(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        write_store(self.staging / TRIG_FILE, self.staging / STORE_DIR)
        swap_in(self.staging, self.out_dir)
        self.staging = None

    def _discard(self) -> None:
        """Close what is open and remove the staging folder, whatever the disk says now."""
        for handle in self._handles:
            with contextlib.suppress(OSError):  # a full disk fails the close's flush again
                handle.close()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self._lock.close()

    def _unwritable(self, error: OSError) -> PlankgError:
        reason = error.strerror or str(error)
        return PlankgError(f"cannot write the build ({reason}); nothing in this folder was changed", self.out_dir)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, *_: object) -> None:
        self._discard()
        if isinstance(error, OSError):
            raise self._unwritable(error) from error


def ontology_dataset(ontology: Graph) -> Dataset:
    dataset = Dataset()
    bind_prefixes(dataset.namespace_manager)
    graph = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology:
        graph.add(triple)
    return dataset


@dataclass(frozen=True)
class _Task:
    """One plan to build, with absolute paths: a cluster's worker runs in a folder of its own."""

    data_dir: Path
    metadata: Path
    reasoner: str
    serialise: bool


def _build_one(task: _Task) -> tuple[PlanCounts, Chunks | None] | list[PlankgError]:
    """Read, build and serialise one plan (in a worker process): its counts and chunks, or its
    located problems. A worker that cannot see the data folder stops the build, naming it."""
    if not task.data_dir.is_dir():
        raise PlankgError(
            f"the data folder cannot be read on {socket.gethostname()}: a cluster's workers must see this "
            "machine's files at the same paths",
            task.data_dir,
        )
    try:
        clock = time.perf_counter()
        plan = read_plan(task.data_dir, task.metadata)
        read = round(time.perf_counter() - clock, 3)
        built = build_plan(plan, *_schema(), task.reasoner)
        built.seconds = {"read": read} | built.seconds
        chunks = None
        if task.serialise:
            clock = time.perf_counter()
            chunks = Chunks.of(built.dataset)
            built.seconds["serialise"] = round(time.perf_counter() - clock, 3)
        return PlanCounts.of(built), chunks
    except PlankgError as error:
        return problems_of(error)


@functools.cache
def _schema() -> tuple[Graph, Graph]:
    """The ontology and the shapes, read once per process (this one, a pool's or a cluster's
    worker), not once per plan."""
    return load_turtle(ONTOLOGY_FILE), load_turtle(SHAPES_FILE)


def _start_worker() -> None:
    """A worker dies with the build, so that none is left working after the build is killed; it
    reads the schema as it starts, beside the other workers, rather than under its first plan."""
    if sys.platform == "linux":
        die_with_parent()
    _schema()


# A worker is replaced after this many plans: memory fragmented by one plan's millions of small
# objects then never accumulates, at the cost of a restart (about 2 s) every ten plans.
PLANS_PER_WORKER = 10


def default_jobs(plans: int) -> int:
    return max(1, min(plans, os.cpu_count() or 1))


def executor_for(plans: int, jobs: int | None, scheduler: str | None) -> Executor:
    """The local pool (`jobs` processes, one per core by default) or the cluster behind `scheduler`."""
    if scheduler is None:
        return LocalPool(default_jobs(plans) if jobs is None else max(1, jobs), _start_worker, PLANS_PER_WORKER)
    if jobs is not None:
        raise PlankgError("give --jobs or --scheduler, not both: with a scheduler the cluster's workers build")
    return DaskCluster(scheduler, same_on_workers=code_digest)


def _as_given(problem: PlankgError, absolute: Path, data_dir: Path) -> PlankgError:
    """A problem a worker located under the absolute data folder, named as the user named the folder."""
    if problem.path is None or not problem.path.is_relative_to(absolute):
        return problem
    return PlankgError(problem.message, data_dir / problem.path.relative_to(absolute), problem.line)


def build_outputs(
    data_dir: Path,
    out_dir: Path,
    progress: Progress = quiet,
    reasoner: str = DEFAULT_REASONER,
    write: bool = True,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> BuildSummary:
    """The build, streamed: plans are built in `jobs` worker processes, or on the Dask cluster
    whose scheduler is at `scheduler`, and written in order as they arrive. Every plan is checked
    even after one fails, and all problems are raised together; `out_dir` then stays as it was.
    With `write=False` it only checks.

    Workers are started afresh (spawn), so a script calling this with `jobs` > 1 needs the
    usual `if __name__ == "__main__":` guard."""
    sources = discover_sources(data_dir)
    reasoner = choose_reasoner(reasoner)
    executor = executor_for(len(sources), jobs, scheduler)
    sweep_stale()  # what killed builds and servers left in the temporary folder
    ontology = load_turtle(ONTOLOGY_FILE)
    summary = BuildSummary(reasoner, triples={str(ONTOLOGY_GRAPH): len(ontology)})
    absolute = data_dir.absolute()
    tasks = [_Task(absolute, path.absolute(), reasoner, write) for path in sources]
    keys = [plan_key(data_dir, path, reasoner) for path in sources] if write else [None] * len(tasks)
    problems: list[PlankgError] = []
    with contextlib.ExitStack() as stack:
        stack.enter_context(executor)  # a cluster is reached before `out_dir` is touched
        progress(f"building {len(tasks)} plan(s) with {executor.what}, reasoner: {reasoner}")
        writer = stack.enter_context(OutputWriter(out_dir, ontology, progress)) if write else None
        reused = [writer is not None and writer.cache.has(key) for key in keys]
        to_build = [task for task, unchanged in zip(tasks, reused, strict=True) if not unchanged]
        outcomes = executor.map(_build_one, to_build)
        for number, (task, key, unchanged) in enumerate(zip(tasks, keys, reused, strict=True), start=1):
            outcome = (
                writer.cache.reuse(key) if writer is not None and key is not None and unchanged else next(outcomes)
            )
            if isinstance(outcome, list):
                problems += [_as_given(problem, absolute, data_dir) for problem in outcome]
                progress(f"plan {number}/{len(tasks)}: {task.metadata.stem} has problems")
                continue
            counts, chunks = outcome
            if writer is not None and chunks is not None and not problems:
                writer.append(chunks)
                if not unchanged:
                    writer.cache.put(key, counts, chunks)
            summary.add(counts, rebuilt=not unchanged)
            progress(f"plan {number}/{len(tasks)}: {counts.plan['id']} {'unchanged, reused' if unchanged else 'built'}")
        if problems:
            raise PlankgErrors(problems)
        if writer is not None:
            writer.commit(summary)
    return summary
