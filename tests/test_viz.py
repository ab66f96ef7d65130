"""The network views as a reader sees them: pages opened in headless Chromium from files, offline.

Chromium is Debian's (`/usr/bin/chromium`, installed by .ci/run), driven by Playwright rather
than Selenium: Playwright routes every request through a handler (so each one that would leave
the machine is recorded and refused) and reports console errors, uncaught exceptions and
dialogs as events, where Selenium would need a proxy or the DevTools protocol for the first.
Expected counts come from SPARQL on the build and from the plan's text, not from the view code.

Set PLANKG_SCREENSHOTS=docs/img to refresh the screenshots in docs/views.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import typer
from playwright.sync_api import BrowserContext, Page
from pyvis.network import Network
from typer.testing import CliRunner

from plankg.cli_viz import viz
from plankg.errors import PlankgError
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.projection import project
from plankg.graph.vocabulary import Words
from plankg.queries.catalogue import load_catalogue
from plankg.queries.runner import run_catalogue_query
from plankg.viz import VIEWS, layout, views
from plankg.viz.names import PlanNames, read_names
from plankg.viz.page import remote_references, render_page, write_page
from tests import browser
from tests.conftest import select

NS = "https://w3id.org/plankg/id/xincheng-14th/"
PILLARS_ZH = {"经济强", "生态美", "文化兴", "品质优", "人民富"}  # 第二章: 建设“五个新城”
SCREENSHOTS = os.environ.get("PLANKG_SCREENSHOTS")
# One page of each kind, as `viz all` names it, for the checks against SPARQL and the screenshots.
SAMPLES = {
    "overview": "overview",
    "goals": "goals",
    "serves": "serves-pillar-ecology",
    "place": "place-xincheng-district",
    "chapter": "chapter-c02",
}
XSS = "<img src=x onerror=alert(1)>"

app = typer.Typer()
app.command()(viz)


@pytest.fixture(scope="module")
def graph(store: ox.Store) -> nx.MultiDiGraph:
    return project(OxigraphEngine(store))


@pytest.fixture(scope="module")
def names(store: ox.Store) -> PlanNames:
    return read_names(OxigraphEngine(store))


@pytest.fixture(scope="module")
def all_pages(out_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`plankg viz all`, as a user runs it, plus an entity view in English."""
    folder = tmp_path_factory.mktemp("viz")
    result = CliRunner().invoke(app, ["all", "--build", str(out_dir), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        app,
        ["entity", "--focus", "生态美", "--depth", "2", "--lang", "en", "--build", str(out_dir), "--out",
         str(folder / "entity-pillar-ecology-2.html")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return folder


def _open(chromium: BrowserContext, path: Path) -> tuple[Page, browser.Visit]:
    page, seen = browser.visit(chromium, path, timeout_s=120)
    assert seen.errors == [], f"{path.name}: console errors {seen.errors}"
    assert seen.outside == [], f"{path.name}: requests leaving the machine {seen.outside}"
    assert all(url.startswith(("file:", "data:")) for url in seen.requests), seen.requests
    assert seen.dialogs == []
    assert not seen.physics, f"{path.name}: physics still running once drawn"
    return page, seen


def _node_ids(page: Page) -> set[str]:
    return set(page.evaluate("nodes.getIds()"))


# --- pages in the browser ----------------------------------------------------------------------


def test_every_page_of_viz_all_draws_its_view_offline(
    all_pages: Path, graph: nx.MultiDiGraph, names: PlanNames, chromium: BrowserContext
) -> None:
    expected = {view.slug: view for view in views.default_views(graph, names)}
    written = {path.stem for path in all_pages.glob("*.html")} - {"index", "entity-pillar-ecology-2"}
    assert written == set(expected)
    for slug, view in expected.items():
        page, seen = _open(chromium, all_pages / f"{slug}.html")
        assert seen.nodes == view.drawn_at_start(), slug  # the overview's folds: their members wait in the page
        if not view.folds:
            assert (seen.nodes, seen.edges) == (view.graph.number_of_nodes(), view.graph.number_of_edges()), slug
        assert seen.drawn == seen.nodes, slug
        assert "新城区“十四五”规划纲要" in page.title(), slug
        assert page.locator("#legend li").count() >= 3, slug
        if SCREENSHOTS and slug in SAMPLES.values():
            kind = next(kind for kind, sample in SAMPLES.items() if sample == slug)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"view-{kind}.png"))
        page.close()


def test_index_links_every_page(all_pages: Path, chromium: BrowserContext) -> None:
    page, seen = browser.visit(chromium, all_pages / "index.html", network=False)
    assert seen.errors == [] and seen.outside == []
    links = page.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    assert set(links) == {path.name for path in all_pages.glob("*.html")} - {
        "index.html",
        "entity-pillar-ecology-2.html",
    }
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "view-index.png"))
    page.close()


