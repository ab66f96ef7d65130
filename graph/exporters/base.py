"""What every exporter shares: the base class that registers a format by name, and the request it answers.

A new format is one new module in this package with one subclass of `Exporter` that sets `name`;
the package imports every module, so the class registers itself and the CLI offers it.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, NamedTuple

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from plankg.errors import PlankgError
from plankg.graph.engines import Engine
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.namespaces import GRAPH_KINDS, ID_BASE, PLANKG
from plankg.graph.opened import Build, open_build
from plankg.graph.store import store_from_dataset

# The kinds of named graph a build holds: each plan's four, and the ontology.
ALL_GRAPHS = (*GRAPH_KINDS, "ontology")
LANGUAGES = ("zh", "en")
EXPORT_FOLDER = "export"


class Distribution(NamedTuple):
    """One file an exporter writes for others to download, as the dataset description lists it."""

    path: str  # relative to the exporter's target; "" for the target itself
    format: str  # the format's name, as people know it
    media_type: str | None  # its IANA media type, None where IANA registers none


@dataclass
class ExportRequest:
    """What to export: the build in `build_dir` (or `given`, a dataset already built), the graphs and the language.

    The build is read only when an exporter asks for it, so formats that need no build (the
    ontology page, the JSON-LD context) work before the first `plankg build`. RDF exports serialise
    the rdflib dataset: pyoxigraph would lower-case language tags (`zh-Latn-pinyin`) and its store
    also rewrites literals (`"5"^^xsd:nonNegativeInteger` becomes `"5"^^xsd:integer`), which a round
    trip must not do. The pyoxigraph store is for the SPARQL queries of the other formats.
    """

    build_dir: Path
    graphs: tuple[str, ...] = ()
    lang: str = "zh"
    endpoint: str | None = None
    given: Dataset | None = field(default=None, repr=False)

    @functools.cached_property
    def build(self) -> Build:
        return open_build(self.build_dir)

    @property
    def dataset(self) -> Dataset:
        return self.build.dataset if self.given is None else self.given

    @functools.cached_property
    def engine(self) -> Engine:
        """The build's query engine (an in-memory store for a dataset given)."""
        return self.build.engine() if self.given is None else OxigraphEngine(store_from_dataset(self.given))


_REGISTRY: dict[str, type[Exporter]] = {}


class Exporter(ABC):
    """One export format. Subclasses that set `name` register themselves under it."""

    name: ClassVar[str]
    summary: ClassVar[str]  # what the export holds and the tool it is meant for (CLI help, docs)
    target: ClassVar[str]  # default file or folder name, under <build>/export/
    files: ClassVar[tuple[Distribution, ...]] = ()  # what the dataset description lists; () for none
    graph_choices: ClassVar[tuple[str, ...]] = ()  # what --graphs may name; () where it does not apply
    default_graphs: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("name")
        if name is not None:
            if name in _REGISTRY:
                raise ValueError(f"two exporters named {name!r}: {_REGISTRY[name].__name__} and {cls.__name__}")
            _REGISTRY[name] = cls

    def default_path(self, build_dir: Path) -> Path:
        return build_dir / EXPORT_FOLDER / self.target

    @abstractmethod
    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        """Write the export at `target` (a file, or a folder for several files); return the files written."""


def exporter_names() -> list[str]:
    return sorted(_REGISTRY)


def get_exporter(name: str) -> Exporter:
    """The exporter registered as `name`; an unknown name is one error that lists the known ones."""
    try:
        return _REGISTRY[name]()
    except KeyError:
        raise PlankgError(f"unknown export format {name!r}; known: {', '.join(exporter_names())}") from None


def parse_graphs(exporter: Exporter, graphs: str | None) -> tuple[str, ...]:
    """`stated,curated` → ("stated", "curated"), checked against what the format can export."""
    if graphs is None:
        return exporter.default_graphs
    if not exporter.graph_choices:
        raise PlankgError(f"--graphs does not apply to {exporter.name}: {exporter.summary}")
    chosen = tuple(dict.fromkeys(kind.strip() for kind in graphs.split(",") if kind.strip()))
    unknown = [kind for kind in chosen if kind not in exporter.graph_choices]
    if unknown or not chosen:
        raise PlankgError(
            f"--graphs {graphs!r}: {exporter.name} takes a comma-separated list of {', '.join(exporter.graph_choices)}"
        )
    return chosen


def run_export(
    name: str,
    build_dir: Path,
    out: Path | None = None,
    graphs: str | None = None,
    lang: str = "zh",
    endpoint: str | None = None,
    dataset: Dataset | None = None,
) -> list[Path]:
    """Export the build in `build_dir` (or `dataset`, when given) as format `name`; the files written."""
    exporter = get_exporter(name)
    if lang not in LANGUAGES:
        raise PlankgError(f"--lang {lang!r}: use one of {', '.join(LANGUAGES)}")
    request = ExportRequest(build_dir, parse_graphs(exporter, graphs), lang, endpoint, dataset)
    target = out if out is not None else exporter.default_path(build_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    return exporter.write(request, target)


def kind_of(graph: URIRef) -> str:
    """The kind of a named graph (`…/xincheng-14th/stated` → stated, `…/ontology` → ontology)."""
    return str(graph).rsplit("/", 1)[-1]


def selected_graphs(dataset: Dataset, kinds: tuple[str, ...]) -> list[Graph]:
    """The non-empty named graphs of the given kinds, of every plan, in a stable order."""
    chosen = [
        graph
        for graph in dataset.graphs()
        if isinstance(graph.identifier, URIRef) and kind_of(graph.identifier) in kinds and len(graph)
    ]
    return sorted(chosen, key=lambda graph: str(graph.identifier))


def plan_ids(dataset: Dataset) -> list[str]:
    """The ids of the plans in the build (`xincheng-14th`)."""
    plans = {str(plan) for plan, *_ in dataset.quads((None, RDF.type, PLANKG.Plan, None))}
    return sorted(plan.removeprefix(ID_BASE) for plan in plans)
