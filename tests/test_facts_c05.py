"""Chapter 5 (发展现代产业体系提高经济质量效益) as a reader checks it against the plan's text.

Every expected value below is copied from the paragraph named in the test: the chapter's goal
under the 经济强 pillar, the 1-2 community service brands of 2025, the five support areas and
where their places lie, projects with their place, measure and responsible enterprise, concepts
and the numbers that state no fact; the industries of section 4 with the firms and projects
that carry them, the lists the chapter makes (三大核心功能), the parts of its lumped projects,
and the functional zones its paragraphs set out to form.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import PLANKG, graph_iri
from tests.conftest import PLAN, members_of, select

CURATED = graph_iri(PLAN, "curated")
STATED = graph_iri(PLAN, "stated")


def test_chapter_goal_serves_the_strong_economy_pillar(store: ox.Store) -> None:
    """c05-p01: 围绕“经济强”新城建设 … 构筑以服务业为引领,战略性新兴产业为亮点的现代产业体系."""
    rows = select(
        store,
        """SELECT ?goal ?quote WHERE {
             ?g a plankg:Objective ; rdfs:label ?goal ; plankg:refines ?p .
             ?p a plankg:Pillar ; rdfs:label "经济强"@zh .
             ?st rdf:subject ?g ; rdf:predicate plankg:refines ; rdf:object ?p ;
                 plankg:evidence/oa:hasSelector/oa:exact ?quote .
             FILTER(LANG(?goal) = "zh") }""",
    )
    goals = {row["goal"]: row["quote"] for row in rows}
    assert goals.get("发展现代产业体系提高经济质量效益") == "围绕“经济强”新城建设"


@pytest.mark.parametrize(
    "section_aim",
    [
        "优化产业功能布局,打造发展五大支撑区",
        "加快生产性服务业升级,推动产业融合发展",
        "促进生活性服务业提质,满足群众消费需求",
        "推动战略性新兴产业集聚,培育经济增长引擎",
        "发展壮大数字经济,引领数字化应用升级",
    ],
)
def test_each_section_heading_refines_the_chapter_goal(store: ox.Store, section_aim: str) -> None:
    rows = select(
        store,
        f"""SELECT ?section WHERE {{
              ?g rdfs:label "{section_aim}"@zh ; plankg:refines ?c ;
                 plankg:evidence/plankg:paragraph/plankg:heading ?section .
              ?c rdfs:label "发展现代产业体系提高经济质量效益"@zh }}""",
    )
    assert rows, section_aim
    assert section_aim in rows[0]["section"]


@pytest.mark.parametrize(("value", "comparator"), [("1", "atLeast"), ("2", "atMost")])
def test_one_to_two_community_service_brands_by_2025(store: ox.Store, value: str, comparator: str) -> None:
    """c05-s03-p03: 到2025 年,成功打造1-2 家社区服务品牌 — a range, held as its two ends."""
    rows = select(
        store,
        f"""SELECT ?cmp ?year ?unit ?quote ?goal WHERE {{
              ?t a plankg:Target ; plankg:value ?v ; plankg:comparator ?cmp ; plankg:year ?year ;
                 plankg:unit ?unit ; plankg:evidence/oa:hasSelector/oa:exact ?quote ;
                 plankg:indicator/plankg:measures/rdfs:label ?goal .
              FILTER(?v = {value} && LANG(?unit) = "zh" && LANG(?goal) = "zh"
                     && CONTAINS(?quote, "社区服务品牌")) }}""",
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["cmp"] == str(PLANKG[comparator])
    assert (row["year"], row["unit"]) == ("2025", "家")
    assert "成功打造1-2 家社区服务品牌" in row["quote"]
    assert row["goal"] == "培育新型社区服务业态和服务品牌"


def test_five_support_areas_lie_in_the_district(store: ox.Store) -> None:
    """glossary-p08: 五大产业支撑区,即大青山前坡片区、科技城片区、东客站片区、北二环片区、建成区片区."""
    rows = select(
        store,
        """SELECT ?area WHERE {
             ?a a plankg:Area ; rdfs:label ?area ; plankg:within ?d .
             ?d rdfs:label "新城区"@zh .
             FILTER(LANG(?area) = "zh" && STRENDS(?area, "片区")) }""",
    )
    areas = {row["area"] for row in rows}
    assert {"大青山前坡片区", "东客站片区", "北二环片区", "建成区片区"} <= areas
    assert any(area.endswith("科技城片区") for area in areas)


def test_north_second_ring_block_is_the_support_area(store: ox.Store) -> None:
    """c05-s01-p04 says 北二环区块 for the 北二环片区 of glossary-p08; its aim is an “产业+高端居住区”."""
    rows = select(
        store,
        """SELECT ?alias ?goal WHERE {
             ?a rdfs:label "北二环片区"@zh ; skos:altLabel ?alias .
             ?g a plankg:Objective ; plankg:locatedIn ?a ; rdfs:label ?goal .
             FILTER(LANG(?goal) = "zh") }""",
    )
    assert {row["alias"] for row in rows} == {"北二环区块"}
    assert {row["goal"] for row in rows} == {"建设“产业+高端居住区”"}


def test_inspur_big_data_park(store: ox.Store) -> None:
    """c05-s04-p02: 推进浪潮集团呼和浩特大数据产业园 … 建设 — Inspur's park, being advanced."""
    rows = select(
        store,
        """SELECT ?org ?status ?measure WHERE {
             ?p a plankg:Project ; rdfs:label "浪潮集团呼和浩特大数据产业园"@zh ;
                plankg:statusAsStated ?status ; plankg:implements/plankg:evidence/oa:hasSelector/oa:exact ?measure .
             ?o a plankg:Enterprise ; rdfs:label ?org ; plankg:responsibleFor ?p .
             FILTER(LANG(?org) = "zh" && LANG(?status) = "zh") }""",
    )
    assert rows
    assert {row["org"] for row in rows} == {"浪潮集团"}
    assert {row["status"] for row in rows} == {"推进建设"}
    assert any("联通二期IDC机房、荣丰数字经济产业园建设" in row["measure"] for row in rows)


