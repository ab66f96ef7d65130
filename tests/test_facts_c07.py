"""Chapter 7 (坚持以人民为中心改善人民生活品质) as a reader checks it against the plan's text.

Every expected value below is copied from the paragraph named in the test: targets with their
value, comparator, unit and year, projects with their place and the measure they implement,
organizations with their role, places, concepts and the chapter's goal tree.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import PLANKG, graph_iri
from tests.conftest import PLAN, members_of, select, target_quoting

CURATED = graph_iri(PLAN, "curated")
STATED = graph_iri(PLAN, "stated")


@pytest.mark.parametrize(
    ("paragraph_words", "value", "comparator", "unit", "indicator", "year_in_text"),
    [
        # c07-s03-p02: 到2025 年,我区新增公办幼儿园4 所,学前三年毛入园率达到100%,普惠性幼儿园覆盖率保持在80%以上 …
        ("我区新增公办幼儿园4 所", "4", "exactly", "所", "新增公办幼儿园数", True),
        ("学前三年毛入园率达到100%", "100", "reach", "%", "学前三年毛入园率", True),
        ("普惠性幼儿园覆盖率保持在80%以上", "80", "atLeast", "%", "普惠性幼儿园覆盖率", True),
        ("公办幼儿园在园幼儿占比保持在50%以上", "50", "atLeast", "%", "公办幼儿园在园幼儿占比", True),
        # c07-s03-p03: 到2025 年,新建扩建中小学6 所,新增义务教育学位7920 个。
        ("新建扩建中小学6 所", "6", "exactly", "所", "新建扩建中小学数", True),
        ("新增义务教育学位7920 个", "7920", "exactly", "个", "新增义务教育学位", True),
        # c07-s05-p04: 国民体质测定合格率达到90%以上 (no year in the sentence)
        ("国民体质测定合格率达到90%以上", "90", "atLeast", "%", "国民体质测定合格率", False),
        # c07-s05-p05: 到2025 年,创建自治区级卫生先进单位、卫生镇村25 个。
        ("卫生镇村25 个", "25", "exactly", "个", "自治区级卫生先进单位、卫生镇村创建数", True),
        # c07-s05-p06: 到2025 年,人均体育场地面积达到3平方米以上
        ("人均体育场地面积达到3平方米以上", "3", "atLeast", "平方米", "人均体育场地面积", True),
        # c07-s06-p06: 到2025 年,养老机构医疗卫生服务覆盖率达100%。
        ("养老机构医疗卫生服务覆盖率达100%", "100", "reach", "%", "养老机构医疗卫生服务覆盖率", True),
    ],
)
def test_chapter7_targets(
    store: ox.Store,
    paragraph_words: str,
    value: str,
    comparator: str,
    unit: str,
    indicator: str,
    year_in_text: bool,
) -> None:
    row = target_quoting(store, value, paragraph_words)
    assert row["cmp"] == str(PLANKG[comparator])
    assert row["unit"] == unit
    assert row["indicator"] == indicator
    assert row["year"] == "2025"
    assert ("2025" in row["quote"]) == year_in_text
    assert ("fromPeriod" in row) != year_in_text, "a year not in the quote is marked as taken from the plan period"


def test_health_service_circle_minutes(store: ox.Store) -> None:
    """c07-s05-p01: 夯实“城区15分钟、农村30 分钟”卫生服务圈 — two targets in minutes."""
    urban = target_quoting(store, "15", "城区15分钟")
    rural = target_quoting(store, "30", "农村30 分钟")
    assert (urban["unit"], rural["unit"]) == ("分钟", "分钟")
    assert (urban["indicator"], rural["indicator"]) == ("城区卫生服务圈", "农村卫生服务圈")


def test_chapter_objective_serves_prosperous_people(store: ox.Store) -> None:
    """c07-p01 opens with 围绕“人民富”新城建设; the chapter heading is the objective's label."""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?goal a plankg:Objective ; rdfs:label "坚持以人民为中心改善人民生活品质"@zh ;
                   plankg:refines ?pillar .
             ?pillar a plankg:Pillar ; rdfs:label "人民富"@zh .
             ?st a rdf:Statement ; rdf:subject ?goal ; rdf:predicate plankg:refines ; rdf:object ?pillar ;
                 plankg:evidence/oa:hasSelector/oa:exact ?quote }""",
    )
    assert [row["quote"] for row in rows] == ["围绕“人民富”新城建设"]


def test_seven_sections_refine_the_chapter_objective(store: ox.Store) -> None:
    """Each section heading (第一节 … 第七节) is an objective that the plan puts under the chapter."""
    rows = select(
        store,
        f"""SELECT ?label WHERE {{
             GRAPH <{STATED}> {{ ?section plankg:refines ?chapter }}
             ?section a plankg:Objective ; rdfs:label ?label ;
                      plankg:evidence/plankg:paragraph/plankg:heading ?heading .
             ?chapter rdfs:label "坚持以人民为中心改善人民生活品质"@zh .
             FILTER(LANG(?label) = "zh" && STRSTARTS(?heading, "第") && CONTAINS(?heading, "节")) }}""",
    )
    labels = {row["label"] for row in rows}
    assert "促进教育优质均衡,巩固教育强区地位" in labels
    assert "完善养老服务体系,打造生态康养基地" in labels
    assert len(labels) == 7


def test_compulsory_education_balance_by_2023(store: ox.Store) -> None:
    """c07-s03-p03: 2023 年全区实现义务教育优质均衡, an aim of section 3 (education)."""
    rows = select(
        store,
        f"""SELECT ?section WHERE {{
             GRAPH <{STATED}> {{ ?goal plankg:refines ?s }}
             ?goal rdfs:label "2023 年全区实现义务教育优质均衡"@zh . ?s rdfs:label ?section .
             FILTER(LANG(?section) = "zh") }}""",
    )
    assert {row["section"] for row in rows} == {"促进教育优质均衡,巩固教育强区地位"}


def test_health_base_at_the_front_slope_of_daqingshan(store: ox.Store) -> None:
    """c07-s06-p07: 依托大青山前坡良好的生态环境 … 规划建设 … 综合型康养基地、医疗养老中心."""
    rows = select(
        store,
        """SELECT ?project ?status ?quote WHERE {
             ?p a plankg:Project ; rdfs:label ?project ; plankg:statusAsStated ?status ;
                plankg:locatedIn/rdfs:label "大青山前坡"@zh ;
                plankg:implements/plankg:evidence/oa:hasSelector/oa:exact ?quote .
             FILTER(LANG(?project) = "zh" && LANG(?status) = "zh") }""",
    )
    projects = {row["project"] for row in rows}
    assert {"综合型康养基地", "医疗养老中心"} <= projects
    assert all(row["status"] == "规划建设" for row in rows if row["project"] in {"综合型康养基地", "医疗养老中心"})
    assert any("依托大青山前坡良好的生态环境" in row["quote"] for row in rows)


def test_hongde_football_base_serves_the_health_section(store: ox.Store) -> None:
    """c07-s05-p06: 推动落实足球改革,推进国家北方足球训练基地二期项目、鸿德足球训练基地建设."""
    rows = select(
        store,
        """SELECT ?status ?measure ?goal WHERE {
             ?p a plankg:Project ; rdfs:label "鸿德足球训练基地"@zh ; plankg:statusAsStated ?status ;
                plankg:implements ?m .
             ?m rdfs:label ?measure ; plankg:contributesTo/rdfs:label ?goal .
             FILTER(LANG(?status) = "zh" && LANG(?measure) = "zh" && LANG(?goal) = "zh") }""",
    )
    assert rows
    assert {row["status"] for row in rows} == {"推进"}
    assert {row["measure"] for row in rows} == {"推动落实足球改革"}
    assert "健全医疗服务体系,保障人民身心健康" in {row["goal"] for row in rows}


def test_medical_insurance_department_leads_fund_supervision(store: ox.Store) -> None:
    """c07-s04-p02: 建立由医保部门牵头、有关部门参加的基金监管工作机制."""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?org a plankg:GovernmentBody ; rdfs:label "医保部门"@zh ; plankg:responsibleFor ?m .
             ?m a plankg:Measure ; plankg:evidence/oa:hasSelector/oa:exact ?quote }""",
    )
    assert any("由医保部门牵头" in row["quote"] and "基金监管" in row["quote"] for row in rows)


