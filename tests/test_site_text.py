"""The plan's text in the site (viz/site/plan_text.py): every paragraph as the plan writes it, and
every quote behind a node or a link marked where it stands, opening that node's page.

Expected words are the plan's (data/sources/xincheng-14th.txt, read with plankg.loaders.text) and
the curators' (data/curated/xincheng-14th/ch02.yaml); the browser test checks a chapter's marks
against the quotes the graph holds.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from plankg.graph.iris import ID_BASE
from plankg.graph.opened import Build, GraphView
from plankg.loaders.text import PlanText
from plankg.viz.names import PlanNames
from plankg.viz.site import plan_text
from plankg.viz.site.pages import Site
from tests import browser
from tests.conftest import PLAN, select

# c02-s04-p02, the 2025 objectives of the economy, as ch02.yaml cites it: the target, with its
# indicator, and the objective whose quote holds it.
GDP = "全区地区生产总值年均增长6%左右"
ECONOMY = "全区地区生产总值年均增长6%左右,发展质效明显提升,产业结构进一步优化"
# c02-s04-p01: the quote of a link alone (obj-2025-green-high-quality-development refines vision-2035).
REFINES = "对标对表2035 年基本实现社会主义现代化战略目标,经过五年不懈努力"
REFINES_SAYS = "以生态优先、绿色发展为导向的高质量发展取得实质进展 → 细化 → 与全国一道基本实现社会主义现代化"
_TEXT = re.compile(r'<p class="plan-text" id="text">(.*?)</p>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


class _Marks(HTMLParser):
    """Each mark of a page: the quotes it carries (`data-ev`, innermost first), its title, the
    link inside it and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str]] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "mark":
            self.marks.append({"ev": found["data-ev"], "title": found["title"], "text": ""})
            self.inside = True
        elif tag == "a" and self.inside:
            self.marks[-1]["href"] = found["href"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.marks[-1]["text"] += data


def _page(site_dir: Path, name: str) -> str:
    return (site_dir / PLAN / name).read_text(encoding="utf-8")


def _marks(html: str) -> list[dict[str, str]]:
    parser = _Marks()
    parser.feed(html)
    return parser.marks


def _key(plan_text: PlanText, paragraph: str, quote: str) -> str:
    """A quote's TextPositionSelector as the marks name it: code points into the source file."""
    found = plan_text.paragraph_index()[paragraph]
    start = found.start + found.text.index(quote)
    assert plan_text.text[start : start + len(quote)] == quote
    return f"{start}-{start + len(quote)}"


def _carrying(marks: list[dict[str, str]], key: str) -> list[dict[str, str]]:
    return [mark for mark in marks if key in mark["ev"].split()]


def _innermost(marks: list[dict[str, str]], key: str) -> list[dict[str, str]]:
    return [mark for mark in marks if mark["ev"].split()[0] == key]


def test_each_paragraph_page_holds_the_paragraph_as_the_plan_writes_it(site_dir: Path, plan_text: PlanText) -> None:
    for paragraph in plan_text.paragraphs():
        found = _TEXT.search(_page(site_dir, f"{paragraph.id}.html"))
        assert found is not None, paragraph.id
        assert unescape(_TAG.sub("", found.group(1))) == paragraph.text, paragraph.id


def test_a_chapter_page_holds_its_whole_text_paragraph_by_paragraph(site_dir: Path, plan_text: PlanText) -> None:
    chapter = plan_text.division_index()["c02"]
    html = _page(site_dir, "c02.html")
    assert "第二章 贯彻新发展理念开启现代化新征程" in unescape(_TAG.sub("", html))
    for section in chapter.sections:
        heading = re.search(rf'<section id="{section.id}"><h2 class="plan-text">(.*?)</h2>', html, re.DOTALL)
        assert heading is not None and section.heading in unescape(_TAG.sub("", heading.group(1)))
    paragraphs = [*chapter.paragraphs, *(p for section in chapter.sections for p in section.paragraphs)]
    assert [p.id for p in paragraphs][:2] == ["c02-p01", "c02-s01-p01"]
    for paragraph in paragraphs:
        block = re.search(rf'<div class="para" id="{paragraph.id}">.*?<p class="plan-text">(.*?)</p>', html, re.DOTALL)
        assert block is not None, paragraph.id
        assert unescape(_TAG.sub("", block.group(1))) == paragraph.text


def test_a_section_page_holds_its_heading_and_lists_its_paragraphs(site_dir: Path, plan_text: PlanText) -> None:
    section = plan_text.division_index()["c02-s04"]
    html = _page(site_dir, "c02-s04.html")
    heading = re.search(r'<h1 class="plan-text">(.*?)</h1>', html, re.DOTALL)
    assert heading is not None and unescape(_TAG.sub("", heading.group(1))) == "第四节发展目标"
    found = re.findall(r'<li id="([^"]+)"><a href="([^"]+)">', html)
    assert found == [(p.id, f"{p.id}.html") for p in section.paragraphs]


def test_the_gdp_target_is_marked_at_its_words_and_opens_the_target(site_dir: Path, plan_text: PlanText) -> None:
    for name in ("c02-s04-p02.html", "c02.html"):
        marks = _marks(_page(site_dir, name))
        gdp, economy = _key(plan_text, "c02-s04-p02", GDP), _key(plan_text, "c02-s04-p02", ECONOMY)
        assert "".join(mark["text"] for mark in _carrying(marks, gdp)) == GDP
        assert "".join(mark["text"] for mark in _carrying(marks, economy)) == ECONOMY
        inner = _innermost(marks, gdp)
        assert [mark["text"] for mark in inner] == [GDP]
        # The words name the target; its indicator, which they also support, is in the title.
        assert inner[0]["href"] == "tgt-gdp-growth-2025.html"
        assert "目标值 · 全区地区生产总值年均增长6%左右" in inner[0]["title"]
        assert "地区生产总值年均增长" in inner[0]["title"].replace(GDP, "")
        # Past the target, the rest of the objective's quote opens the objective.
        assert {mark["href"] for mark in _innermost(marks, economy)} == {"obj-2025-economy.html"}


def test_a_links_quote_opens_its_subject_and_says_the_link(site_dir: Path, plan_text: PlanText) -> None:
    marks = _marks(_page(site_dir, "c02-s04-p01.html"))
    key = _key(plan_text, "c02-s04-p01", REFINES)
    inner = _innermost(marks, key)
    assert [mark["text"] for mark in inner] == [REFINES]
    assert inner[0]["href"] == "obj-2025-green-high-quality-development.html"
    assert REFINES_SAYS in inner[0]["title"]


def test_a_paragraph_page_lists_what_it_supports_and_leads_on(site_dir: Path, plan_text: PlanText) -> None:
    html = _page(site_dir, "c02-s04-p02.html")
    row = re.search(rf'<tr id="ev-{_key(plan_text, "c02-s04-p02", GDP)}">(.*?)</tr>', html, re.DOTALL)
    assert row is not None
    assert unescape(_TAG.sub("", row.group(1))).startswith(GDP)
    for node in ("tgt-gdp-growth-2025", "ind-gdp-growth", "obj-2025-economy"):
        assert f'href="{node}.html"' in row.group(1)
    assert 'href="c02-s04-p01.html" rel="prev"' in html
    assert 'href="c02-s04-p03.html" rel="next"' in html
    assert 'href="c02.html#c02-s04-p02"' in html


def test_the_contents_lead_to_every_part_with_the_facts_it_carries(
    site_dir: Path, plan_text: PlanText, built: Build
) -> None:
    html = _page(site_dir, "_/text.html")
    for part in [*plan_text.divisions(), *plan_text.paragraphs()]:
        assert f'href="../{part.id}.html"' in html, part.id
        assert (site_dir / PLAN / f"{part.id}.html").is_file()
    # What c02-s04-p02 carries, counted in the graph: nodes quoting it, and links quoting it.
    rows = select(
        built.store,
        """SELECT (COUNT(DISTINCT ?fact) AS ?n) WHERE {
             ?of plankg:evidence/plankg:paragraph/plankg:localId "c02-s04-p02" .
             OPTIONAL { ?of rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
             BIND(IF(BOUND(?s), CONCAT(STR(?s), " ", STR(?p), " ", STR(?o)), STR(?of)) AS ?fact) }""",
    )
    item = re.search(r'<li id="c02-s04-p02">(.*?)</li>', html, re.DOTALL)
    assert item is not None and f"{rows[0]['n']} 项事实" in item.group(1)


class _View(GraphView):
    """A graph of one node whose label is markup, for the escaping check: its projection and
    names given, not read."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.__dict__.update(projection=graph, names=PlanNames())


def test_labels_and_words_from_the_data_reach_the_page_as_text() -> None:
    node = f"{ID_BASE}p/goal-x"
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_node(node, id="goal-x", cls="Goal", label_zh="<script>alert(1)</script>", label_en="")
    words = '发展<img src=x onerror=alert(1)>"质效'
    part = plan_text.Part(f"{ID_BASE}p/c01-p01", "c01-p01", "Paragraph", f"{ID_BASE}p", words, 100)
    part.quotes.append(plan_text.Quote(100, 102, words[:2], (plan_text.Fact(node),)))
    site = Site(_View(graph), "zh", ("p",))
    page = plan_text.TextPages(site, plan_text.Plan("p", [part], {part.iri: part})).paragraph_page(0, part)
    tags = _Tags()
    tags.feed(page.body)
    assert not {"script", "img"} & tags.names
    assert not [name for name in tags.attributes if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.body and "&lt;img src=x onerror=alert(1)&gt;" in page.body


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)


# What a mark of chapter 2 may open: the page of each node a quote supports, or of the subject
# of each link it supports, by the quote's TextPositionSelector.
_CHAPTER_QUOTES = """
SELECT ?start ?end ?quote ?id WHERE {
  ?of plankg:evidence ?ev .
  ?ev plankg:paragraph/plankg:localId ?part ; oa:hasSelector ?qs , ?ps .
  ?qs oa:exact ?quote . ?ps oa:start ?start ; oa:end ?end .
  FILTER(?part = "c02" || STRSTARTS(?part, "c02-"))
  { ?of plankg:plan ?plan ; plankg:localId ?id } UNION { ?of rdf:subject/plankg:localId ?id }
}"""


def test_a_chapter_in_the_browser_marks_each_quote_of_the_graph(site_dir: Path, built: Build) -> None:
    if not browser.CHROMIUM.exists():
        pytest.skip(f"no {browser.CHROMIUM}: Debian's chromium is needed for the browser tests")
    quotes: dict[str, str] = {}
    opens: dict[str, set[str]] = {}
    for row in select(built.store, _CHAPTER_QUOTES):
        key = f"{row['start']}-{row['end']}"
        quotes[key] = row["quote"]
        opens.setdefault(key, set()).add(f"{row['id']}.html")
    with browser.chromium() as context:
        page, seen = browser.visit(context, site_dir / PLAN / "c02.html", network=False)
        marks = page.evaluate(
            """() => Array.from(document.querySelectorAll("mark.fact")).map(m => ({
                 text: m.textContent, ev: m.dataset.ev.split(" "), href: m.querySelector("a").href }))"""
        )
        page.close()
    assert not seen.errors and not seen.outside
    assert marks and quotes
    assert {key for mark in marks for key in mark["ev"]} == set(quotes)
    for key, quote in quotes.items():
        assert "".join(mark["text"] for mark in marks if key in mark["ev"]) == quote, key
    for mark in marks:
        assert mark["text"] in quotes[mark["ev"][0]]
        assert mark["href"].rsplit("/", 1)[-1] in opens[mark["ev"][0]], mark