def test_china_unicom_runs_two_projects(store: ox.Store) -> None:
    """c05-s04-p02: 联通二期IDC机房 and 以中国联通西北(呼和浩特)基地为支撑."""
    rows = select(
        store,
        """SELECT ?project WHERE {
             ?o rdfs:label "中国联通"@zh ; skos:altLabel "联通"@zh ; plankg:responsibleFor ?p .
             ?p rdfs:label ?project . FILTER(LANG(?project) = "zh") }""",
    )
    assert {row["project"] for row in rows} == {"联通二期IDC机房", "中国联通西北(呼和浩特)基地"}


def test_tcl_brand_takes_part_in_lcd_tv_exports(store: ox.Store) -> None:
    """c05-s04-p06: 借助TCL 的国际品牌影响力,推动液晶电视产业出口远销."""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?o rdfs:label "TCL"@zh ; plankg:participatesIn ?m .
             ?m a plankg:Measure ; plankg:evidence/oa:hasSelector/oa:exact ?quote }""",
    )
    assert [row["quote"] for row in rows] == ["借助TCL 的国际品牌影响力,推动液晶电视产业出口远销。"]


def test_financial_headquarters_cluster_east_of_the_dong_river(store: ox.Store) -> None:
    """c05-s02-p01: 东河以东区域建设金融商务总部集聚区."""
    rows = select(
        store,
        """SELECT ?place ?status ?goal WHERE {
             ?p a plankg:Project ; rdfs:label "金融商务总部集聚区"@zh ; plankg:statusAsStated ?status ;
                plankg:locatedIn/rdfs:label ?place ;
                plankg:implements/plankg:contributesTo/rdfs:label ?goal .
             FILTER(LANG(?place) = "zh" && LANG(?status) = "zh" && LANG(?goal) = "zh") }""",
    )
    assert {(row["place"], row["status"]) for row in rows} == {("东河以东区域", "建设")}
    assert {row["goal"] for row in rows} == {"构建结构合理、层次分明、差异化竞争的金融服务体系"}


def test_bases_to_be_completed_by_2025(store: ox.Store) -> None:
    """c05-s04-p03, p04, p06: three industry bases to be built by 2025 (建成, 培育建成)."""
    rows = select(
        store,
        """SELECT ?project ?status ?quote WHERE {
             ?p a plankg:Project ; rdfs:label ?project ; plankg:statusAsStated ?status ;
                plankg:evidence/oa:hasSelector/oa:exact ?quote .
             FILTER(LANG(?project) = "zh" && LANG(?status) = "zh" && STRSTARTS(?quote, "到2025")) }""",
    )
    found = {row["project"]: row["status"] for row in rows}
    assert found["首府新能源与节能环保产业基地"] == "建成"
    assert found["新材料高新技术产业基地"] == "培育建成"
    assert found["以机器人生产为主体的智能制造产业基地"] == "建成"


def test_taiwei_fangheng_and_manshi_shangdu_host_financial_headquarters(store: ox.Store) -> None:
    """c05-s02-p01: 依托太伟方恒、满世·尚都等城市综合体,继续引进 … 金融总部项目."""
    rows = select(
        store,
        """SELECT ?place ?area WHERE {
             ?m a plankg:Measure ; plankg:locatedIn ?pl ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?pl rdfs:label ?place ; plankg:within/rdfs:label ?area .
             FILTER(LANG(?place) = "zh" && LANG(?area) = "zh" && CONTAINS(?quote, "金融总部项目")) }""",
    )
    assert {(row["place"], row["area"]) for row in rows} >= {
        ("太伟方恒", "建成区片区"),
        ("满世·尚都", "建成区片区"),
    }


def test_inferred_links_of_the_chapter_are_in_the_curated_graph(store: ox.Store) -> None:
    """The 建成区片区 reading of c05-s01-p05 is the curator's, not the plan's words."""
    rows = select(
        store,
        f"""SELECT ?why WHERE {{
              GRAPH <{CURATED}> {{
                ?st rdf:subject ?g ; rdf:predicate plankg:locatedIn ; rdf:object ?a ; plankg:justification ?why }}
              ?g rdfs:label "打造都市文化娱乐休闲产业区和金融核心区"@zh .
              ?a rdfs:label "建成区片区"@zh }}""",
    )
    assert rows and "glossary-p08" in rows[0]["why"]


@pytest.mark.parametrize(
    ("concept", "words"),
    [
        ("农业+文化+旅游+体育+会展", "着力推进“农业+文化+旅游+体育+会展”产业融合"),
        ("优化市区、强化新城、辐射农村", "按照“优化市区、强化新城、辐射农村”的思路调整商贸空间布局"),
        ("健康新城", "“健康新城”品牌"),
    ],
)
def test_concepts_named_by_the_measures_that_use_them(store: ox.Store, concept: str, words: str) -> None:
    rows = select(
        store,
        f"""SELECT ?quote WHERE {{
              ?c a plankg:Concept ; rdfs:label "{concept}"@zh ; skos:inScheme ?scheme .
              ?m a plankg:Measure ; plankg:relatedConcept ?c ; plankg:evidence/oa:hasSelector/oa:exact ?quote }}""",
    )
    assert any(words in row["quote"] for row in rows)


def test_five_support_areas_concept_has_its_glossary_definition(store: ox.Store) -> None:
    """Section 1's aim names 五大支撑区, defined in glossary-p08."""
    rows = select(
        store,
        """SELECT ?definition WHERE {
             ?g rdfs:label "优化产业功能布局,打造发展五大支撑区"@zh ; plankg:relatedConcept ?c .
             ?c skos:definition ?definition }""",
    )
    assert rows
    assert "即大青山前坡片区、科技城片区、东客站片区、北二环片区、建成区片区" in rows[0]["definition"]


