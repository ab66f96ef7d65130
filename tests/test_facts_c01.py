"""Front matter and chapter 1 (全面建成小康社会踏上历史新起点) as a reader checks them against the text.

Chapter 1 looks back on the 13th plan and forward at the environment: its numbers are
observations (13th-plan achievements and 2015 baselines), its findings are assessments and
drivers, and its few projects were built or advanced under 13th-plan tasks. Every expected value
below is copied from the paragraph named in the test.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.build import PlanInput
from plankg.graph.coverage import plan_coverage
from plankg.graph.namespaces import PLANKG, graph_iri
from plankg.loaders.quotes import years_in
from tests.conftest import PLAN, select

CURATED = graph_iri(PLAN, "curated")


def _observation(store: ox.Store, words: str, value: str) -> dict[str, str]:
    """The observation whose quote holds `words` and whose value is `value`."""
    rows = select(
        store,
        f"""SELECT ?obs ?year ?unit ?quote ?indicator ?fromPeriod WHERE {{
              ?obs a/rdfs:subClassOf* plankg:Observation ; plankg:value ?value ; plankg:year ?year ; plankg:unit ?unit ;
                   plankg:evidence/oa:hasSelector/oa:exact ?quote ; plankg:indicator/rdfs:label ?indicator .
              OPTIONAL {{ ?obs plankg:yearFromPlanPeriod ?fromPeriod }}
              FILTER(LANG(?unit) = "zh" && LANG(?indicator) = "zh" && ?value = {value}
                     && CONTAINS(?quote, "{words}")) }}""",
    )
    assert rows, f"no observation {value} quoting {words}"
    return rows[0]


def _classes(store: ox.Store, node: str) -> set[str]:
    return {row["cls"] for row in select(store, f"SELECT ?cls WHERE {{ <{node}> a ?cls }}")}


@pytest.mark.parametrize(
    ("words", "value", "unit", "indicator", "year"),
    [
        # c01-s01-p02: 2020 年,地区生产总值达到607.37亿元,年均增长5.4%。
        ("2020 年,地区生产总值达到607.37亿元", "607.37", "亿元", "地区生产总值", "2020"),
        # c01-s01-p02: 2020 年,服务业增加值实现532.05 亿元,拉动经济上升16.43 个百分点
        ("服务业增加值实现532.05 亿元", "532.05", "亿元", "服务业增加值", "2020"),
        ("拉动经济上升16.43 个百分点", "16.43", "个百分点", "服务业拉动经济增长", "2020"),
        # c01-s01-p04: 城市低保由2015 年的每人每年6780 元提高到9060元
        ("城市低保由2015 年的每人每年6780 元", "6780", "元(每人每年)", "城市低保", "2015"),
    ],
)
def test_observations_with_the_year_the_text_writes(
    store: ox.Store, words: str, value: str, unit: str, indicator: str, year: str
) -> None:
    row = _observation(store, words, value)
    assert (row["unit"], row["indicator"], row["year"]) == (unit, indicator, year)
    assert year in row["quote"]
    assert "fromPeriod" not in row


@pytest.mark.parametrize(
    ("words", "years"),
    [("从“十二五”期末的35378 元", {2015}), ("到“十四五”末", {2025}), ("“十三五”期间", set()), ("2020 年", {2020})],
)
def test_a_quote_dates_a_value_by_digits_or_by_the_end_of_a_five_year_plan(words: str, years: set[int]) -> None:
    assert {int(year) for year in years_in(words) if 1949 <= year <= 2100} == years


def test_a_value_dated_by_the_end_of_the_previous_plan_is_a_baseline_of_that_year(store: ox.Store) -> None:
    """c01-s01-p02: 全体居民人均可支配收入从“十二五”期末的35378 元增加到48662 元: “十二五”期末 is 2015."""
    row = _observation(store, "从“十二五”期末的35378 元", "35378")
    assert (row["unit"], row["year"]) == ("元", "2015")
    assert "fromPeriod" not in row  # the quote dates it, not the plan period
    assert "Baseline" in {cls.rpartition("#")[2] for cls in _classes(store, row["obs"])}


@pytest.mark.parametrize(
    ("words", "value", "unit", "indicator"),
    [
        # c01-s01-p02: 地区生产总值…年均增长5.4% (the 13th-plan average; ch02's indicator, target 6%左右)
        ("年均增长5.4%", "5.4", "%", "地区生产总值年均增长"),
        # c01-s01-p03: 842 户1766 名建档立卡贫困人口全部脱贫
        ("842 户1766 名建档立卡贫困人口全部脱贫", "1766", "名", "建档立卡贫困人口脱贫人数"),
        # c01-s01-p03: 累计化解政府债务45.57 亿元
        ("累计化解政府债务45.57 亿元", "45.57", "亿元", "累计化解政府债务"),
        # c01-s01-p04: 城镇新增就业4.5 万人
        ("城镇新增就业4.5 万人", "4.5", "万人", "城镇新增就业"),
        # c01-s01-p06: 全区森林覆盖率提高到44.3% (ch02's indicator, target 44%以上)
        ("全区森林覆盖率提高到44.3%", "44.3", "%", "森林覆盖率"),
        # c01-s01-p06: 中心城区绿地率达38%,人均公共绿地面积达到18 平方米 (ch08's indicators)
        ("中心城区绿地率达38%", "38", "%", "中心城区绿地率"),
        ("人均公共绿地面积达到18 平方米", "18", "平方米", "人均公共绿地面积"),
    ],
)
def test_thirteenth_plan_achievements_take_the_year_before_the_plan(
    store: ox.Store, words: str, value: str, unit: str, indicator: str
) -> None:
    row = _observation(store, words, value)
    assert (row["unit"], row["indicator"]) == (unit, indicator)
    assert row["year"] == "2020", "a 十三五 achievement with no year in its quote is dated to the end of that plan"
    assert "fromPeriod" in row
    assert str(PLANKG.Achievement) in _classes(store, row["obs"])


def test_dibao_rose_from_a_2015_baseline(store: ox.Store) -> None:
    """c01-s01-p04: 城市低保由2015 年的每人每年6780 元提高到9060元 — one indicator, two values."""
    rows = select(
        store,
        """SELECT ?value ?year ?kind WHERE {
             ?obs plankg:indicator ?ind ; plankg:value ?value ; plankg:year ?year ; a ?kind .
             ?ind rdfs:label "城市低保"@zh .
             FILTER(?kind IN (plankg:Baseline, plankg:Achievement)) }""",
    )
    found = {(row["value"], row["year"], row["kind"]) for row in rows}
    assert found == {("6780", "2015", str(PLANKG.Baseline)), ("9060", "2020", str(PLANKG.Achievement))}


def test_forest_coverage_joins_the_13th_plan_value_to_the_2025_target(store: ox.Store) -> None:
    """c01-s01-p06 (44.3%) and c02-s04-p03 (保持在44%以上) share one indicator."""
    rows = select(
        store,
        """SELECT ?kind ?value WHERE {
             ?ind rdfs:label "森林覆盖率"@zh . ?v plankg:indicator ?ind ; plankg:value ?value ; a ?kind .
             FILTER(?kind IN (plankg:Target, plankg:Achievement)) }""",
    )
    assert {(row["kind"], row["value"]) for row in rows} >= {
        (str(PLANKG.Achievement), "44.3"),
        (str(PLANKG.Target), "44"),
    }


def test_poverty_figures_measure_the_battle_against_poverty(store: ox.Store) -> None:
    """c01-s01-p03: 脱贫攻坚取得决定性胜利 … 842 户1766 名建档立卡贫困人口全部脱贫."""
    rows = select(
        store,
        """SELECT DISTINCT ?value ?finding WHERE {
             ?goal a plankg:Goal ; rdfs:label "脱贫攻坚"@zh .
             ?ind plankg:measures ?goal . ?obs plankg:indicator ?ind ; plankg:value ?value .
             ?asm a plankg:Assessment ; plankg:bearsOn ?goal ; rdfs:label ?finding .
             FILTER(LANG(?finding) = "zh") }""",
    )
    assert {row["value"] for row in rows} == {"842", "1766"}
    assert {row["finding"] for row in rows} >= {"脱贫攻坚取得决定性胜利", "水泉村成为市级脱贫攻坚“样板村”"}


def test_front_slope_parks_built_under_the_front_slope_treatment(store: ox.Store) -> None:
    """c01-s01-p06: 深入推进大青山前坡生态综合治理工程,建成…哈拉沁生态公园、雅玛图森林公园等一批生态项目."""
    rows = select(
        store,
        """SELECT ?project ?status ?place WHERE {
             ?p a plankg:Project ; rdfs:label ?project ; plankg:statusAsStated ?status ;
                plankg:implements ?m .
             ?m rdfs:label "深入推进大青山前坡生态综合治理工程"@zh ; plankg:locatedIn/rdfs:label ?place .
             FILTER(LANG(?project) = "zh" && LANG(?status) = "zh" && LANG(?place) = "zh") }""",
    )
    assert {(row["project"], row["status"], row["place"]) for row in rows} >= {
        ("哈拉沁生态公园", "建成", "大青山前坡"),
        ("雅玛图森林公园", "建成", "大青山前坡"),
    }


def test_tailings_ponds_serve_pollution_control(store: ox.Store) -> None:
    """c01-s01-p03: 大力推进土壤污染防治,…哈拉沁、哈拉更和化工厂3 个尾矿库治理工程有序推进."""
    rows = select(
        store,
        """SELECT ?status ?measure ?goal WHERE {
             ?p a plankg:Project ; rdfs:label "哈拉沁、哈拉更和化工厂3 个尾矿库治理工程"@zh ;
                plankg:statusAsStated ?status ; plankg:implements ?m .
             ?m rdfs:label ?measure ; plankg:contributesTo/rdfs:label ?goal .
             FILTER(LANG(?status) = "zh" && LANG(?measure) = "zh" && LANG(?goal) = "zh") }""",
    )
    assert rows == [{"status": "有序推进", "measure": "大力推进土壤污染防治", "goal": "污染防治"}]


def test_hohhot_chilechuan_projects_support_the_culture_tourism_base(store: ox.Store) -> None:
    """c01-s04-p06: 呼和浩特将…建设…敕勒川草原文化旅游带,打造敕勒川文化旅游度假区。这将为我区有效促进文旅融合发展."""
    rows = select(
        store,
        """SELECT ?project ?place ?positioning WHERE {
             ?p a plankg:Project ; rdfs:label ?project ; plankg:locatedIn/rdfs:label ?place ;
                plankg:implements/plankg:contributesTo ?goal .
             ?goal a plankg:Positioning ; rdfs:label ?positioning .
             FILTER(LANG(?project) = "zh" && LANG(?place) = "zh" && LANG(?positioning) = "zh"
                    && STRSTARTS(?project, "敕勒川")) }""",
    )
    found = {(row["project"], row["place"], row["positioning"]) for row in rows}
    assert found >= {
        ("敕勒川草原文化旅游带", "呼和浩特市", "敕勒川文旅融合创新基地"),
        ("敕勒川文化旅游度假区", "呼和浩特市", "敕勒川文旅融合创新基地"),
    }


def test_cas_senior_experts_center_is_the_partner_of_the_cooperation(store: ox.Store) -> None:
    """c01-s01-p02: 与中科院老专家中心等5 家团队建立长期合作."""
    rows = select(
        store,
        """SELECT ?measure ?quote WHERE {
             ?org a/rdfs:subClassOf* plankg:Organization ; rdfs:label "中科院老专家中心"@zh .
             ?m plankg:hasPairingPartner ?org .
             ?m a plankg:Measure ; rdfs:label ?measure ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             FILTER(LANG(?measure) = "zh") }""",
    )
    assert any(row["measure"] == "与中科院老专家中心等5 家团队建立长期合作" for row in rows)
    assert any("5 家团队" in row["quote"] for row in rows)
    teams = _observation(store, "中科院老专家中心等5 家团队", "5")
    assert teams["unit"] == "家"


@pytest.mark.parametrize(
    ("place", "kind", "within"),
    [
        ("华北军第五十九军抗日阵亡将士公墓", "HeritageSite", "新城区"),
        ("毫沁营", "Place", "新城区"),
        ("哲里木路", "Road", "呼和浩特市"),
    ],
)
def test_places_lie_within_by_a_curators_reading(store: ox.Store, place: str, kind: str, within: str) -> None:
    """c01-s01-p05 and c01-s01-p07 name these places; the text does not say where they lie (curated graph)."""
    rows = select(
        store,
        f"""SELECT ?why WHERE {{
              ?p a plankg:{kind} ; rdfs:label "{place}"@zh .
              ?w rdfs:label "{within}"@zh .
              GRAPH <{CURATED}> {{ ?s rdf:subject ?p ; rdf:predicate plankg:within ; rdf:object ?w ;
                                      plankg:justification ?why }} }}""",
    )
    assert rows and rows[0]["why"]


def test_concepts_named_by_the_poverty_finding(store: ox.Store) -> None:
    """c01-s01-p03: 按照“六个精准、五个一批”工作要求,…深入实施精准扶贫、精准脱贫方略."""
    rows = select(
        store,
        """SELECT ?concept ?scheme WHERE {
             ?asm a plankg:Assessment ; rdfs:label "脱贫攻坚取得决定性胜利"@zh ; plankg:relatedConcept ?c .
             ?c a plankg:Concept ; skos:prefLabel ?concept ; skos:inScheme/rdfs:label ?scheme .
             FILTER(LANG(?concept) = "zh" && LANG(?scheme) = "zh") }""",
    )
    found = {(row["concept"], row["scheme"]) for row in rows}
    assert ("六个精准、五个一批", "提法与口号") in found
    assert ("精准扶贫、精准脱贫方略", "理论与思想") in found


def test_ecological_demonstration_zone_bears_on_the_2025_consolidation(store: ox.Store) -> None:
    """c01-s01-p06: 成功创建为“国家生态文明建设示范区” — to be consolidated by 2025 (c02-s04-p01, c02-s04-p03)."""
    rows = select(
        store,
        """SELECT ?goal ?paragraph WHERE {
             ?asm a plankg:Assessment ; rdfs:label "成功创建为“国家生态文明建设示范区”"@zh .
             ?s rdf:subject ?asm ; rdf:predicate plankg:bearsOn ; rdf:object ?g ;
                plankg:evidence/plankg:paragraph/plankg:localId ?paragraph .
             ?g rdfs:label ?goal . FILTER(LANG(?goal) = "zh") }""",
    )
    assert {(row["goal"], row["paragraph"]) for row in rows} == {
        ("国家生态文明建设示范区、国家双创示范基地创建成果巩固提升", "c02-s04-p01"),
        ("国家生态文明建设示范区创建成果进一步巩固", "c02-s04-p03"),
    }


def test_capital_core_area_is_to_lead_the_way(store: ox.Store) -> None:
    """c01-s03-p05: 作为首府核心区,我区要“走在前、作表率”."""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?d a plankg:Driver ; plankg:bearsOn ?g ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?g rdfs:label "三个“走在前、作表率”的目标"@zh . }""",
    )
    assert any("作为首府核心区" in row["quote"] for row in rows)


