"""The page of each curated node in the site (`plankg site`): what a reader checks on it.

Expected answers are the plan's words and the curated data (data/curated/xincheng-14th/*.yaml,
data/sources/xincheng-14th.txt, the ontology's labels), not the program's output.
"""

from __future__ import annotations

import json
import posixpath
import re
from html import unescape
from pathlib import Path

import pyoxigraph as ox
import pytest

from plankg.graph.engines import Engine, Limits
from plankg.graph.engines.embedded import OxigraphEngine
from plankg.graph.iris import ID_BASE
from plankg.graph.opened import Build, GraphView
from plankg.viz.site import home, node_pages, shell, urls, vis
from plankg.viz.site.pages import Site
from tests.browser import chromium, visit
from tests.conftest import PLAN, TEST_DATA

NS = f"{ID_BASE}{PLAN}/"
PROJECT = "proj-old-residential-renovation"
# From data/curated/xincheng-14th/projects.yaml and ch08.yaml.
PROJECT_LABEL = "城区老旧小区改造工程"
PROJECT_QUOTE = "推进城区老旧小区改造工程,对全区310 个小区进行升级改造"
MEASURE, MEASURE_LABEL = "m-c08-s01-old-residential-renovation", "加大老旧小区改造综合整治力度"
# registry-ch08.yaml: each facility of the old compounds is part of the project, as a curator reads it.
FACILITY, FACILITY_LABEL = "proj-compound-property-management-rooms", "物业用房"
FACILITY_WHY = "同段首句“推进城区老旧小区改造工程”;该设施是段中所列老旧小区改造的一项"
XSS = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.pwned=1</script>"
_LINK = re.compile(r"""\b(?:href|src|action)="(?![a-z][a-z0-9+.-]*:|#)([^"#?]+)""")
_DRAWN = r'plankgDraw\("neighbourhood", (.*?)(?:, window\[[^\]]+\])?\);</script>'  # the drawing's data
_PART = re.compile(r"^(?:c\d\d|front|glossary)(?:-[a-z0-9-]+)?\.html$")  # chapter, section, paragraph pages


def _page(site_dir: Path, node_id: str) -> str:
    return (site_dir / PLAN / f"{node_id}.html").read_text(encoding="utf-8")


def _section(html: str, anchor: str) -> str:
    found = re.search(rf'<section id="{anchor}">(.*?)</section>', html, re.S)
    assert found, f"no {anchor} section"
    return found.group(1)


def _text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment))


def _items(fragment: str, href: str) -> list[str]:
    """The list items of a section that link to `href`, each with what it nests."""
    return [item for item in re.split(r"<li>(?=<a )", fragment) if f'href="{href}"' in item.split("<ul>")[0]]


def test_every_curated_node_has_a_page(built: Build, site_dir: Path) -> None:
    pages = {str(path.relative_to(site_dir)) for path in (site_dir / PLAN).glob("*.html")}
    assert {urls.node_path(node) for node in built.projection} <= pages
    assert len(built.projection) > 2000  # goals, measures, projects, places, concepts …


def test_a_project_page_shows_its_label_quote_links_and_goals(site_dir: Path) -> None:
    html = _page(site_dir, PROJECT)
    assert _text(re.search(r"<h1>(.*?)</h1>", html).group(1)) == PROJECT_LABEL  # type: ignore[union-attr]
    assert f"{NS}{PROJECT}" in html  # its IRI, to cite
    plan_text = (TEST_DATA / "sources" / f"{PLAN}.txt").read_text(encoding="utf-8")
    assert PROJECT_QUOTE in plan_text
    evidence = _section(html, "evidence")
    assert f'<a href="c08-s01-p04.html">c08-s01-p04</a> <span class="quote">{PROJECT_QUOTE}</span>' in evidence
    links = _section(html, "links")
    # The measure it implements (落实, the ontology's name of plankg:implements), with the plan's words.
    assert "<h3" in links and "落实" in _text(links.split(f'href="{MEASURE}.html"')[0].rsplit("<h3", 1)[1])
    (measure,) = _items(links, f"{MEASURE}.html")
    assert MEASURE_LABEL in _text(measure) and 'class="basis stated"' in measure
    assert f'<span class="quote">{PROJECT_QUOTE}</span>' in measure
    # A facility that is part of it, by a curator's reading: marked curated, with the justification.
    (facility,) = _items(links, f"{FACILITY}.html")
    assert FACILITY_LABEL in _text(facility) and 'class="basis curated"' in facility
    assert FACILITY_WHY in _text(re.search(r'<span class="why">(.*?)</span>', facility).group(1))  # type: ignore[union-attr]
    goals = _section(html, "goals")
    assert '<a href="pillar-quality.html">品质优</a>' in goals
    assert '<a href="vision-2035.html">' in goals  # up to the vision