def test_overview_holds_every_curated_entity_and_draws_the_goal_tree(
    all_pages: Path, store: ox.Store, chromium: BrowserContext
) -> None:
    """Every goal drawn, every other entity in a fold (its data in the page), at most PHYSICS_LIMIT
    nodes drawn at start, placed beforehand so that physics never starts."""
    (row,) = select(
        store,
        "SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE { GRAPH ?g { ?n plankg:plan ?plan ; plankg:localId ?id } }",
    )
    goals = {
        row["n"]
        for row in select(
            store,
            """SELECT ?n WHERE { GRAPH ?g { ?n plankg:plan ?plan ; a ?c } ?c rdfs:subClassOf* plankg:Goal
               FILTER(!STRENDS(STR(?g), "/inferred")) }""",
        )
    }
    page, seen = _open(chromium, all_pages / "overview.html")
    drawn = _node_ids(page)
    entities = {node for node in drawn if not node.startswith(views.FOLD_PREFIX)}
    assert entities == goals
    assert len(entities) + page.evaluate("Object.keys(folded.nodes).length") == int(row["count"])
    assert seen.nodes <= layout.PHYSICS_LIMIT
    assert page.evaluate("nodes.get().every(node => typeof node.x === 'number')")
    pillars = page.evaluate("nodes.get({filter: n => n.cls === 'Pillar'}).map(n => n.label_zh)")
    assert set(pillars) == PILLARS_ZH
    assert "单击折叠框即展开" in page.locator("#folds-note").inner_text()
    page.close()


def test_goal_tree_from_the_vision_to_the_objectives(
    all_pages: Path, store: ox.Store, chromium: BrowserContext
) -> None:
    goals = {
        row["n"]
        for row in select(
            store,
            """SELECT ?n WHERE { GRAPH ?g { ?n plankg:plan ?plan ; a ?c } ?c rdfs:subClassOf* plankg:Goal
               FILTER(!STRENDS(STR(?g), "/inferred")) }""",
        )
    }
    (links,) = select(
        store,
        """SELECT (COUNT(*) AS ?count) WHERE { { SELECT DISTINCT ?a ?b WHERE {
             GRAPH ?g { ?a plankg:refines ?b } FILTER(!STRENDS(STR(?g), "/inferred")) } } }""",
    )
    page, seen = _open(chromium, all_pages / "goals.html")
    assert _node_ids(page) == goals
    assert seen.edges == int(links["count"])
    pillars = page.evaluate("nodes.get({filter: n => n.cls === 'Pillar'}).map(n => n.label_zh)")
    assert set(pillars) == PILLARS_ZH
    levels = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.plankg_id, n.level]))")
    assert levels["vision-2035"] == 0
    assert {levels[f"pillar-{name}"] for name in ("economy", "ecology", "culture", "quality", "prosperity")} == {1}
    page.close()


def test_serves_view_is_the_catalogue_answer(all_pages: Path, store: ox.Store, chromium: BrowserContext) -> None:
    answer = run_catalogue_query(OxigraphEngine(store), load_catalogue()["serves-goal"], {"goal": "pillar-ecology"})
    page, _ = _open(chromium, all_pages / "serves-pillar-ecology.html")
    assert _node_ids(page) == {row["node"] for row in answer.dicts()} | {NS + "pillar-ecology"}
    assert page.evaluate("network.getSelectedNodes()") == [NS + "pillar-ecology"]
    page.close()


def test_place_view_is_the_catalogue_answer(all_pages: Path, store: ox.Store, chromium: BrowserContext) -> None:
    answer = run_catalogue_query(
        OxigraphEngine(store), load_catalogue()["place-profile"], {"place": "place-xincheng-district"}
    )
    page, _ = _open(chromium, all_pages / "place-xincheng-district.html")
    expected = {row["node"] for row in answer.dicts()} | {row["where"] for row in answer.dicts()}
    assert _node_ids(page) == expected
    page.close()