def test_chapter_one_and_front_matter_fully_covered(plan_input: PlanInput) -> None:
    """Every paragraph cited; every number quoted or listed as no fact (hotlines, line numbers, 5G …)."""
    plan = plan_input
    report = plan_coverage(plan, {"c01", "front"})
    assert {(part.part, part.paragraphs, part.cited) for part in report.parts} == {("c01", 32, 32), ("front", 1, 1)}
    assert report.uncovered == []
    reasons = {note.span.paragraph for note in plan.curated.not_facts if note.span.paragraph.startswith("c01")}
    assert {"c01-s01-p04", "c01-s01-p07", "c01-s04-p04"} <= reasons


def test_tailings_pond_batch_has_one_part_per_pond(store: ox.Store) -> None:
    """c01-s01-p03: 哈拉沁、哈拉更和化工厂3 个尾矿库治理工程有序推进 — the batch and its three ponds."""
    rows = select(
        store,
        """SELECT ?part ?status WHERE {
             ?batch a plankg:Project ; rdfs:label "哈拉沁、哈拉更和化工厂3 个尾矿库治理工程"@zh .
             ?p plankg:partOf ?batch ; rdfs:label ?part ; plankg:statusAsStated ?status .
             FILTER(LANG(?part) = "zh" && LANG(?status) = "zh") }""",
    )
    assert {(row["part"], row["status"]) for row in rows} == {
        ("哈拉沁尾矿库治理工程", "有序推进"),
        ("哈拉更尾矿库治理工程", "有序推进"),
        ("化工厂尾矿库治理工程", "有序推进"),
    }