def test_district_cdc_and_hospital_in_the_public_health_system(store: ox.Store) -> None:
    """c07-s05-p02: 以区疾控中心为核心 … 区医院为疫情监测哨点和重大疫情救治基地."""
    rows = select(
        store,
        """SELECT ?org ?quote WHERE {
             ?o rdfs:label ?org ; plankg:participatesIn ?m .
             ?st a rdf:Statement ; rdf:subject ?o ; rdf:predicate plankg:participatesIn ; rdf:object ?m ;
                 plankg:evidence/oa:hasSelector/oa:exact ?quote .
             FILTER(LANG(?org) = "zh" && STR(?org) IN ("区疾控中心", "区医院")) }""",
    )
    quotes = {row["org"]: row["quote"] for row in rows}
    assert quotes["区疾控中心"] == "构建以区疾控中心为核心"
    assert quotes["区医院"] == "区医院为疫情监测哨点和重大疫情救治基地"


def test_school_alliance_in_the_north(store: ox.Store) -> None:
    """c07-s03-p01: 苏虎街实验小学、北垣小学、关帝庙街小学 … 与新营小学、讨思浩小学、保合少小学实现联盟办校."""
    rows = select(
        store,
        """SELECT ?school ?place WHERE {
             ?o a plankg:Institution ; rdfs:label ?school ; plankg:participatesIn ?m .
             ?m plankg:locatedIn/rdfs:label ?place .
             FILTER(LANG(?school) = "zh" && LANG(?place) = "zh") }""",
    )
    schools = {row["school"] for row in rows if row["place"] == "北部片区"}
    assert schools >= {"苏虎街实验小学", "北垣小学", "关帝庙街小学", "新营小学", "讨思浩小学", "保合少小学"}


