"""Chapters 10 and 11 and the glossary (名词解释), checked against the plan's own words.

Each test states one fact a reader can find in the text: the glossary's definitions (stated where
the entry names its term, a curator's match where the web copy lost the head word), the
chapter-10 projects with their place and measure, the organizations with their role, places
within places, and the chapter-11 safeguards. Expected values are copied from the plan.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import graph_iri
from tests.conftest import PLAN, members_of, select

STATED = graph_iri(PLAN, "stated")
CURATED = graph_iri(PLAN, "curated")
# c10-s01-p01: 改造提升中山路电子产品商圈、东库东西街家具建材商圈、车站产品集散商圈、成吉思汗蒙元特色商圈、
# 兴安北路汽车服务商圈、海东路餐饮娱乐商圈、高铁城市商圈等七大特色商圈
SEVEN_DISTRICTS = {
    "中山路电子产品商圈",
    "东库东西街家具建材商圈",
    "车站产品集散商圈",
    "成吉思汗蒙元特色商圈",
    "兴安北路汽车服务商圈",
    "海东路餐饮娱乐商圈",
    "高铁城市商圈",
}


def _definition(store: ox.Store, label: str, graph: str) -> list[dict[str, str]]:
    """The skos:definition of the concept labelled `label`, as found in one named graph."""
    return select(
        store,
        f"""SELECT ?definition ?paragraph WHERE {{
              ?c a plankg:Concept ; rdfs:label "{label}"@zh ; plankg:evidence ?ev .
              GRAPH <{graph}> {{ ?c skos:definition ?definition }}
              ?ev oa:hasSelector/oa:exact ?exact ; plankg:paragraph/plankg:localId ?paragraph .
              FILTER(STR(?definition) = ?exact) }}""",
    )


def test_every_glossary_entry_defines_a_concept(store: ox.Store) -> None:
    """名词解释 has 28 entries (glossary-p01 … glossary-p28); each one is some concept's definition."""
    rows = select(
        store,
        """SELECT DISTINCT ?paragraph WHERE {
             ?c a plankg:Concept ; skos:definition ?definition ; plankg:evidence ?ev .
             ?ev oa:hasSelector/oa:exact ?exact ; plankg:paragraph/plankg:localId ?paragraph .
             FILTER(STR(?definition) = ?exact && STRSTARTS(?paragraph, "glossary-")) }""",
    )
    assert {row["paragraph"] for row in rows} == {f"glossary-p{n:02d}" for n in range(1, 29)}


@pytest.mark.parametrize(
    ("term", "words", "paragraph"),
    [
        ("三条红线", "水资源开发利用控制红线、用水效率控制红线、水功能区限制纳污红线", "glossary-p10"),
        (
            "四项制度",
            "用水总量控制制度、用水效率控制制度、水功能区限制纳污制度、水资源管理责任和考核制度",
            "glossary-p10",
        ),
        ("三个离不开", "汉族离不开少数民族,少数民族离不开汉族", "glossary-p11"),
        ("五个认同", "对伟大祖国、对中华民族、对中华文化、对中国共产党、对中国特色社会主义道路的认同", "glossary-p11"),
        ("三集中", "政务服务事项向政务服务云平台集中", "glossary-p19"),
        ("三到位", "政务服务事项和人员进驻大厅到位、窗口授权到位、电子监察到位", "glossary-p19"),
        ("负面清单", "国家规定在特定领域对外商投资实施的准入特别管理措施", "glossary-p28"),
    ],
)
def test_entries_that_name_their_term_are_stated_definitions(
    store: ox.Store, term: str, words: str, paragraph: str
) -> None:
    """The entry itself writes “三条红线”是… / “三集中”是…: one concept per term, in the stated graph."""
    rows = _definition(store, term, STATED)
    assert len(rows) == 1, term
    assert words in rows[0]["definition"]
    assert rows[0]["paragraph"] == paragraph


