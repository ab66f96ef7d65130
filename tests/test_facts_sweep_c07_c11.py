"""Chapters 7-11 and the glossary, second reading: named things a paragraph-by-paragraph reading
found that were not yet nodes, as a reader checks them against the plan's words.

Every expected name below is copied from the paragraph named in the test: the training
programmes of c07-s02-p04, the volunteer campaign for the elderly (c07-s06-p02), renovation items
of old compounds (c08-s01-p04), rural facilities (c09-s02-p01), the crops that c09 lists under
its grouping concepts, slogans coined in passing, and short names of nodes with a long name.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from tests.conftest import members_of, select

SKILLS_MEASURE = "围绕市场急需紧缺职业开展健康、养老、托幼、家政、保安、电商、汽修、电工、妇女手工业等就业技能培训"
BRANDS = "积极培育有机蔬菜、草莓、金丝皇菊、杏等特色农产品区域公共品牌"
CROPS = "发展红辣椒、草莓、葡萄、樱桃等特色果蔬及蝴蝶兰等花卉和芍药、杭白菊等药材产业"


@pytest.mark.parametrize(
    ("project", "measure"),
    [
        ("就业技能培训", SKILLS_MEASURE),
        ("创业指导培训", "围绕促进创业开展经营管理、品牌建设、市场拓展、风险防控等创业指导培训"),
        ("企业职工技能培训", "积极开展企业职工技能培训"),
        ("教师信息技术应用能力培训", "开展教师信息技术应用能力培训"),
        ("农村污水管网", "全面提升农村供水能力,加强农村污水管网建设"),
        ("太阳能路灯", "完善乡村公共照明设施"),
        ("新型节能路灯", "完善乡村公共照明设施"),
    ],
)
def test_programmes_and_facilities_implement_their_measure(store: ox.Store, project: str, measure: str) -> None:
    rows = select(
        store,
        f"""SELECT ?measure WHERE {{
              ?p a plankg:Project ; rdfs:label "{project}"@zh ; plankg:implements/rdfs:label ?measure .
              FILTER(LANG(?measure) = "zh") }}""",
    )
    assert measure in {row["measure"] for row in rows}


def test_new_skills_training_names_ai_cloud_and_big_data(store: ox.Store) -> None:
    """c07-s02-p04: 加大人工智能、云计算、大数据等新技能培训力度."""
    rows = select(
        store,
        """SELECT ?concept ?quote WHERE {
             ?p a plankg:Project ; rdfs:label "新技能培训"@zh ; plankg:relatedConcept/rdfs:label ?concept ;
                plankg:evidence/oa:hasSelector/oa:exact ?quote .
             FILTER(LANG(?concept) = "zh") }""",
    )
    assert {"人工智能", "云计算", "大数据"} <= {row["concept"] for row in rows}
    assert {row["quote"] for row in rows} == {"加大人工智能、云计算、大数据等新技能培训力度"}


def test_volunteer_actions_for_the_elderly_are_a_campaign(store: ox.Store) -> None:
    """c07-s06-p02: 组织开展各类为老志愿服务行动 … 大力支持社会组织为老志愿服务行动."""
    rows = select(
        store,
        """SELECT ?measure ?status WHERE {
             ?p a plankg:Campaign ; rdfs:label "为老志愿服务行动"@zh ; plankg:statusAsStated ?status ;
                plankg:implements/rdfs:label ?measure .
             FILTER(LANG(?measure) = "zh" && LANG(?status) = "zh") }""",
    )
    assert {row["measure"] for row in rows} == {"组织开展各类为老志愿服务行动", "大力支持社会组织为老志愿服务行动"}
    assert {row["status"] for row in rows} == {"组织开展"}


@pytest.mark.parametrize("item", ["健身器材", "加装电梯", "停车场"])
def test_compound_improvements_are_part_of_the_old_compound_renovation(store: ox.Store, item: str) -> None:
    """c08-s01-p04: … 健身器材、绿化美化、智能快递箱、加装电梯,以及小区内或周边绿化照明、停车场 … 完善类改造."""
    rows = select(
        store,
        f"""SELECT ?whole ?measure WHERE {{
              ?p a plankg:Project ; rdfs:label "{item}"@zh ; plankg:partOf/rdfs:label ?whole ;
                 plankg:implements/rdfs:label ?measure .
              FILTER(LANG(?whole) = "zh" && LANG(?measure) = "zh") }}""",
    )
    assert rows, item
    assert {(row["whole"], row["measure"]) for row in rows} == {("城区老旧小区改造工程", "完善类改造")}


@pytest.mark.parametrize(
    ("grouping", "members", "quote"),
    [
        ("特色农产品区域公共品牌", {"有机蔬菜", "草莓", "金丝皇菊", "杏"}, BRANDS),
        ("特色果蔬", {"红辣椒", "草莓", "葡萄", "樱桃"}, CROPS),
        ("花卉", {"蝴蝶兰"}, CROPS),
        ("药材产业", {"芍药", "杭白菊"}, CROPS),
    ],
)
def test_crops_listed_in_chapter_9(store: ox.Store, grouping: str, members: set[str], quote: str) -> None:
    found = members_of(store, grouping)
    assert members <= set(found), grouping
    assert {found[m] for m in members} == {quote}


@pytest.mark.parametrize(
    ("slogan", "paragraph"),
    [
        ("游在呼市,住在新城", "c10-s04-p04"),
        ("建链、延链、强链、补链", "c10-s02-p03"),
        ("早发现、早报告、早处置", "c08-s07-p04"),
        ("人员底数清、劳动能力清、就业状态清、外出意愿清", "c09-s04-p01"),
        ("先编规划、后定项目、再排资金", "c11-s03-p05"),
    ],
)
def test_slogans_coined_in_passing(store: ox.Store, slogan: str, paragraph: str) -> None:
    rows = select(
        store,
        f"""SELECT ?scheme ?quote ?para WHERE {{
              ?c a plankg:Concept ; skos:prefLabel "{slogan}"@zh ; skos:inScheme/rdfs:label ?scheme ;
                 plankg:evidence ?e . ?e oa:hasSelector/oa:exact ?quote ; plankg:paragraph/plankg:localId ?para .
              FILTER(LANG(?scheme) = "en") }}""",
    )
    assert rows, slogan
    assert any(slogan in row["quote"] for row in rows)
    assert {row["para"] for row in rows} == {paragraph}


@pytest.mark.parametrize(
    ("label", "alias"),
    [
        ("国家生态文明建设示范区", "国家生态文明示范区"),  # c08-s05-p04: 巩固国家生态文明示范区创建成果
        ("新城区", "新城"),  # c10-s04-p04: 让广大游客游在呼市,住在新城
        ("蒙中医", "蒙中医药"),  # c07-s05-p01: 提升基层蒙中医药服务能力
    ],
)
def test_short_names_are_aliases(store: ox.Store, label: str, alias: str) -> None:
    rows = select(store, f"""SELECT ?n WHERE {{ ?n rdfs:label "{label}"@zh ; skos:altLabel "{alias}"@zh }}""")
    assert len(rows) == 1


def test_secondary_hospital_is_a_designation(store: ox.Store) -> None:
    """c07-s05-p03: 符合二级医院基本标准的镇卫生院,积极申请二级医院评审."""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?c a plankg:Concept ; skos:prefLabel "二级医院"@zh ; skos:inScheme ?s ;
                plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?s rdfs:label ?scheme . FILTER(LANG(?scheme) = "zh" || LANG(?scheme) = "en") }""",
    )
    assert rows
    assert "积极申请二级医院评审" in rows[0]["quote"]


