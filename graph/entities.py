"""Curated nodes and links as RDF: stated facts with their quotes, curator inferences apart.

Evidence follows the W3C Web Annotation model: a plankg:Evidence (an oa:SpecificResource) whose
source is the plan's text file, with a TextQuoteSelector (the exact words, with prefix and
suffix) and a TextPositionSelector (code-point offsets into the file). Evidence nodes are named
by their location, so the same quote cited by a node and by its links is one node.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from plankg.graph.namespaces import OA, PLANKG, expand, plan_iri, plan_namespace
from plankg.graph.pinyin import pinyin
from plankg.graph.structure import part_iri, source_iri
from plankg.loaders.curated import CuratedPlan, Edge, Node
from plankg.loaders.quotes import Quote
from plankg.loaders.source import Bilingual

# (subject, predicate, object, graph kind)
Quad = tuple[URIRef, URIRef, Literal | URIRef, str]


def statement_iri(plan_id: str, edge: Edge) -> URIRef:
    """The reified statement that carries a link's quotes or justification."""
    local = edge.predicate.partition(":")[2]
    return plan_namespace(plan_id)[f"statement/{edge.subject}/{local}/{edge.object}"]


class _Emitter:
    """Turns one plan's checked curated data into quads."""

    def __init__(self, plan_id: str):
        self.plan_id = plan_id
        self.ns = plan_namespace(plan_id)

    def node_iri(self, node_id: str) -> URIRef:
        return self.ns[node_id]

    def evidence_iri(self, quote: Quote) -> URIRef:
        return self.ns[f"evidence/{quote.paragraph}/{quote.start}-{quote.end}"]

    def evidence(self, quote: Quote, graph: str) -> Iterator[Quad]:
        ev = self.evidence_iri(quote)
        quote_selector, position_selector = URIRef(f"{ev}#quote"), URIRef(f"{ev}#position")
        yield ev, RDF.type, PLANKG.Evidence, graph
        yield ev, PLANKG.paragraph, part_iri(self.plan_id, quote.paragraph), graph
        yield ev, OA.hasSource, source_iri(self.plan_id), graph
        yield ev, OA.hasSelector, quote_selector, graph
        yield ev, OA.hasSelector, position_selector, graph
        yield quote_selector, RDF.type, OA.TextQuoteSelector, graph
        yield quote_selector, OA.exact, Literal(quote.exact), graph
        yield quote_selector, OA.prefix, Literal(quote.prefix), graph
        yield quote_selector, OA.suffix, Literal(quote.suffix), graph
        yield position_selector, RDF.type, OA.TextPositionSelector, graph
        yield position_selector, OA.start, Literal(quote.start, datatype=XSD.integer), graph
        yield position_selector, OA.end, Literal(quote.end, datatype=XSD.integer), graph

    def node(self, node: Node) -> Iterator[Quad]:
        graph = "stated" if node.evidence else "curated"
        iri = self.node_iri(node.id)
        yield iri, RDF.type, PLANKG[node.cls], graph
        if node.kind == "projects" and node.cls != "Project":
            # A fund, an event … stays a project to the questions of delivery that ask for one
            # without a reasoner (which project has no place).
            yield iri, RDF.type, PLANKG.Project, graph
        yield iri, PLANKG.localId, Literal(node.id), graph
        yield iri, PLANKG.plan, plan_iri(self.plan_id), graph
        yield from _bilingual(iri, RDFS.label, node.label, graph)
        if node.kind == "places":
            yield iri, RDFS.label, Literal(pinyin(node.label.zh), lang="zh-Latn-pinyin"), graph
        if node.kind == "concepts":
            yield from _bilingual(iri, SKOS.prefLabel, node.label, graph)
        for alias in node.aliases:
            yield iri, SKOS.altLabel, Literal(alias, lang="zh"), graph
        for former in node.former_ids:  # a corrected id stays resolvable: a curator's record of it
            yield iri, OWL.sameAs, self.node_iri(former), "curated"
        for lang, comment in node.comment.items():
            yield iri, RDFS.comment, Literal(comment, lang=lang), "curated"
        if node.justification:
            yield iri, PLANKG.justification, Literal(node.justification), graph
        quotes = list(node.evidence)
        definition = node.values.definition
        if definition is not None:
            yield from self.definition(iri, definition, node.values.definition_inferred)
            quotes.append(definition)
        for quote in quotes:
            yield iri, PLANKG.evidence, self.evidence_iri(quote), "stated"
            yield iri, PROV.wasDerivedFrom, part_iri(self.plan_id, quote.paragraph), "stated"
            yield from self.evidence(quote, "stated")
        yield from self.values(iri, node, graph)

    def definition(self, iri: URIRef, quote: Quote, inferred: str | None) -> Iterator[Quad]:
        """The glossary's words as skos:definition; a curator's matching of entry to concept apart."""
        text = Literal(quote.exact, lang="zh")
        if inferred is None:
            yield iri, SKOS.definition, text, "stated"
            return
        yield iri, SKOS.definition, text, "curated"
        statement = self.ns[f"statement/{iri.removeprefix(str(self.ns))}/definition"]
        yield statement, RDF.type, RDF.Statement, "curated"
        yield statement, RDF.subject, iri, "curated"
        yield statement, RDF.predicate, SKOS.definition, "curated"
        yield statement, RDF.object, text, "curated"
        yield statement, PLANKG.justification, Literal(inferred), "curated"
        yield statement, PLANKG.evidence, self.evidence_iri(quote), "curated"

    def values(self, iri: URIRef, node: Node, graph: str) -> Iterator[Quad]:
        values = node.values
        if values.value is not None:
            yield iri, PLANKG.value, Literal(Decimal(values.value), datatype=XSD.decimal), graph
        if values.year is not None:
            year_graph = "curated" if values.year_from_plan_period else graph
            yield iri, PLANKG.year, Literal(values.year, datatype=XSD.integer), year_graph
            if values.year_from_plan_period:
                yield iri, PLANKG.yearFromPlanPeriod, Literal(True), "curated"
        if values.from_year is not None:
            from_graph = graph if values.from_year_stated else "curated"
            yield iri, PLANKG.fromYear, Literal(values.from_year, datatype=XSD.integer), from_graph
        if values.unit is not None:
            yield from _bilingual(iri, PLANKG.unit, values.unit, graph)
        if values.due_year is not None:
            yield iri, PLANKG.dueYear, Literal(values.due_year, datatype=XSD.integer), graph
        if values.comparator is not None:
            yield iri, PLANKG.comparator, PLANKG[values.comparator], graph
        if values.status is not None:
            yield from _bilingual(iri, PLANKG.statusAsStated, values.status, graph)
        if values.scheme is not None:
            yield iri, SKOS.inScheme, self.node_iri(values.scheme), "curated"

    def edge(self, edge: Edge) -> Iterator[Quad]:
        """The link itself and, reified beside it, the quotes or the justification it rests on."""
        graph = "curated" if edge.justification else "stated"
        subject, predicate, obj = self.node_iri(edge.subject), expand(edge.predicate), self.node_iri(edge.object)
        yield subject, predicate, obj, graph
        statement = statement_iri(self.plan_id, edge)
        yield statement, RDF.type, RDF.Statement, graph
        yield statement, RDF.subject, subject, graph
        yield statement, RDF.predicate, predicate, graph
        yield statement, RDF.object, obj, graph
        if edge.justification:
            yield statement, PLANKG.justification, Literal(edge.justification), graph
        for quote in edge.evidence:
            yield statement, PLANKG.evidence, self.evidence_iri(quote), graph
            yield from self.evidence(quote, "stated")


def _bilingual(subject: URIRef, predicate: URIRef, text: Bilingual, graph: str) -> Iterator[Quad]:
    yield subject, predicate, Literal(text.zh, lang="zh"), graph
    yield subject, predicate, Literal(text.en, lang="en"), graph


def curated_quads(plan_id: str, curated: CuratedPlan) -> Iterator[Quad]:
    """Every quad that one plan's curated data puts in its stated and curated graphs."""
    emitter = _Emitter(plan_id)
    for scheme in curated.schemes.values():
        iri = emitter.node_iri(scheme.id)
        yield iri, RDF.type, SKOS.ConceptScheme, "curated"
        yield from _bilingual(iri, RDFS.label, scheme.label, "curated")
    for node in curated.nodes.values():
        yield from emitter.node(node)
    for edge in curated.edges:
        yield from emitter.edge(edge)