def parts_of(store: ox.Store, project: str) -> set[str]:
    rows = select(
        store,
        f"""SELECT ?part WHERE {{
              ?p a plankg:Project ; plankg:partOf ?whole ; rdfs:label ?part .
              ?whole rdfs:label "{project}"@zh . FILTER(LANG(?part) = "zh") }}""",
    )
    return {row["part"] for row in rows}


def test_three_core_functions_of_the_tech_city_area(store: ox.Store) -> None:
    """c05-s01-p02: 围绕科技研发、科技服务、大数据服务三大核心功能."""
    assert set(members_of(store, "三大核心功能")) == {"科技研发", "科技服务", "大数据服务"}


def test_big_data_industry_carriers_and_firms(store: ox.Store) -> None:
    """c05-s04-p02: 推进浪潮集团呼和浩特大数据产业园、东源水生态监测大数据应用中心、联通二期IDC机房、
    荣丰数字经济产业园建设 … 形成 … 的大数据产业载体布局."""
    assert set(members_of(store, "大数据产业")) >= {
        "浪潮集团呼和浩特大数据产业园",
        "东源水生态监测大数据应用中心",
        "联通二期IDC机房",
        "荣丰数字经济产业园",
        "浪潮集团",
        "中国联通",
    }


def test_new_materials_industry_rests_on_two_firms_projects(store: ox.Store) -> None:
    """c05-s04-p04: 以钛西光华量子碳素项目、中科汇通碳化硅项目为基础 — both firms are enterprises."""
    rows = select(
        store,
        """SELECT ?firm WHERE {
             ?c rdfs:label "新材料产业"@zh ; plankg:hasMember ?o .
             ?o a plankg:Enterprise ; rdfs:label ?firm . FILTER(LANG(?firm) = "zh") }""",
    )
    assert {row["firm"] for row in rows} >= {"钛西光华", "中科汇通"}
    assert {"钛西光华量子碳素项目", "中科汇通碳化硅项目", "新材料高新技术产业基地"} <= set(
        members_of(store, "新材料产业")
    )


