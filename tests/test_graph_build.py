"""The built graph, checked the way a reader of the plan would: facts, quotes, graphs, files."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from plankg.graph.build import PlanInput, data_union
from plankg.graph.namespaces import PLANKG, graph_iri
from plankg.graph.opened import Build
from plankg.graph.shacl import validate_shapes
from tests.conftest import PLAN, select, target_quoting

STATED = graph_iri(PLAN, "stated")


def test_every_quote_is_verbatim_at_its_offsets(store: ox.Store, plan_input: PlanInput) -> None:
    plan = plan_input
    source = plan.text.text
    rows = select(
        store,
        """SELECT ?exact ?start ?end ?pstart ?pend WHERE {
             ?ev a plankg:Evidence ; plankg:paragraph ?p ;
                 oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ] ,
                                [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] .
             ?p plankg:startOffset ?pstart ; plankg:endOffset ?pend }""",
    )
    assert len(rows) > 20
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        assert source[start:end] == row["exact"]
        assert int(row["pstart"]) <= start < end <= int(row["pend"]), "the quote lies inside its paragraph"


def test_every_curated_node_cites_a_paragraph_or_a_justification(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?node WHERE {
             ?node plankg:plan ?plan .
             FILTER NOT EXISTS { ?node plankg:evidence/plankg:paragraph ?p }
             FILTER NOT EXISTS { ?node plankg:justification ?why } }""",
    )
    assert rows == []


def test_five_pillars_refine_the_2035_vision(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?pillar WHERE {
             ?p a plankg:Pillar ; rdfs:label ?pillar ; plankg:refines ?v . ?v a plankg:Vision .
             FILTER(LANG(?pillar) = "zh") }""",
    )
    assert sorted(row["pillar"] for row in rows) == sorted(["经济强", "生态美", "文化兴", "品质优", "人民富"])


def test_three_zones_and_two_bases(store: ox.Store) -> None:
    rows = select(
        store, 'SELECT ?label WHERE { ?p a plankg:Positioning ; rdfs:label ?label . FILTER(LANG(?label) = "zh") }'
    )
    labels = " ".join(row["label"] for row in rows)
    for name in ("科技创新示范区", "数字应用先行区", "消费升级引领区", "理论实践基地", "敕勒川文旅融合创新基地"):
        assert name in labels
    assert len(rows) == 5


def test_vision_cites_the_2035_paragraph(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?paragraph ?quote WHERE {
             ?v a plankg:Vision ; plankg:evidence ?ev .
             ?ev plankg:paragraph/plankg:localId ?paragraph ; oa:hasSelector/oa:exact ?quote }""",
    )
    assert any(row["paragraph"] == "c02-s04-p07" and "2035" in row["quote"] for row in rows)


@pytest.mark.parametrize(
    ("value", "comparator", "unit", "year", "words", "year_in_text"),
    [
        ("38.5", "reach", "%", "2025", "中心城区绿地率达到38.5%", True),
        ("19", "reach", "平方米", "2025", "人均公共绿地面积达到19平方米", True),
        ("6", "about", "%", "2025", "全区地区生产总值年均增长6%左右", False),
        ("44", "atLeast", "%", "2025", "全区森林覆盖率保持在44%以上", False),
        ("4.5", "atMost", "%", "2025", "城镇登记失业率控制在4.5%以内", False),
    ],
)
def test_targets_as_the_plan_states_them(
    store: ox.Store, value: str, comparator: str, unit: str, year: str, words: str, year_in_text: bool
) -> None:
    row = target_quoting(store, value, words)
    assert row["cmp"] == str(PLANKG[comparator])
    assert row["unit"] == unit
    assert row["year"] == year
    assert ("fromPeriod" in row) != year_in_text, "a year not in the quote is marked as taken from the plan period"


def test_old_residential_areas_renovation(store: ox.Store) -> None:
    row = target_quoting(store, "310", "对全区310 个小区进行升级改造")
    assert row["year"] == "2025"


def test_projects_implement_measures_that_serve_goals(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?project ?goal WHERE {
             ?p a plankg:Project ; rdfs:label ?project ; plankg:implements/plankg:contributesTo ?goal .
             FILTER(LANG(?project) = "zh") }""",
    )
    assert len({row["project"] for row in rows}) >= 3


def test_reasoner_closes_refinement_up_to_the_vision(built: Build) -> None:
    inferred = built.dataset.graph(graph_iri(PLAN, "inferred"))
    assert len(inferred) > 0
    visions = set(built.dataset.graph(STATED).subjects(RDF.type, PLANKG.Vision))
    objectives = set(built.dataset.graph(STATED).subjects(RDF.type, PLANKG.Objective))
    reaching = {s for s, o in inferred.subject_objects(PLANKG.refines) if o in visions}
    assert objectives & reaching, "some objective reaches the vision only through the transitive closure"
    assert any(inferred.triples((None, PLANKG.refinedBy, None)))


def test_stated_graph_holds_only_the_plans_words(built: Build) -> None:
    stated = built.dataset.graph(STATED)
    curated = built.dataset.graph(graph_iri(PLAN, "curated"))
    assert not any(stated.triples((None, PLANKG.justification, None)))
    for statement in curated.subjects(RDF.type, RDF.Statement):
        assert curated.value(statement, PLANKG.justification) is not None


def test_breaking_a_shape_is_reported(built: Build, plan_input: PlanInput) -> None:
    data = data_union(built.dataset, [plan_input], ("structure", "stated", "curated"))
    measure = next(data.subjects(RDF.type, PLANKG.Measure))
    data.remove((measure, PLANKG.contributesTo, None))
    violations = validate_shapes(data)
    assert any(v.focus == measure and v.path == PLANKG.contributesTo for v in violations)


def test_output_files_parse_back(out_dir: Path, built: Build) -> None:
    total = sum(len(graph) for graph in built.dataset.graphs())
    trig = Dataset()
    trig.parse(out_dir / "plankg.trig", format="trig")
    assert sum(len(graph) for graph in trig.graphs()) == total
    assert {str(g.identifier) for g in trig.graphs() if len(g)} >= {str(STATED), str(graph_iri(PLAN, "structure"))}
    union = Graph().parse(out_dir / "plankg.ttl", format="turtle")
    assert len(union) == len({(s, p, o) for s, p, o, _ in built.dataset.quads()})
    jsonld = Dataset()
    jsonld.parse(out_dir / "plankg.jsonld", format="json-ld")
    assert sum(len(graph) for graph in jsonld.graphs()) == total
    store = ox.Store()
    store.load(path=str(out_dir / "plankg.trig"), format=ox.RdfFormat.TRIG)
    assert len(store) == total
