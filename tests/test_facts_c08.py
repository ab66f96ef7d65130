"""Facts of chapter 8, sections 2-7 (c08-s02 … c08-s07), checked against the plan's own words.

Each test states one fact a reader can find in the text: urban management, social governance,
smart city, government services, rule of law and public safety (fire stations, food safety,
emergency management). Expected values are copied from the plan, not from the curated YAML.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import PLANKG
from tests.conftest import members_of, select


def _target_by_quote(store: ox.Store, words: str) -> dict[str, str]:
    rows = select(
        store,
        f"""SELECT ?value ?year ?cmp ?unit ?quote ?paragraph ?goal ?fromPeriod WHERE {{
              ?t a plankg:Target ; plankg:value ?value ; plankg:year ?year ; plankg:comparator ?cmp ;
                 plankg:unit ?unit ; plankg:evidence ?ev ; plankg:indicator/plankg:measures ?g .
              ?ev oa:hasSelector/oa:exact ?quote ; plankg:paragraph/plankg:localId ?paragraph .
              ?g rdfs:label ?goal .
              OPTIONAL {{ ?t plankg:yearFromPlanPeriod ?fromPeriod }}
              FILTER(LANG(?unit) = "zh" && LANG(?goal) = "zh" && CONTAINS(?quote, "{words}")) }}""",
    )
    assert rows, f"no target quoting {words!r}"
    return rows[0]


@pytest.mark.parametrize(
    ("words", "value", "comparator", "unit", "year", "year_in_text", "paragraph"),
    [
        ("基本公共服务事项80%以上可在网上办理", "80", "atLeast", "%", "2025", False, "c08-s05-p01"),
        ("村级食品安全协管员覆盖率达到100%", "100", "reach", "%", "2025", False, "c08-s07-p05"),
    ],
)
def test_percentage_targets(
    store: ox.Store,
    words: str,
    value: str,
    comparator: str,
    unit: str,
    year: str,
    year_in_text: bool,
    paragraph: str,
) -> None:
    row = _target_by_quote(store, words)
    assert row["value"] == value
    assert row["cmp"] == str(PLANKG[comparator])
    assert row["unit"] == unit
    assert row["year"] == year
    assert row["paragraph"] == paragraph
    assert ("fromPeriod" in row) != year_in_text, "a year the quote does not state comes from the plan period"


def test_fire_stations_to_build_by_2025(store: ox.Store) -> None:
    """c08-s07-p06: 到2025 年,建设1 个战勤保障消防站,2 个城市消防站,5 个模块化消防站。"""
    rows = select(
        store,
        """SELECT ?indicator ?value ?year ?cmp ?unit ?fromPeriod WHERE {
             ?t a plankg:Target ; plankg:value ?value ; plankg:year ?year ; plankg:comparator ?cmp ;
                plankg:unit ?unit ; plankg:evidence/plankg:paragraph/plankg:localId "c08-s07-p06" ;
                plankg:indicator ?i .
             ?i rdfs:label ?indicator .
             OPTIONAL { ?t plankg:yearFromPlanPeriod ?fromPeriod }
             FILTER(LANG(?indicator) = "zh" && LANG(?unit) = "zh") }""",
    )
    found = {}
    for row in rows:
        for kind in ("战勤保障消防站", "城市消防站", "模块化消防站"):
            if row["indicator"].endswith(f"建设{kind}个数"):
                found[kind] = row
    assert {kind: row["value"] for kind, row in found.items()} == {
        "战勤保障消防站": "1",
        "城市消防站": "2",
        "模块化消防站": "5",
    }
    for row in found.values():
        assert row["year"] == "2025"
        assert "fromPeriod" not in row, "2025 is written in the quote"
        assert row["cmp"] == str(PLANKG.exactly)
        assert row["unit"] == "个"


def test_fire_stations_are_projects_serving_the_2025_objective(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?project ?status ?measure ?goal WHERE {
             ?p a plankg:Project ; rdfs:label ?project ; plankg:statusAsStated ?status ;
                plankg:implements ?m .
             ?m rdfs:label ?measure ; plankg:contributesTo/rdfs:label ?goal .
             FILTER(LANG(?project) = "zh" && LANG(?status) = "zh" && LANG(?measure) = "zh" && LANG(?goal) = "zh")
             FILTER(STR(?project) IN ("战勤保障消防站", "城市消防站", "模块化消防站")) }""",
    )
    assert {row["project"] for row in rows} == {"战勤保障消防站", "城市消防站", "模块化消防站"}
    for row in rows:
        assert row["status"] == "建设"
        assert "建设1 个战勤保障消防站,2 个城市消防站,5 个模块化消防站" in row["measure"]
        assert "5 个模块化消防站" in row["goal"]