def test_resource_recycling_projects_and_their_four_kinds(store: ox.Store) -> None:
    """c05-s04-p03: 推进实施绿色再制造、农林废弃物综合利用、矿产资源综合利用、工业固废资源化利用等资源循环利用项目."""
    assert parts_of(store, "资源循环利用项目") == {
        "绿色再制造",
        "农林废弃物综合利用",
        "矿产资源综合利用",
        "工业固废资源化利用",
    }


def test_smart_commerce_platform_and_its_systems(store: ox.Store) -> None:
    """c05-s05-p02: 打造集智能仓储配送系统、用户门店智慧管理系统、交易支付及结算系统等为一体的智慧商贸平台."""
    assert parts_of(store, "智慧商贸平台") == {"智能仓储配送系统", "用户门店智慧管理系统", "交易支付及结算系统"}


@pytest.mark.parametrize(
    ("zone", "place"),
    [
        ("特色产业区", "大青山前坡片区"),
        ("新兴产业区", "呼和浩特金山高新技术产业开发区科技城片区"),
        ("金融核心区", "建成区片区"),
    ],
)
def test_functional_zones_the_paragraphs_set_out_to_form(store: ox.Store, zone: str, place: str) -> None:
    """c05-s01-p01 在…大青山前坡片区 … 形成特色产业区 (stated); p02 以…科技城片区转型升级为依托 … 打造新兴产业区
    and p05 … 打造 … 金融核心区 (the area they lie in is the curator's reading)."""
    rows = select(
        store,
        f"""SELECT ?goal ?stated WHERE {{
              ?z a plankg:Area ; rdfs:label "{zone}"@zh ; plankg:within ?a .
              ?a rdfs:label "{place}"@zh .
              ?g a plankg:Objective ; plankg:locatedIn ?z ; rdfs:label ?goal .
              BIND(EXISTS {{ GRAPH <{STATED}> {{ ?z plankg:within ?a }} }} AS ?stated)
              FILTER(LANG(?goal) = "zh") }}""",
    )
    assert rows, zone
    assert any(zone in row["goal"] for row in rows)
    assert {row["stated"] for row in rows} == {"true" if zone == "特色产业区" else "false"}


def test_the_2025_bases_are_not_stated_to_implement_the_paragraph_tasks(store: ox.Store) -> None:
    """c05-s04-p03: 到2025 年,建成首府新能源与节能环保产业基地 — the quote names no task, so the base's link
    to the recycling projects task is the curator's reading (curated graph), never a stated one."""
    rows = select(
        store,
        f"""SELECT ?measure ?why ?stated WHERE {{
              ?p rdfs:label "首府新能源与节能环保产业基地"@zh .
              GRAPH <{CURATED}> {{
                ?st rdf:subject ?p ; rdf:predicate plankg:implements ; rdf:object ?m ; plankg:justification ?why }}
              ?m rdfs:label ?measure .
              BIND(EXISTS {{ GRAPH <{STATED}> {{ ?p plankg:implements ?m }} }} AS ?stated)
              FILTER(LANG(?measure) = "zh") }}""",
    )
    assert any(row["measure"].startswith("大力发展节能环保技术与装备") for row in rows)
    assert {row["stated"] for row in rows} == {"false"}
    assert all("到2025 年" in row["why"] for row in rows)


def test_front_slope_area_lies_on_the_daqing_mountains_front_slope(store: ox.Store) -> None:
    """c05-s01-p01: 在G6 高速以北、大青山前坡片区 — the district's area of the 大青山前坡 of chapter 3 (inferred)."""
    rows = select(
        store,
        f"""SELECT ?why WHERE {{
              GRAPH <{CURATED}> {{
                ?st rdf:subject ?a ; rdf:predicate plankg:within ; rdf:object ?b ; plankg:justification ?why }}
              ?a rdfs:label "大青山前坡片区"@zh .
              ?b rdfs:label "大青山前坡"@zh }}""",
    )
    assert rows and "G6" in rows[0]["why"]