def test_northern_area_lies_in_the_district_by_inference(store: ox.Store) -> None:
    """北部片区 (c07-s03-p01) is not said to lie in 新城区; the curator's link carries a justification."""
    rows = select(
        store,
        f"""SELECT ?why WHERE {{
              GRAPH <{CURATED}> {{
                ?st rdf:subject ?north ; rdf:predicate plankg:within ; rdf:object ?district ;
                    plankg:justification ?why }}
              ?north rdfs:label "北部片区"@zh . ?district rdfs:label "新城区"@zh }}""",
    )
    assert rows and "城区北部" in rows[0]["why"]


def test_five_unifications_defined_in_the_text(store: ox.Store) -> None:
    """c07-s03-p01 spells out the “五统一” management model where it uses it."""
    rows = select(
        store,
        """SELECT ?definition ?scheme WHERE {
             ?c a plankg:Concept ; rdfs:label "五统一"@zh ; skos:definition ?definition ; skos:inScheme ?scheme }""",
    )
    assert rows
    for part in ("行政统一管理", "教学统一安排", "师资统一调配", "资源统一使用", "考核统一标准"):
        assert part in rows[0]["definition"]


def test_three_famous_project_uses_the_glossary_concept(store: ox.Store) -> None:
    """c07-s03-p09: 实施“三名工程”; glossary-p13 explains 名校(园)长、名教师、名班主任."""
    rows = select(
        store,
        """SELECT ?status ?definition WHERE {
             ?p a plankg:Project ; rdfs:label "三名工程"@zh ; plankg:statusAsStated ?status ;
                plankg:relatedConcept/skos:definition ?definition .
             FILTER(LANG(?status) = "zh") }""",
    )
    assert rows
    assert rows[0]["status"] == "实施"
    assert "名校(园)长、名教师、名班主任" in rows[0]["definition"]