def test_emergency_bureau_leads_the_joint_meeting_mechanism(store: ox.Store) -> None:
    """c08-s07-p09: 构建由区应急管理局牵头,水利、交通…等有关部门共同参与的联席会议机制。"""
    rows = select(
        store,
        """SELECT ?quote ?participant WHERE {
             ?org a plankg:GovernmentBody ; rdfs:label "区应急管理局"@zh ; plankg:responsibleFor ?m .
             ?m a plankg:Measure ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?other plankg:participatesIn ?m ; rdfs:label ?participant .
             FILTER(LANG(?participant) = "zh") }""",
    )
    assert rows
    assert all("联席会议机制" in row["quote"] for row in rows)
    assert any("消防救援" in row["participant"] and "水利" in row["participant"] for row in rows)


def test_law_based_governance_commission_belongs_to_the_district_committee(store: ox.Store) -> None:
    """c08-s06-p01: 强化新城区委全面依法治区委员会职能,统筹推进全面依法治区工作。"""
    rows = select(
        store,
        """SELECT ?parent ?measure WHERE {
             ?c a plankg:PartyBody ; rdfs:label "新城区委全面依法治区委员会"@zh ;
                org:subOrganizationOf/rdfs:label ?parent ; plankg:responsibleFor/rdfs:label ?measure .
             FILTER(LANG(?parent) = "zh" && LANG(?measure) = "zh") }""",
    )
    assert rows
    assert {row["parent"] for row in rows} == {"中共新城区委"}
    assert any("统筹推进全面依法治区工作" in row["measure"] for row in rows)


def test_emergency_platform_lies_in_xincheng_within_hohhot(store: ox.Store) -> None:
    """c08-s07-p09: 加快呼和浩特市新城区应急管理平台建设 — a project in the district, which is in Hohhot."""
    rows = select(
        store,
        """SELECT ?place ?city ?status ?measure WHERE {
             ?p a plankg:Project ; rdfs:label "呼和浩特市新城区应急管理平台"@zh ;
                plankg:statusAsStated ?status ; plankg:locatedIn ?x ; plankg:implements/rdfs:label ?measure .
             ?x rdfs:label ?place ; plankg:within/rdfs:label ?city .
             FILTER(LANG(?place) = "zh" && LANG(?city) = "zh" && LANG(?status) = "zh" && LANG(?measure) = "zh") }""",
    )
    assert rows
    assert {row["place"] for row in rows} == {"新城区"}
    assert "呼和浩特市" in {row["city"] for row in rows}
    assert {row["status"] for row in rows} == {"加快建设"}
    assert any("应急管理平台建设" in row["measure"] for row in rows)


def test_sharp_eyes_project_and_its_glossary_definition(store: ox.Store) -> None:
    """c08-s03-p04: 扩容“雪亮工程”建设; glossary-p18 explains it as a 群众性治安防控工程."""
    rows = select(
        store,
        """SELECT ?status ?definition ?quote WHERE {
             ?p a plankg:Project ; rdfs:label "雪亮工程"@zh ; plankg:statusAsStated ?status ;
                plankg:relatedConcept ?c ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?c a plankg:Concept ; skos:definition ?definition .
             FILTER(LANG(?status) = "zh") }""",
    )
    assert rows
    assert {row["status"] for row in rows} == {"扩容"}
    assert any("群众性治安防控工程" in row["definition"] for row in rows)
    assert any("扩容“雪亮工程”建设" in row["quote"] for row in rows)


def test_three_concentrations_used_by_a_government_service_measure(store: ox.Store) -> None:
    """c08-s05-p01: 全面推进政务服务“三集中三到位”; glossary-p19 defines 三集中 and 三到位."""
    rows = select(
        store,
        """SELECT ?concept ?definition ?paragraph WHERE {
             ?m a plankg:Measure ; plankg:relatedConcept ?c ;
                plankg:evidence/plankg:paragraph/plankg:localId ?paragraph .
             ?c rdfs:label ?concept ; skos:definition ?definition .
             FILTER(LANG(?concept) = "zh" && STR(?concept) IN ("三集中", "三到位")) }""",
    )
    by_concept = {row["concept"]: row for row in rows if row["paragraph"] == "c08-s05-p01"}
    assert set(by_concept) == {"三集中", "三到位"}
    assert "政务服务局政务大厅集中" in by_concept["三集中"]["definition"]
    assert "窗口授权到位" in by_concept["三到位"]["definition"]


