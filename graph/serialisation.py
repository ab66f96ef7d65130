"""A built dataset written by pyoxigraph: TriG, Turtle and JSON-LD from the same quads.

rdflib's serialisers took most of a one-plan build (about 10 s); pyoxigraph writes the same quads
in a fraction of a second. The dataset is read graph by graph (rdflib's `Dataset.quads` is five
times slower than iterating each graph). pyoxigraph writes language tags in lower case
(`zh-latn-pinyin`: BCP 47 tags are case-insensitive, so it is the same literal, and the store
holds it so too) and every other lexical form as given. The JSON-LD is written here from the
quads, compacted with the usual prefixes: pyoxigraph's own writes every IRI in full, more than
twice the size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from plankg.graph.iris import ID_BASE, PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def oxigraph_term(term: Node) -> OxTerm:
    """One rdflib term as pyoxigraph holds it; a blank node keeps its rdflib id."""
    if type(term) is URIRef:  # exact types: cheaper than isinstance, and a plan's terms are never subclassed
        return ox.NamedNode(term)
    if type(term) is Literal:
        if term.language:
            return ox.Literal(term, language=term.language)
        return ox.Literal(term, datatype=ox.NamedNode(term.datatype)) if term.datatype else ox.Literal(term)
    if type(term) is BNode:
        return ox.BlankNode(term)
    raise TypeError(f"not an RDF term of a plan's graph: {term!r}")


def _grouping(triple: ox.Triple) -> tuple[str, str]:
    return triple.subject.value, triple.predicate.value  # type: ignore[union-attr]


def oxigraph_triples(graph: Graph) -> list[ox.Triple]:
    """A graph's triples as pyoxigraph triples, sorted by subject and predicate so that the
    writers group them (`;` and `,` in Turtle: a smaller file, and the same bytes for the same
    graph)."""
    convert = oxigraph_term
    triples = [ox.Triple(convert(s), convert(p), convert(o)) for s, p, o in graph.triples((None, None, None))]  # type: ignore[arg-type]
    return sorted(triples, key=_grouping)


def oxigraph_quads(dataset: Dataset) -> list[ox.Quad]:
    """Every quad of the dataset's named graphs as pyoxigraph quads, graph by graph, each sorted
    as `oxigraph_triples` sorts."""
    quads: list[ox.Quad] = []
    for graph in dataset.graphs():
        if isinstance(graph.identifier, URIRef):  # not the default graph: a build names every graph
            name = ox.NamedNode(graph.identifier)
            quads += [ox.Quad(t.subject, t.predicate, t.object, name) for t in oxigraph_triples(graph)]
    return quads


def written_prefixes(graph: Graph) -> dict[str, str]:
    """The usual prefixes and each plan's own (`xincheng-14th:`) that the graph binds; not
    rdflib's other defaults, which a plan never uses."""
    plans = {prefix: str(iri) for prefix, iri in graph.namespace_manager.namespaces() if str(iri).startswith(ID_BASE)}
    return dict(PREFIXES) | plans


def serialised(statements: list[ox.Triple] | list[ox.Quad], rdf_format: ox.RdfFormat, prefixes: dict[str, str]) -> str:
    """The statements as text in the format (given no output, pyoxigraph returns the bytes)."""
    return cast(bytes, ox.serialize(statements, format=rdf_format, prefixes=prefixes)).decode("utf-8")


def triples_of(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of the quads' graphs, each triple once, sorted as `oxigraph_triples` sorts."""
    union = dict.fromkeys(ox.Triple(quad.subject, quad.predicate, quad.object) for quad in quads)
    return sorted(union, key=_grouping)


class Compactor:
    """IRIs written as compact IRIs (`plankg:Goal`) where a prefix of the context covers them.

    JSON-LD expands `prefix:suffix` through the context in keys, `@id` and `@type` alike; a suffix
    that starts with `//` would read as an IRI, so such an IRI is left whole."""

    def __init__(self, prefixes: Mapping[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda item: len(item[1]), reverse=True)
        self._seen: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        found = self._seen.get(iri)
        if found is None:
            found = self._seen[iri] = self._compact(iri)
        return found

    def _compact(self, iri: str) -> str:
        for prefix, namespace in self.prefixes:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri


def _node_id(term: ox.NamedNode | ox.BlankNode | ox.Triple, compact: Compactor) -> str:
    kind = type(term)
    if kind is ox.NamedNode:
        return compact(term.value)  # type: ignore[union-attr]
    if kind is ox.BlankNode:
        return f"_:{term.value}"  # type: ignore[union-attr]
    raise TypeError(f"a quoted triple cannot be written as a JSON-LD node: {term}")


def _value(term: OxTerm | ox.Triple, compact: Compactor) -> dict[str, str]:
    if not isinstance(term, ox.Literal):
        return {"@id": _node_id(term, compact)}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return {"@value": term.value}
    return {"@value": term.value, "@type": compact(term.datatype.value)}


def jsonld_graphs(quads: Iterable[ox.Quad], context: Mapping[str, str]) -> Iterator[str]:
    """One JSON-LD named-graph object (`{"@id": graph, "@graph": [nodes]}`) a graph, each a JSON
    text to be gathered under one `{"@context": context, "@graph": [...]}`.

    Each node's `rdf:type` objects go in `@type`; every other object is written in expanded value
    form (`{"@id"}`, `{"@value", "@language"}` or `{"@value", "@type"}`), so no term definition of
    the context changes what a value means."""
    compact = Compactor(context)
    graphs: dict[str, dict[str, dict[str, list]]] = {}
    for quad in quads:
        nodes = graphs.setdefault(_node_id(quad.graph_name, compact), {})  # type: ignore[arg-type]
        node = nodes.setdefault(_node_id(quad.subject, compact), {})
        if quad.predicate.value == RDF_TYPE and not isinstance(quad.object, ox.Literal):
            node.setdefault("@type", []).append(_node_id(quad.object, compact))
        else:
            node.setdefault(compact(quad.predicate.value), []).append(_value(quad.object, compact))
    for graph, nodes in graphs.items():
        items = [{"@id": subject, **properties} for subject, properties in nodes.items()]
        yield json.dumps({"@id": graph, "@graph": items}, ensure_ascii=False)
