"""The roles the plan states, as a reader checks them against its words: who leads (牵头) and who
takes part beside the lead (共同参与), what a task draws on (依托…, 以…为依托) or is carried by
(以…为载体), whom it cooperates or pairs with (与…合作, 对口支援), and whom it is to bring to the
district (招引…, 引进…).

Every expected name below is copied from the sentence quoted in the test's docstring.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from plankg.graph.namespaces import graph_iri
from tests.conftest import PLAN, select

STATED = graph_iri(PLAN, "stated")


def _related(store: ox.Store, predicate: str, subject_words: str, reverse: bool = False) -> dict[str, str]:
    """The Chinese labels of the nodes linked by `predicate` to the measures whose quote holds
    `subject_words`, each with the quote of the link's statement."""
    pattern = "?other ?p ?task" if reverse else "?task ?p ?other"
    rows = select(
        store,
        f"""SELECT ?name ?quote WHERE {{
              GRAPH <{STATED}> {{ {pattern.replace("?p", predicate)} .
                 ?st rdf:subject ?s ; rdf:predicate {predicate} ; rdf:object ?o ;
                     plankg:evidence/oa:hasSelector/oa:exact ?quote }}
              FILTER(?s IN (?task, ?other) && ?o IN (?task, ?other))
              ?task a plankg:Measure ; plankg:evidence/oa:hasSelector/oa:exact ?said .
              FILTER(CONTAINS(?said, "{subject_words}"))
              ?other rdfs:label ?name . FILTER(LANG(?name) = "zh") }}""",
    )
    return {row["name"]: row["quote"] for row in rows}


def test_the_joint_meeting_is_led_by_the_emergency_bureau_with_six_departments_beside_it(store: ox.Store) -> None:
    """c08-s07-p09: 构建由区应急管理局牵头,水利、交通、自然资源、生态环境、消防救援、住房建设等有关部门
    共同参与的联席会议机制."""
    leads = _related(store, "plankg:leads", "构建由区应急管理局牵头", reverse=True)
    assert set(leads) == {"区应急管理局"}
    assert "由区应急管理局牵头" in leads["区应急管理局"]
    supporters = _related(store, "plankg:supports", "构建由区应急管理局牵头", reverse=True)
    for department in ("水利", "交通", "自然资源", "生态环境", "消防救援", "住房建设"):
        assert any(name.startswith(department) for name in supporters), department
    assert "区应急管理局" not in supporters


def test_a_lead_is_responsible_for_what_it_leads(store: ox.Store) -> None:
    """c07-s04-p02: 建立由医保部门牵头、有关部门参加的基金监管工作机制: leading is a kind of being responsible."""
    rows = select(
        store,
        """SELECT ?task WHERE { ?org rdfs:label "医保部门"@zh ; plankg:responsibleFor ?task .
                                ?task plankg:evidence/oa:hasSelector/oa:exact ?said .
                                FILTER(CONTAINS(?said, "由医保部门牵头")) }""",
    )
    assert rows


def test_the_exhibition_cluster_draws_on_the_expo_venue_and_the_convention_centre(store: ox.Store) -> None:
    """c05-s02-p04: 依托中蒙博览会永久会址和敕勒川国际会展中心,积极争取国际性、全国性会议活动."""
    drawn_on = _related(store, "plankg:supportedBy", "依托中蒙博览会永久会址")
    assert set(drawn_on) == {"中蒙博览会永久会址", "敕勒川国际会展中心"}


def test_the_culture_art_park_draws_on_its_sites_and_stands_on_none_of_them(store: ox.Store) -> None:
    """c06-s05-p08: 依托赵长城遗址、大窑文化等文化遗址,多松年故居等人文景观 … 打造文化艺术产业园: drawing on
    a site's culture is not standing on it, so the park has no located_in."""
    drawn_on = _related(store, "plankg:supportedBy", "打造文化艺术产业园")
    assert {"赵长城遗址", "大窑文化遗址", "多松年故居"} <= set(drawn_on)
    assert _related(store, "plankg:locatedIn", "打造文化艺术产业园") == {}


def test_software_is_carried_by_two_parks(store: ox.Store) -> None:
    """c05-s04-p02: 以新城科技创新示范园、互联网众创园等平台为载体."""
    carriers = _related(store, "plankg:carriedBy", "以新城科技创新示范园")
    assert set(carriers) == {"新城科技创新示范园", "互联网众创园"}
    assert all("为载体" in quote for quote in carriers.values())


@pytest.mark.parametrize(
    ("words", "partners"),
    [
        ("与中科院老专家中心等5 家团队建立长期合作", {"中科院老专家中心"}),  # c01-s01-p02
        ("与生态环境部卫星环境应用中心合作", {"生态环境部卫星环境应用中心"}),  # c03-s03-p02
        ("充分发挥北京市对口支援优势", {"北京市"}),  # c10-s04-p01
        ("加强与行业领先企业、各类商会、行业协会", {"商会", "行业协会"}),  # c10-s04-p03
    ],
)
def test_cooperation_partners_are_named_as_the_text_names_them(store: ox.Store, words: str, partners: set[str]) -> None:
    assert set(_related(store, "plankg:hasPairingPartner", words)) == partners


@pytest.mark.parametrize(
    ("attracting", "attracted", "words"),
    [
        # c10-s02-p02: 发挥新动能基金作用,招引清华启迪、昭衍新药、帕沃可矿物纤维、亚王新材料等优秀科技企业
        ("新动能基金", {"清华启迪", "昭衍新药", "帕沃可矿物纤维", "亚王新材料"}, "招引清华启迪"),
        # c06-s05-p04: 积极引进世界徒步联盟和冰雪赛事
        ("积极引进世界徒步联盟和冰雪赛事", {"世界徒步联盟"}, "积极引进世界徒步联盟"),
    ],
)
def test_the_organizations_a_task_is_to_attract_are_linked_to_it(
    store: ox.Store, attracting: str, attracted: set[str], words: str
) -> None:
    rows = select(
        store,
        f"""SELECT ?name ?quote WHERE {{
              GRAPH <{STATED}> {{ ?task plankg:attracts ?org .
                 ?st rdf:subject ?task ; rdf:predicate plankg:attracts ; rdf:object ?org ;
                     plankg:evidence/oa:hasSelector/oa:exact ?quote }}
              ?task rdfs:label ?task_name . FILTER(CONTAINS(?task_name, "{attracting}"))
              ?org a/rdfs:subClassOf* plankg:Organization ; rdfs:label ?name . FILTER(LANG(?name) = "zh") }}""",
    )
    assert {row["name"] for row in rows} == attracted
    assert all(words in row["quote"] for row in rows)
