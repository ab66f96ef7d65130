"""The plan's own words as pages: its table of contents, a page per chapter, section and paragraph,
and every quote that a node or a link rests on marked where it stands in the text.

Quotes overlap and nest (a target inside the objective that holds it, a list whose members are
quoted one by one), and a link cannot hold another link, so a paragraph is cut into segments at
every start and end of a quote. Each segment is one `<mark class="fact">` that opens the page of
the innermost (shortest, most precise) quote's first fact: the node those words name, or the
subject of the link they state; its title lists every fact of every quote covering it. `data-ev`
names those quotes by their TextPositionSelector (`start-end`, code points into the source
file), innermost first, so that a reader (or a test) can put each quote back together from its
marks. A paragraph's page lists its facts below the text as well: a tooltip is not read on paper
or on a phone.

Everything comes from three bulk queries over the graph (the parts of the plan, every quote and
what cites it, the links' statements), so the section costs the same for one quote or thousands.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise

from plankg.graph.engines import select
from plankg.graph.iris import PLANKG
from plankg.viz.site import urls
from plankg.viz.site.pages import Asset, Site, SitePage

PAGE = "text"  # the table of contents: <plan>/_/text.html
STYLE = "plan-text.css"

# Chapters, sections, the glossary and paragraphs, with their words and where they start.
_PARTS = """
SELECT ?part ?id ?class ?parent ?heading ?text ?start WHERE {
  ?part plankg:localId ?id ; dcterms:isPartOf ?parent ; a ?class ; plankg:startOffset ?start .
  VALUES ?class { plankg:Chapter plankg:Section plankg:Glossary plankg:Paragraph }
  OPTIONAL { ?part plankg:heading ?heading }
  OPTIONAL { ?part plankg:text ?text }
}"""

# Every quote of the graph and what cites it: a node, or the reified statement of a link.
_QUOTES = """
SELECT ?of ?part ?quote ?start ?end WHERE {
  ?of plankg:evidence ?ev .
  ?ev plankg:paragraph ?part ; oa:hasSelector ?qs , ?ps .
  ?qs oa:exact ?quote . ?ps oa:start ?start ; oa:end ?end .
}"""

_STATEMENTS = """
SELECT ?st ?s ?p ?o ?g WHERE {
  GRAPH ?g { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . }
}"""

CSS = """
p.plan-text { font-size: 17px; line-height: 2; margin: 0 0 4px; }
.para { margin: 0 0 14px; }
.para .pid, .toc .pid, h2 .pid { font-size: 12px; font-weight: normal; color: #777; font-family: monospace;
  margin-right: 6px; }
