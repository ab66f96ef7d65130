"""Chapters 6 (推动文化强区建设创新敕勒川文旅融合) and 9 (全面推进乡村振兴加快实现农业农村现代化)
as a reader checks them against the plan's text.

Every expected value below is copied from the paragraph named in the test: the chapter goal under
the 文化兴 pillar, the village cultural centres and squares of c09-s03-p03, rural sewage, the 4A
scenic area, the homestay project rolled out across the district, projects with their place, measure,
status and the complex or base they belong to, enterprises with their role, places within places, a
glossary concept with its definition, and the plan's lists with their members.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import PLANKG, graph_iri
from tests.conftest import PLAN, members_of, select

STATED = graph_iri(PLAN, "stated")
CURATED = graph_iri(PLAN, "curated")


def test_chapter_six_goal_serves_the_flourishing_culture_pillar(store: ox.Store) -> None:
    """c06-p01: 围绕“文化兴”新城建设 … 打造独具魅力的文化强区,争当民族地区社会主义先进文化建设先行军."""
    rows = select(
        store,
        f"""SELECT ?goal ?quote WHERE {{
              GRAPH <{STATED}> {{ ?g plankg:refines ?p }}
              ?g a plankg:Objective ; rdfs:label ?goal ;
                 plankg:evidence [ plankg:paragraph/plankg:localId "c06-p01" ; oa:hasSelector/oa:exact ?quote ] .
              ?p a plankg:Pillar ; rdfs:label "文化兴"@zh .
              FILTER(LANG(?goal) = "zh") }}""",
    )
    assert len(rows) == 1
    assert "打造独具魅力的文化强区" in rows[0]["goal"]
    assert "围绕“文化兴”新城建设" in rows[0]["quote"]


@pytest.mark.parametrize(
    ("section", "aim"),
    [
        ("c06-s01", "深化民族团结进步教育,促进民族交往交流交融"),
        ("c06-s03", "发展新城地方特色文化,讲好今昔“新城故事”"),
        ("c06-s05", "推进文旅产业融合发展,塑造敕勒川文旅品牌"),
        ("c09-s04", "建立长效机制,巩固脱贫成果"),
    ],
)
def test_section_headings_are_objectives_of_their_chapter(store: ox.Store, section: str, aim: str) -> None:
    """c06-s03's heading is glued to the end of c06-s02-p05 in the source; it is still its own heading."""
    rows = select(
        store,
        f"""SELECT ?heading ?chapterGoal WHERE {{
              ?g rdfs:label "{aim}"@zh ; plankg:refines ?c ;
                 plankg:evidence/plankg:paragraph [ plankg:localId "{section}" ; plankg:heading ?heading ] .
              ?c a plankg:Objective ; plankg:evidence/plankg:paragraph/plankg:localId ?chapterGoal .
              FILTER(STRSTARTS(?chapterGoal, "{section[:3]}-p01")) }}""",
    )
    assert rows, aim
    assert aim in rows[0]["heading"]


def _target(store: ox.Store, words: str) -> dict[str, str]:
    rows = select(
        store,
        f"""SELECT ?value ?cmp ?unit ?year ?fromPeriod ?goal ?quote WHERE {{
              ?t a plankg:Target ; plankg:value ?value ; plankg:comparator ?cmp ; plankg:unit ?unit ;
                 plankg:year ?year ; plankg:evidence/oa:hasSelector/oa:exact ?quote ;
                 plankg:indicator/plankg:measures/rdfs:label ?goal .
              OPTIONAL {{ ?t plankg:yearFromPlanPeriod ?fromPeriod }}
              FILTER(LANG(?unit) = "zh" && LANG(?goal) = "zh" && CONTAINS(?quote, "{words}")) }}""",
    )
    assert len(rows) == 1, words
    return rows[0]


@pytest.mark.parametrize(
    ("words", "value", "comparator", "unit"),
    [
        ("建筑面积不低于120 平方米的基层综合文化服务中心", "120", "atLeast", "平方米"),
        ("配套建设不低于600 平方米的群众文化活动广场", "600", "atLeast", "平方米"),
    ],
)
def test_village_cultural_centres_and_squares(
    store: ox.Store, words: str, value: str, comparator: str, unit: str
) -> None:
    """c09-s03-p03: 建筑面积不低于120 平方米的基层综合文化服务中心,配套建设不低于600 平方米的群众文化活动广场."""
    row = _target(store, words)
    assert (row["value"], row["cmp"], row["unit"]) == (value, str(PLANKG[comparator]), unit)
    assert row["goal"] == "健全公共文化服务体系,促进基本公共文化服务标准化、均等化"
    assert (row["year"], row.get("fromPeriod")) == ("2025", "true"), "no year in the quote: the plan's end year"


