"""The site's indexes and its offline search, as a reader checks them against the plan.

Expected names, parents and paragraphs are the plan's (data/sources/xincheng-14th.txt) and the
curated YAML's; the counts of what serves a goal are the catalogue's `serves-goal` query, a
SPARQL reading independent of the page code. The search is run in headless Chromium from
file:// with the network cut off, and its normal form and ranking are held to the Python
`plankg search` on the same inputs.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import BrowserContext, Page

from plankg.data import DATA_DIR
from plankg.graph.opened import Build
from plankg.graph.search import normalized, open_index, search
from plankg.queries.catalogue import load_catalogue
from plankg.queries.runner import run_catalogue_query
from plankg.viz.site import indexes, search_page
from plankg.viz.site.pages import Site
from plankg.viz.site.vis import script_json
from tests import browser

PLAN = "xincheng-14th"
PLAN_TEXT = (DATA_DIR / "sources" / f"{PLAN}.txt").read_text(encoding="utf-8")
# 着力打造“经济强、生态美、文化兴、品质优、人民富”新城 (c02-s01-p01)
PILLARS = ("经济强", "生态美", "文化兴", "品质优", "人民富")
VISION = "与全国一道基本实现社会主义现代化"  # vision-2035, ch02.yaml


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.walk() if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def items(self) -> list[Element]:
        """The <li> children of this element's first <ul> (its nested list)."""
        lists = [child for child in children(self) if child.tag == "ul"]
        return children(lists[0]) if lists else []

    def link(self) -> Element:
        return next(child for child in children(self) if child.tag == "a")


class _Parser(HTMLParser):
    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while len(self.open) > 1 and self.open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parsed(html: str) -> Element:
    parser = _Parser()
    parser.feed(html)
    return parser.root


def own_page(site_dir: Path, name: str) -> Element:
    return parsed((site_dir / PLAN / "_" / f"{name}.html").read_text(encoding="utf-8"))


def children(element: Element) -> list[Element]:
    return [child for child in element.children if isinstance(child, Element)]


def entry(items: list[Element], label: str) -> Element:
    found = [item for item in items if item.link().text() == label]
    assert found, f"no entry {label!r} among {[item.link().text() for item in items]}"
    return found[0]


def test_pillars_page_shows_the_vision_and_its_five_pillars_in_the_plans_order(site_dir: Path, built: Build) -> None:
    assert "“" + "、".join(PILLARS) + "”新城" in PLAN_TEXT
    page = own_page(site_dir, "pillars")
    (vision,) = page.find("h2")
    assert vision.link().text() == VISION
    assert vision.link().attrs["href"] == "../vision-2035.html"
    under = children(page.find("ul")[0])
    pillars = [item for item in under if item.find("span", **{"class": "cls"})[0].text() == "目标支柱"]
    assert [item.link().text() for item in pillars] == list(PILLARS)
    # What serves a pillar, as the catalogue's SPARQL reads it (measures and projects, transitively).
    query = load_catalogue()["serves-goal"]
    for item in pillars:
        goal = item.link().attrs["href"].removeprefix("../").removesuffix(".html")
        table = run_catalogue_query(built.engine(), query, {"goal": goal})
        kind, node = table.variables.index("kind"), table.variables.index("node")
        serving = {
            name: {row[node].value for row in table.rows if row[kind].value == name} for name in ("measure", "project")
        }
        counts = item.find("span", **{"class": "muted"})[0].text()
        assert counts == f"任务举措 {len(serving['measure'])} · 项目 {len(serving['project'])}", goal


def test_places_page_nests_a_town_and_a_village_under_the_district(site_dir: Path) -> None:
    # registry-ch06-c09.yaml: 保合少镇 and 生盖营村 lie within 新城区, itself within 呼和浩特市.
    assert "围绕成吉思汗街道办事处和保合少镇共计18 个行政村" in PLAN_TEXT
    page = own_page(site_dir, "places")
    top = children(page.find("ul")[0])
    region = entry(top, "内蒙古自治区")
    city = entry(region.items(), "呼和浩特市")
    district = entry(city.items(), "新城区")
    town = entry(district.items(), "保合少镇")
    village = entry(district.items(), "生盖营村")
    assert town.link().attrs["href"] == "../place-baoheshao-town.html"
    assert village.find("span", **{"class": "cls"})[0].text() == "村"
    assert "保合少镇" not in [item.link().text() for item in top]  # listed under its parent, not at the top


def test_classes_page_counts_the_pillars_under_goals_and_lists_each_class(site_dir: Path) -> None:
    page = own_page(site_dir, "classes")
    top = children(page.find("ul")[0])
    goals = entry(top, "目标")
    pillar = entry(goals.items(), "目标支柱")
    assert pillar.link().attrs["href"] == "class-Pillar.html"
    assert pillar.text().split()[1] == str(len(PILLARS))
    assert "平台" in [item.link().text() for item in entry(top, "项目").items()]  # a subclass under its class
    listed = own_page(site_dir, "class-Pillar")
    rows = [row.find("td") for row in listed.find("tr")[1:]]
    assert [cells[0].text() for cells in rows] == list(PILLARS)
    assert all(cells[3].text() == "c02-s01-p01" for cells in rows)  # first quoted in the guiding-thought section
    projects = own_page(site_dir, "class-Project")
    assert "城区老旧小区改造工程" in [link.text() for link in projects.find("a")]