mark.fact a { color: inherit; }
mark.fact a:hover { text-decoration: none; }
mark.fact.d2 { background: #ffe27a; }
mark.fact.d3 { background: #ffc94d; }
mark.fact.begins { box-shadow: inset 2px 0 #fff; }
.steps { font-size: 14px; display: flex; gap: 16px; }
.toc, .toc ul { list-style: none; padding-left: 18px; }
.toc > li { margin-top: 8px; }
.count { font-size: 12px; color: #555; background: #eee; border-radius: 8px; padding: 0 6px; }
.facts td:first-child { min-width: 14em; }
.facts ul { margin: 0; padding-left: 16px; }
"""

ASSETS = (Asset(STYLE, CSS.encode()),)


@dataclass(frozen=True)
class Fact:
    """What a quote supports: a node (no relation), or the link `subject → relation → object`."""

    subject: str  # a node's IRI: the page a mark of this fact opens
    relation: str = ""  # the link's predicate IRI
    object: str = ""  # the other end's IRI, or a literal's text
    graph: str = "stated"  # stated (the plan's words) or curated (a curator's reading of them)


@dataclass(frozen=True)
class Quote:
    """One TextPositionSelector of the plan, its exact words, and every fact it supports."""

    start: int  # code points into the source file, as the selector counts them
    end: int
    exact: str
    facts: tuple[Fact, ...]

    @property
    def key(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass
class Part:
    """A chapter, section, glossary or paragraph: its words (heading or text) and where they start."""

    iri: str
    id: str
    kind: str  # Chapter, Section, Glossary or Paragraph
    parent: str
    words: str
    start: int
    children: list[Part] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def path(self) -> str:
        return urls.node_path(self.iri)

    def walk(self) -> Iterator[Part]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Plan:
    """One plan's text: its top parts in order (front paragraphs, chapters, glossary), and every
    part by IRI."""

    id: str
    top: list[Part]
    parts: dict[str, Part]

    @functools.cached_property
    def paragraphs(self) -> list[Part]:
        return [part for top in self.top for part in top.walk() if part.kind == "Paragraph"]

    def above(self, part: Part) -> list[Part]:
        """The chapter and section `part` is in, outermost first."""
        chain: list[Part] = []
        while part.parent in self.parts:
            part = self.parts[part.parent]
            chain.insert(0, part)
        return chain


def _links_by_statement(site: Site) -> dict[str, Fact]:
    """The link each reified statement stands for (a quote's other citers are nodes)."""
    return {
        row["st"]: Fact(row["s"], row["p"], row["o"], row["g"].rsplit("/", 1)[-1])
        for row in select(site.view.engine(), _STATEMENTS).dicts()
    }


def _rank(site: Site, exact: str, fact: Fact) -> tuple[bool, int, str, str, str]:
    """Where a fact stands among a quote's: nodes before links, and first the node these words
    name most fully (the target `全区地区生产总值年均增长6%左右` before its indicator): the
    first fact is the page a mark of the quote opens."""
    label = site.graph.nodes[fact.subject].get("label_zh", "") if fact.subject in site.graph else ""
    named = len(label) if label and label in exact else 0
    return fact.relation != "", -named, fact.subject, fact.relation, fact.object


def _read(site: Site) -> list[Plan]:
    """Every plan's parts, each holding its quotes, from the graph in three queries."""
    engine = site.view.engine()
    parts: dict[str, Part] = {}
    for row in select(engine, _PARTS).dicts():
        words = row.get("text", row.get("heading", ""))
        kind = row["class"].removeprefix(str(PLANKG))
        parts[row["part"]] = Part(row["part"], row["id"], kind, row["parent"], words, int(row["start"]))
    links = _links_by_statement(site)
    cited: dict[tuple[str, int, int], tuple[str, set[Fact]]] = {}
    for row in select(engine, _QUOTES).dicts():
        key = (row["part"], int(row["start"]), int(row["end"]))
        cited.setdefault(key, (row["quote"], set()))[1].add(links.get(row["of"], Fact(row["of"])))
    for (iri, start, end), (exact, facts) in cited.items():
        ordered = sorted(facts, key=functools.partial(_rank, site, exact))
        parts[iri].quotes.append(Quote(start, end, exact, tuple(ordered)))
    top: dict[str, list[Part]] = {}
    for part in sorted(parts.values(), key=lambda part: part.start):
        part.quotes.sort(key=lambda quote: (quote.start, -quote.end))
        if part.parent in parts:
            parts[part.parent].children.append(part)
        else:
            top.setdefault(urls.plan_of(part.iri), []).append(part)
    return [Plan(plan, top[plan], parts) for plan in site.plans if plan in top]


def shortened(words: str, limit: int = 16) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"


class TextPages:
    """The pages of one plan's text, in the site's language."""

    def __init__(self, site: Site, plan: Plan):
        self.site, self.plan = site, plan
        self.toc = urls.own_page(plan.id, PAGE)
        self.home = urls.plan_home(plan.id)

    # -- words -------------------------------------------------------------------------------

    def fact_says(self, fact: Fact) -> str:
        """A fact in plain words (for a title): `class · label`, or `A → relation → B`."""
        site = self.site
        if not fact.relation:
            cls = site.graph.nodes[fact.subject]["cls"] if fact.subject in site.graph else ""
            return f"{site.names.class_name(cls, site.lang)} · {site.label(fact.subject)}"
        other = site.label(fact.object) if fact.object in site.graph else f"“{fact.object}”"
        said = f"{site.label(fact.subject)} → {self.relation(fact)} → {other}"
        reading = site.words("(整理者判断)", "(a curator's reading)")
        return said if fact.graph == "stated" else f"{said} {reading}"

    def relation(self, fact: Fact) -> str:
        local = fact.relation.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        return self.site.names.vocabulary.name(local, self.site.lang)

    def segment_title(self, covering: list[Quote]) -> str:
        """Each quote covering a segment, innermost first (its opening words: the text around the
        mark shows the rest), with the facts it supports that an inner quote has not listed."""
        listed: set[Fact] = set()
        blocks = []
        for quote in covering:
            facts = [fact for fact in quote.facts if fact not in listed]
            listed.update(facts)
            blocks.append("\n".join([f"“{shortened(quote.exact)}”", *(f"· {self.fact_says(fact)}" for fact in facts)]))
        return "\n\n".join(blocks)

    # -- the annotated text ------------------------------------------------------------------

    def annotated(self, source: str, part: Part) -> str:
        """The part's words, escaped, with every quote marked: one mark per segment between
        quote boundaries, opening the innermost quote's first fact."""
        text, quotes = part.words, part.quotes
        bounds = sorted({0, len(text), *(q.start - part.start for q in quotes), *(q.end - part.start for q in quotes)})
        pieces = []
        for begin, end in pairwise(bounds):
            words = escape(text[begin:end])
            covering = [q for q in quotes if q.start - part.start <= begin and end <= q.end - part.start]
            if not covering:
                pieces.append(words)
                continue
            covering.sort(key=lambda q: (q.end - q.start, q.start))
            depth = min(len(covering), 3)
            begins = " begins" if any(q.start - part.start == begin for q in covering) else ""
            keys = " ".join(q.key for q in covering)
            title = self.segment_title(covering)
            href = self.site.node_link(source, covering[0].facts[0].subject)
            pieces.append(
                f'<mark class="fact d{depth}{begins}" data-ev="{keys}" title="{escape(title)}">'
                f'<a href="{escape(href)}">{words}</a></mark>'
            )
        return "".join(pieces)

    def paragraph_block(self, source: str, paragraph: Part) -> str:
        link = escape(urls.relative(source, paragraph.path))
        return (
            f'<div class="para" id="{escape(paragraph.id)}"><a class="pid" href="{link}">{escape(paragraph.id)}</a>'
            f'<p class="plan-text">{self.annotated(source, paragraph)}</p></div>'
        )

    def division_body(self, source: str, division: Part, nested: bool = False) -> str:
        """A chapter's or section's heading and everything under it, paragraph by paragraph."""
        link = escape(urls.relative(source, division.path))
        inner = "".join(
            self.paragraph_block(source, child)
            if child.kind == "Paragraph"
            else self.division_body(source, child, nested=True)
            for child in division.children
        )
        heading = self.annotated(source, division)
        if not nested:
            return f'<h1 class="plan-text">{heading}</h1>{inner}'
        return (
            f'<section id="{escape(division.id)}"><h2 class="plan-text">{heading} '
            f'<a class="pid" href="{link}">{escape(division.id)}</a></h2>{inner}</section>'
        )

    # -- what a part carries -----------------------------------------------------------------

    @staticmethod
    def facts_of(part: Part) -> set[Fact]:
        return {fact for inner in part.walk() for quote in inner.quotes for fact in quote.facts}

    def count(self, part: Part) -> str:
        facts = len(self.facts_of(part))
        return f'<span class="count">{facts} {escape(self.site.words("项事实", "facts"))}</span>' if facts else ""

    def node_html(self, source: str, iri: str) -> str:
        site = self.site
        if iri not in site.graph:
            return f'<span class="quote">{escape(iri)}</span>'
        cls = site.names.class_name(site.graph.nodes[iri]["cls"], site.lang)
        return (
            f'<a href="{escape(site.node_link(source, iri))}">{escape(site.label(iri))}</a>'
            f' <span class="muted">{escape(cls)}</span>'
        )

    def fact_html(self, source: str, fact: Fact) -> str:
        """A node, or a link; a link a curator read into the quoted words says so (the plan's own are
        the rule here: every fact on the page is quoted)."""
        if not fact.relation:
            return self.node_html(source, fact.subject)
        ends = self.node_html(source, fact.subject), self.node_html(source, fact.object)
        link = f"{ends[0]} → {escape(self.relation(fact))} → {ends[1]}"
        if fact.graph == "stated":
            return link
        return (
            f'{link} <span class="basis {escape(fact.graph)}">{escape(self.site.words("整理者判断", "curated"))}</span>'
        )

    def facts_table(self, source: str, part: Part) -> str:
        words = self.site.words
        if not part.quotes:
            return f'<p class="muted">{escape(words("本段没有事实以它为据。", "No fact rests on this paragraph."))}</p>'
        rows = "".join(
            f'<tr id="ev-{quote.key}"><td class="quote">{escape(quote.exact)}</td><td><ul>'
            + "".join(f"<li>{self.fact_html(source, fact)}</li>" for fact in quote.facts)
            + "</ul></td></tr>"
            for quote in part.quotes
        )
        return (
            f'<table class="facts"><tr><th>{escape(words("引文", "Quote"))}</th>'
            f"<th>{escape(words('支持的节点与关系', 'The nodes and links it supports'))}</th></tr>{rows}</table>"
        )

    # -- pages -------------------------------------------------------------------------------

    def crumbs(self, part: Part) -> tuple[tuple[str, str], ...]:
        """Plan home › plan text › the chapter and section above `part`."""
        home = self.site.names.plan(self.site.lang)
        above = tuple((division.words, division.path) for division in self.plan.above(part))
        return ((home, self.home), (self.site.words("规划原文", "Plan text"), self.toc), *above)

    def section_body(self, section: Part) -> str:
        """A section's heading and a list of its paragraphs, each opening its page and its place in
        the chapter: the text itself is read on those (a second copy would cost 2 MB)."""
        source, chapter = section.path, self.plan.above(section)[0]
        items = "".join(
            f'<li id="{escape(child.id)}"><a href="{escape(urls.relative(source, child.path))}">'
            f'<span class="pid">{escape(child.id)}</span>{escape(shortened(child.words, 60))}</a> {self.count(child)}'
            f' <a class="muted" href="{escape(urls.relative(source, f"{chapter.path}#{child.id}"))}">'
            f"{escape(self.site.words('在全章中', 'in its chapter'))}</a></li>"
            for child in section.children
        )
        return f'<h1 class="plan-text">{self.annotated(source, section)}</h1><ul class="toc">{items}</ul>'

    def division_page(self, division: Part) -> SitePage:
        nested = division.kind == "Section" and self.plan.above(division)
        body = self.section_body(division) if nested else self.division_body(division.path, division)
        return SitePage(division.path, division.words, body, styles=(STYLE,), crumbs=self.crumbs(division))

    def paragraph_page(self, index: int, paragraph: Part) -> SitePage:
        site, path = self.site, paragraph.path
        above = self.plan.above(paragraph)
        up, where = (
            (above[0].path, site.words("在全章中", "In its chapter"))
            if above
            else (self.toc, site.words("目录", "Contents"))
        )
        steps = [f'<a href="{escape(urls.relative(path, f"{up}#{paragraph.id}"))}">↑ {escape(where)}</a>']
        neighbours = self.plan.paragraphs
        if index > 0:
            before = neighbours[index - 1]
            link = escape(urls.relative(path, before.path))
            steps.insert(0, f'<a href="{link}" rel="prev">← {escape(before.id)}</a>')
        if index + 1 < len(neighbours):
            after = neighbours[index + 1]
            steps.append(f'<a href="{escape(urls.relative(path, after.path))}" rel="next">{escape(after.id)} →</a>')
        within = above[-1].words if above else site.words("篇首", "Front matter")
        body = (
            f'<h1>{escape(paragraph.id)} <small class="muted">{escape(within)}</small></h1>'
            f'<p class="steps">{"".join(steps)}</p>'
            f'<p class="plan-text" id="text">{self.annotated(path, paragraph)}</p>'
            f"<h2>{escape(site.words('本段支持的事实', 'What this paragraph supports'))} {self.count(paragraph)}</h2>"
            f"{self.facts_table(path, paragraph)}"
        )
        return SitePage(path, f"{paragraph.id} · {within}", body, styles=(STYLE,), crumbs=self.crumbs(paragraph))

    def toc_item(self, part: Part) -> str:
        link = escape(urls.relative(self.toc, part.path))
        if part.kind == "Paragraph":
            label = f'<span class="pid">{escape(part.id)}</span>{escape(shortened(part.words, 40))}'
        else:
            label = f'<span class="pid">{escape(part.id)}</span>{escape(part.words)}'
        inner = "".join(self.toc_item(child) for child in part.children)
        listed = f"<ul>{inner}</ul>" if inner else ""
        return f'<li id="{escape(part.id)}"><a href="{link}">{label}</a> {self.count(part)}{listed}</li>'

    def toc_page(self) -> SitePage:
        words = self.site.words
        total = len({fact for top in self.plan.top for fact in self.facts_of(top)})
        intro = words(
            f"规划全文,逐章、逐节、逐段;共 {total} 项事实有原文引文为据,引文在正文中高亮,点击即到其节点。",
            f"The whole plan, chapter by chapter, section by section, paragraph by paragraph; {total} facts "
            "rest on its words, which are highlighted in the text and open their node's page.",
        )
        items = "".join(self.toc_item(top) for top in self.plan.top)
        body = f'<h1>{escape(words("规划原文", "Plan text"))}</h1><p>{escape(intro)}</p><ul class="toc">{items}</ul>'
        crumbs = ((self.site.names.plan(self.site.lang), self.home),)
        return SitePage(self.toc, words("规划原文", "Plan text"), body, styles=(STYLE,), crumbs=crumbs)

    def pages(self) -> Iterator[SitePage]:
        yield self.toc_page()
        for top in self.plan.top:
            for part in top.walk():
                if part.kind != "Paragraph":
                    yield self.division_page(part)
        for index, paragraph in enumerate(self.plan.paragraphs):
            yield self.paragraph_page(index, paragraph)


def pages(site: Site) -> Iterator[SitePage]:
    for plan in _read(site):
        yield from TextPages(site, plan).pages()