@pytest.mark.parametrize(
    ("project", "status"),
    [
        # c01-s01-p07: 京呼高铁开通,轨道交通1、2 号线建成投用,哲里木路、海东路高架快速路通车
        ("京呼高铁", "开通"),
        ("轨道交通1、2 号线", "建成投用"),
        ("哲里木路高架快速路", "通车"),
        ("海东路高架快速路", "通车"),
        # c01-s01-p04: 实验中学东河校区、…建成投入使用,…北垣小学北校区建设工程奠基开工
        ("实验中学东河校区", "建成投入使用"),
        ("苏虎街实验小学科尔沁校区", "建成投入使用"),
        ("青山小学惠东校区", "建成投入使用"),
        ("北垣小学北校区建设工程", "奠基开工"),
        # c01-s01-p04: 建成了智慧养老指挥调度中心,开通了“960789”24 小时服务热线
        ("智慧养老指挥调度中心", "建成"),
        ("“960789”24 小时服务热线", "开通"),
    ],
)
def test_thirteenth_plan_facilities_keep_their_stated_status(store: ox.Store, project: str, status: str) -> None:
    rows = select(
        store,
        f"""SELECT ?status ?quote WHERE {{
              ?p a plankg:Project ; rdfs:label "{project}"@zh ; plankg:statusAsStated ?status ;
                 plankg:implements/plankg:evidence/oa:hasSelector/oa:exact ?quote .
              FILTER(LANG(?status) = "zh") }}""",
    )
    assert rows, f"no project {project} implementing a measure"
    assert {row["status"] for row in rows} == {status}
    assert any(status in row["quote"] for row in rows)