def test_six_hundred_percent_is_a_curators_match(store: ox.Store) -> None:
    """glossary-p17 lost its head word: its six 100% are the 六个百分百 of c08-s02-p02 (施工扬尘治理)."""
    rows = _definition(store, "六个百分百", CURATED)
    assert len(rows) == 1
    assert rows[0]["paragraph"] == "glossary-p17"
    for words in ("工地周边100%围挡", "施工现场地面100%硬化", "渣土车辆100%密闭运输"):
        assert words in rows[0]["definition"]
    assert _definition(store, "六个百分百", STATED) == [], "an inferred definition stays out of the stated graph"
    why = select(
        store,
        f"""SELECT ?why ?body WHERE {{
              ?c rdfs:label "六个百分百"@zh ; plankg:evidence/oa:hasSelector/oa:exact ?body .
              GRAPH <{CURATED}> {{ ?s rdf:subject ?c ; rdf:predicate skos:definition ; plankg:justification ?why }}
              FILTER(CONTAINS(?body, "全面落实“六个百分百”")) }}""",
    )
    assert why and "c08-s02-p02" in why[0]["why"]


def test_five_new_cities_definition_is_now_marked_inferred(store: ox.Store) -> None:
    """glossary-p04 never writes 五个新城; 三区两基地 is named by its entry (glossary-p03)."""
    assert _definition(store, "五个新城", STATED) == []
    assert "经济强、生态美、文化兴、品质优、人民富" in _definition(store, "五个新城", CURATED)[0]["definition"]
    (stated,) = _definition(store, "三区两基地", STATED)
    assert stated["paragraph"] == "glossary-p03"
    assert "两基地即“‘两山’理论实践基地、敕勒川文旅融合创新基地”" in stated["definition"]


def test_foreign_investment_measure_uses_the_glossary_rule(store: ox.Store) -> None:
    """c10-s03-p01: 落实外商投资准入前国民待遇加负面清单管理制度 (glossary-p28)."""
    rows = select(
        store,
        """SELECT ?quote ?definition ?goal WHERE {
             ?m a plankg:Measure ; plankg:relatedConcept ?c ; plankg:contributesTo/rdfs:label ?goal ;
                plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?c rdfs:label "准入前国民待遇加负面清单"@zh ; skos:definition ?definition .
             FILTER(LANG(?goal) = "zh") }""",
    )
    assert rows
    assert "落实外商投资准入前国民待遇加负面清单管理制度" in rows[0]["quote"]
    assert "国际惯用的高标准投资规则之一" in rows[0]["definition"]
    assert rows[0]["goal"] == "参与国际经济循环,构筑对外开放新格局"


@pytest.mark.parametrize(
    "section_aim",
    [
        "顺应消费趋势,提升消费服务能力",
        "扩大精准投资,增强经济发展后劲",
        "参与国际经济循环,构筑对外开放新格局",
        "深化国内区域合作,加强毗邻区联合互动",
    ],
)
def test_chapter_10_section_headings_refine_the_chapter_goal(store: ox.Store, section_aim: str) -> None:
    rows = select(
        store,
        f"""SELECT ?heading WHERE {{
              ?g rdfs:label "{section_aim}"@zh ; plankg:refines ?c ;
                 plankg:evidence/plankg:paragraph/plankg:heading ?heading .
              ?c rdfs:label "融入国内国际双循环开拓合作共赢新局面"@zh }}""",
    )
    assert rows, section_aim
    assert section_aim in rows[0]["heading"]