def test_ten_ones_of_government_services(store: ox.Store) -> None:
    """c08-s05-p01 lists the ten “一…办” of the “十个一” itself."""
    rows = select(
        store,
        """SELECT ?quote ?measure ?scheme WHERE {
             ?c a plankg:Concept ; rdfs:label "十个一"@zh ; plankg:evidence/oa:hasSelector/oa:exact ?quote ;
                skos:inScheme/rdfs:label ?scheme .
             ?m a plankg:Measure ; plankg:relatedConcept ?c ; rdfs:label ?measure .
             FILTER(LANG(?measure) = "zh" && LANG(?scheme) = "zh") }""",
    )
    assert rows
    assert {row["scheme"] for row in rows} == {"提法与口号"}
    quote = rows[0]["quote"]
    for one in ("一章办", "一网办", "一门办", "一次办", "一窗办", "一号办", "一城办", "一链办", "一栏宣", "一掌办"):
        assert one in quote
    assert any("线上线下深度融合" in row["measure"] for row in rows)


def test_section_aims_refine_the_chapter_objective(store: ox.Store) -> None:
    """Each section heading of c08-s02 … c08-s07 is an objective refining the 品质优 chapter objective."""
    rows = select(
        store,
        """SELECT ?section ?label WHERE {
             ?o a plankg:Objective ; rdfs:label ?label ; plankg:refines ?chapter ;
                plankg:evidence/plankg:paragraph ?s .
             ?s a plankg:Section ; plankg:localId ?section .
             ?chapter plankg:refines/rdfs:label "品质优"@zh .
             FILTER(LANG(?label) = "zh") }""",
    )
    headings = {row["section"]: row["label"] for row in rows}
    assert headings["c08-s02"] == "强化城区精细管理,建设宜居宜业新城"
    assert headings["c08-s03"] == "完善社会治理体系,构建基层治理新格局"
    assert headings["c08-s04"] == "健全智慧应用体系,建设新型智慧城区"
    assert headings["c08-s05"] == "提升政务服务水平,打造一流营商环境"
    assert headings["c08-s06"] == "推进法治新城建设,营造良好法治环境"
    assert headings["c08-s07"] == "健全公共安全体系,推进平安新城建设"


def test_public_safety_aim_meets_the_2025_objective_only_as_an_inference(store: ox.Store) -> None:
    """The link from 健全公共安全体系 to 公共安全体系更加健全 (c02-s04-p05) is a curator's reading."""
    rows = select(
        store,
        """SELECT ?why WHERE {
             ?o rdfs:label "健全公共安全体系,推进平安新城建设"@zh .
             ?t rdfs:label "公共安全体系更加健全"@zh .
             ?st a rdf:Statement ; rdf:subject ?o ; rdf:predicate plankg:refines ; rdf:object ?t ;
                 plankg:justification ?why . }""",
    )
    assert rows
    assert all("公共安全体系更加健全" in row["why"] for row in rows)