def test_rail_transit_lines_are_parts_of_the_pair(store: ox.Store) -> None:
    """c01-s01-p07: 轨道交通1、2 号线建成投用 — one node per line, each a part of the pair."""
    rows = select(
        store,
        """SELECT ?line WHERE {
             ?pair rdfs:label "轨道交通1、2 号线"@zh . ?l plankg:partOf ?pair ; rdfs:label ?line .
             FILTER(LANG(?line) = "zh") }""",
    )
    assert {row["line"] for row in rows} == {"轨道交通1号线", "轨道交通2号线"}


@pytest.mark.parametrize(
    ("concept", "members"),
    [
        # c01-s01-p02: 众创空间、星创天地、工程技术中心、重点实验室等研发载体数量显著增加
        ("研发载体", {"众创空间", "星创天地", "工程技术中心", "重点实验室"}),
        # c01-s01-p02: 涌现出华讯高科、信元网安、钛西光华等一批高新技术企业代表
        ("高新技术企业代表", {"华讯高科", "信元网安", "钛西光华"}),
        # c01-s04-p04: 为我区建设数据中心、智慧交通创新中心、云计算大数据平台等数字基础设施
        ("数字基础设施", {"数据中心", "智慧交通创新中心", "云计算大数据平台"}),
        # c01-s01-p03: 按照“六个精准、五个一批”工作要求
        ("六个精准、五个一批", {"六个精准", "五个一批"}),
    ],
)
def test_named_lists_have_their_members(store: ox.Store, concept: str, members: set[str]) -> None:
    rows = select(
        store,
        f"""SELECT ?member WHERE {{
              ?c a plankg:Concept ; skos:prefLabel "{concept}"@zh ; plankg:hasMember ?m .
              ?m rdfs:label ?member . FILTER(LANG(?member) = "zh") }}""",
    )
    assert {row["member"] for row in rows} == members


