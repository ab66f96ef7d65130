"""`void.ttl`: a VoID and DCAT description of the build, for data catalogues and SPARQL clients.

Only what can be checked goes in: the plans' own metadata (title, issuer, dates, place, as the
source metadata files state them and the structure graph holds them), counts computed from the
graph, the licence of the data (CC BY 4.0, as the README states), the vocabularies the graph uses,
the files found in the build folder, and a SPARQL endpoint only when the user names one. The
description and the files are named by IRIs relative to `void.ttl` (`<#dataset>`,
`<export/plankg.nt>`), so it stays true wherever the folder is published.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, VOID, XSD
from rdflib.term import Node

from plankg.errors import PlankgError
from plankg.graph.engines import Engine, Term, bind, select
from plankg.graph.exporters.base import Distribution, Exporter, ExportRequest, exporter_names, get_exporter, plan_ids
from plankg.graph.exporters.rdf import RdfExporter
from plankg.graph.namespaces import GRAPH_BASE, PLANKG, bind_prefixes, plan_iri, plan_namespace
from plankg.graph.stats import graph_stats

LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
IANA = "https://www.iana.org/assignments/media-types/"
DATASET = URIRef("#dataset")
# The files `plankg build` writes, and the export format each one is written in.
BUILD_FILES = {"plankg.trig": "trig", "plankg.ttl": "turtle", "plankg.jsonld": "jsonld"}
TITLE = {"en": "plankg knowledge graph of development plans", "zh": "plankg 发展规划知识图谱"}
DESCRIPTION = {
    "en": "Development plans as an RDF knowledge graph in which every fact cites the sentence of the plan it "
    "came from.",
    "zh": "以 RDF 知识图谱表示的发展规划，其中每一个事实都引用其所出自的规划原文句子。",
}
PLAN_TITLE_SUFFIX = {"en": " knowledge graph", "zh": "知识图谱"}

# Properties of the plan (and its issuer and source text) that its description leaves out: places in the text.
_NOT_DESCRIPTION = {PLANKG.startOffset, PLANKG.endOffset, PLANKG.localId}
_DESCRIBED_WITH = {DCTERMS.publisher, PLANKG.sourceText}  # the issuer and the source text, described too
_YEARS = """
SELECT (MIN(?year) AS ?first) (MAX(?year) AS ?last) WHERE {
  VALUES ?plan { }
  { ?plan plankg:periodStart|plankg:periodEnd|plankg:visionYear ?year }
  UNION { ?value plankg:plan ?plan ; plankg:year ?year }
}"""


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


@dataclass(frozen=True)
class Census:
    """Counts of the dataset as the build wrote it (a pyoxigraph store would merge literals it rewrites)."""

    triples: dict[URIRef, int]
    subjects: frozenset[Node]
    properties: frozenset[Node]
    objects: frozenset[Node]
    classes: frozenset[Node]

    @classmethod
    def of(cls, dataset: Dataset) -> Census:
        quads = list(dataset.quads((None, None, None, None)))
        triples: dict[URIRef, int] = {}
        for *_, graph in quads:
            if isinstance(graph, URIRef):
                triples[graph] = triples.get(graph, 0) + 1
        return cls(
            triples=triples,
            subjects=frozenset(quad[0] for quad in quads),
            properties=frozenset(quad[1] for quad in quads),
            objects=frozenset(quad[2] for quad in quads),
            classes=frozenset(quad[2] for quad in quads if quad[1] == RDF.type),
        )

    def vocabularies(self) -> list[str]:
        """The namespaces of every property and class used (`http://www.w3.org/ns/oa#` …)."""
        terms = {str(term) for term in self.properties | self.classes if isinstance(term, URIRef)}
        return sorted({term[: max(term.rfind("#"), term.rfind("/")) + 1] for term in terms})


def distributions(build_dir: Path) -> Iterator[tuple[Path, Distribution, Exporter]]:
    """Where each file of the build and of every export would be, with its format."""
    for file, name in BUILD_FILES.items():
        exporter = get_exporter(name)
        yield build_dir / file, exporter.files[0], exporter
    for name in exporter_names():
        exporter = get_exporter(name)
        for distribution in exporter.files:
            yield exporter.default_path(build_dir) / distribution.path, distribution, exporter


class Void(Exporter):
    name = "void"
    summary = "void.ttl, a VoID and DCAT description of the build and of the files in it: for data catalogues"
    target = "void.ttl"

    def default_path(self, build_dir: Path) -> Path:
        return build_dir / self.target

    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        if request.endpoint is not None and urlparse(request.endpoint).scheme not in ("http", "https"):
            raise PlankgError(f"--endpoint {request.endpoint!r}: give the http(s) URL of the SPARQL endpoint")
        describe(request, target.parent).serialize(target, format="turtle", encoding="utf-8")
        return [target]


def describe(request: ExportRequest, folder: Path) -> Graph:
    """The description of the build in `request.build_dir`, with file IRIs relative to `folder`."""
    plans = plan_ids(request.dataset)
    census = Census.of(request.dataset)
    graph = Graph()
    bind_prefixes(graph.namespace_manager, plans)
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    graph.add((DATASET, RDF.type, VOID.Dataset))
    graph.add((DATASET, RDF.type, DCAT.Dataset))
    for lang in ("en", "zh"):
        graph.add((DATASET, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        graph.add((DATASET, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
    graph.add((DATASET, DCTERMS.license, LICENCE))
    _add_counts(graph, census, request.engine, plans)
    for plan_id in plans:
        _add_plan(graph, request, census, plan_id)
    for namespace in census.vocabularies():
        graph.add((DATASET, VOID.vocabulary, URIRef(namespace)))
    _add_files(graph, request.build_dir, folder)
    if request.endpoint is not None:
        _add_endpoint(graph, URIRef(request.endpoint))
    return graph


def _add_counts(graph: Graph, census: Census, engine: Engine, plans: list[str]) -> None:
    """Triples, distinct terms and nodes per class of the whole build; each named graph a subset of its plan's."""
    graph.add((DATASET, VOID.triples, _integer(sum(census.triples.values()))))
    graph.add((DATASET, VOID.distinctSubjects, _integer(len(census.subjects))))
    graph.add((DATASET, VOID.properties, _integer(len(census.properties))))
    graph.add((DATASET, VOID.distinctObjects, _integer(len(census.objects))))
    graph.add((DATASET, VOID.classes, _integer(len(census.classes))))
    for named, triples in sorted(census.triples.items()):
        owner = next((plan_id for plan_id in plans if str(named).startswith(f"{GRAPH_BASE}{plan_id}/")), None)
        graph.add((DATASET if owner is None else URIRef(f"#{owner}"), VOID.subset, named))
        graph.add((named, RDF.type, VOID.Dataset))
        graph.add((named, VOID.triples, _integer(triples)))
    for cls, entities in graph_stats(engine)["classes"].items():
        partition = BNode()
        graph.add((DATASET, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], PLANKG[cls]))
        graph.add((partition, VOID.entities, _integer(entities)))


