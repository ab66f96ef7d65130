"""What every exporter shares: the base class that registers a format by name, and the request it answers.

A new format is one subclass of `Exporter` that sets `name`, in a module of this package: the CLI
offers it by that name and imports its module only when it is used.
"""

from __future__ import annotations

import ast
import functools
import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from plankg.errors import PlankgError
from plankg.graph.engines import Engine
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.iris import GRAPH_KINDS, ID_BASE, LANGS, PLANKG
from plankg.graph.opened import Build, open_build
from plankg.graph.output_folder import written_aside
from plankg.graph.store import store_from_dataset

if TYPE_CHECKING:
    from rdflib import Dataset, Graph, URIRef

# The kinds of named graph a build holds: each plan's four, and the ontology.
ALL_GRAPHS = (*GRAPH_KINDS, "ontology")

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
    the rdflib dataset read from the build's TriG, which holds every literal as the build wrote it,
    through the build's own writer (graph/serialisation.py). The build's store answers the SPARQL
    queries of the other formats.
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


@functools.cache
def _declared() -> dict[str, str]:
    """Each format's name and the module of this package that defines it, read from the modules'
    source (a class-level `name = "…"`), so that listing the formats imports no exporter and
    none of their libraries; the module is imported when its format is used."""
    folder = Path(__file__).parent
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if (
                        isinstance(item, ast.Assign)
                        and [getattr(target, "id", None) for target in item.targets] == ["name"]
                        and isinstance(item.value, ast.Constant)
                        and isinstance(item.value.value, str)
                    ):
                        found[item.value.value] = f"{__package__}.{path.stem}"
    return found


def exporter_names() -> list[str]:
    return sorted(_declared())


def get_exporter(name: str) -> Exporter:
    """The exporter registered as `name`; an unknown name is one error that lists the known ones."""
    module = _declared().get(name)
    if module is None:
        raise PlankgError(f"unknown export format {name!r}; known: {', '.join(exporter_names())}")
    importlib.import_module(module)
    return _REGISTRY[name]()


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
    if lang not in LANGS:
        raise PlankgError(f"--lang {lang!r}: use one of {', '.join(LANGS)}")
    request = ExportRequest(build_dir, parse_graphs(exporter, graphs), lang, endpoint, dataset)
    target = out if out is not None else exporter.default_path(build_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partials: list[Path] = []

    def write(partial: Path) -> list[Path]:
        partials.append(partial)
        return exporter.write(request, partial)

    written = written_aside(target, write)
    return [_moved(path, partials[0], target) for path in written]


def _moved(path: Path, partial: Path, target: Path) -> Path:
    """Where a path the exporter wrote under its partial name is once that name became `target`."""
    if path == partial:
        return target
    return target / path.relative_to(partial) if path.is_relative_to(partial) else path


def kind_of(graph: URIRef) -> str:
    """The kind of a named graph (`…/xincheng-14th/stated` → stated, `…/ontology` → ontology)."""
    return str(graph).rsplit("/", 1)[-1]


def selected_graphs(dataset: Dataset, kinds: tuple[str, ...]) -> list[Graph]:
    """The non-empty named graphs of the given kinds, of every plan, in a stable order."""
    from rdflib import URIRef

    chosen = [
        graph
        for graph in dataset.graphs()
        if isinstance(graph.identifier, URIRef) and kind_of(graph.identifier) in kinds and len(graph)
    ]
    return sorted(chosen, key=lambda graph: str(graph.identifier))


def plan_ids(dataset: Dataset) -> list[str]:
    """The ids of the plans in the build (`xincheng-14th`)."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    plans = {str(plan) for plan, *_ in dataset.quads((None, RDF.type, URIRef(PLANKG.Plan), None))}
    return sorted(plan.removeprefix(ID_BASE) for plan in plans)