def test_chapter_view_holds_what_the_chapter_is_quoted_for(
    all_pages: Path, store: ox.Store, chromium: BrowserContext
) -> None:
    cited = {
        row["n"]
        for row in select(
            store,
            """SELECT DISTINCT ?n WHERE { ?n plankg:plan ?plan ; plankg:localId ?id ;
                 plankg:evidence/plankg:paragraph/plankg:localId ?p FILTER(?p = "c02" || STRSTARTS(?p, "c02-")) }""",
        )
    }
    page, _ = _open(chromium, all_pages / "chapter-c02.html")
    assert _node_ids(page) == cited
    page.close()


def test_entity_view_in_english(all_pages: Path, store: ox.Store, chromium: BrowserContext) -> None:
    near = {
        row["n"]
        for row in select(
            store,
            f"""SELECT DISTINCT ?n WHERE {{
              VALUES ?start {{ <{NS}pillar-ecology> }}
              {{ GRAPH ?g {{ ?start ?p ?n }} }} UNION {{ GRAPH ?g {{ ?n ?p ?start }} }}
              ?n plankg:plan ?plan . FILTER(REGEX(STR(?g), "/(stated|curated)$"))
            }}""",
        )
    }
    page, _ = _open(chromium, all_pages / "entity-pillar-ecology-2.html")
    drawn = _node_ids(page)
    assert near | {NS + "pillar-ecology"} <= drawn  # depth 2 holds depth 1
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#title").inner_text().startswith("Within 2 link(s) of “Beautiful ecology”")
    assert "Beautiful ecology" in page.evaluate(f"nodes.get('{NS}pillar-ecology').label")
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "view-entity.png"))
    page.close()


