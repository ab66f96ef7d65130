"""Facts of chapters 3 (推动“两山”理论实践…) and 4 (实施创新驱动战略…), checked as a reader would.

Each test asks the built graph, by labels, values and quotes, for one fact that can be checked
by eye against the plan's text; the expected values are copied from the text.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import PLANKG, graph_iri
from tests.conftest import PLAN, members_of, select

STATED = graph_iri(PLAN, "stated")
CURATED = graph_iri(PLAN, "curated")


def _zh(store: ox.Store, where: str, variable: str = "label") -> set[str]:
    """The Chinese values of `variable` for the rows of a WHERE clause."""
    rows = select(store, f'SELECT DISTINCT ?{variable} WHERE {{ {where} FILTER(LANG(?{variable}) = "zh") }}')
    return {row[variable] for row in rows}


def test_eco_civilization_knowledge_target(store: ox.Store) -> None:
    """c03-s03-p03: 生态文明知识普及率达到98%以上 (no year in the text: the plan's end year)."""
    rows = select(
        store,
        """SELECT ?cmp ?unit ?year ?fromPeriod ?quote ?goal WHERE {
             ?t a plankg:Target ; plankg:value ?value ; plankg:comparator ?cmp ; plankg:unit ?unit ;
                plankg:year ?year ; plankg:evidence/oa:hasSelector/oa:exact ?quote ;
                plankg:indicator ?i .
             ?i rdfs:label "生态文明知识普及率"@zh ; plankg:measures/rdfs:label ?goal .
             OPTIONAL { ?t plankg:yearFromPlanPeriod ?fromPeriod }
             FILTER(?value = 98 && LANG(?unit) = "zh" && LANG(?goal) = "zh") }""",
    )
    assert len(rows) == 1
    (row,) = rows
    assert row["cmp"] == str(PLANKG.atLeast)
    assert row["unit"] == "%"
    assert row["year"] == "2025"
    assert row["fromPeriod"] == "true", "the quote states no year"
    assert "生态文明知识普及率达到98%以上" in row["quote"]
    assert row["goal"] == "逐步形成提倡生态文明的主流价值观"


def test_groundwater_monitoring_network_by_2025(store: ox.Store) -> None:
    """c03-s01-p03: 到2025 年,初步建立地下水水位、水质和污染源监测网 — an aim of the 碧水 paragraph."""
    rows = select(
        store,
        """SELECT ?quote ?parent WHERE {
             ?g a plankg:Objective ; rdfs:label "初步建立地下水水位、水质和污染源监测网"@zh ;
                plankg:evidence ?ev ; plankg:refines ?p .
             ?ev plankg:paragraph/plankg:localId "c03-s01-p03" ; oa:hasSelector/oa:exact ?quote .
             ?p rdfs:label ?parent ; plankg:evidence/oa:hasSelector/oa:exact ?pquote .
             FILTER(LANG(?parent) = "zh" && CONTAINS(?pquote, "碧水保卫战")) }""",
    )
    assert rows
    assert all("到2025 年" in row["quote"] for row in rows)
    assert {row["parent"] for row in rows} == {"全力保障地下水环境安全,不断提升地表水环境质量"}


def test_chapter_3_serves_the_ecology_pillar(store: ox.Store) -> None:
    """c03-p01: 围绕“生态美”新城建设 … 打造人与自然和谐共生的美丽新城 (a stated refinement)."""
    rows = select(
        store,
        f"""SELECT ?quote WHERE {{
              GRAPH <{STATED}> {{ ?o plankg:refines ?pillar }}
              ?o rdfs:label "打造人与自然和谐共生的美丽新城"@zh ;
                 plankg:evidence/oa:hasSelector/oa:exact ?quote .
              ?pillar a plankg:Pillar ; rdfs:label "生态美"@zh }}""",
    )
    assert any("围绕“生态美”新城建设" in row["quote"] for row in rows)
    sections = _zh(
        store,
        """?s a plankg:Objective ; rdfs:label ?label ; plankg:refines ?o .
           ?o rdfs:label "打造人与自然和谐共生的美丽新城"@zh .
           ?s plankg:evidence/plankg:paragraph/a plankg:Section .""",
    )
    assert sections == {
        "加强环境保护,筑牢绿色屏障",
        "强化资源节约,推进绿色发展",
        "强化环境监管,增强环保意识",
        "推动产业融合,铸就金山银山",
    }


def test_chilechuan_grassland_nature_park(store: ox.Store) -> None:
    """c03-s01-p01: 高标准建设敕勒川国家草原自然公园, on the 敕勒川草原 (a curator's reading)."""
    rows = select(
        store,
        f"""SELECT ?status ?measure WHERE {{
              ?p a plankg:Project ; rdfs:label "敕勒川国家草原自然公园"@zh ;
                 plankg:statusAsStated ?status ; plankg:implements/rdfs:label ?measure .
              GRAPH <{CURATED}> {{ ?p plankg:locatedIn ?place }}
              ?place rdfs:label "敕勒川草原"@zh .
              FILTER(LANG(?status) = "zh" && LANG(?measure) = "zh") }}""",
    )
    assert rows == [{"status": "高标准建设", "measure": "高标准建设敕勒川国家草原自然公园"}]


def test_venues_of_the_daqingshan_front_slope(store: ox.Store) -> None:
    """c03-s04-p01: the venues and key projects that drive 大青山前坡文化旅游体育产业发展."""
    projects = _zh(
        store,
        """?p a plankg:Project ; rdfs:label ?label ;
              plankg:locatedIn/rdfs:label "大青山前坡"@zh ;
              plankg:implements/rdfs:label "集中推动大青山前坡文化旅游体育产业发展"@zh .""",
    )
    assert {
        "敕勒川会议中心",
        "敕勒川国际会展中心",
        "国家北方足球训练基地",
        "内蒙古少数民族群众文化体育运动中心",
        "塔布陀罗亥古城遗址公园",
        "房车营地",
    } <= projects
    statuses = _zh(
        store,
        """?p rdfs:label "国家北方足球训练基地"@zh ; plankg:statusAsStated ?label .""",
    )
    assert statuses == {"促进运营"}


def test_mengcao_backbone_enterprise_and_germplasm_bank(store: ox.Store) -> None:
    """c04-s01-p01: 支持蒙草、信元网安、华讯高科、华动泰越等高新技术骨干企业…; c03-s04-p02: 蒙草种质资源库."""
    enterprises = _zh(
        store,
        """?o a plankg:Enterprise ; rdfs:label ?label ; plankg:participatesIn ?m .
           ?m a plankg:Measure ; plankg:evidence/oa:hasSelector/oa:exact ?q .
           FILTER(CONTAINS(?q, "高新技术骨干企业强化核心技术研发"))""",
    )
    assert enterprises == {"蒙草", "信元网安", "华讯高科", "华动泰越"}
    banks = _zh(
        store,
        """?o rdfs:label "蒙草"@zh ; plankg:responsibleFor ?p .
           ?p a plankg:Project ; rdfs:label ?label ; plankg:statusAsStated "持续推进"@zh .""",
    )
    assert banks == {"蒙草种质资源库"}


def test_satellite_centre_of_the_ministry(store: ox.Store) -> None:
    """c03-s03-p02: 与生态环境部卫星环境应用中心合作,建设中国北方生态安全屏障与高质量发展基地,建立新城区协同监控体系:
    the centre is the partner (合作) of the base, and takes part in the monitoring system the sentence
    goes on to build."""
    rows = select(
        store,
        """SELECT ?parent ?project ?role WHERE {
             ?c rdfs:label "生态环境部卫星环境应用中心"@zh ; org:subOrganizationOf/rdfs:label ?parent .
             { ?p plankg:hasPairingPartner ?c BIND("partner" AS ?role) }
             UNION { ?c plankg:participatesIn ?p BIND("participant" AS ?role) }
             ?p a plankg:Project ; rdfs:label ?project .
             FILTER(LANG(?parent) = "zh" && LANG(?project) = "zh") }""",
    )
    assert {row["parent"] for row in rows} == {"生态环境部"}
    assert {(row["project"], row["role"]) for row in rows} == {
        ("中国北方生态安全屏障与高质量发展基地", "partner"),
        ("新城区协同监控体系", "participant"),
    }


def test_front_slope_lies_within_the_daqing_mountains_and_inner_mongolia(store: ox.Store) -> None:
    """大青山前坡 is the front slope of 大青山 (curated); the reasoner carries it up to 内蒙古自治区."""
    direct = _zh(
        store,
        f"""GRAPH <{CURATED}> {{ ?s plankg:within ?o }}
            ?s rdfs:label "大青山前坡"@zh . ?o rdfs:label ?label .""",
    )
    assert direct == {"大青山", "呼和浩特市"}
    transitive = _zh(store, '?s rdfs:label "大青山前坡"@zh ; plankg:within+ ?o . ?o rdfs:label ?label .')
    assert "内蒙古自治区" in transitive


def test_three_lines_one_list_defined_in_the_body(store: ox.Store) -> None:
    """c03-s01-p01 spells out 三线一单 where it names it."""
    rows = select(
        store,
        """SELECT ?definition ?measure WHERE {
             ?c a plankg:Concept ; skos:prefLabel "三线一单"@zh ; skos:definition ?definition ;
                ^plankg:relatedConcept/rdfs:label ?measure .
             FILTER(LANG(?measure) = "zh") }""",
    )
    assert rows
    for words in ("生态保护红线", "环境质量底线", "资源利用上线", "生态环境准入清单"):
        assert all(words in row["definition"] for row in rows)
    assert {row["measure"] for row in rows} == {"加快推进实施“三线一单”"}


@pytest.mark.parametrize(
    ("paragraph", "concept", "defined_by"),
    [
        ("c03-s02-p02", "三条红线", "水资源开发利用控制红线"),
        ("c03-s02-p01", "耕地保护、开发强度、生态保护“三条红线”", "耕地保护"),
    ],
)
def test_two_different_sets_of_three_red_lines(store: ox.Store, paragraph: str, concept: str, defined_by: str) -> None:
    """c03-s02-p01 (land) and c03-s02-p02 (water, glossary-p10) name two different “三条红线”."""
    rows = select(
        store,
        f"""SELECT ?definition WHERE {{
              ?c skos:prefLabel "{concept}"@zh ; skos:definition ?definition ;
                 ^plankg:relatedConcept/plankg:evidence/plankg:paragraph/plankg:localId "{paragraph}" }}""",
    )
    assert rows
    assert all(defined_by in row["definition"] for row in rows)


def test_drivers_and_achievement_of_chapter_4(store: ox.Store) -> None:
    """c04-s01-p01 借助“科技兴蒙”契机; c04-s03-p01 “一心多点”; c04-p01 以成功创建国家双创示范基地为抓手."""
    drivers = select(
        store,
        """SELECT ?driver ?goal WHERE {
             ?d a plankg:Driver ; rdfs:label ?driver ; plankg:bearsOn/rdfs:label ?goal .
             FILTER(LANG(?driver) = "zh" && LANG(?goal) = "zh") }""",
    )
    pairs = {(row["driver"], row["goal"]) for row in drivers}
    assert ("“科技兴蒙”契机", "聚焦关键技术攻坚,培育创新领军企业") in pairs
    assert ("自治区构建“一心多点”人才工作新格局机遇", "聚焦创新人才集聚,强化人才智力支撑") in pairs
    goals = _zh(
        store,
        """?a a plankg:Assessment ; rdfs:label "成功创建国家双创示范基地"@zh ; plankg:bearsOn/rdfs:label ?label .""",
    )
    assert goals == {"全面构筑科技创新强区新格局"}


def test_chapter_4_links_to_chapter_2_only_as_inferences(store: ox.Store) -> None:
    """c04-p01 names no pillar: its objective reaches 科技创新示范区 only through a curator's justification."""
    rows = select(
        store,
        f"""SELECT ?why WHERE {{
              GRAPH <{CURATED}> {{
                ?st rdf:subject ?o ; rdf:predicate plankg:refines ; rdf:object ?p ; plankg:justification ?why }}
              ?o rdfs:label "全面构筑科技创新强区新格局"@zh .
              ?p a plankg:Positioning ; rdfs:label "科技创新示范区"@zh }}""",
    )
    assert len(rows) == 1
    assert "科技城片区" in rows[0]["why"]
    stated = select(
        store,
        f"""SELECT ?g WHERE {{ GRAPH <{STATED}> {{ ?o plankg:refines ?g }}
                                ?o rdfs:label "全面构筑科技创新强区新格局"@zh }}""",
    )
    assert stated == []


def test_trading_platform_relies_on_the_property_rights_exchange(store: ox.Store) -> None:
    """c04-s02-p02: 依托内蒙古产权交易中心,着力打造…技术成果转化交易平台."""
    rows = select(
        store,
        """SELECT ?status ?section WHERE {
             ?o rdfs:label "内蒙古产权交易中心"@zh . ?p plankg:supportedBy ?o .
             ?p a plankg:Project ; rdfs:label "技术成果转化交易平台"@zh ; plankg:statusAsStated ?status ;
                plankg:implements/plankg:contributesTo/rdfs:label ?section .
             FILTER(LANG(?status) = "zh" && LANG(?section) = "zh") }""",
    )
    assert rows == [{"status": "着力打造", "section": "聚焦创新要素集聚,优化科技创新平台"}]


def test_every_paragraph_of_chapters_3_and_4_is_cited(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?id WHERE {
             ?p a plankg:Paragraph ; plankg:localId ?id .
             FILTER(STRSTARTS(?id, "c03-") || STRSTARTS(?id, "c04-"))
             FILTER NOT EXISTS { ?ev a plankg:Evidence ; plankg:paragraph ?p } }""",
    )
    assert rows == []


def test_three_lines_one_list_has_its_four_members(store: ox.Store) -> None:
    """c03-s01-p01: 生态保护红线、环境质量底线、资源利用上线、生态环境准入清单“三线一单”."""
    members = members_of(store, "三线一单", str(STATED))
    assert set(members) == {"生态保护红线", "环境质量底线", "资源利用上线", "生态环境准入清单"}
    assert all("“三线一单”" in quote for quote in members.values())


def test_land_red_lines_share_the_ecological_red_line(store: ox.Store) -> None:
    """c03-s02-p01: 守住耕地保护、开发强度、生态保护“三条红线”; 生态保护红线 is also one of the 三线一单."""
    members = members_of(store, "耕地保护、开发强度、生态保护“三条红线”", str(STATED))
    assert set(members) == {"耕地保护", "开发强度", "生态保护红线"}
    groups = _zh(
        store,
        """?c skos:prefLabel ?label ; plankg:hasMember ?m .
            ?m skos:prefLabel "生态保护红线"@zh .""",
    )
    assert groups == {"三线一单", "耕地保护、开发强度、生态保护“三条红线”"}


def test_six_into_campaign_and_its_six_settings(store: ox.Store) -> None:
    """c03-s03-p03: 生态文明宣传教育进校园、进机关、进企业、进社区、进村屯、进宗教活动场所等“六进”活动."""
    assert set(members_of(store, "六进", str(STATED))) == {
        "进校园",
        "进机关",
        "进企业",
        "进社区",
        "进村屯",
        "进宗教活动场所",
    }
    rows = select(
        store,
        """SELECT ?status ?measure WHERE {
             ?p a plankg:Project ; rdfs:label "“六进”活动"@zh ; plankg:statusAsStated ?status ;
                plankg:relatedConcept/skos:prefLabel "六进"@zh ; plankg:implements/rdfs:label ?measure .
             FILTER(LANG(?status) = "zh" && LANG(?measure) = "zh") }""",
    )
    assert rows == [{"status": "深入开展", "measure": "深入开展生态文明宣传教育“六进”活动"}]


def test_casic_sixth_academy_project_has_two_parts(store: ox.Store) -> None:
    """c04-s02-p01: 积极推进…中国航天科工六院本部基地与科技创新中心建设 (a base and a centre)."""
    parts = _zh(
        store,
        f"""GRAPH <{STATED}> {{ ?part plankg:partOf ?whole }}
            ?whole rdfs:label "中国航天科工六院本部基地与科技创新中心"@zh .
            ?part a plankg:Project ; rdfs:label ?label .""",
    )
    assert parts == {"中国航天科工六院本部基地", "科技创新中心"}
    inverse = _zh(
        store,
        """?whole rdfs:label ?label ; plankg:hasPart/rdfs:label "中国航天科工六院本部基地"@zh .""",
    )
    assert inverse == {"中国航天科工六院本部基地与科技创新中心"}


def test_front_slope_venues_are_placed_only_by_a_reading(store: ox.Store) -> None:
    """c03-s04-p01 does not say where its venues stand (no 在…): on 大青山前坡 only by a reading of c05-s01-p01."""
    venues = ("敕勒川会议中心", "敕勒川国际会展中心", "国家北方足球训练基地", "内蒙古少数民族群众文化体育运动中心")
    for venue in venues:
        stated = select(
            store,
            f"""SELECT ?place WHERE {{ GRAPH <{STATED}> {{ ?p plankg:locatedIn ?place }}
                                      ?p rdfs:label "{venue}"@zh . ?place rdfs:label "大青山前坡"@zh }}""",
        )
        assert stated == [], venue
        why = select(
            store,
            f"""SELECT ?why WHERE {{
                  GRAPH <{CURATED}> {{ ?st rdf:subject ?p ; rdf:predicate plankg:locatedIn ; rdf:object ?place ;
                                           plankg:justification ?why }}
                  ?p rdfs:label "{venue}"@zh . ?place rdfs:label "大青山前坡"@zh }}""",
        )
        assert why and all("c05-s01-p01" in row["why"] for row in why), venue


def test_two_consolidations_only_by_a_reading(store: ox.Store) -> None:
    """c02-s04-p01 never writes 两个巩固提升: the objective reaches that concept only through a justification."""
    objective = "国家生态文明建设示范区、国家双创示范基地创建成果巩固提升"
    stated = select(
        store,
        f"""SELECT ?c WHERE {{ GRAPH <{STATED}> {{ ?o plankg:relatedConcept ?c }}
                               ?o rdfs:label "{objective}"@zh . ?c skos:prefLabel "两个巩固提升"@zh }}""",
    )
    assert stated == []
    curated = select(
        store,
        f"""SELECT ?why WHERE {{
              GRAPH <{CURATED}> {{ ?st rdf:subject ?o ; rdf:predicate plankg:relatedConcept ; rdf:object ?c ;
                                       plankg:justification ?why }}
              ?o rdfs:label "{objective}"@zh . ?c skos:prefLabel "两个巩固提升"@zh }}""",
    )
    assert len(curated) == 1
    assert "glossary-p04" in curated[0]["why"]


def test_two_wheels_of_the_dual_drive(store: ox.Store) -> None:
    """c02-s04-p02: 形成现代服务业和战略性新兴产业“双轮驱动”的发展态势."""
    concepts = _zh(
        store,
        f"""GRAPH <{STATED}> {{ ?o plankg:relatedConcept ?c }}
            ?o rdfs:label "形成现代服务业和战略性新兴产业“双轮驱动”的发展态势"@zh .
            ?c skos:prefLabel ?label .""",
    )
    assert concepts == {"双轮驱动", "现代服务业", "战略性新兴产业"}


def test_enterprise_databases_of_chapter_4(store: ox.Store) -> None:
    """c04-s01-p02: 建立科技型企业数据库和高新技术企业后备库."""
    projects = _zh(
        store,
        """?p a plankg:Project ; rdfs:label ?label ; plankg:statusAsStated "建立"@zh ;
              plankg:implements/rdfs:label "建立科技型企业数据库和高新技术企业后备库"@zh .""",
    )
    assert projects == {"科技型企业数据库", "高新技术企业后备库"}
