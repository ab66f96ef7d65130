"""An opened build: the one door through which every command reads what `plankg build` made.

A build folder holds the exchange files (TriG, Turtle, JSON-LD), `build.json` and `store/`, an
on-disk Oxigraph store that the build bulk-loads once. Opening a build reads only the manifest;
the store is opened read-only on first use (no parsing: the cost of a query is the cost of its
question, however many plans the store holds), and the rdflib dataset, the networkx projection
and the page words are made on first use too, then kept.

A SPARQL endpoint opens the same way (`open_endpoint`): what reads the graph through a query
engine (the projection, the views, the analysis, the catalogue) runs on either.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pyoxigraph as ox

from plankg.errors import PlankgError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from plankg.graph.engines import Engine, Limits
    from plankg.graph.vocabulary import Vocabulary
    from plankg.viz.names import PlanNames

STORE_DIR = "store"
TRIG_FILE = "plankg.trig"
MANIFEST_FILE = "build.json"


def write_store(trig: Path, folder: Path) -> None:
    """The build's persistent store: `folder` made anew from the TriG with Oxigraph's bulk loader,
    and beside it the search index read from it (graph/search.py)."""
    from plankg.graph.engines.embedded import OxigraphEngine
    from plankg.graph.search import SEARCH_FILE, write_index

    failure: OSError | None = None
    store = ox.Store(str(folder))
    try:
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        store.flush()
        store.optimize()
        write_index(OxigraphEngine(store), folder.parent / SEARCH_FILE)
    except OSError as error:
        # Kept without its traceback and causes, whose frames would keep the store, and so RocksDB's
        # open files, alive after the staging folder is removed (a full disk keeps their space).
        failure = error.with_traceback(None)
        failure.__cause__ = failure.__context__ = None
    del store  # closes RocksDB before the folder is moved into place
    if failure is not None:
        raise failure


class GraphView:
    """What every opened graph offers: a query engine, and what is read through it once."""

    default_engine: ClassVar[str]

    def engine(self, name: str | None = None, limits: Limits | None = None) -> Engine:
        raise NotImplementedError

    @functools.cached_property
    def projection(self) -> nx.MultiDiGraph:
        """The curated entities and their links as a property graph (networkx)."""
        from plankg.graph.projection import project

        return project(self.engine())

    @functools.cached_property
    def vocabulary(self) -> Vocabulary:
        """The ontology's classes, superclasses and labels, read once from the graph's ontology."""
        from plankg.graph.vocabulary import read_vocabulary

        return read_vocabulary(self.engine())

    @functools.cached_property
    def names(self) -> PlanNames:
        """The plan titles, class labels and chapter headings a page shows."""
        from plankg.viz.names import read_names

        return read_names(self.engine(), self.vocabulary)


@dataclass(frozen=True)
class Build(GraphView):
    """A build folder, opened: what was built (`manifest`) and lazy handles on the graph."""

    folder: Path
    manifest: dict[str, Any]
    default_engine: ClassVar[str] = "embedded"

    @property
    def trig(self) -> Path:
        return self.folder / TRIG_FILE

    @functools.cached_property
    def store(self) -> ox.Store:
        """The build's Oxigraph store, read-only; a build made before the store existed is loaded
        from its TriG into memory instead."""
        folder = self.folder / STORE_DIR
        if folder.is_dir():
            try:
                return ox.Store.read_only(str(folder))
            except (OSError, RuntimeError) as exc:  # RocksDB reports a damaged store as RuntimeError
                reason = " ".join(str(exc).split())
                raise PlankgError(f"cannot open the build's store: {reason}; run `plankg build` again", folder) from exc
        from plankg.graph.store import load_store

        return load_store(self.trig)

    @functools.cached_property
    def dataset(self) -> Dataset:
        """The build exactly as written (rdflib keeps every literal's case and datatype), for
        serialising and for rdflib's second opinion."""
        from rdflib import Dataset

        dataset = Dataset()
        dataset.parse(self.trig, format="trig")
        return dataset

    def engine(self, name: str | None = None, limits: Limits | None = None) -> Engine:
        """A query engine over this build, by its registered name (the embedded store by default),
        answering within `limits` (by default: no deadline, no federation)."""
        from plankg.graph.engines import NO_LIMITS, local_engine

        return local_engine(name or self.default_engine, self, limits or NO_LIMITS)


@dataclass(frozen=True)
class Endpoint(GraphView):
    """A SPARQL 1.1 endpoint that serves a build (`plankg serve`, a store `plankg push` loaded)."""

    url: str
    timeout: float = 60.0
    default_engine: ClassVar[str] = "remote"

    def engine(self, name: str | None = None, limits: Limits | None = None) -> Engine:
        """The endpoint's own engine; of `limits`, only the timeout applies (what a query may
        fetch is the endpoint's policy)."""
        if name not in (None, self.default_engine):
            raise PlankgError(f"--engine {name} runs on a build; with --endpoint the endpoint answers")
        from plankg.graph.engines.remote import RemoteEngine

        timeout = limits.timeout if limits is not None and limits.timeout is not None else self.timeout
        return RemoteEngine(self.url, timeout)


def open_build(folder: Path | str = "out") -> Build:
    """Open the build in `folder` (what `plankg build --out folder` wrote)."""
    folder = Path(folder)
    manifest = folder / MANIFEST_FILE
    if not manifest.is_file() or not (folder / TRIG_FILE).is_file():
        from plankg.graph.output_folder import interrupted

        stopped = interrupted(folder.absolute())
        if stopped is not None:
            raise stopped
        raise PlankgError("no build here: run `plankg build` first (or give --build DIR)", folder)
    try:
        return Build(folder, json.loads(manifest.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise PlankgError(f"cannot read the build's manifest: {exc}; run `plankg build` again", manifest) from exc


def open_endpoint(url: str, timeout: float = 60.0) -> Endpoint:
    """The graph a SPARQL endpoint serves, opened like a build."""
    return Endpoint(url, timeout)


def open_graph(build: Path | str = "out", endpoint: str | None = None) -> GraphView:
    """The endpoint if one is given, else the build: what a command that reads the graph opens."""
    return open_endpoint(endpoint) if endpoint is not None else open_build(build)