def test_halaqin_tourist_line_on_the_front_slope(store: ox.Store) -> None:
    """c10-s01-p04: 依托大青山前坡 … 建设“二基、三线、四点”休闲观光旅游区; “三线”即哈拉沁绿色生态旅游线 …

    依托 (drawing on the front slope's ecology) is not 位于: the line's place is a curator's reading."""
    rows = select(
        store,
        f"""SELECT ?measure ?goal ?status ?why WHERE {{
              ?p a plankg:Project ; rdfs:label "哈拉沁绿色生态旅游线"@zh ; plankg:statusAsStated ?status ;
                 plankg:implements ?m .
              ?m rdfs:label ?measure ; plankg:contributesTo/rdfs:label ?goal .
              GRAPH <{CURATED}> {{
                ?p plankg:locatedIn ?place .
                ?s rdf:subject ?p ; rdf:predicate plankg:locatedIn ; rdf:object ?place ; plankg:justification ?why }}
              ?place rdfs:label "大青山前坡"@zh .
              FILTER(LANG(?measure) = "zh" && LANG(?goal) = "zh" && LANG(?status) = "zh") }}""",
    )
    assert rows
    row = rows[0]
    assert row["measure"] == "建设“二基、三线、四点”休闲观光旅游区"
    assert row["goal"] == "顺应消费趋势,提升消费服务能力"
    assert row["status"] == "建设"
    assert "依托大青山前坡良好的生态环境" in row["why"]
    stated = select(
        store,
        f"""SELECT ?place WHERE {{
              ?p rdfs:label "哈拉沁绿色生态旅游线"@zh .
              GRAPH <{STATED}> {{ ?p plankg:locatedIn ?place }} }}""",
    )
    assert stated == []


def test_seven_featured_commercial_districts(store: ox.Store) -> None:
    """c10-s01-p01: 改造提升中山路电子产品商圈 … 高铁城市商圈等七大特色商圈."""
    rows = select(
        store,
        """SELECT ?place WHERE {
             ?m a plankg:Measure ; plankg:locatedIn ?p ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?p a plankg:CommercialDistrict ; rdfs:label ?place .
             FILTER(LANG(?place) = "zh" && CONTAINS(?quote, "七大特色商圈")) }""",
    )
    assert {row["place"] for row in rows} == SEVEN_DISTRICTS


def test_jiajiayue_group_is_responsible_for_its_network(store: ox.Store) -> None:
    """c10-s01-p03: 支持家家悦集团社区商业服务网络建设."""
    rows = select(
        store,
        f"""SELECT ?type ?status WHERE {{
              ?o rdfs:label "家家悦集团"@zh ; a ?type .
              GRAPH <{STATED}> {{ ?o plankg:responsibleFor ?p }}
              ?p rdfs:label "家家悦集团社区商业服务网络"@zh ; plankg:statusAsStated ?status .
              FILTER(LANG(?status) = "zh") }}""",
    )
    assert {row["type"] for row in rows} >= {"https://w3id.org/plankg/ontology#Enterprise"}
    assert rows[0]["status"] == "支持建设"


def test_academician_workstation_in_the_science_city_area(store: ox.Store) -> None:
    """c10-s04-p02: 以…科技城片区为依托 … 引进建设中科院院士工作站 … “科研大平台”.

    以…为依托 draws on the area; that the workstation stands in it is a curator's reading."""
    rows = select(
        store,
        f"""SELECT ?place ?concept WHERE {{
              ?p rdfs:label "中科院院士工作站"@zh ; plankg:relatedConcept/rdfs:label ?concept .
              GRAPH <{CURATED}> {{ ?p plankg:locatedIn ?area }}
              ?area rdfs:label ?place .
              FILTER(LANG(?place) = "zh" && LANG(?concept) = "zh") }}""",
    )
    assert rows
    assert rows[0]["place"] == "呼和浩特金山高新技术产业开发区科技城片区"
    assert rows[0]["concept"] == "科研大平台"
    stated = select(
        store,
        f"""SELECT ?place WHERE {{
              ?p rdfs:label "中科院院士工作站"@zh . GRAPH <{STATED}> {{ ?p plankg:locatedIn ?place }} }}""",
    )
    assert stated == []


def test_district_peoples_congress_hears_the_plan_reports(store: ox.Store) -> None:
    """c11-s01-p02: 认真组织开展规划实施情况中期评估,及时向区人大汇报规划实施情况."""
    rows = select(
        store,
        f"""SELECT ?measure ?quote WHERE {{
              ?o rdfs:label "区人大"@zh .
              GRAPH <{STATED}> {{ ?o plankg:participatesIn ?m }}
              ?m a plankg:Measure ; rdfs:label ?measure ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
              FILTER(LANG(?measure) = "zh" && CONTAINS(?quote, "中期评估")) }}""",
    )
    assert rows
    assert "及时向区人大汇报规划实施情况" in rows[0]["quote"]


