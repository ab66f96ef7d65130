"""The site's pictures as a reader checks them: the plan's targets with the numbers of its text,
the chapters × pillars matrix against measures counted here with SPARQL, every mark a link to
a file of the site or to a row under the picture, and the data escaped inside the SVG."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html import escape, unescape
from pathlib import Path

import pytest

from plankg.graph.iris import ID_BASE, graph_iri
from plankg.graph.opened import Build
from plankg.graph.store import run_query
from plankg.viz.site import pictures, svg, urls
from plankg.viz.site.pages import Site
from tests.conftest import PLAN

PICTURES = ("targets", "timeline", "matrix", "counts")
PILLARS_ZH = ("经济强", "生态美", "文化兴", "品质优", "人民富")  # c02-s01-p01, in the plan's order
_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_HREF = re.compile(r'href="([^"]*)"')
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<td>(.*?)</td>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _page(site_dir: Path, name: str) -> str:
    return (site_dir / urls.own_page(PLAN, name)).read_text(encoding="utf-8")


def _text(html: str) -> str:
    return unescape(_TAG.sub("", html)).strip()


def _rows(html: str) -> list[list[str]]:
    """The tables' rows as the reader reads them: each cell's text."""
    return [[_text(cell) for cell in _CELL.findall(row)] for row in _ROW.findall(html)]


def _count(build: Build, sparql: str, *kinds: str) -> dict[str, int]:
    """`?key` → `?n` of a grouped count, over the plan's graphs of these kinds only."""
    graphs = [graph_iri(PLAN, kind) for kind in kinds]
    return {row["key"].value: int(row["n"].value) for row in run_query(build.store, sparql, graphs)}


def test_the_pictures_page_lists_each_picture(site_dir: Path) -> None:
    index = _page(site_dir, "pictures")
    for name in PICTURES:
        assert f'href="picture-{name}.html"' in index
        assert (site_dir / urls.own_page(PLAN, f"picture-{name}")).is_file()
    home = (site_dir / urls.plan_home(PLAN)).read_text(encoding="utf-8")
    assert 'href="_/pictures.html"' in home  # the plan's menu offers them


def test_the_targets_picture_has_the_plans_numbers(site_dir: Path) -> None:
    page = _page(site_dir, "picture-targets")
    rows = {row[0]: row for row in _rows(page) if row}
    # c02-s04-p02: 全区地区生产总值年均增长6%左右; c01-s01-p02: 2020 年 … 年均增长5.4%
    gdp = rows["地区生产总值年均增长"]
    assert gdp[1:7] == ["6", "左右", "%", "2025", "5.4", "2020"]
    assert gdp[8] == "c02-s04-p02" and "全区地区生产总值年均增长6%左右" in gdp[9]
    # c02-s04-p03: 全区森林覆盖率保持在44%以上; c01-s01-p03: 全区森林覆盖率提高到44.3%
    forest = rows["森林覆盖率"]
    assert forest[1:7] == ["44", "以上", "%", "2025", "44.3", "2020"]
    # The bars write the same: baseline (year) → target (year), and the change needed a year
    # ((6 - 5.4) / 5 years = 0.12 points).
    drawn = _text(" ".join(_SVG.findall(page)))
    assert "5.4% (2020) → 6% 左右 (2025)" in drawn and "每年+0.12个百分点" in drawn
    assert "44.3% (2020) → 44% 以上 (2025)" in drawn
    # One chart per unit: c07-s03-p03's 7920 个 school places are not on the scale of the percentages.
    assert "单位:%" in page and "单位:个" in page and "7920 个 为 (2025)" in drawn


def test_the_timeline_dates_what_the_plan_dates(site_dir: Path) -> None:
    page = _page(site_dir, "picture-timeline")
    rows = _rows(page)
    # c07-s03-p03: 2023 年全区实现义务教育优质均衡
    assert any(row[0] == "2023" and "2023 年全区实现义务教育优质均衡" in row[6] for row in rows if row)
    # c02-s04-p02: the growth of 6% is a target for 2025
    assert any(row[0] == "2025" and "全区地区生产总值年均增长6%左右" in row[6] for row in rows if row)
    # The years on the axis, in order, each opening its rows in the table.
    years = re.findall(r'<a href="#year-(\d{4})">', "".join(_SVG.findall(page)))
    assert years == sorted(years) and {"2023", "2025"} <= set(years)


def test_every_mark_links_to_a_file_of_the_site_or_a_row_below(site_dir: Path) -> None:
    for name in PICTURES:
        path = urls.own_page(PLAN, f"picture-{name}")
        page = _page(site_dir, f"picture-{name}")
        anchors = set(re.findall(r'\bid="([^"]+)"', page))
        marks = [href for picture in _SVG.findall(page) for href in _HREF.findall(picture)]
        assert marks, name
        for href in marks:
            href = unescape(href)
            if href.startswith("#"):
                assert href[1:] in anchors, (name, href)
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
                assert (site_dir / target).is_file(), (name, href)


def test_the_pictures_are_well_formed_svg(site_dir: Path) -> None:
    """Every label and quote reached the SVG escaped: each picture parses as XML."""
    for name in PICTURES:
        for picture in _SVG.findall(_page(site_dir, f"picture-{name}")):
            ET.fromstring(picture)