def test_chapters_page_lists_a_project_under_the_section_that_quotes_it(site_dir: Path) -> None:
    # 第八章, 第一节 (c08-s01): “推进城区老旧小区改造工程,对全区310 个小区进行升级改造” (c08-s01-p04)
    assert "第一节完善基础设施建设,提升城市服务功能" in PLAN_TEXT.split("第八章", 1)[1]
    page = own_page(site_dir, "chapters")
    (chapter,) = page.find("h2", id="c08")
    assert chapter.link().text() == "第八章 推进共建共治共享打造草原都市美丽新城"
    assert chapter.link().attrs["href"] == "../c08.html"
    (section,) = page.find("h3", id="c08-s01")
    assert section.link().text() == "第一节完善基础设施建设,提升城市服务功能"
    assert section.link().attrs["href"] == "../c08-s01.html"
    body = page.find("main")[0].children
    after = body[body.index(section) + 1]
    assert isinstance(after, Element) and after.tag == "ul"
    groups = {group.find("b")[0].text(): [link.text() for link in group.find("a")] for group in after.find("li")}
    assert "城区老旧小区改造工程" in groups["项目"]


def test_organizations_page_shows_what_an_organization_is_responsible_for(site_dir: Path) -> None:
    # c07-s04-p02: “建立由医保部门牵头、有关部门参加的基金监管工作机制”
    assert "建立由医保部门牵头、有关部门参加的基金监管工作机制" in PLAN_TEXT
    page = own_page(site_dir, "organizations")
    org = entry(children(page.find("ul", **{"class": "orgs"})[0]), "医保部门")
    roles = {item.text().split(" ")[0]: item for item in org.items()}
    links = {link.text(): link.attrs["href"] for link in roles["牵头负责"].find("a")}
    assert links["建立由医保部门牵头、有关部门参加的基金监管工作机制"] == "../m-c07-s04-p02-fund-supervision.html"
    assert not roles["牵头负责"].find("span", **{"class": "basis curated"})  # the plan states it


def test_index_pages_show_a_label_holding_markup_as_text(built: Build) -> None:
    site = Site(built, "zh", (PLAN,))
    graph = built.projection.copy()
    graph.nodes[f"https://w3id.org/plankg/id/{PLAN}/pillar-economy"]["label_zh"] = (
        '<script>alert(1)</script><img onerror="x">'
    )
    site.__dict__["graph"] = graph  # the projection the pages read, with one label changed
    bodies = "".join(page.body for page in indexes.pages(site))
    assert "<script>" not in bodies and "<img" not in bodies
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img onerror=&quot;x&quot;&gt;" in bodies


# ---- search


@pytest.fixture(scope="module")
def context() -> Iterator[BrowserContext]:
    with browser.chromium() as opened:
        yield opened


def searched(context: BrowserContext, site_dir: Path, words: str) -> tuple[Page, browser.Visit]:
    page, seen = browser.visit(context, site_dir / "search.html", network=False)
    page.goto((site_dir / "search.html").resolve().as_uri() + "?q=" + quote(words))
    page.wait_for_function("window.plankgSearchReady === true")
    return page, seen