def test_rural_sewage_fully_connected(store: ox.Store) -> None:
    """c09-s02-p01: 加强农村污水管网建设,实现100%接入市政管网."""
    row = _target(store, "实现100%接入市政管网")
    assert (row["value"], row["cmp"], row["unit"]) == ("100", str(PLANKG.reach), "%")
    assert row["goal"] == "建设美丽乡村,实现生态宜居"


def test_horse_tourism_complex_to_be_a_4a_scenic_area(store: ox.Store) -> None:
    """c06-s05-p02: 形成集马术竞技 … 为一体的旅游综合体,打造国家4A 级旅游景区."""
    row = _target(store, "打造国家4A 级旅游景区")
    assert (row["value"], row["cmp"], row["unit"]) == ("4", str(PLANKG.reach), "A 级")
    assert row["goal"] == "打造呼和浩特市马业发展新高地"


def test_homestay_project_is_rolled_out_across_the_district(store: ox.Store) -> None:
    """c06-s05-p07: 以水磨村、恼包村、水泉村、生盖营村为重点 … 围绕成吉思汗街道办事处和保合少镇共计18 个行政村,
    在全区范围内渐进推开精品民宿项目. 18 is the project's scope, not a target; 在全区范围内 states where it
    is; 以…为重点 and 围绕 do not, so the villages, the subdistrict and the town are a curator's reading."""
    assert not select(
        store,
        """SELECT ?t WHERE { ?t a plankg:Target ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
                             FILTER(CONTAINS(?quote, "共计18 个行政村")) }""",
    )
    rows = select(
        store,
        """SELECT ?place ?graph ?status WHERE {
             ?p a plankg:Project ; rdfs:label "精品民宿项目"@zh ; plankg:statusAsStated ?status .
             GRAPH ?graph { ?p plankg:locatedIn ?l } ?l rdfs:label ?place .
             FILTER(LANG(?place) = "zh" && LANG(?status) = "zh") }""",
    )
    graphs: dict[str, set[str]] = {}
    for r in rows:
        graphs.setdefault(r["place"], set()).add(r["graph"])
    assert str(STATED) in graphs["新城区"]
    for place in ("水磨村", "恼包村", "水泉村", "生盖营村", "保合少镇", "成吉思汗街道"):
        assert str(CURATED) in graphs[place] and str(STATED) not in graphs[place], place
    assert {r["status"] for r in rows} == {"渐进推开"}


def test_chilechuan_grassland_ecological_valley(store: ox.Store) -> None:
    """c06-s05-p01: 积极推进敕勒川草原生态谷建设 … 再现大青山前坡敕勒川美景."""
    rows = select(
        store,
        """SELECT ?place ?status ?measure ?objective WHERE {
             ?p a plankg:Project ; rdfs:label "敕勒川草原生态谷"@zh ; plankg:statusAsStated ?status ;
                plankg:locatedIn/rdfs:label ?place ;
                plankg:implements [ rdfs:label ?measure ; plankg:contributesTo/rdfs:label ?objective ] .
             FILTER(LANG(?place) = "zh" && LANG(?status) = "zh"
                    && LANG(?measure) = "zh" && LANG(?objective) = "zh") }""",
    )
    assert {r["place"] for r in rows} == {"敕勒川草原"}
    assert {r["status"] for r in rows} == {"积极推进"}
    assert "积极推进敕勒川草原生态谷建设" in {r["measure"] for r in rows}
    assert "实现四季旅游" in {r["objective"] for r in rows}


def test_horse_venues_form_the_tourism_complex(store: ox.Store) -> None:
    """c06-s05-p02: 围绕呼和塔拉核心区建设国际标准室内赛马场、室外赛马场、马文化广场、马术学校、马博物馆等,
    形成集马术竞技 … 为一体的旅游综合体. The venues are parts of the complex; built around (围绕) the core
    area, they are not placed in it."""
    rows = select(
        store,
        """SELECT ?project WHERE {
             ?p a plankg:Project ; rdfs:label ?project ; plankg:statusAsStated "建设"@zh ;
                plankg:partOf/rdfs:label "集马术竞技、马文化展示、马匹培育、旅游观光、休闲娱乐为一体的旅游综合体"@zh .
             FILTER(LANG(?project) = "zh") }""",
    )
    assert {r["project"] for r in rows} == {"国际标准室内赛马场", "室外赛马场", "马文化广场", "马术学校", "马博物馆"}
    assert not select(store, """SELECT ?p WHERE { ?p plankg:locatedIn/rdfs:label "呼和塔拉核心区"@zh }""")


