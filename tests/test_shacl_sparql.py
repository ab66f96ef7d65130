"""The shapes compiled to SPARQL report what pySHACL reports, shape by shape and on the real plan.

pySHACL is the reference. Every constraint-bearing shape of `ontology/shapes.ttl` (read from the
file, so a new shape is covered without a new test) is broken on one of its focus nodes in
several generic ways; each broken copy must give the same results from both validators, and
together the breakages must make pySHACL report that shape's own message, so that no case passes
because nothing was broken.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Node

from plankg.errors import PlankgError
from plankg.graph.build import PlanInput, data_union
from plankg.graph.namespaces import PLANKG, SH
from plankg.graph.opened import Build
from plankg.graph.shacl import load_turtle, pyshacl_violations, validate_shapes
from plankg.graph.shacl_results import first_message
from plankg.graph.shacl_sparql import compile_shapes, sparql_violations
from plankg.ontology import ONTOLOGY_FILE, SHAPES_FILE
from tests.test_ontology import ID, well_formed_sample

SHAPES = load_turtle(SHAPES_FILE)
ONTOLOGY = load_turtle(ONTOLOGY_FILE)
# What validation takes from the ontology: subclass links and the classes of its individuals.
# Both validators get the same graph; without the rest of the ontology pySHACL runs ten times faster.
CLASS_LINKS = Graph()
for _link in (RDFS.subClassOf, RDF.type):
    CLASS_LINKS += ONTOLOGY.triples((None, _link, None))
# Where pySHACL departs from the SHACL spec under sh:lessThan: it refuses to compare a blank node
# (an error, not a result) and orders an ill-typed literal as rdflib does, where the spec (SPARQL's
# `<`) reports "cannot be compared". Neither is tried on a compared path; an ill-typed literal
# breaks sh:datatype, so both validators still reject the graph.
COMPARED = set(SHAPES.objects(None, SH.lessThan)) | {SHAPES.value(s, SH.path) for s in SHAPES.subjects(SH.lessThan)}
TARGETS = (SH.targetClass, SH.targetSubjectsOf)
NOT_CONSTRAINTS = {*TARGETS, SH.property, SH.message, SH.severity}
STRANGER = ID.stranger  # a node of no class
# Values also tried as the path's only value: each breaks a value constraint without a count one.
SOLE_VALUES = {"iri", "blank", "empty-string", "zh", "pinyin", "negative", "decimal"}


def constraint_bearing_shapes() -> list[tuple[Node, Node | None]]:
    """(shape with targets, its property shape or None for its own node-level constraints)."""
    cases: list[tuple[Node, Node | None]] = []
    for shape in sorted({s for t in TARGETS for s in SHAPES.subjects(t, None)}, key=str):
        own = {p for p in SHAPES.predicates(shape) if str(p).startswith(str(SH))} - NOT_CONSTRAINTS
        if own:
            cases.append((shape, None))
        cases += [(shape, child) for child in sorted(SHAPES.objects(shape, SH.property), key=str)]
    return cases


def case_id(case: tuple[Node, Node | None]) -> str:
    shape, child = case
    name = str(shape).rsplit("#", 1)[-1]
    if child is None:
        return f"{name}-node"
    return f"{name}-{str(SHAPES.value(child, SH.path)).rsplit('#', 1)[-1].rsplit('/', 1)[-1]}"


def covering_sample() -> Graph:
    """The well-formed sample of the ontology tests, plus a target of the shapes it lacks."""
    g = well_formed_sample()
    observation = ID["gdp-2020"]
    g.add((observation, RDF.type, PLANKG.Observation))
    g.add((observation, RDFS.label, Literal("2020年增速", lang="zh")))
    for predicate in (PLANKG.plan, PLANKG.localId, PLANKG.evidence, PLANKG.indicator):
        g.add((observation, predicate, g.value(ID["gdp-2025"], predicate)))
    g.add((observation, PLANKG.value, Literal(Decimal("6.0"))))
    g.add((observation, PLANKG.unit, Literal("%", lang="zh")))
    g.add((observation, PLANKG.year, Literal(2020)))
    g.add((observation, PLANKG.fromYear, Literal(2016)))
    g.add((observation, PLANKG.comparator, PLANKG.about))
    for _, predicate, obj in list(g.triples((ID.pillar, None, None))):  # a grouping, as the pillar is
        if predicate not in (RDF.type, PLANKG.refines):
            g.add((ID.grouping, predicate, obj))
    g.add((ID.grouping, RDF.type, PLANKG.Concept))
    g.add((ID.grouping, PLANKG.hasMember, ID.project))
    for _, predicate, obj in list(g.triples((ID.project, None, None))):  # a part of the project
        if predicate != PLANKG.statusAsStated:
            g.add((ID["sub-project"], predicate, obj))
    g.add((ID["sub-project"], PLANKG.partOf, ID.project))
    g.add((ID["sub-project"], RDF.type, PLANKG.Fund))  # a kind readers ask by, and a Project
    g.add((ID.town, RDF.type, PLANKG.HeritageSite))  # and a Place
    g.add((ID.project, PLANKG.supportedBy, ID.agency))  # the roles the plan states
    g.add((ID.project, PLANKG.carriedBy, ID.district))
    g.add((ID.project, PLANKG.hasPairingPartner, ID.agency))
    g.add((ID.project, PLANKG.attracts, ID.agency))
    return g


def focus_of(sample: Graph, shape: Node) -> Node:
    """The first node of the sample that `shape` targets."""
    classes = set(SHAPES.objects(shape, SH.targetClass))
    members = {
        node
        for node, cls in sample.subject_objects(RDF.type)
        if classes & set(ONTOLOGY.transitive_objects(cls, RDFS.subClassOf))
    }
    for predicate in SHAPES.objects(shape, SH.targetSubjectsOf):
        members |= set(sample.subjects(predicate, None))
    assert members, f"the sample has no target of {shape}: add one to covering_sample()"
    return sorted(members, key=str)[0]


def nested_paths(shape: Node) -> set[Node]:
    """Every sh:path in the shapes nested under `shape` (its sh:or alternatives and the like)."""
    paths: set[Node] = set()
    for node in SHAPES.transitive_objects(shape, None):
        paths |= set(SHAPES.objects(node, SH.path))
    return paths


def breakages(sample: Graph, focus: Node, path: Node | None, shape: Node) -> dict[str, Graph]:
    """Broken copies of the sample, each one generic change on the focus node."""

    def changed(remove: list[tuple], add: list[tuple]) -> Graph:
        graph = Graph()
        graph += sample
        for pattern in remove:
            graph.remove(pattern)
        for triple in add:
            graph.add(triple)
        return graph

    if path is None:
        return {
            "drop-nested-paths": changed([(focus, p, None) for p in nested_paths(shape)], []),
            "untyped": changed([(focus, RDF.type, None)], []),
            "retyped": changed([(focus, RDF.type, None)], [(focus, RDF.type, PLANKG.Measure)]),
        }
    existing = sorted(sample.objects(focus, path), key=str)
    sibling = ID["sibling"]
    sibling_types = [(sibling, RDF.type, t) for v in existing[:1] for t in sample.objects(v, RDF.type)]
    values: dict[str, Node] = {
        "iri": STRANGER,
        "empty-string": Literal(""),
        "zh": Literal("又一个", lang="zh"),
        "pinyin": Literal("yòu yī gè", lang="zh-Latn-pinyin"),
        "negative": Literal(-1),
        "decimal": Literal(Decimal("1.5")),
        "comparator": PLANKG.atLeast,
    }
    if path not in COMPARED:
        values |= {"blank": BNode(), "ill-typed": Literal("abc", datatype=XSD.integer)}
    broken = {"drop": changed([(focus, path, None)], [])}
    for name, value in values.items():
        broken[f"add-{name}"] = changed([], [(focus, path, value)])
        if name in SOLE_VALUES:
            broken[f"only-{name}"] = changed([(focus, path, None)], [(focus, path, value)])
    broken["add-sibling"] = changed([], [(focus, path, sibling), *sibling_types])
    return broken


@pytest.fixture(scope="module")
def sample() -> Graph:
    return covering_sample()


def both(data: Graph) -> tuple[list, list]:
    compiled = sparql_violations(data, SHAPES, CLASS_LINKS)
    reference = Graph()
    reference += data
    return compiled, pyshacl_violations(reference, SHAPES, CLASS_LINKS)


def test_the_covering_sample_conforms_for_both(sample: Graph) -> None:
    assert both(sample) == ([], [])


@pytest.mark.parametrize("case", constraint_bearing_shapes(), ids=case_id)
def test_every_shape_broken_gives_pyshacls_results(sample: Graph, case: tuple[Node, Node | None]) -> None:
    shape, child = case
    focus = focus_of(sample, shape)
    path = SHAPES.value(child, SH.path) if child is not None else None
    expected_message = first_message(SHAPES.objects(child if child is not None else shape, SH.message))
    reported = set()
    for name, broken in breakages(sample, focus, path, shape).items():
        compiled, reference = both(broken)
        assert compiled == reference, name
        reported |= {v.message for v in reference}
    assert expected_message in reported, "no breakage reached this shape"


def test_the_real_plans_report_is_the_same_from_both(built: Build, plan_input: PlanInput) -> None:
    data = data_union(built.dataset, [plan_input], ("structure", "stated", "curated"))
    assert validate_shapes(data) == []
    assert validate_shapes(data, validator="pyshacl") == []


def test_a_broken_real_plan_gives_the_same_results_from_both(built: Build, plan_input: PlanInput) -> None:
    data = data_union(built.dataset, [plan_input], ("structure", "stated", "curated"))
    measure = next(data.subjects(RDF.type, PLANKG.Measure))
    data.remove((measure, PLANKG.contributesTo, None))
    compiled, reference = both(data)
    assert compiled == reference
    assert [(v.focus, v.path) for v in compiled] == [(measure, PLANKG.contributesTo)]


@pytest.mark.parametrize(
    ("addition", "complaint"),
    [
        ('sh:pattern "^x"', "sh:pattern is not supported"),
        ("sh:datatype xsd:date", "sh:datatype xsd:date is not supported"),
        ("sh:path ( plankg:a plankg:b )", "only a single predicate is supported as sh:path"),
    ],
)
def test_an_unsupported_shape_is_an_error_naming_it(addition: str, complaint: str) -> None:
    shapes = Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix plankg: <https://w3id.org/plankg/ontology#> . @prefix plankgsh: <https://w3id.org/plankg/shapes#> .
        plankgsh:Odd sh:targetClass plankg:Measure ; sh:message "odd" ;
            sh:property [ sh:path plankg:text ; sh:message "odd text" ] .
        plankgsh:Odd sh:property [ {addition} ; sh:path plankg:text ; sh:message "odder" ] .
        """,
        format="turtle",
    )
    with pytest.raises(PlankgError) as caught:
        compile_shapes(shapes)
    assert str(caught.value).startswith(f"{SHAPES_FILE}: shape ")
    assert complaint in str(caught.value)