def test_land_reform_pilot_village_lies_in_the_district(store: ox.Store) -> None:
    """c11-s02-p01: 探索农村集体经营性建设用地入市制度改革,以三卜树村为试点."""
    within = select(
        store,
        f"""SELECT ?why WHERE {{
              ?v a plankg:Village ; rdfs:label "三卜树村"@zh .
              GRAPH <{CURATED}> {{
                ?v plankg:within ?d . ?s rdf:subject ?v ; rdf:object ?d ; plankg:justification ?why }}
              ?d rdfs:label "新城区"@zh }}""",
    )
    assert within, "the plan does not say where the village lies: the link is a curator's, with a reason"
    measure = select(
        store,
        """SELECT ?quote WHERE {
             ?m a plankg:Measure ; plankg:locatedIn/rdfs:label "三卜树村"@zh ;
                plankg:evidence/oa:hasSelector/oa:exact ?quote }""",
    )
    assert "以三卜树村为试点" in measure[0]["quote"]


@pytest.mark.parametrize("district", ["回民区", "赛罕区"])
def test_neighbouring_districts_lie_in_hohhot(store: ox.Store, district: str) -> None:
    """c10-s04-p04: 加强与回民区、赛罕区在旅游、商贸、商务方面的联动发展 (第四节 … 毗邻区)."""
    rows = select(
        store,
        f"""SELECT ?city WHERE {{
              ?d a plankg:District ; rdfs:label "{district}"@zh .
              GRAPH <{CURATED}> {{ ?d plankg:within ?c }}
              ?c rdfs:label ?city .
              FILTER(LANG(?city) = "zh") }}""",
    )
    assert [row["city"] for row in rows] == ["呼和浩特市"]


def test_systems_thinking_section_looks_to_2035_and_2050(store: ox.Store) -> None:
    """c11-s02-p03: 充分考虑2050 年建成社会主义现代化强国,2035 年基本实现社会主义现代化目标."""
    rows = select(
        store,
        f"""SELECT ?goal ?quote WHERE {{
              ?o rdfs:label "坚持系统观念,统筹经济社会发展"@zh .
              GRAPH <{STATED}> {{ ?o plankg:refines ?g }}
              ?g rdfs:label ?goal .
              ?s rdf:subject ?o ; rdf:object ?g ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
              FILTER(LANG(?goal) = "zh" && CONTAINS(?quote, "2050 年")) }}""",
    )
    goals = {row["goal"] for row in rows}
    assert "2050 年建成社会主义现代化强国" in goals
    assert "与全国一道基本实现社会主义现代化" in goals
    assert all("2035 年基本实现社会主义现代化目标" in row["quote"] for row in rows)


def test_problems_to_solve_with_systems_thinking(store: ox.Store) -> None:
    """c11-s02-p02: 对我区发展中存在的经济总量偏低 … 等发展不平衡不充分的问题进行统筹思考."""
    rows = select(
        store,
        """SELECT ?finding WHERE {
             ?a a plankg:Assessment ; rdfs:label ?finding ;
                plankg:bearsOn/rdfs:label "坚持系统观念,统筹经济社会发展"@zh .
             FILTER(LANG(?finding) = "zh") }""",
    )
    findings = {row["finding"] for row in rows}
    for words in ("经济总量偏低", "资源环境压力加大", "人才供需不平衡", "社会治理面临挑战", "公共服务相对滞后"):
        assert words in findings


def test_seven_featured_commercial_districts_as_a_grouping(store: ox.Store) -> None:
    """c10-s01-p01: 改造提升中山路电子产品商圈、… 高铁城市商圈等七大特色商圈."""
    members = members_of(store, "七大特色商圈", str(STATED))
    assert set(members) == SEVEN_DISTRICTS
    assert all("等七大特色商圈" in quote for quote in members.values())