DISPUTES = "完善调解、仲裁、行政裁决、行政复议、诉讼等有机衔接、相互协调的多元化纠纷解决机制"


def test_means_of_dispute_resolution(store: ox.Store) -> None:
    """c08-s07-p02: the five means the diversified dispute-resolution mechanism links."""
    found = members_of(store, "多元化纠纷解决机制")
    assert {"调解", "仲裁", "行政裁决", "行政复议", "诉讼"} <= set(found)
    assert found["行政复议"] == DISPUTES


@pytest.mark.parametrize(
    "kind", ["党内监督", "人大监督", "民主监督", "行政监督", "司法监督", "审计监督", "社会监督", "舆论监督"]
)
def test_eight_kinds_of_supervision(store: ox.Store, kind: str) -> None:
    """c08-s06-p01: 加强党内监督、人大监督、民主监督、行政监督、司法监督、审计监督、社会监督、舆论监督制度建设."""
    rows = select(
        store,
        f"""SELECT ?quote WHERE {{
              ?c a plankg:Concept ; skos:prefLabel "{kind}"@zh ; plankg:evidence/oa:hasSelector/oa:exact ?quote }}""",
    )
    assert any(kind in row["quote"] and "制度建设" in row["quote"] for row in rows)


@pytest.mark.parametrize(
    ("body", "kind", "alias"),
    [
        ("普通高中", "Institution", None),
        ("高职高专学校", "Institution", None),
        ("养老服务企业", "Enterprise", None),
        ("小微企业", "Enterprise", None),
        ("非公有制企业", "Enterprise", "非公企业"),
    ],
)
def test_classes_of_bodies_named_in_the_chapters(store: ox.Store, body: str, kind: str, alias: str | None) -> None:
    rows = select(
        store,
        f"""SELECT ?alias WHERE {{
              ?o a plankg:{kind} ; rdfs:label "{body}"@zh .
              OPTIONAL {{ ?o skos:altLabel ?alias }} }}""",
    )
    assert rows, body
    if alias:
        assert alias in {row.get("alias") for row in rows}


def test_government_funds_are_a_fund(store: ox.Store) -> None:
    """c10-s02-p02: 不断壮大政府基金规模,有效激活城区发展活力."""
    rows = select(
        store,
        """SELECT ?measure WHERE {
             ?p a plankg:Fund ; rdfs:label "政府基金"@zh ; plankg:implements/rdfs:label ?measure .
             FILTER(LANG(?measure) = "zh") }""",
    )
    assert {row["measure"] for row in rows} == {"不断壮大政府基金规模,建立产业投资基金体系"}


@pytest.mark.parametrize(
    ("standard", "measure"),
    [
        ("绿地养护管理标准及规范", "完善绿地养护管理标准及规范,加强环境卫生网格化管理"),
        ("公共法律服务标准", "建立公共法律服务标准,推进法治服务社会化,规范发展基层法律服务业"),
    ],
)
def test_standards_of_chapter_8_are_regulations(store: ox.Store, standard: str, measure: str) -> None:
    rows = select(
        store,
        f"""SELECT ?measure WHERE {{
              ?p a plankg:Regulation ; rdfs:label "{standard}"@zh ; plankg:implements/rdfs:label ?measure .
              FILTER(LANG(?measure) = "zh") }}""",
    )
    assert {row["measure"] for row in rows} == {measure}