def _add_plan(graph: Graph, request: ExportRequest, census: Census, plan_id: str) -> None:
    """One plan's subset: the plan it describes (title, issuer, date, source text), its years and place."""
    plan = plan_iri(plan_id)
    subset = URIRef(f"#{plan_id}")
    dataset = request.dataset
    linked = [obj for _, link, obj, _graph in dataset.quads((plan, None, None, None)) if link in _DESCRIBED_WITH]
    for node in (plan, *linked):
        for _, predicate, obj, _graph in dataset.quads((node, None, None, None)):
            if predicate not in _NOT_DESCRIPTION:
                graph.add((node, predicate, obj))
    graph.add((DATASET, VOID.subset, subset))
    graph.add((subset, RDF.type, VOID.Dataset))
    graph.add((subset, RDF.type, DCAT.Dataset))
    for label in graph.objects(plan, RDFS.label):
        if isinstance(label, Literal) and label.language in PLAN_TITLE_SUFFIX:
            title = f"{label}{PLAN_TITLE_SUFFIX[label.language]}"
            graph.add((subset, DCTERMS.title, Literal(title, lang=label.language)))
    graph.add((subset, DCTERMS.source, plan))
    graph.add((subset, DCTERMS.license, LICENCE))
    space = str(plan_namespace(plan_id))
    graph.add((subset, VOID.uriSpace, Literal(space)))
    entities = {node for node in census.subjects if isinstance(node, URIRef) and str(node).startswith(space)}
    graph.add((subset, VOID.entities, _integer(len(entities))))
    (years,) = select(request.engine, bind(_YEARS, {"plan": Term("uri", str(plan))})).dicts()
    period = BNode()
    graph.add((subset, DCTERMS.temporal, period))
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((period, DCAT.startDate, Literal(years["first"], datatype=XSD.gYear)))
    graph.add((period, DCAT.endDate, Literal(years["last"], datatype=XSD.gYear)))
    place = BNode()
    graph.add((subset, DCTERMS.spatial, place))
    graph.add((place, RDF.type, DCTERMS.Location))
    for name in graph.objects(plan, DCTERMS.spatial):
        graph.add((place, RDFS.label, name))


def _add_files(graph: Graph, build_dir: Path, folder: Path) -> None:
    """A DCAT distribution for each file of the build and of its exports that exists."""
    for path, distribution, exporter in distributions(build_dir):
        if not path.is_file():
            continue
        link = URIRef(Path(os.path.relpath(path, folder)).as_posix())
        node = BNode()
        graph.add((DATASET, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.title, Literal(distribution.format)))
        graph.add((node, DCTERMS.description, Literal(exporter.summary, lang="en")))
        graph.add((node, DCAT.downloadURL, link))
        graph.add((node, DCAT.byteSize, Literal(path.stat().st_size, datatype=XSD.nonNegativeInteger)))
        graph.add((node, DCTERMS.license, LICENCE))
        if distribution.media_type is not None:
            graph.add((node, DCAT.mediaType, URIRef(IANA + distribution.media_type)))
        if isinstance(exporter, RdfExporter):
            graph.add((DATASET, VOID.dataDump, link))


def _add_endpoint(graph: Graph, endpoint: URIRef) -> None:
    """The SPARQL endpoint the user says serves this data, as VoID and as a DCAT data service."""
    service = BNode()
    graph.add((DATASET, VOID.sparqlEndpoint, endpoint))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.servesDataset, DATASET))