def test_a_place_page_shows_the_places_it_is_in(site_dir: Path) -> None:
    # places.yaml: the tech city area is within the Jinshan zone and the district, both within
    # Hohhot, within Inner Mongolia; its aliases are 科技城片区 and 科技城.
    html = _page(site_dir, "place-tech-city-area")
    chain = _text(_section(html, "places"))
    for place in ("呼和浩特金山高新技术产业开发区", "新城区", "呼和浩特市", "内蒙古自治区"):
        assert place in chain
    assert chain.index("新城区") < chain.index("呼和浩特市") < chain.index("内蒙古自治区")
    for place in ("place-xincheng-district", "place-hohhot", "place-inner-mongolia"):
        assert f'href="{place}.html"' in _section(html, "places")
    names = _text(_section(html, "names"))
    assert "科技城片区" in names and "科技城" in names and "拼音" in names


def test_an_indicator_page_shows_its_target_with_value_comparator_and_quote(site_dir: Path) -> None:
    # ch02.yaml: tgt-forest-coverage-2025, value 44, comparator at-least (以上 in the ontology).
    values = _section(_page(site_dir, "ind-forest-coverage"), "values")
    (row,) = [row for row in values.split("<tr>") if 'href="tgt-forest-coverage-2025.html"' in row]
    cells = [_text(cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
    assert cells[1:4] == ["森林覆盖率", "44", "%"] and cells[5] == "以上"
    assert "全区森林覆盖率保持在44%以上" in cells[6] and 'href="c02-s04-p03.html"' in row


def test_a_hub_draws_its_best_connected_neighbours_and_says_how_many_are_left_out(site_dir: Path) -> None:
    html = _page(site_dir, "place-xincheng-district")
    drawing = _section(html, "near")
    data = json.loads(re.search(_DRAWN, drawing).group(1))  # type: ignore[union-attr]
    assert len(data["nodes"]) == node_pages.NEIGHBOURS
    # The options every neighbourhood shares are one file of the site, not a copy in each page.
    assert "options" not in data and "forceAtlas2Based" not in html
    assert "forceAtlas2Based" in (site_dir / urls.asset(f"{node_pages.OPTIONS}.js")).read_text(encoding="utf-8")
    left = re.search(r"邻居共 (\d+) 个,此处只画出关系最多的 (\d+) 个,另有 (\d+) 个", drawing)
    assert left and int(left.group(2)) == node_pages.NEIGHBOURS - 1
    assert int(left.group(1)) == int(left.group(2)) + int(left.group(3))
    # Every neighbour left out of the drawing is still in the page's lists.
    assert _section(html, "links").count("<li><a ") >= int(left.group(1))


def test_every_link_of_a_node_page_opens_a_file_of_the_site(site_dir: Path) -> None:
    files = {str(path.relative_to(site_dir)) for path in site_dir.rglob("*") if path.is_file()}
    text_pages = f"{PLAN}/c01.html" in files  # the annotated text's pages, once that section is in
    checked = 0
    for path in (site_dir / PLAN).glob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'id="names"' not in html:
            continue
        source = str(path.relative_to(site_dir))
        links = _LINK.findall(html)
        drawn = re.search(_DRAWN, html)
        if drawn:
            links += json.loads(drawn.group(1))["pages"].values()  # what a click on a drawn node opens
        for link in links:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), link))
            if not text_pages and _PART.match(posixpath.basename(target)):
                continue
            assert target in files, f"{source} links to {link}"
            checked += 1
    assert checked > 10_000


def test_a_page_opens_offline_and_draws_its_neighbourhood(site_dir: Path) -> None:
    with chromium() as context:
        page, seen = visit(context, site_dir / PLAN / f"{PROJECT}.html", network=False)
        page.wait_for_selector("#neighbourhood canvas", timeout=30_000)
        assert seen.errors == [] and seen.outside == []
        page.close()