def test_find_a_node_by_name_and_read_its_tooltip(all_pages: Path, chromium: BrowserContext) -> None:
    page, _ = _open(chromium, all_pages / "overview.html")
    page.fill("#find", "Beautiful ecology")
    page.press("#find", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [NS + "pillar-ecology"]
    details = page.locator("#details").inner_text()
    assert "生态美" in details and "Beautiful ecology" in details and "c02-" in details
    # A folded node is found too: its fold opens (c03-s02: 提倡低碳生活方式,大力宣传低碳生活方式).
    page.fill("#find", "提倡低碳生活方式")
    page.press("#find", "Enter")
    page.wait_for_function(
        "network.getSelectedNodes().length === 1 && nodes.get(network.getSelectedNodes()[0]) "
        "&& nodes.get(network.getSelectedNodes()[0]).label_zh.startsWith('提倡低碳生活方式')"
    )
    assert "任务举措" in page.locator("#details").inner_text()
    page.fill("#find", "no such thing 无此节点")
    page.press("#find", "Enter")
    assert page.locator("#find-status").inner_text() == "未找到"
    # Hover the node: vis.js shows its tooltip with both labels, the class and the quote.
    page.evaluate(
        f"network.moveTo({{position: network.getPositions(['{NS}pillar-ecology'])['{NS}pillar-ecology'], scale: 1.5}})"
    )
    page.wait_for_timeout(300)
    where = page.evaluate(f"network.canvasToDOM(network.getPositions(['{NS}pillar-ecology'])['{NS}pillar-ecology'])")
    box = page.locator("#mynetwork").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + where["x"], box["y"] + where["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "生态美" in text and "Beautiful ecology" in text and "Pillar" in text
    assert re.search(r"“.+” \(c02-[\w-]+\)", text)
    page.close()


# --- what the data must never do -----------------------------------------------------------------


def test_markup_in_the_data_shows_as_text_and_runs_nothing(
    graph: nx.MultiDiGraph, names: PlanNames, chromium: BrowserContext, tmp_path: Path
) -> None:
    poisoned = graph.copy()
    node = NS + "pillar-ecology"
    poisoned.nodes[node].update(
        label_zh=XSS, label_en="<script>window.pwned = 1</script>", quote='"><svg onload=alert(2)>'
    )
    for *_, data in poisoned.in_edges(node, data=True):
        data["justification"] = "<b onmouseover=alert(3)>why</b>"
    path = write_page(views.entity(poisoned, node), names, tmp_path / "poisoned.html")
    html = path.read_text(encoding="utf-8")
    assert XSS not in html and "<script>window.pwned" not in html
    page, seen = _open(chromium, path)
    assert seen.dialogs == []
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('img, b, svg[onload]').length") == 0
    assert XSS in page.locator("#title").inner_text()
    assert XSS in page.locator("#details").inner_text()  # the focus is selected on load
    assert not any(url.endswith("/x") for url in seen.requests)
    page.close()
    # In the overview the pillar's label also names the fold it anchors, in the fold's tooltip.
    path = write_page(views.overview(poisoned), names, tmp_path / "poisoned-overview.html")
    assert XSS not in path.read_text(encoding="utf-8")
    page, seen = _open(chromium, path)
    tooltips = page.evaluate(f"nodes.get().filter(n => n.id.startsWith('fold:{node}')).map(n => n.title)")
    assert tooltips and all(XSS in title for title in tooltips)
    assert page.evaluate("window.pwned") is None and seen.dialogs == []
    assert page.evaluate("document.querySelectorAll('img, b, svg[onload]').length") == 0
    page.close()


def test_pyvis_own_template_links_a_cdn_and_ours_does_not(graph: nx.MultiDiGraph, names: PlanNames) -> None:
    stock = Network(cdn_resources="in_line")
    stock.add_node("a")
    assert any("cdn.jsdelivr.net" in url for url in remote_references(stock.generate_html()))
    assert remote_references(render_page(views.goals(graph), names)) == []
    assert remote_references('<link href="//cdn.example/x.css"><style>@import "https://a/b.css";</style>') == [
        "//cdn.example/x.css",
        "https://a/b.css",
    ]


# --- large graphs --------------------------------------------------------------------------------


def test_past_the_draw_limit_the_page_says_what_it_left_out(
    graph: nx.MultiDiGraph, names: PlanNames, chromium: BrowserContext, tmp_path: Path
) -> None:
    view = views.overview(graph, limit=300)
    assert view.graph.number_of_nodes() == 300
    assert view.left_out.total() == graph.number_of_nodes() - 300
    degrees = sorted((degree for _, degree in graph.degree()), reverse=True)
    assert min(view.graph.nodes[node]["degree"] for node in view.graph) == degrees[299]
    page, seen = _open(chromium, write_page(view, names, tmp_path / "cut.html"))
    assert seen.nodes + page.evaluate("Object.keys(folded.nodes).length") - len(view.folds) == 300
    note = page.locator("#left-out").inner_text()
    assert f"{graph.number_of_nodes():,}" in note and "300" in note and "任务举措" in note
    page.close()


def test_physics_only_for_small_views() -> None:
    small = layout.vis_options(100, layout.mode_of(100, hierarchical=False))
    assert small["physics"]["enabled"] and small["physics"]["stabilization"]["iterations"] > 0
    large = layout.vis_options(600, layout.mode_of(600, hierarchical=False))
    assert not large["physics"]["enabled"]
    assert layout.mode_of(10, hierarchical=True) == "hierarchy"
    radial = layout.vis_options(431, layout.mode_of(431, hierarchical=False, tree=True))
    assert not radial["physics"]["enabled"] and radial["physics"]["solver"]  # on only while a fold settles


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["serves"], "needs --focus"),
        (["serves", "--focus", "新城区"], "is a District, not a Goal"),
        (["place", "--focus", "青山"], "did you mean"),  # 大青山, 青山小学 …: no name, held by several
        (["goals", "--focus", "生态美"], "does not apply"),
        (["goals", "--depth", "2"], "entity view only"),
        (["entity", "--focus", "生态美", "--depth", "0"], "1 or more"),
        (["pictures"], "unknown view"),
        (["entity", "--focus", "c02-p01"], "not one of the plan's entities"),
    ],
)
def test_cli_errors_are_one_clear_line(out_dir: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, [*args, "--build", str(out_dir), "--out", str(tmp_path / "page.html")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_language_outside_the_choices_is_refused_before_any_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["goals", "--lang", "fr", "--build", str(tmp_path)])
    assert result.exit_code == 2 and "'fr' is not one of: zh, en" in result.output


def test_cli_writes_one_page_where_asked(out_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "c02.html"
    result = CliRunner().invoke(app, ["chapter", "--focus", "c02", "--build", str(out_dir), "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert target.is_file() and "nodes" in result.output
    assert [path.name for path in target.parent.iterdir()] == ["c02.html"]  # no temporary file left


def test_a_page_is_html() -> None:
    with pytest.raises(PlankgError, match="html"):
        write_page(views.View("goals", "goals", Words("", ""), nx.MultiDiGraph()), PlanNames(), Path("x.txt"))


def test_the_views_offered_are_the_views_registered() -> None:
    """`plankg viz --help` lists plankg.viz.VIEWS without importing networkx; the registry draws them."""
    assert tuple(views.VIEW_KINDS) == VIEWS
