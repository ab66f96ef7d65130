"""The plan's numbered lists as groupings: one node per list, its members listed by the plan's words.

Expected members are copied from the plan: c07-s03-p01 (the “五统一” model of education
clusters), c08-s05-p01 (the ten ways of government services) and c08-s06-p02 (the 五大领域 of
comprehensive administrative law enforcement).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import graph_iri
from tests.conftest import PLAN, members_of, select


@pytest.mark.parametrize(
    ("label", "spelled_out", "members"),
    [
        (
            "五统一",
            "“行政统一管理、教学统一安排、师资统一调配、资源统一使用、考核统一标准”",
            {"行政统一管理", "教学统一安排", "师资统一调配", "资源统一使用", "考核统一标准"},
        ),
        (
            "十个一",
            "“一章办、一网办、一门办、一次办、一窗办、一号办、一城办、一链办、一栏宣、一掌办”",
            {"一章办", "一网办", "一门办", "一次办", "一窗办", "一号办", "一城办", "一链办", "一栏宣", "一掌办"},
        ),
        (
            "五大领域",
            "“交通运输、农业、生态环境保护、文化市场、市场监管”五大领域",
            {"交通运输", "农业", "生态环境保护", "文化市场", "市场监管"},
        ),
    ],
)
def test_a_list_spelled_out_and_named_is_one_grouping(
    store: ox.Store, label: str, spelled_out: str, members: set[str]
) -> None:
    rows = select(
        store,
        f"""SELECT DISTINCT ?c WHERE {{ ?c a plankg:Concept .
              {{ ?c rdfs:label "{spelled_out}"@zh }} UNION {{ ?c skos:altLabel "{spelled_out}"@zh }} }}""",
    )
    assert len(rows) == 1, "the list spelled out and its short name are one node"
    assert set(members_of(store, label)) == members


@pytest.mark.parametrize(
    ("label", "former"),
    [
        ("五统一", "concept-five-unifications-of-education-clusters"),
        ("五大领域", "concept-five-fields-of-comprehensive-enforcement"),
        ("十个一", "concept-ten-ways-of-government-services"),
    ],
)
def test_the_second_id_of_a_merged_grouping_still_names_it(store: ox.Store, label: str, former: str) -> None:
    rows = select(
        store,
        f"""SELECT ?old WHERE {{ GRAPH <{graph_iri(PLAN, "curated")}> {{ ?c owl:sameAs ?old }}
                                  ?c a plankg:Concept ; rdfs:label "{label}"@zh }}""",
    )
    assert [row["old"].rsplit("/", 1)[1] for row in rows] == [former]
