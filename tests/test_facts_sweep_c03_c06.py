"""Chapters 3 to 6, second reading: names a paragraph-by-paragraph sweep found without a node of
their kind, as a reader checks them against the plan's text.

Every expected name below is copied from the paragraph named in the test: the nine systems of the
modern environmental governance system (c03-s03-p01), the five strands of the culture and tourism
industry (c03-s04-p03), the collaborative innovation carriers (c04-s02-p01), the programmes and
funds enterprises are to use (c04-s01-p01, c04-s01-p02), the intermediary services and financial
intermediary institutions of chapter 5 (c05-s02-p01, c05-s02-p03), the red education events of
c06-s03-p02, and the plain names of nodes whose labels keep the plan's quotation marks.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import graph_iri
from tests.conftest import PLAN, members_of, select

STATED = graph_iri(PLAN, "stated")


def _kind_of(store: ox.Store, name: str) -> set[str]:
    """The classes of the nodes that bear this Chinese name as label or alias."""
    rows = select(
        store,
        f"""SELECT ?cls WHERE {{
              {{ ?n rdfs:label "{name}"@zh }} UNION {{ ?n skos:altLabel "{name}"@zh }}
              ?n a ?cls }}""",
    )
    return {row["cls"].rsplit("/", 1)[-1].rsplit("#", 1)[-1] for row in rows}


def test_modern_environmental_governance_system_lists_nine_systems(store: ox.Store) -> None:
    """c03-s03-p01: 健全领导责任体系、企业责任体系、全民行动体系、监管体系、风险防控体系、市场体系、
    信用体系、政府服务体系、能力保障体系,构建多角度、全方面、精细化的现代环境治理体系."""
    members = members_of(store, "现代环境治理体系", STATED)
    assert set(members) == {
        "领导责任体系",
        "企业责任体系",
        "全民行动体系",
        "监管体系",
        "风险防控体系",
        "市场体系",
        "信用体系",
        "政府服务体系",
        "能力保障体系",
    }
    assert all("构建多角度、全方面、精细化的现代环境治理体系" in quote for quote in members.values())


def test_culture_tourism_industry_strands(store: ox.Store) -> None:
    """c03-s04-p03: 以生态观光、亲子体验、红色文化、休闲健身、民俗体验为主的文化旅游产业."""
    members = members_of(store, "文化旅游", STATED)  # label; 文化旅游产业 is its alias
    for strand in ("生态观光", "亲子体验", "红色文化", "休闲健身", "民俗体验"):
        assert strand in members, strand
        assert "为主的文化旅游产业" in members[strand]


def test_collaborative_innovation_carriers(store: ox.Store) -> None:
    """c04-s02-p01: 推进校(所)企联合共建重点实验室、工程技术中心等协同创新载体."""
    members = members_of(store, "协同创新载体", STATED)
    assert set(members) == {"重点实验室", "工程技术中心"}


@pytest.mark.parametrize(
    ("project", "measure_words"),
    [
        ("重点研发计划", "积极争取国家、自治区和呼市重大项目和重点研发计划"),
        ("重大科技专项", "支持企业在草种、碳元素、干细胞等领域牵头或参与重大科技专项"),
        ("财政专项资金", "加大财政专项资金对科技型中小企业扶持力度"),
        ("应用技术研究院", "支持区内外高校、科研院所到我区设立应用技术研究院和研发分部"),
        ("科技成果包", "投资规模与产业带动作用大的科技成果包"),
    ],
)
def test_chapter_4_programmes_implement_their_sentence(store: ox.Store, project: str, measure_words: str) -> None:
    rows = select(
        store,
        f"""SELECT ?quote WHERE {{
              ?p a plankg:Project ; rdfs:label "{project}"@zh ;
                 plankg:implements/plankg:evidence/oa:hasSelector/oa:exact ?quote }}""",
    )
    assert any(measure_words in row["quote"] for row in rows), project


def test_special_fiscal_funds_are_a_fund(store: ox.Store) -> None:
    assert "Fund" in _kind_of(store, "财政专项资金")


def test_intermediary_services_of_c05_s02_p03(store: ox.Store) -> None:
    """c05-s02-p03: 重点发展企业管理服务、法律服务、咨询与调查、高端旅游、会计审计、认证认可、
    资产评估、信用评估、节能环保、人力资源、设计创意等中介服务业."""
    members = members_of(store, "中介服务业", STATED)
    assert set(members) == {
        "企业管理服务",
        "法律服务",
        "咨询与调查",
        "高端旅游",
        "会计审计",
        "认证认可",
        "资产评估",
        "信用评估",
        "节能环保产业",  # the node's label; the plan's 节能环保 is its alias
        "人力资源",
        "设计创意",
    }


def test_financial_intermediary_institutions_of_c05_s02_p01(store: ox.Store) -> None:
    """c05-s02-p01: 培育引进担保公司、会计师事务所、审计师事务所、资信评估、租赁代理等金融中介服务机构."""
    members = members_of(store, "金融中介服务机构", STATED)
    assert set(members) == {"担保公司", "会计师事务所", "审计师事务所", "资信评估", "租赁代理"}


def test_red_education_events_of_c06_s03_p02(store: ox.Store) -> None:
    """c06-s03-p02: 积极开展主题纪念活动、庆典仪式、团日活动,举办专题展览、参观展示、座谈交流等
    多种形式的群众性红色教育活动."""
    rows = select(
        store,
        """SELECT ?event ?measure WHERE {
             ?e a plankg:Event ; rdfs:label ?event ;
                plankg:partOf/rdfs:label "群众性红色教育活动"@zh ;
                plankg:implements/plankg:evidence/oa:hasSelector/oa:exact ?measure .
             FILTER(LANG(?event) = "zh") }""",
    )
    events = {row["event"] for row in rows}
    assert events == {"主题纪念活动", "庆典仪式", "团日活动", "专题展览", "参观展示", "座谈交流"}
    assert all("群众性红色教育活动" in row["measure"] for row in rows)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("现代种业体系", "Concept"),
        ("低碳社会", "Concept"),
        ("水资源论证", "Concept"),
        ("取水许可审批", "Concept"),
        ("用水定额管理", "Concept"),
        ("量子碳素", "Concept"),
        ("石墨烯电热膜", "Concept"),
        ("特种机器人", "Concept"),
        ("社会公德", "Concept"),
        ("手工技艺", "Concept"),
        ("饮用水水源保护区", "Area"),
        ("社会实践活动", "Event"),
        ("品牌会展活动", "Event"),
    ],
)
def test_names_of_chapters_3_to_6_have_nodes_of_their_kind(store: ox.Store, name: str, kind: str) -> None:
    assert kind in _kind_of(store, name), name


@pytest.mark.parametrize(
    ("alias", "label"),
    [
        ("鸿雁书屋", "“鸿雁书屋”"),
        ("护苗行动", "“护苗”行动"),
        ("上云用数赋智行动", "“上云用数赋智”行动"),
        ("万户企业登云计划", "“万户企业登云”计划"),
        ("G6 高速", "G6高速"),
        ("新时代文明实践中心(所、站)", "新时代文明实践中心"),
    ],
)
def test_plain_names_find_nodes_labelled_with_quotation_marks(store: ox.Store, alias: str, label: str) -> None:
    rows = select(store, f"""SELECT ?n WHERE {{ ?n skos:altLabel "{alias}"@zh ; rdfs:label "{label}"@zh }}""")
    assert len(rows) == 1, alias


def test_drinking_water_supervision_is_located_in_the_protection_zones(store: ox.Store) -> None:
    """c03-s01-p03: 加强饮用水水源保护区监管."""
    rows = select(
        store,
        """SELECT ?quote WHERE {
             ?m a plankg:Measure ; plankg:locatedIn ?pl ; plankg:evidence/oa:hasSelector/oa:exact ?quote .
             ?pl a plankg:Area ; rdfs:label "饮用水水源保护区"@zh }""",
    )
    assert any("加强饮用水水源保护区监管" in row["quote"] for row in rows)
