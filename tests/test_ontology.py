"""Tests of the plankg ontology (ontology/plankg.ttl) and SHACL shapes (ontology/shapes.ttl).

They check what a user of the vocabulary relies on: the files parse, every plankg term is
documented in English and Chinese, the ontology implements the contract in docs/vocabulary.md,
HermiT (through owlready2) finds it consistent and catches contradictory data, and the SHACL
shapes accept a well-formed sample and reject broken ones.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import get_args

import owlready2
import pyshacl
import pytest
from pydantic import BaseModel
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from plankg.graph.model import COMPARATORS as COMPARATOR_NAMES
from plankg.graph.model import CONCEPT_LINKS, FAMILIES, KINDS
from plankg.graph.namespaces import OA, ONTOLOGY_IRI, PLANKG, SH, expand
from plankg.graph.namespaces import PREFIXES as NAMESPACE_PREFIXES
from plankg.graph.opened import Build
from plankg.loaders.curated_schema import GoalIn, ObservationIn, OrganizationIn, PlaceIn
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE

CONTRACT_FILE = Path(__file__).parents[1] / "docs" / "vocabulary.md"
ID = Namespace("https://w3id.org/plankg/id/test-plan/")
VANN = Namespace("http://purl.org/vocab/vann/")
PREFIXES = {prefix: str(namespace) for prefix, namespace in NAMESPACE_PREFIXES.items()}
ENTITY_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual}
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
COMPARATORS = ("reach", "atLeast", "atMost", "about", "exactly", "moreThan", "nearly")
# Where the ontology knowingly departs from a domain in docs/vocabulary.md: the plan node itself
# carries offsets and a local id, and plankg:Plan is disjoint from plankg:Part, so a Part domain
# would make every plan graph inconsistent.
DOMAIN_DEVIATIONS = {
    "plankg:startOffset": ["plankg:Document"],
    "plankg:endOffset": ["plankg:Document"],
    "plankg:localId": ["plankg:PlanEntity", "plankg:Document"],
}

needs_java = pytest.mark.skipif(shutil.which(owlready2.JAVA_EXE) is None, reason="HermiT needs a Java runtime on PATH")


# --------------------------------------------------------------------------------------------
# Fixtures and helpers
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def curie(term: str) -> URIRef:
    prefix, local = term.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


def langs(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted((o.language or "") for o in graph.objects(subject, predicate) if isinstance(o, Literal))


def union_members(graph: Graph, node) -> set:
    """The members of the owl:unionOf class expression `node` (empty if it is not one)."""
    lst = graph.value(node, OWL.unionOf)
    return set(Collection(graph, lst)) if lst is not None else set()


def contract_rows(section: str) -> list[list[str]]:
    """The body rows of the table under `## <section>` in docs/vocabulary.md, as lists of cells."""
    text = CONTRACT_FILE.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"section {section!r} not found in {CONTRACT_FILE}"
    rows = []
    for line in match.group(1).splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] in {"class", "property"}:  # header row
            continue
        rows.append(cells)
    assert rows, f"no table rows under {section!r}"
    return rows


def terms(cell: str) -> list[str]:
    return re.findall(r"\b(?:" + "|".join(PREFIXES) + r"):\w+", cell)


# --------------------------------------------------------------------------------------------
# The ontology file
# --------------------------------------------------------------------------------------------


def test_ontology_parses_and_has_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/plankg/ontology/1.0.0")
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("1.0.0")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix) == Literal("plankg")
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(PLANKG)
    assert langs(ontology, ONTOLOGY_IRI, DCTERMS.title) == ["en", "zh"]
    assert langs(ontology, ONTOLOGY_IRI, DCTERMS.description) == ["en", "zh"]


def test_every_plankg_term_is_defined_and_documented_in_english_and_chinese(ontology: Graph) -> None:
    used = {
        node for triple in ontology for node in triple if isinstance(node, URIRef) and str(node).startswith(str(PLANKG))
    }
    assert len(used) > 60
    problems = []
    for term in sorted(used):
        kinds = set(ontology.objects(term, RDF.type)) & ENTITY_TYPES
        if not kinds:
            problems.append(f"{term} is used but not declared as a class, property or individual")
        for predicate in (RDFS.label, RDFS.comment):
            if langs(ontology, term, predicate) != ["en", "zh"]:
                problems.append(
                    f"{term} needs exactly one {predicate} @en and one @zh, has {langs(ontology, term, predicate)}"
                )
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology:
            problems.append(f"{term} has no rdfs:isDefinedBy <{ONTOLOGY_IRI}>")
    assert not problems, "\n".join(problems)


def test_each_term_is_one_kind_of_entity(ontology: Graph) -> None:
    """OWL 2 DL: a property IRI is exactly one of object, datatype or annotation property."""
    for term in set(ontology.subjects(RDF.type, None)):
        kinds = [kind for kind in PROPERTY_KINDS if (term, RDF.type, kind) in ontology]
        assert len(kinds) <= 1, f"{term} is declared as {kinds}"
        if kinds:
            assert (term, RDF.type, OWL.Class) not in ontology, f"{term} is both a class and a property"


def test_no_datatypes_hermit_rejects(ontology: Graph) -> None:
    """xsd:gYear and xsd:date are outside the OWL 2 datatype map; rdf:langString as a range is read
    by the OWL API as a class, turning the property into an object property."""
    for bad in (XSD.gYear, XSD.date, RDF.langString):
        assert not list(ontology.subjects(RDFS.range, bad)), f"{bad} used as a range"


def test_classes_match_the_contract(ontology: Graph) -> None:
    for class_cell, super_cell, meaning in contract_rows("Classes"):
        for name in terms(class_cell):
            cls = curie(name)
            assert (cls, RDF.type, OWL.Class) in ontology, f"{name} is not an owl:Class"
            for super_name in terms(super_cell):
                if super_name != "owl:Thing":
                    assert (cls, RDFS.subClassOf, curie(super_name)) in ontology, f"{name} ⊑ {super_name} missing"
            if name == "plankg:Comparator":
                individuals = terms(meaning)
                assert [i.split(":")[1] for i in individuals] == list(COMPARATORS)
                for individual in individuals:
                    assert (curie(individual), RDF.type, OWL.NamedIndividual) in ontology
                    assert (curie(individual), RDF.type, cls) in ontology


def test_object_properties_match_the_contract(ontology: Graph) -> None:
    for prop_cell, domain_range, characteristics in contract_rows("Object properties"):
        for name in terms(prop_cell):
            prop = curie(name)
            assert (prop, RDF.type, OWL.ObjectProperty) in ontology, f"{name} is not an owl:ObjectProperty"
            if "transitive" in characteristics:
                assert (prop, RDF.type, OWL.TransitiveProperty) in ontology, f"{name} is not transitive"
            if "functional" in characteristics:
                assert (prop, RDF.type, OWL.FunctionalProperty) in ontology, f"{name} is not functional"
            for inverse in re.findall(r"inverse (\S+)", characteristics):
                assert (prop, OWL.inverseOf, curie(inverse)) in ontology, f"{name} inverse {inverse} missing"
                assert (curie(inverse), RDF.type, OWL.ObjectProperty) in ontology
            if not name.startswith("plankg:") or "→" not in domain_range:
                continue  # external terms keep their own domains and ranges
            domain_cell, range_cell = domain_range.split("→")
            domains, ranges = terms(domain_cell), terms(range_cell)
            declared_domain = ontology.value(prop, RDFS.domain)
            if len(domains) == 1:
                assert declared_domain == curie(domains[0]), f"{name} domain"
            elif len(domains) > 1:
                assert union_members(ontology, declared_domain) == {curie(d) for d in domains}, f"{name} domain"
            else:  # "(any)"
                assert declared_domain is None, f"{name} must have no domain"
            assert ontology.value(prop, RDFS.range) == curie(ranges[0]), f"{name} range"


def test_datatype_properties_match_the_contract(ontology: Graph) -> None:
    for prop_cell, domain_cell, range_cell in contract_rows("Datatype properties"):
        for name in terms(prop_cell):
            prop = curie(name)
            assert (prop, RDF.type, OWL.DatatypeProperty) in ontology, f"{name} is not an owl:DatatypeProperty"
            if not name.startswith("plankg:"):
                continue
            datatype = curie(terms(range_cell)[0])
            expected_range = RDF.PlainLiteral if datatype == RDF.langString else datatype
            assert ontology.value(prop, RDFS.range) == expected_range, f"{name} range"
            domains = [d for d in terms(domain_cell) if d != "rdf:Statement"]  # reserved vocabulary in OWL 2 DL
            domains = DOMAIN_DEVIATIONS.get(name, domains)
            declared_domain = ontology.value(prop, RDFS.domain)
            if len(domains) == 1:
                assert declared_domain == curie(domains[0]), f"{name} domain"
            elif domains:
                assert union_members(ontology, declared_domain) == {curie(d) for d in domains}, f"{name} domain"
            else:
                assert declared_domain is None, f"{name} must have no domain"


def test_comparators_are_pairwise_different(ontology: Graph) -> None:
    expected = {PLANKG[c] for c in COMPARATORS}
    found = [
        set(Collection(ontology, ontology.value(node, OWL.distinctMembers)))
        for node in ontology.subjects(RDF.type, OWL.AllDifferent)
    ]
    assert expected in found
    for name, zh in zip(COMPARATORS, ("达到", "以上", "以内", "左右", "为", "多", "将近"), strict=True):
        assert Literal(zh, lang="zh") in set(ontology.objects(PLANKG[name], RDFS.label))


def test_top_kinds_of_node_are_disjoint(ontology: Graph) -> None:
    groups = [
        set(Collection(ontology, ontology.value(node, OWL.members)))
        for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    kinds = {PLANKG[n] for n in ("Goal", "Measure", "Project", "Organization", "Place", "Indicator", "IndicatorValue")}
    assert any(kinds <= group for group in groups)
    assert any({PLANKG.Document, PLANKG.PlanEntity, PLANKG.Evidence} <= group for group in groups)


# --------------------------------------------------------------------------------------------
# A small well-formed plan graph, used by the reasoner and the SHACL tests
# --------------------------------------------------------------------------------------------


def well_formed_sample() -> Graph:
    g = Graph()
    plan, source, chapter, paragraph = ID.plan, ID.source, ID["c01"], ID["c01-p01"]
    text = "到2025年，地区生产总值年均增长6.5%左右，推进绿色发展。"
    g.add((plan, RDF.type, PLANKG.Plan))
    g.add((plan, DCTERMS.title, Literal("测试规划", lang="zh")))
    g.add((plan, DCTERMS.issued, Literal("2022-08-03", datatype=XSD.date)))  # annotation: HermiT ignores it
    g.add((plan, PLANKG.periodStart, Literal(2021)))
    g.add((plan, PLANKG.periodEnd, Literal(2025)))
    g.add((plan, PLANKG.localId, Literal("plan")))  # the plan, too, has a local id and offsets
    g.add((plan, PLANKG.startOffset, Literal(0)))
    g.add((plan, PLANKG.endOffset, Literal(1000)))
    g.add((plan, PLANKG.sourceText, source))
    g.add((source, RDF.type, PLANKG.SourceText))
    g.add((source, PLANKG.sha256, Literal("0" * 64)))
    g.add((chapter, RDF.type, PLANKG.Chapter))
    g.add((chapter, DCTERMS.isPartOf, plan))
    g.add((chapter, PLANKG.heading, Literal("第一章 测试")))
    g.add((paragraph, RDF.type, PLANKG.Paragraph))
    g.add((paragraph, DCTERMS.isPartOf, chapter))
    g.add((paragraph, PLANKG.text, Literal(text)))
    g.add((paragraph, PLANKG.number, Literal(1)))
    g.add((paragraph, PLANKG.startOffset, Literal(100)))
    g.add((paragraph, PLANKG.endOffset, Literal(100 + len(text))))

    def evidence(local: str, quote: str) -> URIRef:
        ev, quote_sel, pos_sel = ID[f"{local}-ev"], ID[f"{local}-ev-quote"], ID[f"{local}-ev-pos"]
        start = 100 + text.index(quote)
        g.add((ev, RDF.type, PLANKG.Evidence))
        g.add((ev, PLANKG.paragraph, paragraph))
        g.add((ev, OA.hasSource, source))
        g.add((ev, OA.hasSelector, quote_sel))
        g.add((quote_sel, RDF.type, OA.TextQuoteSelector))
        g.add((quote_sel, OA.exact, Literal(quote)))
        g.add((ev, OA.hasSelector, pos_sel))
        g.add((pos_sel, RDF.type, OA.TextPositionSelector))
        g.add((pos_sel, OA.start, Literal(start)))
        g.add((pos_sel, OA.end, Literal(start + len(quote))))
        return ev

    def entity(local: str, cls: URIRef, zh: str, en: str, quote: str) -> URIRef:
        node = ID[local]
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(zh, lang="zh")))
        g.add((node, RDFS.label, Literal(en, lang="en")))
        g.add((node, PLANKG.plan, plan))
        g.add((node, PLANKG.localId, Literal(local)))
        g.add((node, PLANKG.evidence, evidence(local, quote)))
        return node

    vision = entity("vision", PLANKG.Vision, "远景", "vision", "到2025年")
    pillar = entity("pillar", PLANKG.Pillar, "经济强", "strong economy", "地区生产总值")
    objective = entity("objective", PLANKG.Objective, "绿色发展", "green development", "绿色发展")
    measure = entity("measure", PLANKG.Measure, "推进绿色发展", "advance green development", "推进绿色发展")
    project = entity("project", PLANKG.Project, "绿色项目", "green project", "推进绿色发展")
    indicator = entity("gdp", PLANKG.Indicator, "地区生产总值增速", "GDP growth", "地区生产总值")
    target = entity("gdp-2025", PLANKG.Target, "2025年增速", "2025 growth", "6.5%左右")
    town = entity("town", PLANKG.Town, "测试镇", "Test Town", "到2025年")
    district = entity("district", PLANKG.District, "测试区", "Test District", "到2025年")
    agency = entity("agency", PLANKG.GovernmentBody, "发改局", "development bureau", "推进绿色发展")
    inferred_agency = ID["inferred-agency"]  # a curator's inference: a justification instead of evidence
    g.add((inferred_agency, RDF.type, PLANKG.GovernmentBody))
    g.add((inferred_agency, RDFS.label, Literal("应急管理局", lang="zh")))
    g.add((inferred_agency, RDFS.label, Literal("emergency management bureau", lang="en")))
    g.add((inferred_agency, PLANKG.plan, plan))
    g.add((inferred_agency, PLANKG.justification, Literal("应急管理由区应急管理局主管 / its remit")))
    g.add((inferred_agency, PLANKG.participatesIn, project))
    g.add((town, RDFS.label, Literal("Cèshì Zhèn", lang="zh-Latn-pinyin")))

    g.add((pillar, PLANKG.refines, vision))
    g.add((objective, PLANKG.refines, pillar))
    g.add((measure, PLANKG.contributesTo, objective))
    g.add((project, PLANKG.implements, measure))
    g.add((project, PLANKG.statusAsStated, Literal("推进", lang="zh")))
    g.add((project, PLANKG.locatedIn, town))
    g.add((town, PLANKG.within, district))
    g.add((agency, PLANKG.responsibleFor, project))
    g.add((indicator, PLANKG.measures, pillar))
    g.add((target, PLANKG.indicator, indicator))
    g.add((target, PLANKG.value, Literal(Decimal("6.5"))))
    g.add((target, PLANKG.unit, Literal("%", lang="zh")))
    g.add((target, PLANKG.unit, Literal("%", lang="en")))
    g.add((target, PLANKG.year, Literal(2025)))
    g.add((target, PLANKG.comparator, PLANKG.about))

    stated = BNode()  # a stated link, with its evidence
    g.add((stated, RDF.type, RDF.Statement))
    g.add((stated, RDF.subject, measure))
    g.add((stated, RDF.predicate, PLANKG.contributesTo))
    g.add((stated, RDF.object, objective))
    g.add((stated, PLANKG.evidence, ID["measure-ev"]))
    curated = BNode()  # a curator's inference, with its justification
    g.add((curated, RDF.type, RDF.Statement))
    g.add((curated, RDF.subject, indicator))
    g.add((curated, RDF.predicate, PLANKG.measures))
    g.add((curated, RDF.object, pillar))
    g.add((curated, PLANKG.justification, Literal("经济增速衡量经济强。", lang="zh")))
    curated_plain = BNode()  # a justification in two languages is a plain string
    g.add((curated_plain, RDF.type, RDF.Statement))
    g.add((curated_plain, RDF.subject, inferred_agency))
    g.add((curated_plain, RDF.predicate, PLANKG.participatesIn))
    g.add((curated_plain, RDF.object, project))
    g.add((curated_plain, PLANKG.justification, Literal("应急由其主管 / its remit")))
    return g


# --------------------------------------------------------------------------------------------
# OWL reasoning: owlready2 + HermiT
# --------------------------------------------------------------------------------------------


def load_in_owlready(ontology: Graph, data: Graph | None, tmp_path: Path) -> owlready2.World:
    """owlready2 reads RDF/XML, N-Triples and OWL/XML but not Turtle: convert with rdflib first.

    A fresh World per call keeps the tests independent of owlready2's default world.
    """
    merged = Graph()
    merged += ontology
    if data is not None:
        merged += data
    path = tmp_path / "plankg.owl"
    merged.serialize(path, format="xml", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    return world


def test_owlready2_loads_the_ontology(ontology: Graph, tmp_path: Path) -> None:
    world = load_in_owlready(ontology, None, tmp_path)
    onto = world.get_ontology(str(PLANKG))
    assert onto.base_iri == str(PLANKG)
    measure = world[str(PLANKG.Measure)]
    assert measure is not None
    assert world[str(PLANKG.PlanEntity)] in measure.is_a
    assert {i.name for i in world[str(PLANKG.Comparator)].instances()} == set(COMPARATORS)


@needs_java
def test_hermit_finds_ontology_and_sample_consistent(ontology: Graph, tmp_path: Path) -> None:
    world = load_in_owlready(ontology, well_formed_sample(), tmp_path)
    owlready2.sync_reasoner(world, infer_property_values=True, debug=0)  # raises if inconsistent
    assert not list(world.inconsistent_classes())

    def node(local: str):
        return world[str(ID[local])]

    refines, refined_by = world[str(PLANKG.refines)], world[str(PLANKG.refinedBy)]
    assert node("vision") in refines[node("objective")]  # transitive
    assert set(refined_by[node("vision")]) == {node("pillar"), node("objective")}  # inverse + transitive
    assert node("measure") in world[str(PLANKG.contributedToBy)][node("objective")]
    assert node("project") in world[str(PLANKG.locationOf)][node("town")]


@needs_java
def test_hermit_rejects_a_node_that_is_both_measure_and_place(ontology: Graph, tmp_path: Path) -> None:
    data = well_formed_sample()
    data.add((ID.measure, RDF.type, PLANKG.Place))
    world = load_in_owlready(ontology, data, tmp_path)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        owlready2.sync_reasoner(world, debug=0)


@needs_java
def test_hermit_rejects_a_target_with_two_comparators(ontology: Graph, tmp_path: Path) -> None:
    """plankg:comparator is functional and the comparators are pairwise different."""
    data = well_formed_sample()
    data.add((ID["gdp-2025"], PLANKG.comparator, PLANKG.atLeast))
    world = load_in_owlready(ontology, data, tmp_path)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        owlready2.sync_reasoner(world, debug=0)


# --------------------------------------------------------------------------------------------
# SHACL shapes
# --------------------------------------------------------------------------------------------


def validate(data: Graph, shapes: Graph, ontology: Graph | None, inference: str = "none") -> tuple[bool, list[dict]]:
    """Validate with pySHACL and return (conforms, results).

    The ontology goes in as ont_graph: pySHACL mixes it into (a copy of) the data graph, so its
    rdfs:subClassOf triples are there, and SHACL itself follows rdfs:subClassOf for sh:targetClass
    and sh:class. That is all subclass targeting needs, so inference="none" works (a plankg:Vision
    is checked by the plankg:PlanEntity shape). inference="rdfs" would also make targeting work but
    additionally types every value from the rdfs:range of its property, which makes the sh:class
    checks vacuous (see test_rdfs_inference_would_hide_class_violations); it is also slower.
    """
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference=inference)
    results = [
        {
            "focus": report.value(r, SH.focusNode),
            "path": report.value(r, SH.resultPath),
            "component": report.value(r, SH.sourceConstraintComponent),
            "message": str(report.value(r, SH.resultMessage)),
        }
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    return conforms, results


def test_shapes_parse_and_every_shape_is_labelled(shapes: Graph) -> None:
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.objects(None, SH.property))
    assert len(shape_nodes) > 20
    for shape in shape_nodes:
        assert (shape, RDFS.label, None) in shapes, f"{shape} has no rdfs:label"
        messages = langs(shapes, shape, SH.message)
        assert "en" in messages, f"{shape} has no English sh:message"


def test_well_formed_sample_conforms(ontology: Graph, shapes: Graph) -> None:
    conforms, results = validate(well_formed_sample(), shapes, ontology)
    assert conforms, results


def test_measure_without_contributes_to_is_flagged(ontology: Graph, shapes: Graph) -> None:
    data = well_formed_sample()
    data.remove((ID.measure, PLANKG.contributesTo, None))
    conforms, results = validate(data, shapes, ontology)
    assert not conforms
    assert [(r["focus"], r["path"], r["component"]) for r in results] == [
        (ID.measure, PLANKG.contributesTo, SH.MinCountConstraintComponent)
    ]
    assert "contributesTo" in results[0]["message"]


def test_target_with_unknown_comparator_is_flagged(ontology: Graph, shapes: Graph) -> None:
    data = well_formed_sample()
    data.set((ID["gdp-2025"], PLANKG.comparator, PLANKG.roughly))
    conforms, results = validate(data, shapes, ontology)
    assert not conforms
    assert [(r["focus"], r["path"], r["component"]) for r in results] == [
        (ID["gdp-2025"], PLANKG.comparator, SH.InConstraintComponent)
    ]


@pytest.mark.parametrize(
    ("breakage", "focus", "path"),
    [
        ("no-zh-label", ID.vision, RDFS.label),  # Vision is targeted through rdfs:subClassOf PlanEntity
        ("pinyin-only", ID.town, RDFS.label),
        ("two-en-labels", ID.pillar, RDFS.label),
        ("no-evidence-nor-justification", ID.project, None),
        ("evidence-not-evidence", ID.project, PLANKG.evidence),
        ("empty-justification", ID["inferred-agency"], PLANKG.justification),
        ("no-quote", ID["vision-ev"], OA.hasSelector),
        ("empty-quote", ID["vision-ev-quote"], OA.exact),  # each selector is checked through its class
        ("no-year", ID["gdp-2025"], PLANKG.year),
        ("integer-value", ID["gdp-2025"], PLANKG.value),
        ("plain-unit", ID["gdp-2025"], PLANKG.unit),
        ("pillar-refines-nothing", ID.pillar, PLANKG.refines),
        ("within-non-place", ID.town, PLANKG.within),
        ("paragraph-no-offset", ID["c01-p01"], PLANKG.startOffset),
        ("two-zh-statuses", ID.project, PLANKG.statusAsStated),
        ("part-of-a-place", ID.project, PLANKG.partOf),
        ("member-not-an-entity", ID.pillar, None),  # only a concept lists members
    ],
)
def test_broken_samples_are_flagged(
    ontology: Graph, shapes: Graph, breakage: str, focus: URIRef, path: URIRef | None
) -> None:
    data = well_formed_sample()
    target = ID["gdp-2025"]
    match breakage:
        case "no-zh-label":
            data.remove((ID.vision, RDFS.label, Literal("远景", lang="zh")))
        case "pinyin-only":
            data.remove((ID.town, RDFS.label, Literal("测试镇", lang="zh")))
        case "two-en-labels":
            data.add((ID.pillar, RDFS.label, Literal("economy", lang="en")))
        case "no-evidence-nor-justification":
            data.remove((ID.project, PLANKG.evidence, None))
        case "evidence-not-evidence":
            data.add((ID.project, PLANKG.evidence, ID["c01-p01"]))
        case "empty-justification":
            data.set((ID["inferred-agency"], PLANKG.justification, Literal("")))
        case "no-quote":
            data.remove((ID["vision-ev"], OA.hasSelector, ID["vision-ev-quote"]))
        case "empty-quote":
            data.set((ID["vision-ev-quote"], OA.exact, Literal("")))
        case "no-year":
            data.remove((target, PLANKG.year, None))
        case "integer-value":
            data.set((target, PLANKG.value, Literal(6)))
        case "plain-unit":
            data.add((target, PLANKG.unit, Literal("percent")))
        case "pillar-refines-nothing":
            data.remove((ID.pillar, PLANKG.refines, None))
        case "within-non-place":
            data.set((ID.town, PLANKG.within, ID.agency))
        case "paragraph-no-offset":
            data.remove((ID["c01-p01"], PLANKG.startOffset, None))
        case "two-zh-statuses":
            data.add((ID.project, PLANKG.statusAsStated, Literal("建设", lang="zh")))
        case "part-of-a-place":
            data.add((ID.project, PLANKG.partOf, ID.town))
        case "member-not-an-entity":
            data.add((ID.pillar, PLANKG.hasMember, ID.town))
    conforms, results = validate(data, shapes, ontology)
    assert not conforms
    assert (focus, path) in {(r["focus"], r["path"]) for r in results}, results


def test_statement_without_evidence_or_justification_is_flagged(ontology: Graph, shapes: Graph) -> None:
    data = well_formed_sample()
    bare = BNode()
    data.add((bare, RDF.type, RDF.Statement))
    data.add((bare, RDF.subject, ID.project))
    data.add((bare, RDF.predicate, PLANKG.implements))
    data.add((bare, RDF.object, ID.measure))
    conforms, results = validate(data, shapes, ontology)
    assert not conforms
    assert [(r["focus"], r["component"]) for r in results] == [(bare, SH.OrConstraintComponent)]


def test_subclass_targeting_needs_the_ontology(ontology: Graph, shapes: Graph) -> None:
    """Without the ontology there are no rdfs:subClassOf triples: a Vision is not a PlanEntity."""
    data = well_formed_sample()
    data.remove((ID.vision, RDFS.label, None))
    _, with_ontology = validate(data, shapes, ontology)
    _, without_ontology = validate(data, shapes, None)
    assert ID.vision in {r["focus"] for r in with_ontology}
    assert ID.vision not in {r["focus"] for r in without_ontology}


def test_rdfs_inference_would_hide_class_violations(ontology: Graph, shapes: Graph) -> None:
    """Why validation runs with inference="none": RDFS would infer from rdfs:range that an untyped
    value of plankg:contributesTo is a plankg:Goal, so the Measure shape's sh:class check passes."""
    data = well_formed_sample()
    data.add((ID.measure, PLANKG.contributesTo, ID.untyped))

    def measure_results(inference: str) -> list[dict]:
        _, results = validate(data, shapes, ontology, inference=inference)
        return [r for r in results if r["focus"] == ID.measure and r["path"] == PLANKG.contributesTo]

    assert [r["component"] for r in measure_results("none")] == [SH.ClassConstraintComponent]
    assert measure_results("rdfs") == []