def hits(page: Page) -> list[dict[str, str]]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#hits li')).map(li => ({
             id: li.dataset.id, cls: li.querySelector('.cls').textContent,
             label: li.querySelector('a').textContent, href: li.querySelector('a').href,
             quote: (li.querySelector('.quote') || {}).textContent || ''}))"""
    )


def test_search_finds_a_project_by_chinese_words_offline(context: BrowserContext, site_dir: Path) -> None:
    page, seen = searched(context, site_dir, "老旧小区")
    found = hits(page)
    page.close()
    assert seen.errors == [] and seen.outside == [] and seen.dialogs == []
    assert all(request.startswith("file:") for request in seen.requests)
    first = found[0]  # projects.yaml: proj-old-residential-renovation, quoted in c08-s01-p04
    assert (first["id"], first["cls"], first["label"]) == (
        "proj-old-residential-renovation",
        "项目",
        "城区老旧小区改造工程",
    )
    assert first["quote"] == "推进城区老旧小区改造工程,对全区310 个小区进行升级改造"
    assert first["href"] == (site_dir / PLAN / "proj-old-residential-renovation.html").resolve().as_uri()


def test_search_finds_a_node_by_its_english_label_and_a_place_by_pinyin(
    context: BrowserContext, site_dir: Path
) -> None:
    # projects.yaml: en "Renovation project for old residential compounds of the urban district"
    page, seen = searched(context, site_dir, "Old Residential  compounds of the URBAN")
    assert [hit["id"] for hit in hits(page)][:1] == ["proj-old-residential-renovation"]
    page.fill("#query", "Bǎohéshào")  # typed into the page's box: the town, by its pinyin
    assert hits(page)[0]["label"] == "保合少镇"
    assert parse_qs(urlparse(page.url).query)["q"] == ["Bǎohéshào"]  # the address keeps the query
    page.close()
    assert seen.errors == [] and seen.outside == []


def test_search_shows_markup_in_a_query_as_text(context: BrowserContext, site_dir: Path) -> None:
    page, seen = searched(context, site_dir, '<img src=x onerror="alert(1)">')
    assert page.evaluate("document.querySelectorAll('main img').length") == 0
    assert page.input_value("#query") == '<img src=x onerror="alert(1)">'
    page.close()
    assert seen.dialogs == [] and seen.errors == []


def test_search_shows_a_label_holding_markup_as_text(
    context: BrowserContext, site_dir: Path, built: Build, tmp_path: Path
) -> None:
    data: dict[str, Any] = search_page.index_data(Site(built, "zh", (PLAN,)))
    marked = '<img src=x onerror="alert(1)"><script>alert(2)</script>老旧小区'
    data["nodes"][0][3] = marked
    data["texts"].append([0, 0, marked])
    shutil.copytree(site_dir / "assets", tmp_path / "assets")
    shutil.copy(site_dir / "search.html", tmp_path)
    (tmp_path / "assets" / search_page.INDEX).write_text(f"window.plankgSearchIndex = {script_json(data)};\n")
    page, seen = searched(context, tmp_path, "onerror")
    assert hits(page)[0]["label"] == marked
    assert page.evaluate("document.querySelectorAll('main img, main script').length") == 0
    page.close()
    assert seen.dialogs == [] and seen.errors == []


QUERIES = ("老旧小区", "“两山”", "二基 三线", "ＡＩ", "big data", "Xīnchéng", "保合少", "敕勒川", "  ", "文化、旅游")
# (words, class, chapter or section), as `plankg search --class … --section …` takes them
FILTERED = (
    ("老旧小区", "Project", None),
    ("养老", None, "c07"),
    ("科技城", "Place", None),
    ("新城区", "Goal", "c02-s01"),
)


def test_search_normalises_and_ranks_as_plankg_search_does(
    context: BrowserContext, site_dir: Path, built: Build
) -> None:
    page, seen = searched(context, site_dir, "")
    texts = page.evaluate("window.plankgSearchIndex.texts.map(row => row[2])")
    extra = ["Ｘīｎ　Chéng", "“两山”理论", "二基、三线·四点・", "ＡＢＣ１２３", "Straße", "  big\tdata  "]
    inputs = texts + extra
    assert page.evaluate("inputs => inputs.map(window.plankgNormalized)", inputs) == [normalized(t) for t in inputs]
    find = "([q, c, s]) => window.plankgFind(q, c, s).map(hit => [hit.id, hit.match, hit.paragraph, hit.quote])"
    index = open_index(built)
    try:
        for words, cls, scope in [(words, None, None) for words in QUERIES] + list(FILTERED):
            found = search(index, words, cls, scope, limit=None) if words.strip() else []
            expected = [[hit.id, hit.match, hit.paragraph, hit.quote] for hit in found]
            assert page.evaluate(find, [words, cls or "", scope or ""]) == expected, (words, cls, scope)
    finally:
        index.close()
    page.close()
    assert seen.errors == []


def test_search_page_filters_by_class_and_chapter_from_its_address(context: BrowserContext, site_dir: Path) -> None:
    page, seen = browser.visit(context, site_dir / "search.html", network=False)
    page.goto((site_dir / "search.html").resolve().as_uri() + "?q=" + quote("老旧小区") + "&class=Project&chapter=c08")
    page.wait_for_function("window.plankgSearchReady === true")
    assert (page.input_value("#class"), page.input_value("#chapter")) == ("Project", "c08")
    found = hits(page)
    # projects.yaml: the project quoted in c08-s01-p04; the other 老旧小区 nodes are measures or c01's
    assert [hit["id"] for hit in found] == ["proj-old-residential-renovation"]
    page.select_option("#chapter", "")
    assert "proj-haoqinying-shantytown-renovation" in [hit["id"] for hit in hits(page)]  # quoted in c01-s01-p07
    assert "chapter" not in parse_qs(urlparse(page.url).query)
    page.close()
    assert seen.errors == [] and seen.outside == []


def test_search_index_is_a_script_small_enough_to_load_on_every_search(site_dir: Path) -> None:
    script = (site_dir / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.plankgSearchIndex = ") and "</script" not in script
    data = json.loads(script.removeprefix("window.plankgSearchIndex = ").rstrip().removesuffix(";"))
    assert "城区老旧小区改造工程" in [node[3] for node in data["nodes"]]
    assert len(script.encode()) < 2_500_000
