"""The site's overview (`<plan>/_/overview.html`) as a reader sees it, opened offline in Chromium:
the goal tree drawn whole, everything else folded into count nodes that add up to the plan's
counts, and a fold that opens on a click. Expected names and counts come from the plan's text and
from SPARQL on the build, not from the view code."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from plankg.graph.opened import Build
from plankg.viz import layout
from tests import browser
from tests.conftest import select

NS = "https://w3id.org/plankg/id/xincheng-14th/"
PILLARS_ZH = {"经济强", "生态美", "文化兴", "品质优", "人民富"}  # 第二章: 建设“五个新城”
VISION_ZH = "与全国一道基本实现社会主义现代化"  # c02-s04-p07: 展望2035 年 … 与全国一道基本实现社会主义现代化
# c03-s02: “努力构建低碳社会” and its measures, e.g. “提倡低碳生活方式,大力宣传低碳生活方式”
LOW_CARBON = NS + "obj-c03-s02-low-carbon-society"
# The families the plan's other nodes belong to (ontology classes, each with its subclasses).
FAMILIES = ("Measure", "Project", "Organization", "Place", "Indicator", "Target", "Observation", "Concept",
            "Assessment", "Driver", "Principle")  # fmt: skip
_COUNT_LINE = re.compile(r"^(\S+) (\d+)$")


@pytest.fixture(scope="module")
def overview(site_dir: Path, chromium: BrowserContext) -> Iterator[tuple[Page, browser.Visit]]:
    """The overview opened from its file, with the network cut off, once its first layout has settled."""
    page, seen = browser.visit(chromium, site_dir / "xincheng-14th" / "_" / "overview.html", network=False)
    page.wait_for_function("window.plankgReady === true", timeout=120_000)
    yield page, seen
    page.close()


def _drawn(page: Page) -> list[dict[str, str]]:
    return page.evaluate(
        # the Chinese label is the tooltip's first line (the drawn label may be shortened)
        "plankgOverview.nodes.get().map(n => ({id: n.id, label: n.title.split('\\n')[0], title: n.title}))"
    )


def _instances(built: Build, cls: str) -> set[str]:
    rows = select(
        built.store,
        f"""SELECT DISTINCT ?n WHERE {{ GRAPH ?g {{ ?n plankg:plan ?plan ; a ?c }}
              ?c rdfs:subClassOf* plankg:{cls} FILTER(!STRENDS(STR(?g), "/inferred")) }}""",
    )
    return {row["n"] for row in rows}


def test_the_overview_opens_offline_and_settles(overview: tuple[Page, browser.Visit], site_dir: Path) -> None:
    page, seen = overview
    assert seen.errors == [] and seen.outside == [] and seen.dialogs == []
    assert all(url.startswith(("file:", "data:")) for url in seen.requests), seen.requests
    assert not page.evaluate("plankgOverview.network.physics.physicsEnabled")  # settled, then frozen
    assert page.title().startswith("总览图")
    # The shared library is loaded from the site's assets, not inlined into the page.
    assert any(url.endswith("/assets/vis-network.min.js") for url in seen.requests)
    library = (site_dir / "assets" / "vis-network.min.js").read_text(encoding="utf-8")
    assert library[:300] not in (site_dir / "xincheng-14th" / "_" / "overview.html").read_text(encoding="utf-8")
    assert "单击虚线框展开" in page.locator("main").inner_text()


def test_the_goal_tree_is_drawn_whole(overview: tuple[Page, browser.Visit], built: Build) -> None:
    page, _ = overview
    drawn = _drawn(page)
    labels = {node["label"] for node in drawn}
    assert VISION_ZH in labels
    pillars = _instances(built, "Pillar")
    assert {node["label"] for node in drawn if node["id"] in pillars} == PILLARS_ZH
    goals = _instances(built, "Goal")
    assert goals == {node["id"] for node in drawn if not node["id"].startswith("fold:")}
    assert _instances(built, "Objective") <= {node["id"] for node in drawn}
    assert len(drawn) <= layout.PHYSICS_LIMIT


def test_the_folds_add_up_to_the_plan(overview: tuple[Page, browser.Visit], built: Build) -> None:
    """Every fold's tooltip says how many of what it holds: summed, the plan's count of each family."""
    page, _ = overview
    names = {
        row["label"]: row["cls"].rsplit("#", 1)[-1]
        for row in select(
            built.store,
            "SELECT ?cls ?label WHERE { ?cls rdfs:label ?label FILTER(LANG(?label) = 'zh') VALUES ?cls { "
            + " ".join(f"plankg:{family}" for family in FAMILIES)
            + " } }",
        )
    }
    counted: Counter[str] = Counter()
    for node in _drawn(page):
        if node["id"].startswith("fold:"):
            for line in node["title"].splitlines():
                match = _COUNT_LINE.match(line)
                if match:
                    counted[names[match[1]]] += int(match[2])
    assert counted == {family: len(_instances(built, family)) for family in FAMILIES}
    everything = select(
        built.store,
        "SELECT (COUNT(DISTINCT ?n) AS ?count) WHERE { GRAPH ?g { ?n plankg:plan ?plan ; plankg:localId ?id } }",
    )
    assert counted.total() + len(_instances(built, "Goal")) == int(everything[0]["count"])


def test_a_click_opens_a_fold_and_its_members_appear(overview: tuple[Page, browser.Visit], built: Build) -> None:
    page, _ = overview
    # The measures that serve 努力构建低碳社会 and no other goal are folded on it.
    only_here = {
        row["label"]
        for row in select(
            built.store,
            f"""SELECT ?label WHERE {{ ?m plankg:contributesTo <{LOW_CARBON}> ; rdfs:label ?label
                  FILTER(LANG(?label) = "zh")
                  FILTER NOT EXISTS {{ ?m plankg:contributesTo ?other FILTER(?other != <{LOW_CARBON}>) }} }}""",
        )
    }
    assert "提倡低碳生活方式,大力宣传低碳生活方式" in only_here
    fold = page.evaluate(
        f"plankgOverview.nodes.getIds().filter(id => id.startsWith('fold:{LOW_CARBON}'))",
    )
    assert len(fold) == 1
    assert not only_here & {node["label"] for node in _drawn(page)}
    before = len(_drawn(page))
    page.evaluate(f"plankgOverview.network.fit({{nodes: {fold}, animation: false}})")
    box = page.locator("#overview").bounding_box()
    where = page.evaluate(
        f"plankgOverview.network.canvasToDOM(plankgOverview.network.getPositions({fold})['{fold[0]}'])"
    )
    assert box is not None
    page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
    page.wait_for_function(
        f"plankgOverview.nodes.get('{fold[0]}') === null && !plankgOverview.network.physics.physicsEnabled",
        timeout=60_000,
    )
    page.wait_for_timeout(200)
    page.wait_for_function("!plankgOverview.network.physics.physicsEnabled", timeout=60_000)
    drawn = _drawn(page)
    assert only_here <= {node["label"] for node in drawn}
    assert len(drawn) > before
    # Each member drawn is tied to the objective, by its own link or by the fold's.
    linked = page.evaluate(
        f"plankgOverview.edges.get().filter(e => e.to === '{LOW_CARBON}' || e.from === '{LOW_CARBON}').length"
    )
    assert linked >= len(only_here)


def test_a_click_on_a_goal_opens_its_page(overview: tuple[Page, browser.Visit]) -> None:
    """Last: it leaves the overview for the page of 生态美, where urls.py puts a node's page."""
    page, _ = overview
    pillar = NS + "pillar-ecology"
    page.evaluate(f"plankgOverview.network.fit({{nodes: ['{pillar}'], animation: false}})")
    box = page.locator("#overview").bounding_box()
    where = page.evaluate(f"plankgOverview.network.canvasToDOM(plankgOverview.network.getPositions()['{pillar}'])")
    assert box is not None
    with page.expect_request("**/xincheng-14th/pillar-ecology.html", timeout=10_000):
        page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