HOSTILE = '<script>window.pwned = 1</script>"&'


def test_svg_text_is_escaped() -> None:
    drawn = svg.link(HOSTILE, svg.text(0, 0, HOSTILE), HOSTILE)
    assert "<script>" not in drawn
    ET.fromstring(svg.picture(10, 10, drawn, HOSTILE))


def test_a_hostile_label_reaches_the_pictures_as_text(built: Build) -> None:
    """A measure and a pillar named with markup: every picture shows the name, none runs it."""
    site = Site(built, "zh", (PLAN,))
    graph = built.projection.copy()
    for node in (
        f"{ID_BASE}{PLAN}/pillar-ecology",
        next(n for n, d in graph.nodes(data=True) if d["cls"] == "Measure"),
    ):
        graph.nodes[node]["label_zh"] = HOSTILE
    site.__dict__["graph"] = graph  # the cached projection, relabelled
    for page in pictures.pages(site):
        assert "<script>" not in page.body, page.path
        for picture in _SVG.findall(page.body):
            ET.fromstring(picture)
        if page.path.endswith(("picture-matrix.html", "picture-counts.html")):
            assert escape(HOSTILE) in page.body, page.path


_PER_PILLAR = """
SELECT ?key (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?m a plankg:Measure .
  ?m (plankg:implements|plankg:contributesTo|plankg:refines)+ ?pillar .
  ?pillar a plankg:Pillar ; rdfs:label ?key . FILTER(LANG(?key) = "zh")
} GROUP BY ?key"""

_PER_CHAPTER_AND_PILLAR = """
SELECT ?key (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?m a plankg:Measure ; plankg:evidence/plankg:paragraph/plankg:localId ?paragraph .
  ?m (plankg:implements|plankg:contributesTo|plankg:refines)+ ?pillar .
  ?pillar a plankg:Pillar ; rdfs:label ?label . FILTER(LANG(?label) = "zh")
  ?chapter a plankg:Chapter ; plankg:localId ?id ; rdfs:label ?heading . FILTER(LANG(?heading) = "zh")
  FILTER(STRSTARTS(?paragraph, CONCAT(?id, "-")))
  BIND(CONCAT(?heading, " × ", ?label) AS ?key)
} GROUP BY ?key"""


def test_the_matrix_counts_the_measures_that_reach_each_pillar(site_dir: Path, built: Build) -> None:
    page = _page(site_dir, "picture-matrix")
    totals = {row[0]: row[1:] for row in _rows(page) if row and row[0] in PILLARS_ZH}
    assert list(totals) == list(PILLARS_ZH)
    anywhere = _count(built, _PER_PILLAR, "stated", "curated")
    stated = _count(built, _PER_PILLAR, "stated")
    for pillar, (own, curated, total) in totals.items():
        assert int(total) == anywhere[pillar], pillar
        assert int(own) == stated.get(pillar, 0), pillar
        assert int(own) + int(curated) == int(total)
    measures = next(row for row in _rows(page) if row and row[0] == "举措总数")
    every = _count(built, 'SELECT ("all" AS ?key) (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a plankg:Measure }', "stated")
    assert int(measures[-1]) == every["all"]
    # Each cell: its heading under the picture says how many measures of the chapter reach the pillar.
    cells = dict(re.findall(r'<h3 id="cell-[^"]+">(.+?) \((\d+)\)</h3>', page))
    expected = _count(built, _PER_CHAPTER_AND_PILLAR, "stated", "curated", "structure")
    assert {unescape(key): int(n) for key, n in cells.items() if "×" in key and not key.endswith("无支柱")} == expected


def test_the_counts_picture_shows_what_each_chapter_holds(site_dir: Path, built: Build) -> None:
    page = _page(site_dir, "picture-counts")
    # c02-s01-p01 names the five pillars: all five are in chapter 2's list.
    chapter_2 = page.partition("<h3>第二章")[2].partition("<h3>")[0]
    listed = {row[0] for row in _rows(chapter_2.partition("目标支柱")[2].partition("<h4")[0]) if row}
    assert listed == set(PILLARS_ZH)
    # A chapter's measures, as SPARQL finds them cited in it, are the bar's measures.
    sparql = """SELECT ?key (COUNT(DISTINCT ?m) AS ?n) WHERE {
      ?m a plankg:Measure ; plankg:evidence/plankg:paragraph/plankg:localId ?paragraph .
      BIND(STRBEFORE(?paragraph, "-") AS ?key) } GROUP BY ?key"""
    per_chapter = _count(built, sparql, "stated", "curated", "structure")
    drawn = Counter(
        {chapter: int(n) for chapter, n in re.findall(r'<h4 id="count-([^"]+)-Measure">[^<]*\((\d+)\)</h4>', page)}
    )
    assert drawn == Counter(per_chapter)


@pytest.mark.parametrize("name", PICTURES)
def test_each_picture_names_its_marks(site_dir: Path, name: str) -> None:
    """A mark says what it is when pointed at: every link in the picture carries a title."""
    for picture in _SVG.findall(_page(site_dir, f"picture-{name}")):
        links = re.findall(r"<a href=\"[^\"]*\"><title>([^<]+)</title>", picture)
        assert links and len(links) == picture.count("<a href="), name