def test_cultural_enterprises_support_creative_products(store: ox.Store) -> None:
    """c06-s05-p08: 以印象蒙古、蒙元素、安达传媒、布丝瑰等文化企业为依托,推动构建 … 文创产品生产体系."""
    rows = select(
        store,
        f"""SELECT ?org ?measure WHERE {{
              GRAPH <{STATED}> {{ ?m plankg:supportedBy ?o }}
              ?o a plankg:Enterprise ; rdfs:label ?org . ?m a plankg:Measure ; rdfs:label ?measure .
              FILTER(LANG(?org) = "zh" && LANG(?measure) = "zh" && CONTAINS(?measure, "文创产品生产体系")) }}""",
    )
    assert {r["org"] for r in rows} == {"印象蒙古", "蒙元素", "安达传媒", "布丝瑰"}


def test_baixian_strawberry_base_is_the_companys_by_inference_only(store: ox.Store) -> None:
    """c09-s01-p01: 内蒙古百鲜农业有限公司草莓标准化种植基地 — the plan names the base, not who runs it."""
    rows = select(
        store,
        """SELECT ?graph ?why WHERE {
             ?o rdfs:label "内蒙古百鲜农业有限公司"@zh ; a plankg:Enterprise .
             ?p rdfs:label "内蒙古百鲜农业有限公司草莓标准化种植基地"@zh .
             GRAPH ?graph { ?o plankg:responsibleFor ?p }
             OPTIONAL { ?st rdf:subject ?o ; rdf:predicate plankg:responsibleFor ; rdf:object ?p ;
                            plankg:justification ?why } }""",
    )
    assert {r["graph"] for r in rows} == {str(CURATED)}
    assert any("公司" in r.get("why", "") for r in rows)


@pytest.mark.parametrize(
    ("inner", "outer"),
    [("红山口村摩崖石刻", "红山口村"), ("坡根底秦长城", "坡根底"), ("坡根底秦汉长城", "坡根底")],
)
def test_heritage_sites_lie_within_their_village(store: ox.Store, inner: str, outer: str) -> None:
    """c09-s03-p02: 坡根底秦汉长城 …; 全面加强红山口村摩崖石刻、坡根底秦长城与赵长城遗址等不可移动文物的保护工作."""
    rows = select(
        store,
        f"""SELECT ?a WHERE {{ GRAPH <{STATED}> {{ ?a plankg:within ?b }}
              ?a rdfs:label "{inner}"@zh . ?b rdfs:label "{outer}"@zh }}""",
    )
    assert rows, f"{inner} within {outer}"


def test_baoheshao_town_lies_in_the_district_by_inference(store: ox.Store) -> None:
    """c06-s05-p07 names 保合少镇 but never says it is in 新城区: a curator's reading, in the curated graph."""
    rows = select(
        store,
        """SELECT ?graph WHERE {
             ?t rdfs:label "保合少镇"@zh ; a plankg:Town . ?d rdfs:label "新城区"@zh .
             GRAPH ?graph { ?t plankg:within ?d } }""",
    )
    assert {r["graph"] for r in rows} == {str(CURATED)}


def test_three_inseparables_defined_by_the_glossary_and_used_in_chapter_six(store: ox.Store) -> None:
    """c06-s01-p01: 全面牢固树立“三个离不开”“五个认同”的思想; glossary-p11: “三个离不开”是汉族离不开少数民族 …"""
    rows = select(
        store,
        """SELECT ?definition ?paragraph WHERE {
             ?c a plankg:Concept ; rdfs:label "三个离不开"@zh ; skos:definition ?definition .
             ?m a plankg:Measure ; plankg:relatedConcept ?c ;
                plankg:evidence/plankg:paragraph/plankg:localId ?paragraph }""",
    )
    assert rows
    assert {r["paragraph"] for r in rows} == {"c06-s01-p01"}
    assert "汉族离不开少数民族,少数民族离不开汉族" in rows[0]["definition"]


def test_chapter_nine_names_no_pillar(store: ox.Store) -> None:
    """c09-p01 names none of the five pillars: its goal reaches the 2035 vision only by a curator's reading."""
    rows = select(
        store,
        """SELECT ?graph ?target WHERE {
             ?g a plankg:Objective ; plankg:evidence/plankg:paragraph/plankg:localId "c09-p01" .
             GRAPH ?graph { ?g plankg:refines ?t } ?t a ?target .
             FILTER(?target IN (plankg:Vision, plankg:Pillar)) }""",
    )
    assert rows
    assert {(r["graph"], r["target"]) for r in rows} == {(str(CURATED), str(PLANKG.Vision))}


