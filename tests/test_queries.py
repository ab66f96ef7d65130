"""The query catalogue, checked as an analyst would: expected rows read off the plan, the same
rows on the embedded store and on rdflib, with or without reasoning, and safe parameters."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plankg.cli import app
from plankg.errors import PlankgError
from plankg.graph.engines import Engine, Table, Term, bind
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.opened import Build, open_build
from plankg.graph.store import store_from_dataset
from plankg.queries.catalogue import load_catalogue
from plankg.queries.runner import run_catalogue_query
from tests.conftest import snapshot

CATALOGUE = load_catalogue()
NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + name
    for name in ("decimal", "integer", "double", "float", "nonNegativeInteger")
}


@pytest.fixture(scope="session")
def oxigraph(built: Build) -> Engine:
    return built.engine("embedded")


@pytest.fixture(scope="session")
def rdflib_engine(built: Build) -> Engine:
    return built.engine("rdflib")


@pytest.fixture(scope="session")
def unreasoned(built: Build) -> OxigraphEngine:
    """The same graph without the reasoner's named graph."""
    store = store_from_dataset(built.dataset)
    for graph in list(store.named_graphs()):
        if graph.value.endswith("/inferred"):
            store.remove_graph(graph)
    return OxigraphEngine(store)


def run(engine: Engine, name: str, **params: str) -> Table:
    return run_catalogue_query(engine, CATALOGUE[name], params, examples=not params)


def comparable(table: Table) -> list[tuple[str, ...]]:
    """Rows as sorted tuples, numbers compared by value to 12 places (engines differ in how many
    digits a decimal division keeps, and in writing 0.1 or 0.10)."""

    def text(term: Term | None) -> str:
        if term is None:
            return ""
        if term.datatype in NUMERIC:
            return format(Decimal(term.value).quantize(Decimal("1e-12")).normalize(), "f")
        return f"{term.value}@{term.lang or ''}"

    return sorted(tuple(text(term) for term in row) for row in table.rows)


def test_catalogue_covers_the_questions_analysts_ask() -> None:
    assert set(CATALOGUE) >= {
        "goal-tree",
        "serves-goal",
        "goals-served",
        "place-profile",
        "organization-portfolio",
        "targets",
        "gaps",
        "cross-cutting",
        "evidence",
        "glossary-usage",
        "where",
        "section-content",
        "participants",
        "members",
        "timeline",
        "topic",
    }
    for query in CATALOGUE.values():
        assert query.title and query.question_en and query.question_zh


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_query_answers_alike_on_both_engines_and_without_reasoning(
    name: str, oxigraph: Engine, rdflib_engine: Engine, unreasoned: OxigraphEngine
) -> None:
    embedded = run(oxigraph, name)
    assert embedded.rows, f"{name} --example gives no rows"
    assert comparable(run(unreasoned, name)) == comparable(embedded)
    if CATALOGUE[name].slow_on_rdflib:
        pytest.skip(f"not on rdflib: {CATALOGUE[name].slow_on_rdflib}")
    assert comparable(run(rdflib_engine, name)) == comparable(embedded)


