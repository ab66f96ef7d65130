"""The plan as a document: plan, chapters, sections, paragraphs and glossary, with offsets."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from plankg.graph.namespaces import ORG, PLANKG, plan_iri, plan_namespace
from plankg.loaders.source import PlanSource
from plankg.loaders.text import Division, Paragraph, PlanText

Triple = tuple[URIRef, URIRef, Literal | URIRef]

_DIVISION_CLASS = {"chapter": PLANKG.Chapter, "section": PLANKG.Section, "glossary": PLANKG.Glossary}


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def source_iri(plan_id: str) -> URIRef:
    return plan_namespace(plan_id)["source"]


def part_iri(plan_id: str, part_id: str) -> URIRef:
    """A chapter, section or paragraph by its readable id; the plan itself for "plan"."""
    return plan_iri(plan_id) if part_id == "plan" else plan_namespace(plan_id)[part_id]


def plan_triples(source: PlanSource, text: PlanText) -> Iterator[Triple]:
    """The plan, its source file and its issuer, as the metadata file describes them."""
    meta = source.meta
    plan = plan_iri(meta.id)
    issuer = plan_namespace(meta.id)["issuer"]
    src = source_iri(meta.id)
    yield plan, RDF.type, PLANKG.Plan
    for lang in ("zh", "en"):
        yield plan, DCTERMS.title, Literal(getattr(meta.title, lang), lang=lang)
        yield plan, RDFS.label, Literal(getattr(meta.short_title, lang), lang=lang)
        yield plan, DCTERMS.spatial, Literal(getattr(meta.place, lang), lang=lang)
        yield issuer, RDFS.label, Literal(getattr(meta.issuer, lang), lang=lang)
    yield plan, PLANKG.localId, Literal("plan")
    yield plan, DCTERMS.publisher, issuer
    yield issuer, RDF.type, ORG.Organization
    yield plan, DCTERMS.issued, Literal(meta.published.isoformat(), datatype=XSD.date)
    yield plan, DCTERMS.language, Literal(meta.language)
    yield plan, PLANKG.periodStart, _integer(meta.period.start)
    yield plan, PLANKG.periodEnd, _integer(meta.period.end)
    yield plan, PLANKG.visionYear, _integer(meta.vision_year)
    yield plan, PLANKG.startOffset, _integer(text.title_start)
    yield plan, PLANKG.endOffset, _integer(text.body_end)
    yield plan, PLANKG.sourceText, src
    yield src, RDF.type, PLANKG.SourceText
    yield src, RDFS.label, Literal(meta.file)
    yield src, DCTERMS.identifier, Literal(meta.file)
    yield src, DCTERMS.format, Literal("text/plain; charset=utf-8")
    yield src, PLANKG.sha256, Literal(meta.sha256)


def _division_triples(plan_id: str, division: Division) -> Iterator[Triple]:
    node = part_iri(plan_id, division.id)
    yield node, RDF.type, _DIVISION_CLASS[division.kind]
    yield node, DCTERMS.isPartOf, part_iri(plan_id, division.parent_id)
    yield node, PLANKG.localId, Literal(division.id)
    yield node, PLANKG.number, _integer(division.number)
    yield node, PLANKG.heading, Literal(division.heading)
    yield node, DCTERMS.title, Literal(division.title, lang="zh")
    yield node, RDFS.label, Literal(division.heading, lang="zh")
    yield node, RDFS.label, Literal(_english_label(division), lang="en")
    yield node, PLANKG.startOffset, _integer(division.start)
    yield node, PLANKG.endOffset, _integer(division.end)
    yield node, PLANKG.line, _integer(division.line)


def _english_label(division: Division) -> str:
    if division.kind == "glossary":
        return "Glossary"
    if division.kind == "chapter":
        return f"Chapter {division.number}"
    chapter = int(division.parent_id.removeprefix("c"))
    return f"Chapter {chapter}, Section {division.number}"


def _paragraph_triples(plan_id: str, paragraph: Paragraph) -> Iterator[Triple]:
    node = part_iri(plan_id, paragraph.id)
    yield node, RDF.type, PLANKG.Paragraph
    yield node, DCTERMS.isPartOf, part_iri(plan_id, paragraph.parent_id)
    yield node, PLANKG.localId, Literal(paragraph.id)
    yield node, RDFS.label, Literal(paragraph.id)
    yield node, PLANKG.number, _integer(paragraph.number)
    yield node, PLANKG.text, Literal(paragraph.text)
    yield node, PLANKG.startOffset, _integer(paragraph.start)
    yield node, PLANKG.endOffset, _integer(paragraph.end)
    yield node, PLANKG.line, _integer(paragraph.line)


def structure_triples(source: PlanSource, text: PlanText) -> Iterator[Triple]:
    """Every triple of the structure graph of one plan."""
    plan_id = source.meta.id
    yield from plan_triples(source, text)
    for division in text.divisions():
        yield from _division_triples(plan_id, division)
    for paragraph in text.paragraphs():
        yield from _paragraph_triples(plan_id, paragraph)
