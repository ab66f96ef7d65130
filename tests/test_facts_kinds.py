"""The kinds readers ask by: funds, events, platforms, campaigns, regulations among the projects and
heritage sites among the places, each name copied from the sentence its test quotes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import graph_iri
from tests.conftest import PLAN, select

STATED = graph_iri(PLAN, "stated")


def _of_class(store: ox.Store, cls: str) -> set[str]:
    rows = select(
        store,
        f"""SELECT ?name WHERE {{ GRAPH <{STATED}> {{ ?n a plankg:{cls} }}
                                   ?n rdfs:label ?name . FILTER(LANG(?name) = "zh") }}""",
    )
    return {row["name"] for row in rows}


@pytest.mark.parametrize(
    ("cls", "names"),
    [
        # c10-s02-p02: 发挥新动能基金作用 … 现代服务业基金 … 海邦人才基金
        ("Fund", {"新动能基金", "现代服务业基金", "海邦人才基金"}),
        # c06-s05-p08: 讨思浩天仓节、古路板龙灯节等节庆活动; c06-s04-p02: “青山圣水·活力新城”旅游文化节、二月二龙灯节
        ("Event", {"讨思浩天仓节", "古路板龙灯节", "“青山圣水·活力新城”旅游文化节", "二月二龙灯节", "中蒙博览会"}),
        # c04-s02-p02: 依托内蒙古产权交易中心,着力打造 … 技术成果转化交易平台
        ("Platform", {"技术成果转化交易平台", "呼和浩特·中关村智酷人才与产业创新平台"}),
        # c03-s01-p02: 开展扬尘污染专项整治; c08: 开展打击非法集资和互联网金融风险专项整治, “扫黑除恶”专项斗争
        ("Campaign", {"扬尘污染专项整治", "打击非法集资和互联网金融风险专项整治", "“扫黑除恶”专项斗争"}),
        # c08: 数据开放管理办法, 网格员考核办法
        ("Regulation", {"数据开放管理办法", "网格员考核办法"}),
        # c06-s03-p02: 加大绥远城墙、阴山岩画保护力度,开展大窑文化遗址和塔布陀罗亥古城遗址考古调查发掘
        ("HeritageSite", {"绥远城墙", "阴山岩画", "大窑文化遗址", "塔布陀罗亥古城遗址", "多松年故居"}),
    ],
)
def test_named_things_are_of_the_kind_the_plan_calls_them(store: ox.Store, cls: str, names: set[str]) -> None:
    assert names <= _of_class(store, cls)


@pytest.mark.parametrize("cls", ["Fund", "Event", "Platform", "Campaign", "Regulation"])
def test_a_kind_of_project_is_found_among_the_projects(store: ox.Store, cls: str) -> None:
    """Which project has no place (queries/gaps.rq) asks for plankg:Project without a reasoner."""
    assert _of_class(store, cls) <= _of_class(store, "Project")


def test_a_venue_is_not_an_event(store: ox.Store) -> None:
    """c05-s02-p04: 依托中蒙博览会永久会址: the expo's permanent venue is a place to hold it, not the expo."""
    assert "中蒙博览会永久会址" not in _of_class(store, "Event")