PLAN_TEXT = (Path(__file__).resolve().parents[1] / "data" / "sources" / "xincheng-14th.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_row_can_be_cited(name: str, oxigraph: Engine) -> None:
    """Each row names its basis; a stated row quotes the plan verbatim and names a paragraph,
    a curated row gives the curator's justification; basis=stated keeps the plan's words only."""
    rows = run(oxigraph, name).dicts()
    assert rows and all(row.get("basis") in ("stated", "curated") and row.get("quote") for row in rows)
    for row in rows:
        if row["basis"] == "stated":
            assert row["quote"] in PLAN_TEXT and row["paragraph"], row
    query = CATALOGUE[name]
    examples = {param.name: param.example for param in query.params}
    stated = run_catalogue_query(oxigraph, query, {**examples, "basis": "stated"}).dicts()
    assert stated == [row for row in rows if row["basis"] == "stated"]


def test_basis_takes_stated_curated_or_any(oxigraph: Engine) -> None:
    with pytest.raises(PlankgError, match="basis: expected one of stated, curated, any, got 'plan'"):
        run_catalogue_query(oxigraph, CATALOGUE["goal-tree"], {"basis": "plan"})


def test_organization_portfolio_cites_the_joint_meeting(oxigraph: Engine) -> None:
    # c08-s07-p09: 构建由区应急管理局牵头,有关部门共同参与的联席会议机制
    rows = run(oxigraph, "organization-portfolio", organization="区应急管理局", basis="stated").dicts()
    assert any(row["paragraph"] == "c08-s07-p09" and "区应急管理局牵头" in row["quote"] for row in rows)


def column(table: Table, name: str) -> list[str]:
    index = table.variables.index(name)
    return [row[index].value for row in table.rows if row[index] is not None]


def test_goal_tree_puts_the_five_pillars_under_the_vision(oxigraph: OxigraphEngine) -> None:
    rows = run(oxigraph, "goal-tree").dicts()
    pillars = {row["label"] for row in rows if row["type"] == "pillar" and row["parent"].endswith("/vision-2035")}
    assert pillars == {"经济强", "生态美", "文化兴", "品质优", "人民富"}
    assert {row["basis"] for row in rows} == {"stated", "curated"}


def test_projects_on_the_daqingshan_front_slope(oxigraph: OxigraphEngine) -> None:
    # c03-s01-p01: 大力推进大青山前坡生态综合治理; c10-s04-p04: 推动大青山前坡生态旅游一体化发展
    rows = run(oxigraph, "place-profile", place="大青山前坡").dicts()
    labels = " ".join(row["label"] for row in rows)
    assert "大力推进大青山前坡生态综合治理" in labels
    assert "推动大青山前坡生态旅游一体化发展" in labels
    assert any(row["whereLabel"] == "哈拉沁" for row in rows), "places within the slope count too"


def test_green_space_targets_with_their_2020_baselines(oxigraph: OxigraphEngine) -> None:
    # c01-s01-p06 gives the 13th-plan values 38% and 18 平方米; c08-s01-p01 the 2025 targets.
    rows = {row["indicator"]: row for row in run(oxigraph, "targets").dicts()}
    ratio, per_head = rows["中心城区绿地率"], rows["人均公共绿地面积"]
    assert (ratio["target"], ratio["baseline"], ratio["year"], ratio["unit"]) == ("38.5", "38", "2025", "%")
    assert Decimal(ratio["changePerYear"]) == Decimal("0.1")
    assert (per_head["target"], per_head["baseline"], per_head["unit"]) == ("19", "18", "平方米")
    assert Decimal(per_head["changePerYear"]) == Decimal("0.2")


def test_what_serves_the_ecology_pillar(oxigraph: OxigraphEngine) -> None:
    rows = run(oxigraph, "serves-goal", goal="生态美").dicts()
    kinds = {row["kind"] for row in rows}
    assert kinds >= {"goal", "measure", "project", "place"}
    assert "“两山”理论实践基地" in {row["label"] for row in rows if row["kind"] == "goal"}


def test_goals_the_old_compound_renovation_serves(oxigraph: OxigraphEngine) -> None:
    rows = run(oxigraph, "goals-served", node="城区老旧小区改造工程").dicts()
    assert {"vision", "pillar"} <= {row["type"] for row in rows}
    assert "品质优" in {row["label"] for row in rows}


def test_emergency_bureau_leads_the_joint_meeting(oxigraph: OxigraphEngine) -> None:
    # c08-s07-p09: 构建由区应急管理局牵头,有关部门共同参与的联席会议机制
    rows = run(oxigraph, "organization-portfolio", organization="区应急管理局").dicts()
    assert any(row["role"] == "leads" and "联席会议机制" in row["label"] and row["basis"] == "stated" for row in rows)


def test_evidence_locates_a_pillar_in_the_guiding_thought(oxigraph: OxigraphEngine) -> None:
    rows = run(oxigraph, "evidence", node="pillar-ecology").dicts()
    first = rows[0]
    assert first["paragraph"] == "c02-s01-p01"
    assert first["section"] == "第一节指导思想"
    assert first["chapter"] == "第二章 贯彻新发展理念开启现代化新征程"
    assert "生态美" in first["quote"]


def test_evidence_finds_section_and_chapter_as_the_open_walk_does(oxigraph: OxigraphEngine) -> None:
    """The evidence query walks up the document tree a bounded number of steps; for every node
    with evidence it finds the same section and chapter as `dcterms:isPartOf*` would."""
    nodes = oxigraph.query("SELECT DISTINCT ?node WHERE { ?node plankg:evidence ?ev } ORDER BY ?node")
    assert isinstance(nodes, Table) and len(nodes.rows) > 1000
    every = tuple(row[0] for row in nodes.rows if row[0] is not None)
    query = CATALOGUE["evidence"].text
    bounded_walk = """  OPTIONAL { ?part dcterms:isPartOf? ?s . ?s a plankg:Section ; plankg:heading ?section . }
  BIND(COALESCE(?s, ?part) AS ?within)
  OPTIONAL { ?within dcterms:isPartOf? ?c . ?c a plankg:Chapter ; plankg:heading ?chapter . }
"""
    open_walk = """  OPTIONAL { ?part dcterms:isPartOf* ?s . ?s a plankg:Section ; plankg:heading ?section . }
  OPTIONAL { ?part dcterms:isPartOf* ?c . ?c a plankg:Chapter ; plankg:heading ?chapter . }
"""
    assert bounded_walk in query
    found = oxigraph.query(bind(query, {"node": every}))
    expected = oxigraph.query(bind(query.replace(bounded_walk, open_walk), {"node": every}))
    assert isinstance(found, Table) and isinstance(expected, Table)
    assert comparable(found) == comparable(expected)
    rows = found.dicts()
    assert any("section" in row for row in rows) and all("chapter" in row for row in rows if "section" in row)


def test_glossary_defines_six_hundred_percents(oxigraph: OxigraphEngine) -> None:
    rows = run(oxigraph, "glossary-usage").dicts()
    (definition,) = {row["definition"] for row in rows if row["label"] == "六个百分百"}
    assert definition.startswith("指工地周边100%围挡")


def test_gaps_and_cross_cutting_items(oxigraph: OxigraphEngine) -> None:
    gaps = run(oxigraph, "gaps").dicts()
    assert {row["gap"] for row in gaps} >= {"goal without indicator", "measure without project"}
    crossing = {row["label"]: row for row in run(oxigraph, "cross-cutting").dicts()}
    assert int(crossing["大青山前坡"]["pillars"]) > 1


def test_parameters_accept_id_label_or_iri(oxigraph: OxigraphEngine) -> None:
    by_label = comparable(run(oxigraph, "serves-goal", goal="生态美"))
    assert by_label == comparable(run(oxigraph, "serves-goal", goal="pillar-ecology"))
    assert by_label == comparable(run(oxigraph, "serves-goal", goal="Beautiful ecology"))
    iri = "https://w3id.org/plankg/id/xincheng-14th/pillar-ecology"
    assert by_label == comparable(run(oxigraph, "serves-goal", goal=iri))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"goal": "生态美", "colour": "green"}, "unknown parameter(s) colour; it takes: goal, lang, basis"),
        ({"goal": "no such goal"}, "goal: nothing in the graph is called 'no such goal'"),
        ({"goal": "城区老旧小区改造工程"}, "goal: '城区老旧小区改造工程' is not a Goal"),
        ({"goal": 'x" } ; DROP ALL ; #'}, "nothing in the graph is called"),
        ({"goal": "https://w3id.org/plankg/id/xincheng-14th/x> } DROP ALL"}, "goal:"),
    ],
)
def test_bad_parameters_are_clear_errors_and_change_nothing(
    oxigraph: OxigraphEngine, params: dict[str, str], message: str
) -> None:
    before = len(oxigraph.store)
    with pytest.raises(PlankgError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_catalogue_query(oxigraph, CATALOGUE["serves-goal"], params)
    assert len(oxigraph.store) == before


def test_missing_parameter_names_an_example(oxigraph: OxigraphEngine) -> None:
    with pytest.raises(PlankgError, match=r"missing parameter goal .* --param goal=pillar-ecology"):
        run_catalogue_query(oxigraph, CATALOGUE["serves-goal"], {})


def test_query_command_formats(out_dir: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["queries"])
    assert listed.exit_code == 0 and "serves-goal" in listed.output
    as_csv = runner.invoke(app, ["query", "targets", "--build", str(out_dir), "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    assert as_csv.output.splitlines()[0].startswith("indicator,comparator,target,unit,year,baseline")
    assert "中心城区绿地率" in as_csv.output
    english = runner.invoke(app, ["query", "targets", "--build", str(out_dir), "--format", "json", "--lang", "en"])
    assert english.exit_code == 0 and '"xml:lang": "en"' in english.output
    bad = runner.invoke(app, ["query", "serves-goal", "--build", str(out_dir), "-p", "goal=nothing-here"])
    assert bad.exit_code == 1 and "nothing in the graph is called 'nothing-here'" in bad.output


def test_analysis_commands(out_dir: Path) -> None:
    runner = CliRunner()
    central = runner.invoke(app, ["analyze", "central", "--build", str(out_dir), "--format", "csv", "--top", "5"])
    assert central.exit_code == 0, central.output
    assert len(central.output.strip().splitlines()) == 6
    chain = runner.invoke(
        app, ["analyze", "path", "城区老旧小区改造工程", "品质优", "--build", str(out_dir), "--format", "csv"]
    )
    assert chain.exit_code == 0, chain.output
    assert "implements" in chain.output and "c08-s01-p04" in chain.output
    impact = runner.invoke(
        app, ["analyze", "impact", "城区老旧小区改造工程", "--build", str(out_dir), "--format", "csv"]
    )
    assert impact.exit_code == 0, impact.output
    assert "Measure" in impact.output and "品质优" in impact.output


def test_queries_leave_the_build_as_it_was(out_dir: Path, tmp_path: Path) -> None:
    """Running the whole catalogue on a build changes none of its files (the store is opened read-only)."""
    copy = tmp_path / "out"
    shutil.copytree(out_dir, copy)

    before = snapshot(copy)
    engine = open_build(copy).engine()
    for name in CATALOGUE:
        run(engine, name)
    assert snapshot(copy) == before


def test_the_software_trades_of_the_digital_creative_industry(oxigraph: Engine) -> None:
    # c06-s05-p08: 推动以软件开发、软件外包、动漫游戏等为……的数字创意产业
    rows = run(oxigraph, "members", group="数字创意产业", basis="stated").dicts()
    assert {row["label"] for row in rows} >= {"软件开发", "软件外包", "动漫游戏"}
    assert {row["paragraph"] for row in rows} == {"c06-s05-p08"}


def test_who_leads_and_who_joins_the_emergency_joint_meeting(oxigraph: Engine) -> None:
    # c08-s07-p09: 构建由区应急管理局牵头,水利、交通、自然资源、生态环境、消防救援、住房建设等有关部门
    # 共同参与的联席会议机制
    rows = run(oxigraph, "participants", node="m-c08-s07-p09-joint-meeting").dicts()
    assert {row["label"] for row in rows if row["role"] == "leads"} == {"区应急管理局"}
    joining = {row["label"] for row in rows if row["role"] == "takes part in"}
    assert {"水利部门", "交通部门", "消防救援部门"} <= joining
    assert all(row["paragraph"] == "c08-s07-p09" for row in rows if row["basis"] == "stated")


def test_the_timeline_to_2023_holds_the_balanced_compulsory_education(oxigraph: Engine) -> None:
    # c07-s03: 2023 年全区实现义务教育优质均衡; the plan's other dated aims are for 2025
    rows = run(oxigraph, "timeline", year="2023").dicts()
    assert any("义务教育优质均衡" in row["label"] and row["when"] == "2023" for row in rows)
    assert all(int(row["when"]) <= 2023 for row in rows)
    later = run(oxigraph, "timeline", year="2025").dicts()
    assert any(row["label"] == "人均公共绿地面积达到19平方米" and row["when"] == "2025" for row in later)


def test_what_the_safety_section_states(oxigraph: Engine) -> None:
    # c08-s07-p06: 初步实现消防工作“人防、物防、技防”一体化
    rows = run(oxigraph, "section-content", part="c08-s07").dicts()
    assert any(row["label"] == "人防、物防、技防" and row["paragraph"] == "c08-s07-p06" for row in rows)
    assert all(row["paragraph"].startswith("c08-s07") for row in rows), "the heading or a paragraph of the section"


def test_the_elderly_care_topic_and_the_goal_it_serves(oxigraph: Engine) -> None:
    # c07-s06: 完善养老服务体系,打造生态康养基地 … 不断完善养老机构保障功能
    rows = run(oxigraph, "topic", term="养老").dicts()
    assert any(
        row["label"] == "不断完善养老机构保障功能" and row.get("goalLabel") == "完善养老服务体系,打造生态康养基地"
        for row in rows
    )
    assert all("养老" in row["label"] for row in rows)


def test_where_the_north_ring_markets_are(oxigraph: Engine) -> None:
    # c05-s01-p04: 推进北二环区块建设 … 高标准规划建设智能化、综合性农贸市场; 北二环片区 is in 新城区, in 呼和浩特市
    rows = run(oxigraph, "where", node="proj-north-ring-farmers-markets").dicts()
    assert {"北二环片区", "新城区", "呼和浩特市"} <= {row["placeLabel"] for row in rows}
    first = next(row for row in rows if row["placeLabel"] == "北二环片区")
    assert first["paragraph"] == "c05-s01-p04" and "农贸市场" in first["quote"]