@pytest.mark.parametrize(
    ("words", "value", "comparator"),
    [
        # c01-s01-p02: 服务业对经济增长的贡献率保持在90%以上
        ("服务业对经济增长的贡献率保持在90%以上", "90", "atLeast"),
        # c01-s01-p07: “三去一降一补”“放管服”“营改增”等40 多项改革扎实推进
        ("等40 多项改革扎实推进", "40", "moreThan"),
        # c01-s02-p03: 全区700平方公里的土地中将近600平方公里属于国家自然保护区
        ("将近600平方公里", "600", "nearly"),
        # c01-s01-p04: 城镇登记失业率控制在4.5%以内
        ("城镇登记失业率控制在4.5%以内", "4.5", "atMost"),
    ],
)
def test_observations_keep_the_plans_qualifier(store: ox.Store, words: str, value: str, comparator: str) -> None:
    rows = select(
        store,
        f"""SELECT ?comparator WHERE {{
              ?obs a/rdfs:subClassOf* plankg:Observation ; plankg:value ?value ; plankg:comparator ?comparator ;
                   plankg:evidence/oa:hasSelector/oa:exact ?quote .
              FILTER(?value = {value} && CONTAINS(?quote, "{words}")) }}""",
    )
    assert [row["comparator"] for row in rows] == [str(PLANKG[comparator])]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        # c01-s01-p03: 累计化解政府债务45.57 亿元
        ("累计化解政府债务45.57 亿元", "45.57"),
        # c01-s01-p04: 城镇新增就业4.5 万人
        ("城镇新增就业4.5 万人", "4.5"),
        # c01-s01-p07: 毫沁营等50 个棚户区改造项目及495 个老旧小区综合改造项目实施完成
        ("495 个老旧小区综合改造项目实施完成", "495"),
    ],
)
def test_thirteenth_plan_totals_span_2016_to_2020(store: ox.Store, words: str, value: str) -> None:
    rows = select(
        store,
        f"""SELECT ?from ?year WHERE {{
              ?obs a plankg:Achievement ; plankg:value ?value ; plankg:year ?year ;
                   plankg:evidence/oa:hasSelector/oa:exact ?quote .
              GRAPH <{CURATED}> {{ ?obs plankg:fromYear ?from }}
              FILTER(?value = {value} && CONTAINS(?quote, "{words}")) }}""",
    )
    assert [(row["from"], row["year"]) for row in rows] == [("2016", "2020")]


def test_front_slope_projects_are_parts_of_the_treatment_project(store: ox.Store) -> None:
    """c01-s01-p06: 深入推进大青山前坡生态综合治理工程,建成敕勒川草原、哈拉沁生态公园、雅玛图森林公园等一批生态项目."""
    rows = select(
        store,
        """SELECT ?part WHERE {
             ?whole a plankg:Project ; rdfs:label "大青山前坡生态综合治理工程"@zh .
             ?p plankg:partOf ?whole ; rdfs:label ?part . FILTER(LANG(?part) = "zh") }""",
    )
    assert {row["part"] for row in rows} >= {"哈拉沁生态公园", "雅玛图森林公园", "敕勒川草原建设项目"}