def test_a_link_to_a_node_without_a_page_is_text(built: Build) -> None:
    site = Site(built, "zh", (PLAN,))
    here = node_pages.Here(site, node_pages.read_terms(site), urls.node_path(NS + PROJECT), PLAN)
    assert here.node(NS + MEASURE, MEASURE_LABEL) == f'<a href="{MEASURE}.html">{MEASURE_LABEL}</a>'
    assert here.node(NS + "c08-s01-p04", "<b>c08-s01-p04</b>") == "&lt;b&gt;c08-s01-p04&lt;/b&gt;"


# --- what the data must never do -----------------------------------------------------------------


class _Doctored(GraphView):
    """The build's graph in memory, where a test may change what the data say."""

    default_engine = "embedded"

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def engine(self, name: str | None = None, limits: Limits | None = None) -> Engine:
        return OxigraphEngine(self.store)


def _relabel(store: ox.Store, node: str, lang: str, text: str) -> None:
    store.update(
        f"DELETE {{ GRAPH ?g {{ <{node}> rdfs:label ?old }} }} INSERT {{ GRAPH ?g {{ <{node}> rdfs:label ?new }} }}"
        f" WHERE {{ GRAPH ?g {{ <{node}> rdfs:label ?old FILTER(LANG(?old) = {json.dumps(lang)}) }}"
        f" BIND(STRLANG({json.dumps(text)}, {json.dumps(lang)}) AS ?new) }}",
        prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},
    )


@pytest.fixture(scope="module")
def doctored(built: Build) -> Site:
    store = ox.Store()
    store.extend(built.store.quads_for_pattern(None, None, None, None))
    _relabel(store, NS + PROJECT, "zh", XSS)
    _relabel(store, NS + PROJECT, "en", SCRIPT)
    _relabel(store, NS + MEASURE, "zh", SCRIPT)
    store.update(
        "DELETE { GRAPH ?g { ?st plankg:justification ?why } }"
        ' INSERT { GRAPH ?g { ?st plankg:justification "</script><b onmouseover=alert(3)>" } }'
        f" WHERE {{ GRAPH ?g {{ ?st plankg:justification ?why }} GRAPH ?h {{ ?st rdf:subject <{NS}{FACILITY}> }} }}",
        prefixes={"plankg": "https://w3id.org/plankg/ontology#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
    )
    return Site(_Doctored(store), "zh", (PLAN,))


def test_markup_in_the_data_shows_as_text_and_runs_nothing(doctored: Site, tmp_path: Path) -> None:
    page = node_pages.node_site_page(doctored, node_pages.read_terms(doctored), NS + PROJECT)
    html = shell.render(doctored, page)
    assert XSS not in html and SCRIPT not in html and "<b onmouseover" not in html
    # Nothing from the data closes the drawing's script: the page's own scripts only.
    assert html.count("</script>") == html.count("<script")
    drawing = re.search(_DRAWN, html).group(1)  # type: ignore[union-attr]
    tooltips = [node["title"] for node in json.loads(drawing)["nodes"]]
    assert any(SCRIPT in tooltip for tooltip in tooltips)  # the neighbour's label, as data
    folder = tmp_path / PLAN
    folder.mkdir()
    for asset in (*home.ASSETS, *vis.ASSETS, *node_pages.ASSETS):
        (tmp_path / urls.asset(asset.name)).parent.mkdir(exist_ok=True)
        (tmp_path / urls.asset(asset.name)).write_bytes(asset.content)
    (folder / f"{PROJECT}.html").write_text(html, encoding="utf-8")
    with chromium() as context:
        opened, seen = visit(context, folder / f"{PROJECT}.html", network=False)
        opened.wait_for_selector("#neighbourhood canvas", timeout=30_000)
        assert seen.dialogs == [] and opened.evaluate("window.pwned") is None
        assert opened.evaluate("document.querySelectorAll('main img, main b').length") == 0
        assert opened.locator("h1").inner_text() == XSS
        assert SCRIPT in opened.locator("#names").inner_text()
        assert SCRIPT in opened.locator("#links").inner_text()  # the measure, named as the data name it
        assert "</script><b onmouseover=alert(3)>" in opened.locator("#links").inner_text()
        assert not any(url.endswith("/x") for url in seen.requests)
        opened.close()