def test_every_chapter7_paragraph_is_cited(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?id WHERE {
             ?p a plankg:Paragraph ; plankg:localId ?id .
             FILTER(STRSTARTS(?id, "c07-"))
             FILTER NOT EXISTS { ?ev a plankg:Evidence ; plankg:paragraph ?p } }""",
    )
    assert rows == []


def test_five_insurances_are_listed(store: ox.Store) -> None:
    """c07-s04-p01: 强化以养老、医疗、失业、工伤、生育五项保险为重点的基本保障."""
    members = members_of(store, "五项保险", str(STATED))
    assert set(members) == {"养老保险", "基本医疗保险", "失业保险", "工伤保险", "生育保险"}
    assert set(members.values()) == {"强化以养老、医疗、失业、工伤、生育五项保险为重点的基本保障"}


def test_trinity_public_health_system_members(store: ox.Store) -> None:
    """c07-s05-p02: 以区疾控中心为核心,以基层卫生院、卫生室、社区卫生服务中心为“网底” ,区医院为 … “三位一体”:
    three parts, the middle one a net of three kinds of primary facility."""
    assert set(members_of(store, "“三位一体”的公共卫生服务体系", str(STATED))) == {"区疾控中心", "网底", "区医院"}
    rows = select(
        store,
        f"""SELECT ?m ?name WHERE {{
             ?c rdfs:label "网底"@zh .
             GRAPH <{STATED}> {{ ?st rdf:subject ?c ; rdf:predicate plankg:hasMember ; rdf:object ?m }}
             ?m rdfs:label|skos:altLabel ?name . FILTER(LANG(?name) = "zh") }}""",
    )
    assert len({row["m"] for row in rows}) == 3
    assert {"基层卫生院", "卫生室", "社区卫生服务中心"} <= {row["name"] for row in rows}


def test_triple_overlay_policy_and_five_unifications(store: ox.Store) -> None:
    """c07-s07-p01: “居住引导、就业引导、入户区域引导”三重叠加政策; c07-s03-p01: the “五统一” model."""
    assert set(members_of(store, "三重叠加政策", str(STATED))) == {"居住引导", "就业引导", "入户区域引导"}
    assert set(members_of(store, "五统一", str(STATED))) == {
        "行政统一管理",
        "教学统一安排",
        "师资统一调配",
        "资源统一使用",
        "考核统一标准",
    }


def test_seven_healthy_cells_are_parts_of_the_project(store: ox.Store) -> None:
    """c07-s05-p04: 实施“健康细胞”工程,广泛开展健康机关、健康社区 … 健康家庭建设."""
    rows = select(
        store,
        f"""SELECT ?part WHERE {{
             ?whole a plankg:Project ; rdfs:label "“健康细胞”工程"@zh .
             GRAPH <{STATED}> {{ ?p plankg:partOf ?whole }}
             ?p rdfs:label ?part . FILTER(LANG(?part) = "zh") }}""",
    )
    assert {row["part"] for row in rows} == {
        "健康机关",
        "健康社区",
        "健康村庄",
        "健康学校",
        "健康医院",
        "健康企业",
        "健康家庭",
    }


def test_screenings_are_maternal_and_child_public_health_projects(store: ox.Store) -> None:
    """c07-s05-p02: 继续组织实施适龄妇女“两癌”筛查、出生缺陷筛查等妇幼重大公共卫生服务项目."""
    rows = select(
        store,
        """SELECT ?part ?status WHERE {
             ?whole rdfs:label "妇幼重大公共卫生服务项目"@zh ; plankg:statusAsStated ?status .
             ?p plankg:partOf ?whole ; rdfs:label ?part .
             FILTER(LANG(?part) = "zh" && LANG(?status) = "zh") }""",
    )
    assert {row["part"] for row in rows} == {"适龄妇女“两癌”筛查", "出生缺陷筛查"}
    assert {row["status"] for row in rows} == {"继续组织实施"}


def test_health_base_location_is_a_reading_of_yituo(store: ox.Store) -> None:
    """c07-s06-p07 writes 依托大青山前坡良好的生态环境 (drawing on), not 在/位于: the location is inferred."""
    rows = select(
        store,
        f"""SELECT ?project ?why WHERE {{
             ?p rdfs:label ?project . ?slope rdfs:label "大青山前坡"@zh .
             GRAPH <{CURATED}> {{
               ?st rdf:subject ?p ; rdf:predicate plankg:locatedIn ; rdf:object ?slope ;
                   plankg:justification ?why }}
             FILTER(LANG(?project) = "zh" && STR(?project) IN ("综合型康养基地", "医疗养老中心")) }}""",
    )
    assert {row["project"] for row in rows} == {"综合型康养基地", "医疗养老中心"}
    assert all("依托" in row["why"] for row in rows)
    stated = select(
        store,
        f"""SELECT ?p WHERE {{
             GRAPH <{STATED}> {{ ?p plankg:locatedIn ?slope }}
             ?slope rdfs:label "大青山前坡"@zh .
             ?p rdfs:label ?project . FILTER(STR(?project) IN ("综合型康养基地", "医疗养老中心")) }}""",
    )
    assert stated == []