def test_property_tendering_under_district_urban_management_supervision(store: ox.Store) -> None:
    """c08-s02-p03: 新建住宅小区在区级城市管理部门的监督下,通过招投标方式选择物业服务企业。"""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?org rdfs:label "区级城市管理部门"@zh ; plankg:responsibleFor ?m .
             ?m a plankg:Measure ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?m plankg:contributesTo/rdfs:label "维护市场化物业服务良性循环"@zh . }""",
    )
    assert rows
    assert any("通过招投标方式选择物业服务企业" in row["quote"] for row in rows)


def test_ten_ones_are_members_of_the_ten_ones(store: ox.Store) -> None:
    """c08-s05-p01: 政务服务“一章办、一网办、一门办、一次办、一窗办、一号办、一城办、一链办、一栏宣、
    一掌办”的“十个一”."""
    members = members_of(store, "十个一")
    assert set(members) == {
        "一章办",
        "一网办",
        "一门办",
        "一次办",
        "一窗办",
        "一号办",
        "一城办",
        "一链办",
        "一栏宣",
        "一掌办",
    }
    assert all("“十个一”" in quote for quote in members.values())


def test_five_fields_of_comprehensive_law_enforcement_reform(store: ox.Store) -> None:
    """c08-s06-p02: 推动“交通运输、农业、生态环境保护、文化市场、市场监管”五大领域综合行政执法改革."""
    members = members_of(store, "五大领域")
    assert {"交通运输", "生态环境保护", "文化市场", "市场监管"} <= set(members)
    assert set(members) <= {"交通运输", "农业", "生态环境保护", "文化市场", "市场监管"}
    assert all("五大领域" in quote for quote in members.values())


def test_joint_meeting_mechanism_groups_the_bureau_and_six_departments(store: ox.Store) -> None:
    """c08-s07-p09: 由区应急管理局牵头,水利、交通、自然资源、生态环境、消防救援、住房建设等有关部门
    共同参与的联席会议机制."""
    members = members_of(store, "联席会议机制")
    assert set(members) == {
        "区应急管理局",
        "水利部门",
        "交通部门",
        "自然资源部门",
        "生态环境部门",
        "消防救援部门",
        "住房建设部门",
    }
    rows = select(
        store,
        """SELECT ?org WHERE {
             ?m a plankg:Measure ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?o plankg:participatesIn ?m ; a plankg:GovernmentBody ; rdfs:label ?org .
             FILTER(CONTAINS(?quote, "联席会议机制") && LANG(?org) = "zh") }""",
    )
    assert {"水利部门", "消防救援部门", "住房建设部门"} <= {row["org"] for row in rows}


def test_public_opinion_meetings_of_four_forms(store: ox.Store) -> None:
    """c08-s07-p02: 建立“温馨之家恳谈室”“百姓议事厅”“居民说事室”“劳动争议调裁工作室”等多形式的民情研判会."""
    members = members_of(store, "民情研判会")
    assert set(members) == {"温馨之家恳谈室", "百姓议事厅", "居民说事室", "劳动争议调裁工作室"}


def test_modules_are_stated_parts_of_the_smart_city_big_data_platform(store: ox.Store) -> None:
    """c08-s03-p04: 新城区智慧城市大数据平台下的数字城管、政民互动、社区党建、平安建设、社会服务等功能模块."""
    rows = select(
        store,
        """SELECT ?part WHERE {
             GRAPH <https://w3id.org/plankg/graph/xincheng-14th/stated> {
               ?p plankg:partOf ?whole . }
             ?whole rdfs:label "新城区智慧城市大数据平台"@zh .
             ?p a plankg:Project ; rdfs:label ?part .
             FILTER(LANG(?part) = "zh") }""",
    )
    assert {row["part"] for row in rows} == {"数字城管", "政民互动", "社区党建", "平安建设", "社会服务"}


def test_zhengqitong_is_one_of_the_smart_platforms(store: ox.Store) -> None:
    """c08-s04-p03: 加快平安、城管、交通、环保、应急、气象、防灾减灾、政企通、营商环境辅助治理等智慧平台建设."""
    rows = select(
        store,
        """SELECT ?part ?status WHERE {
             ?p a plankg:Project ; rdfs:label ?part ; plankg:partOf ?whole ; plankg:statusAsStated ?status .
             ?whole rdfs:label "平安、城管、交通、环保、应急、气象、防灾减灾、政企通、营商环境辅助治理等智慧平台"@zh .
             FILTER(LANG(?part) = "zh" && LANG(?status) = "zh") }""",
    )
    parts = {row["part"] for row in rows}
    assert len(parts) == 9
    assert "政企通" in parts
    assert {row["status"] for row in rows} == {"加快建设"}


def test_a_platform_named_after_the_district_is_located_there_only_by_inference(store: ox.Store) -> None:
    """呼和浩特市新城区应急管理平台 (c08-s07-p09): the text names the platform, it does not say where it stands."""
    rows = select(
        store,
        """SELECT ?why WHERE {
             ?p rdfs:label "呼和浩特市新城区应急管理平台"@zh .
             ?x rdfs:label "新城区"@zh .
             GRAPH <https://w3id.org/plankg/graph/xincheng-14th/curated> {
               ?st a rdf:Statement ; rdf:subject ?p ; rdf:predicate plankg:locatedIn ; rdf:object ?x ;
                   plankg:justification ?why . } }""",
    )
    assert rows
    assert all("新城区" in row["why"] for row in rows)
    stated = select(
        store,
        """SELECT ?p WHERE {
             GRAPH <https://w3id.org/plankg/graph/xincheng-14th/stated> { ?p plankg:locatedIn ?x . }
             ?p rdfs:label "呼和浩特市新城区应急管理平台"@zh . ?x rdfs:label "新城区"@zh . }""",
    )
    assert not stated
