"""JSON-LD for web developers and JSON tools, with a published `@context` that gives short keys.

The context is made from the ontology: every plankg class and property (and every term of another
vocabulary that the ontology declares) is a key named by its local name (`refines`, `label`,
`Measure`), object properties are marked as links. The export embeds the context, so any JSON-LD
processor reads it offline, and writes the same context beside it as `context.jsonld`.
rdflib serialises, as for the other RDF formats; literals keep their exact form.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.plugins.serializers.jsonld import from_rdf

from plankg.graph.exporters.base import Distribution, Exporter, ExportRequest, plan_ids
from plankg.graph.exporters.rdf import RdfExporter, union_graph
from plankg.graph.namespaces import PLANKG, PREFIXES, plan_namespace, shorten
from plankg.graph.shacl import load_turtle
from plankg.ontology import ONTOLOGY_FILE

CONTEXT_FILE = "context.jsonld"

# Terms every plankg graph uses that come from RDF itself, which the ontology does not declare.
_BUILT_IN: dict[str, str | dict[str, str]] = {
    "id": "@id",
    "type": "@type",
    "label": "rdfs:label",
    "comment": "rdfs:comment",
    "Statement": "rdf:Statement",
    "subject": {"@id": "rdf:subject", "@type": "@id"},
    "predicate": {"@id": "rdf:predicate", "@type": "@id"},
    "object": "rdf:object",
}
_DECLARED = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _local_name(iri: str) -> str:
    return iri.replace("#", "/").rsplit("/", 1)[-1]


def vocabulary_context(ontology: Graph) -> dict[str, object]:
    """The published context: prefixes, then one short key per declared term of the ontology.

    Where two vocabularies declare the same local name (plankg:Place, schema:Place) the plankg
    term gets the key; a name declared twice outside plankg gets none (its prefixed name is used).
    """
    candidates: dict[str, set[str]] = {}
    links: set[str] = set()
    for kind in _DECLARED:
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, URIRef):
                candidates.setdefault(_local_name(term), set()).add(str(term))
                if kind == OWL.ObjectProperty:
                    links.add(str(term))
    context: dict[str, object] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    context.update(_BUILT_IN)
    for name in sorted(candidates):
        iris = candidates[name]
        own = [iri for iri in iris if iri.startswith(str(PLANKG))]
        chosen = own[0] if own else (next(iter(iris)) if len(iris) == 1 else None)
        if chosen is None or name in context:
            continue
        context[name] = {"@id": shorten(chosen), "@type": "@id"} if chosen in links else shorten(chosen)
    return context


def published_context() -> dict[str, object]:
    """The context document `{"@context": …}` made from the ontology file."""
    return {"@context": vocabulary_context(load_turtle(ONTOLOGY_FILE))}


def _write_context(path: Path) -> Path:
    path.write_text(json.dumps(published_context(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


class JsonLd(RdfExporter):
    name = "jsonld"
    summary = "JSON-LD with short keys, the union of the selected graphs: for web apps and JSON tools"
    target = "plankg.jsonld"
    files = (Distribution("", "JSON-LD", "application/ld+json"),)

    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        graph = union_graph(request.dataset, request.graphs)
        context = vocabulary_context(load_turtle(ONTOLOGY_FILE))
        context.update({plan_id: str(plan_namespace(plan_id)) for plan_id in plan_ids(request.dataset)})
        document = from_rdf(graph, context_data=context)
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return [target, _write_context(target.parent / CONTEXT_FILE)]


class JsonLdContext(Exporter):
    name = "jsonld-context"
    summary = "the JSON-LD @context alone (short keys for plankg terms), to reuse or to publish in docs/"
    target = CONTEXT_FILE

    def write(self, request: ExportRequest, target: Path) -> list[Path]:
        return [_write_context(target)]