def test_the_four_points_are_parts_of_the_tourism_area(store: ox.Store) -> None:
    """c10-s01-p04: “四点”即历史文化景点、民族特色景点、绿色生态景点、夏都休闲景点 (of the 二基、三线、四点 area)."""
    assert set(members_of(store, "四点", str(STATED))) == {
        "历史文化景点",
        "民族特色景点",
        "绿色生态景点",
        "夏都休闲景点",
    }
    rows = select(
        store,
        f"""SELECT ?part WHERE {{
              ?whole rdfs:label "“二基、三线、四点”休闲观光旅游区"@zh .
              GRAPH <{STATED}> {{ ?p plankg:partOf ?whole }}
              ?p a plankg:Project ; rdfs:label ?part .
              FILTER(LANG(?part) = "zh") }}""",
    )
    parts = {row["part"] for row in rows}
    some = {"绿植果蔬花卉基地", "休闲度假基地", "哈拉沁绿色生态旅游线", "面铺窑高山草原特色风光旅游线", "夏都休闲景点"}
    assert some <= parts
    assert len(parts) == 9


def test_six_industrial_chains_list_six_strategic_emerging_industries(store: ox.Store) -> None:
    """glossary-p09: 做大做强乡土草种产业、大数据产业、新材料产业、节能环保产业、生物技术产业、
    装备制造产业等六大战略性新兴产业."""
    members = members_of(store, "六大产业链", str(STATED))
    assert set(members) == {"乡土草种产业", "大数据产业", "新材料产业", "节能环保产业", "生物技术产业", "装备制造产业"}
    broader = select(
        store,
        """SELECT ?b WHERE {
             ?c rdfs:label "装备制造产业"@zh ; skos:broader/rdfs:label ?b . FILTER(LANG(?b) = "zh") }""",
    )
    assert [row["b"] for row in broader] == ["战略性新兴产业"]


@pytest.mark.parametrize(
    ("term", "expected", "graph"),
    [
        ("三条红线", {"水资源开发利用控制红线", "用水效率控制红线", "水功能区限制纳污红线"}, STATED),
        ("两个大局", {"中华民族伟大复兴战略全局", "世界百年未有之大变局"}, STATED),
        ("科研大平台", {"中科院院士工作站", "上海交大内蒙古研究院", "中石化院士工作站"}, STATED),
        ("四个最严", {"最严谨的标准", "最严格的监管", "最严厉的处罚", "最严肃的问责"}, CURATED),
    ],
)
def test_numbered_lists_and_their_members(store: ox.Store, term: str, expected: set[str], graph: str) -> None:
    """glossary-p10, c11-s02-p03, c10-s04-p02 name their list; glossary-p22 lost its head word, so its
    members are a curator's match (curated graph)."""
    assert set(members_of(store, term, graph)) == expected


def test_six_hundred_percent_are_targets_of_one_hundred(store: ox.Store) -> None:
    """glossary-p17: 指工地周边100%围挡、… 渣土车辆100%密闭运输: each a target of 100 (%) to reach."""
    rows = select(
        store,
        """SELECT ?quote ?value ?unit WHERE {
             ?t a plankg:Target ; plankg:value ?value ; plankg:comparator plankg:reach ; plankg:unit ?unit ;
                plankg:evidence ?ev ; plankg:relatedConcept ?c .
             ?ev oa:hasSelector/oa:exact ?quote ; plankg:paragraph/plankg:localId "glossary-p17" .
             ?group rdfs:label "六个百分百"@zh ; plankg:hasMember ?c .
             FILTER(LANG(?unit) = "zh") }""",
    )
    assert {row["quote"] for row in rows} == {
        "工地周边100%围挡",
        "物料堆放100%覆盖",
        "出入车辆100%冲洗",
        "施工现场地面100%硬化",
        "拆迁工地100%湿法作业",
        "渣土车辆100%密闭运输",
    }
    assert {(row["value"], row["unit"]) for row in rows} == {("100", "%")}
