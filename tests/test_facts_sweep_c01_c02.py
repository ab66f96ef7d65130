"""Front matter, chapter 1 and chapter 2 after the paragraph-by-paragraph sweep for names.

What the sweep added, as a reader checks it against the plan's words: the facilities chapter 1
reports as built (名医工作室, 为老服务餐厅, 生态休闲公园, 传习基地), the campaign against illegal
finance, the 495 old-compound projects, the slogans named in passing (美丽青城, 草原都市, the
five periods of c01-s04-p12), the zone c02-s03-p03 sets out to lay out, the indicators the 2025
and 2035 objectives name without a number, and the other names of existing nodes. Every expected
value below is copied from the paragraph named in the test.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.conftest import members_of, select


@pytest.mark.parametrize(
    ("project", "status", "measure_words"),
    [
        ("名医工作室", "建立", "医药卫生体制改革深入推进"),
        ("为老服务餐厅", "建成", "居家和社区养老服务体系基本建立"),
        ("生态休闲公园", "建成", "城区园林绿化建设持续加强"),
        ("传习基地", "创建", "非物质文化遗产申报和传承保护工作成绩显著"),
        ("燃煤清洁化改造", "完成", "积极开展大气污染防治"),
        ("文化服务中心", "全部达标并免费向公众开放", "覆盖城乡、功能完备的公共文化服务体系全面建成"),
        ("社区卫生服务机构", "实现全覆盖", "紧密型医联体10 个,社区卫生服务机构实现全覆盖"),
    ],
)
def test_what_chapter_1_reports_as_built(store: ox.Store, project: str, status: str, measure_words: str) -> None:
    """c01-s01-p03 to p06: 建立名医工作室14 个 … 建成为老服务餐厅15 处 … 创建传习基地5 个 …
    建成5 处生态休闲公园 … 完成燃煤清洁化改造22515 户, each under the task of its sentence."""
    rows = select(
        store,
        f"""SELECT ?status ?measure WHERE {{
              ?p a plankg:Project ; rdfs:label "{project}"@zh ; plankg:statusAsStated ?status ;
                 plankg:implements/plankg:evidence/oa:hasSelector/oa:exact ?measure .
              FILTER(LANG(?status) = "zh") }}""",
    )
    assert rows, project
    assert {row["status"] for row in rows} == {status}
    assert any(measure_words in row["measure"] for row in rows)


def test_illegal_finance_campaign_defuses_major_risks(store: ox.Store) -> None:
    """c01-s01-p03: 防范化解重大风险力度加大 … 加大非法金融活动排查整治力度."""
    rows = select(
        store,
        """SELECT ?goal WHERE {
             ?p a plankg:Campaign ; rdfs:label "非法金融活动排查整治"@zh ;
                plankg:implements/plankg:contributesTo/rdfs:label ?goal .
             FILTER(LANG(?goal) = "zh") }""",
    )
    assert {row["goal"] for row in rows} == {"防范化解重大风险"}


def test_old_compound_projects_completed(store: ox.Store) -> None:
    """c01-s01-p07: 毫沁营等50 个棚户区改造项目及495 个老旧小区综合改造项目实施完成."""
    rows = select(
        store,
        """SELECT ?alias ?status WHERE {
             ?p a plankg:Project ; rdfs:label "495 个老旧小区综合改造项目"@zh ; skos:altLabel ?alias ;
                plankg:statusAsStated ?status ;
                plankg:implements/rdfs:label "稳步推进棚户区、老旧小区改造"@zh .
             FILTER(LANG(?status) = "zh") }""",
    )
    assert {row["alias"] for row in rows} == {"老旧小区综合改造项目"}
    assert {row["status"] for row in rows} == {"实施完成"}


@pytest.mark.parametrize(
    ("label", "alias"),
    [
        ("图书馆", "区图书馆"),
        ("精准扶贫、精准脱贫方略", "精准扶贫"),
        ("精准扶贫、精准脱贫方略", "精准脱贫"),
        ("毫沁营等50 个棚户区改造项目", "棚户区改造项目"),
        ("绿水青山就是金山银山", "既要绿水青山,也要金山银山"),
    ],
)
def test_other_names_of_existing_nodes(store: ox.Store, label: str, alias: str) -> None:
    """c01-s01-p05 区文化馆、图书馆; c01-s01-p03 精准扶贫、精准脱贫方略; c01-s01-p07 棚户区改造项目;
    c02-s02-p07 “既要绿水青山,也要金山银山”."""
    rows = select(store, f"""SELECT ?n WHERE {{ ?n rdfs:label "{label}"@zh ; skos:altLabel "{alias}"@zh }}""")
    assert len(rows) == 1, (label, alias)


def test_beautiful_qingcheng_and_grassland_metropolis(store: ox.Store) -> None:
    """c02-s01-p01: 牢牢把握呼和浩特打造美丽青城、草原都市."""
    members = members_of(store, "美丽青城、草原都市")
    assert set(members) == {"美丽青城", "草原都市"}
    assert all("美丽青城、草原都市" in quote for quote in members.values())


def test_ecology_into_industry_and_industry_made_ecological(store: ox.Store) -> None:
    """c01-s04-p05: 探索符合自身特点的生态产业化、产业生态化之路."""
    assert set(members_of(store, "生态产业化、产业生态化")) == {"生态产业化", "产业生态化"}


def test_five_periods_of_the_14th_plan(store: ox.Store) -> None:
    """c01-s04-p12: 我区处于高质量发展的转型期、绿色发展的突破期、品质竞争的攻坚期、科技引领的提升期、
    服务业发展的提质期."""
    assert set(members_of(store, "转型期、突破期、攻坚期、提升期、提质期")) == {
        "高质量发展的转型期",
        "绿色发展的突破期",
        "品质竞争的攻坚期",
        "科技引领的提升期",
        "服务业发展的提质期",
    }


def test_yellow_river_strategy_is_a_major_national_regional_strategy(store: ox.Store) -> None:
    """c01-s04-p02: 黄河流域生态保护和高质量发展上升为国家重大区域战略."""
    rows = select(
        store,
        """SELECT ?broader WHERE {
             ?c rdfs:label "黄河流域生态保护和高质量发展"@zh ; skos:broader/rdfs:label ?broader .
             FILTER(LANG(?broader) = "zh") }""",
    )
    assert "国家重大区域战略" in {row["broader"] for row in rows}


@pytest.mark.parametrize(
    ("indicator", "goal"),
    [
        ("科技进步对经济发展的贡献率", "区域创新力持续增强"),
        ("一般公共预算收入", "一般公共预算收入稳步增长"),
        ("单位GDP 能耗", "单位GDP 能耗降到国家和自治区要求的范围之内"),
        ("空气质量优良天数比例", "空气质量优良天数比例达到自治区和呼市要求"),
        ("碳排放总量", "全区能源和水资源消耗、建设用地、碳排放总量得到有效控制"),
        ("人均地区生产总值", "社会现代化基本实现"),
    ],
)
def test_indicators_the_objectives_name(store: ox.Store, indicator: str, goal: str) -> None:
    """c02-s04-p02, p03, p07: indicators named by the 2025 and 2035 objectives without a value."""
    rows = select(
        store,
        f"""SELECT ?goal WHERE {{
              ?i a plankg:Indicator ; rdfs:label "{indicator}"@zh ; plankg:measures/rdfs:label ?goal .
              FILTER(LANG(?goal) = "zh") }}""",
    )
    assert {row["goal"] for row in rows} == {goal}


def test_featured_consumption_clusters_and_landmark_venues(store: ox.Store) -> None:
    """c02-s03-p03: 布局特色消费集聚区,建设地标性的消费场所 … 打造自治区消费升级引领区."""
    rows = select(
        store,
        """SELECT ?goal WHERE {
             ?p a plankg:Project ; rdfs:label "地标性的消费场所"@zh ; plankg:implements ?m .
             ?m plankg:contributesTo/rdfs:label ?goal .
             ?a a plankg:Area ; rdfs:label "特色消费集聚区"@zh .
             FILTER(LANG(?goal) = "zh") }""",
    )
    assert {row["goal"] for row in rows} == {"消费升级引领区"}


def test_59th_corps_named_by_the_cemetery(store: ox.Store) -> None:
    """c01-s01-p05: 华北军第五十九军抗日阵亡将士公墓被列为国家级抗战纪念设施."""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?o a plankg:Organization ; rdfs:label "华北军第五十九军"@zh ;
                plankg:evidence/oa:hasSelector/oa:exact ?quote }""",
    )
    assert any("华北军第五十九军抗日阵亡将士公墓" in row["quote"] for row in rows)