def test_five_g_is_not_a_fact(store: ox.Store) -> None:
    """c09-s02-p01: 推动5G 网络布局 — 5G names a technology; no target or observation holds a 5."""
    rows = select(
        store,
        """SELECT ?v WHERE {
             ?v a plankg:IndicatorValue ; plankg:value 5 ;
                plankg:evidence/plankg:paragraph/plankg:localId "c09-s02-p01" }""",
    )
    assert rows == []


@pytest.mark.parametrize(
    ("grouping", "members"),
    [
        # c06-s02-p02: 扎实开展文明城区、文明单位、文明村镇、文明社区、文明家庭、文明校园“六大创建”活动
        ("六大创建", {"文明城区", "文明单位", "文明村镇", "文明社区", "文明家庭", "文明校园"}),
        # c06-s04-p01: 畅通文化馆、综合文化站、综合文化服务中心的三级文化服务网络
        ("三级文化服务网络", {"文化馆", "综合文化站", "综合文化服务中心"}),
        # c06-s03-p03: 以构建非遗项目、传承人、传习所、生产性保护基地、生态保护区“五位一体”的非遗保护传承体系为主线
        ("“五位一体”的非遗保护传承体系", {"非遗项目", "传承人", "传习所", "生产性保护基地", "生态保护区"}),
        # c09-s03-p02: 春节、元宵、清明、端午、七夕、中秋、重阳节及天仓节、龙灯节等传统节日
        ("传统节日", {"春节", "元宵", "清明", "端午", "七夕", "中秋", "重阳节", "天仓节", "龙灯节"}),
    ],
)
def test_the_plans_lists_have_their_members(store: ox.Store, grouping: str, members: set[str]) -> None:
    assert set(members_of(store, grouping, str(STATED))) == members


def test_football_base_phase_two_is_part_of_the_base(store: ox.Store) -> None:
    """c06-s05-p04: 推进国家北方足球训练基地二期项目建设."""
    rows = select(
        store,
        f"""SELECT ?base WHERE {{
              GRAPH <{STATED}> {{ ?p plankg:partOf ?b }}
              ?p rdfs:label "国家北方足球训练基地二期项目"@zh . ?b a plankg:Project ; rdfs:label ?base .
              FILTER(LANG(?base) = "zh") }}""",
    )
    assert {r["base"] for r in rows} == {"国家北方足球训练基地"}


def test_culture_art_park_draws_on_heritage_sites_without_standing_on_them(store: ox.Store) -> None:
    """c06-s05-p08: 依托赵长城遗址、大窑文化等文化遗址,多松年故居等人文景观 … 打造文化艺术产业园.
    依托 (drawing on) is not location: neither the park nor its measure is located in the sites."""
    rows = select(
        store,
        """SELECT ?place WHERE {
             ?x plankg:locatedIn/rdfs:label ?place .
             { ?x rdfs:label "文化艺术产业园"@zh } UNION { ?x rdfs:label "打造文化艺术产业园"@zh } }""",
    )
    assert rows == []
    assert select(store, """SELECT ?s WHERE { ?s a plankg:HeritageSite ; rdfs:label "多松年故居"@zh }""")


def test_four_season_events_are_projects_of_their_measure(store: ox.Store) -> None:
    """c06-s05-p01: 开展旅游产品交易会、美食文化节、花灯节、冰雪节、民族演艺活动、城市那达慕、马拉松比赛、
    草原自行车赛等活动,实现四季旅游."""
    rows = select(
        store,
        """SELECT ?event WHERE {
             ?p a plankg:Project ; rdfs:label ?event ; plankg:statusAsStated "开展"@zh ;
                plankg:implements/plankg:contributesTo/rdfs:label "实现四季旅游"@zh .
             FILTER(LANG(?event) = "zh") }""",
    )
    assert {r["event"] for r in rows} == {
        "旅游产品交易会",
        "美食文化节",
        "花灯节",
        "冰雪节",
        "民族演艺活动",
        "城市那达慕",
        "马拉松比赛",
        "草原自行车赛",
    }


def test_three_governances_are_a_reading_of_the_paragraph(store: ox.Store) -> None:
    """c09-s02-p02: 大力推进“三治”结合乡村治理体系建设 … 深化乡村自治 … 深化乡村法治 … 深化乡村德治. The paragraph
    never says that these three are the 三治, so the members are a curator's reading."""
    assert set(members_of(store, "“三治”结合", str(CURATED))) == {"乡村自治", "乡村法治", "乡村德治"}
    assert members_of(store, "“三治”结合", str(STATED)) == {}