# --- the model table (plankg.graph.model) is the ontology's --------------------------------


def test_every_class_and_link_of_the_model_is_the_ontologys(ontology: Graph) -> None:
    """The loader, the analysis and the views read one table; each of its terms is declared here."""
    for kind, spec in KINDS.items():
        for cls in spec.classes.values():
            assert (PLANKG[cls], RDF.type, OWL.Class) in ontology, f"{kind}: {cls}"
        for field_name, link in {**CONCEPT_LINKS, **spec.links}.items():
            assert (expand(link.predicate), RDF.type, OWL.ObjectProperty) in ontology, f"{kind}.{field_name}"
    for family, members in FAMILIES.items():
        for cls in members - {family}:
            assert PLANKG[family] in ontology.transitive_objects(PLANKG[cls], RDFS.subClassOf), f"{cls} ⊑ {family}"
    assert set(COMPARATOR_NAMES.values()) == {
        str(individual).removeprefix(str(PLANKG)) for individual in ontology.subjects(RDF.type, PLANKG.Comparator)
    }


@pytest.mark.parametrize(
    ("record", "kind"),
    [(GoalIn, "goals"), (PlaceIn, "places"), (OrganizationIn, "organizations"), (ObservationIn, "observations")],
)
def test_the_schema_offers_the_models_type_codes(record: type[BaseModel], kind: str) -> None:
    assert set(get_args(record.model_fields["type"].annotation)) == set(KINDS[kind].classes)


def test_the_vocabulary_a_build_reads_names_every_class_of_the_model(built: Build) -> None:
    """What the views and the Neo4j export read from the build's ontology graph, once."""
    vocabulary = built.vocabulary
    for spec in KINDS.values():
        for cls in spec.classes.values():
            assert vocabulary.name(cls, "zh") != cls and vocabulary.name(cls, "en") != cls, cls
    assert vocabulary.above("Pillar") == ["Goal", "PlanEntity"]
    assert vocabulary.name("refines", "zh") == "细化"
    assert built.vocabulary is vocabulary  # read once