def test_culture_sports_exhibition_events_serve_the_chilechuan_base(store: ox.Store) -> None:
    """c02-s03-p05: 积极举办文化体育会展活动 … 打造敕勒川文旅融合创新基地."""
    rows = select(
        store,
        """SELECT ?goal WHERE {
             ?p a plankg:Event ; rdfs:label "文化体育会展活动"@zh ;
                plankg:implements/plankg:contributesTo/rdfs:label ?goal .
             FILTER(LANG(?goal) = "zh") }""",
    )
    assert "敕勒川文旅融合创新基地" in {row["goal"] for row in rows}


def test_higher_level_plans_are_a_document(store: ox.Store) -> None:
    """front-p01: 新城区政府以上级“十四五”规划和中共新城区委《关于制定…的建议》为依据."""
    rows = select(
        store,
        """SELECT ?scheme WHERE {
             ?c a plankg:Concept ; rdfs:label "上级“十四五”规划"@zh ; skos:inScheme/rdfs:label ?scheme .
             FILTER(LANG(?scheme) = "zh") }""",
    )
    assert {row["scheme"] for row in rows} == {"文件"}


def test_the_country_by_its_names_in_the_plan(store: ox.Store) -> None:
    """c01-s03-p03 我国经济长期向好的基本面没有变; c02-s04-p07 与全国一道基本实现社会主义现代化."""
    rows = select(
        store,
        """SELECT ?alias WHERE {
             ?p a/rdfs:subClassOf* plankg:Place ; rdfs:label "我国"@zh ; skos:altLabel ?alias }""",
    )
    assert {row["alias"] for row in rows} >= {"全国", "中国"}
