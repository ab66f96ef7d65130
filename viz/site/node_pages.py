"""A page for every curated node: what `plankg show` says about it, each statement with the plan's
words behind it (stated) or a curator's reading (curated), and its neighbours drawn.

The content is `queries.show.node_page`, read once per node; this module only lays it out.
Every other node it names links to that node's page, every quote to its paragraph's page, so a
reader can walk the graph and check each step against the text. The neighbourhood is the
`entity` view of the node (viz/views.py) drawn as the views draw it (viz/page.py), cut to the
best-connected NEIGHBOURS, and with what only the views' own script reads left out of the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from html import escape

import networkx as nx

from plankg.graph.engines import Term, select
from plankg.graph.iris import ID_BASE, PLANKG
from plankg.graph.vocabulary import Words, by_language
from plankg.queries.show import Link, Page, Support, node_page
from plankg.viz import layout, views
from plankg.viz import page as view_page
from plankg.viz.site import urls, vis
from plankg.viz.site.pages import Site, SitePage

# A hub (the district has ~90 links) is drawn with its best-connected neighbours only.
NEIGHBOURS = 40
ELEMENT = "neighbourhood"
# Every neighbourhood (a few dozen nodes at most) is drawn with the same options: one copy for
# the site, which each page names.
OPTIONS = "plankgNeighbourhood"
_OPTIONS = layout.vis_options(NEIGHBOURS, layout.mode_of(NEIGHBOURS, hierarchical=False))
ASSETS = (vis.shared_options(OPTIONS, _OPTIONS),)
SCRIPTS = (*vis.SCRIPTS, f"{OPTIONS}.js")

_INVERSES = "SELECT ?p ?inverse WHERE { ?p owl:inverseOf ?inverse }"
_COMPARATORS = "SELECT ?c ?label WHERE { ?c a plankg:Comparator ; rdfs:label ?label }"

_LANG_NAMES = {
    "zh": Words("中文", "Chinese"),
    "en": Words("英文", "English"),
    "zh-latn-pinyin": Words("拼音", "pinyin"),
}
_LANG_ORDER = {lang: rank for rank, lang in enumerate(_LANG_NAMES)}
_BASIS = {"stated": Words("原文", "the plan's words"), "curated": Words("整理者解读", "curator's reading")}
_PROPERTY_NAMES = {
    "rdfs:label": Words("名称", "name"),
    "skos:prefLabel": Words("规范名称", "preferred name"),
    "skos:altLabel": Words("别名", "alias"),
    "rdfs:comment": Words("说明", "comment"),
    "skos:definition": Words("定义", "definition"),
    "dcterms:title": Words("标题", "title"),
}
# Links to vocabularies other than plankg's, which its ontology does not name.
_OTHER_RELATIONS = {
    "skos:broader": Words("上位概念", "broader concept"),
    "org:subOrganizationOf": Words("隶属于", "sub-organization of"),
}


@dataclass(frozen=True)
class Terms:
    """The ontology's words a node page needs beyond the vocabulary, read once for the site:
    each property's inverse (an in-link reads as its inverse) and the comparators' labels."""

    inverses: dict[str, str]  # local names: implements → implementedBy
    comparators: dict[str, Words]  # local name → label


def read_terms(site: Site) -> Terms:
    engine = site.view.engine()
    local = lambda iri: iri.removeprefix(str(PLANKG))  # noqa: E731
    inverses = {local(row["p"]): local(row["inverse"]) for row in select(engine, _INVERSES).dicts()}
    comparators = by_language(
        [
            (local(row["c"].value), row["label"].lang or "", row["label"].value)
            for row in select(engine, _COMPARATORS).records()
            if row["c"] is not None and row["label"] is not None
        ]
    )
    return Terms(inverses, comparators)


@dataclass(frozen=True)
class Here:
    """One page being written: the site, its path (links are relative to it) and its plan."""

    site: Site
    terms: Terms
    path: str
    plan: str

    def words(self, zh: str, en: str) -> str:
        return self.site.words(zh, en)

    def node(self, iri: str, text: str) -> str:
        """The text, linked to the node's page if the node has one (a curated node)."""
        if iri in self.site.graph:
            return f'<a href="{escape(self.site.node_link(self.path, iri))}">{escape(text)}</a>'
        return escape(text)

    def paragraph(self, paragraph_id: str) -> str:
        """A paragraph's id, linked to its page in the annotated text."""
        if not paragraph_id:
            return ""
        target = urls.node_path(f"{ID_BASE}{self.plan}/{paragraph_id}")
        return f'<a href="{escape(urls.relative(self.path, target))}">{escape(paragraph_id)}</a>'

    def relation(self, relation: str, direction: str) -> str:
        """A relation's name in the site's language; an in-link by its inverse where there is one."""
        prefix, _, local = relation.partition(":")
        if prefix != "plankg":
            name = _OTHER_RELATIONS.get(relation, Words(relation)).get(self.site.lang)
            return name if direction == "out" else f"← {name}"
        if direction == "in" and local in self.terms.inverses:
            return self.site.names.class_name(self.terms.inverses[local], self.site.lang)
        name = self.site.names.class_name(local, self.site.lang)
        return name if direction == "out" else f"← {name}"

    def badge(self, basis: str) -> str:
        """What a statement rests on: the plan's words (stated) or a curator's reading (curated)."""
        return (
            f'<span class="basis {basis}">{escape(_BASIS[basis].get(self.site.lang))}</span>' if basis in _BASIS else ""
        )

    def stated(self, paragraph_id: str, quote: str) -> str:
        return f'{self.badge("stated")} {self.paragraph(paragraph_id)} <span class="quote">{escape(quote)}</span>'

    def curated(self, why: str, paragraph_id: str = "") -> str:
        cited = f" {self.paragraph(paragraph_id)}" if paragraph_id else ""
        return f'{self.badge("curated")}{cited} <span class="why">{escape(why)}</span>'


def _label(site: Site, labels: Iterable[dict[str, str]], fallback: str) -> str:
    by_lang = {entry["lang"]: entry["text"] for entry in labels}
    return Words(by_lang.get("zh", ""), by_lang.get("en", "")).get(site.lang) or fallback


def _section(title: str, body: str, anchor: str) -> str:
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>{body}</section>' if body else ""


def _lang_name(here: Here, lang: str) -> str:
    return _LANG_NAMES[lang].get(here.site.lang) if lang in _LANG_NAMES else lang


def _property_name(here: Here, prop: str) -> str:
    if prop in _PROPERTY_NAMES:
        return _PROPERTY_NAMES[prop].get(here.site.lang)
    return here.site.names.class_name(prop.partition(":")[2], here.site.lang)


def _names_and_facts(here: Here, page: Page) -> str:
    """Every name in every language, then the node's literal facts, each marked stated or curated."""
    rows = []
    for prop, entries in (*page.names.items(), *page.facts.items()):
        for entry in sorted(entries, key=lambda entry: _LANG_ORDER.get(entry["lang"], len(_LANG_ORDER))):
            text = entry["text"]
            if prop == "plankg:comparator" and text in here.terms.comparators:
                text = here.terms.comparators[text].get(here.site.lang)
            badge = here.badge(entry.get("graph", ""))
            rows.append(
                f"<tr><th>{escape(_property_name(here, prop))}</th><td>{escape(_lang_name(here, entry['lang']))}</td>"
                f"<td>{escape(text)} {badge}</td></tr>"
            )
    return f'<table class="names">{"".join(rows)}</table>' if rows else ""


def _evidence(here: Here, page: Page) -> str:
    items = []
    for item in page.evidence:
        where = " · ".join(filter(None, (item.get("chapter"), item.get("section"))))
        quote = here.stated(item.get("paragraph", ""), item.get("quote", ""))
        items.append(f'<li>{quote} <span class="muted">{escape(where)}</span></li>')
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else ""


def _values(here: Here, page: Page) -> str:
    """The targets and observations of the node, or of the indicators that measure it."""
    if not page.values:
        return ""
    heads = [("类别", "class"), ("指标", "indicator"), ("数值", "value"), ("单位", "unit"), ("年份", "year"),
             ("比较方式", "comparator"), ("原文", "the plan's words")]  # fmt: skip
    rows = []
    for value in page.values:
        cmp = value.get("cmp", "")
        comparator = here.terms.comparators.get(cmp, Words(cmp)).get(here.site.lang)
        cls = here.site.names.class_name(value.get("class", ""), here.site.lang)
        cells = [
            here.node(value["v"], cls),
            escape(value.get("indicator", "")),
            escape(value.get("value", "")),
            escape(value.get("unit", "")),
            escape(value.get("year", "")),
            escape(comparator),
            here.stated(value.get("paragraph", ""), value.get("quote", "")) if value.get("quote") else "",
        ]
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    head = "".join(f"<th>{escape(here.words(zh, en))}</th>" for zh, en in heads)
    return f'<table class="values"><tr>{head}</tr>{"".join(rows)}</table>'


def _support(here: Here, support: Support) -> str:
    if support.kind == "justification":
        return here.curated(support.justification, support.paragraph)
    if support.quote:
        return here.stated(support.paragraph, support.quote)
    return f'<span class="muted">{escape(here.words("未记录依据", "no support recorded"))}</span>'


def _other(here: Here, link: Link) -> str:
    other = link.other
    name = Words(other.label, other.label_en).get(here.site.lang) or other.id
    data = here.site.graph.nodes[other.iri] if other.iri in here.site.graph else {}
    cls = (
        f' <span class="muted">{escape(here.site.names.class_name(data["cls"], here.site.lang))}</span>' if data else ""
    )
    return here.node(other.iri, name) + cls


def _links(here: Here, page: Page) -> str:
    """The links in and out, one group per relation and direction, each with its support."""
    groups: dict[tuple[str, str], list[Link]] = {}
    for link in page.links:
        groups.setdefault((link.direction, link.relation), []).append(link)
    blocks = []
    for (direction, relation), links in groups.items():
        items = "".join(
            f"<li>{_other(here, link)}<ul>"
            + "".join(f"<li>{_support(here, support)}</li>" for support in link.support or [Support("")])
            + "</ul></li>"
            for link in links
        )
        name = escape(here.relation(relation, direction))
        blocks.append(
            f'<h3 class="relation {direction}">{name} <span class="muted">{len(links)}</span></h3><ul>{items}</ul>'
        )
    if not blocks:
        return ""
    note = here.words("“←”:对方指向本节点的关系。", "“←”: a link from the other node to this one.")
    return f'<p class="muted">{escape(note)}</p>{"".join(blocks)}'


def _places(here: Here, page: Page) -> str:
    """The places the node is in, most specific first, up the `within` chain."""
    if not page.places:
        return ""
    top = max(place["depth"] for place in page.places)
    items = "".join(
        f'<li style="margin-left:{2 * (top - int(place["depth"]))}em">⊂ '
        f"{here.node(place['iri'], Words(place['label'], place['label_en']).get(here.site.lang) or place['id'])}</li>"
        for place in page.places
    )
    return f'<ul class="places">{items}</ul>'


def _goals(here: Here, page: Page) -> str:
    """The goals the node serves up to the vision, each with the paragraphs that state it (its
    quotes are on its own page) or the curator's reading where the plan does not name it."""
    by_goal: dict[str, list[dict[str, str]]] = {}
    for row in page.goals:
        by_goal.setdefault(row["goal"], []).append(row)
    items = []
    for goal, rows in by_goal.items():
        data = here.site.graph.nodes[goal] if goal in here.site.graph else {}
        cls = here.site.names.class_name(data["cls"], here.site.lang) if data else rows[0].get("type", "")
        stated = [here.paragraph(row.get("paragraph", "")) for row in rows if row.get("basis") == "stated"]
        supports = [" ".join((here.badge("stated"), *stated))] if stated else []
        supports += [here.curated(row.get("quote", "")) for row in rows if row.get("basis") != "stated"]
        name = here.node(goal, rows[0].get("label", ""))
        items.append(f'<li><span class="muted">{escape(cls)}</span> {name} {" ".join(supports)}</li>')
    return f'<ul class="goals">{"".join(items)}</ul>' if items else ""


def _neighbourhood(here: Here, iri: str) -> str:
    """The node and its direct neighbours, drawn; a click on a neighbour opens its page.

    Each node is known to the drawing by its page's relative URL without `.html` (not its IRI)
    and carries its labels and class only: the quotes are in the page's lists, and the drawing
    is most of a node page's weight."""
    view = views.entity(here.site.graph, iri, limit=NEIGHBOURS)
    if view.graph.number_of_nodes() < 2:
        return ""
    short = {node: here.site.node_link(here.path, node).removesuffix(".html") for node in view.graph}
    lean = replace(view, graph=nx.relabel_nodes(view.graph, short), focus=short[iri])
    for _, data in lean.graph.nodes(data=True):
        data["quote"] = ""  # the tooltip keeps both labels and the class
    net = view_page.network(lean, here.site.names, here.site.lang)
    vis.lean(net.nodes)
    for edge in net.edges:
        # The relation's name, written on the link where the view labels its links, else on hover.
        edge.pop("title")
        edge["label" if "label" in edge else "title"] = here.site.names.class_name(edge.pop("relation"), here.site.lang)
    pages = {short[node]: short[node] + ".html" for node in view.graph if node != iri}
    notes = [
        here.words(
            "点击节点打开其页面;虚线为整理者补充的关系。",
            "Click a node to open its page; dashed links are a curator's.",
        )
    ]
    if view.left_out:
        drawn, left = view.graph.number_of_nodes() - 1, view.left_out.total()
        notes.insert(
            0,
            here.words(
                f"邻居共 {view.total - 1} 个,此处只画出关系最多的 {drawn} 个,另有 {left} 个见下方列表。",
                f"Of {view.total - 1} neighbours the {drawn} best-connected are drawn; "
                f"the other {left} are listed below.",
            ),
        )
    text = "".join(f'<p class="muted">{escape(note)}</p>' for note in notes)
    return text + vis.drawing(net, ELEMENT, "420px", pages, OPTIONS if net.options == _OPTIONS else "")


def node_site_page(site: Site, terms: Terms, iri: str) -> SitePage:
    """The page of one curated node."""
    path = urls.node_path(iri)
    plan = urls.plan_of(iri)
    here = Here(site, terms, path, plan)
    page = node_page(site.view, Term("uri", iri), site.lang)
    title = _label(site, page.names.get("rdfs:label", []), page.id)
    cls = site.names.class_name(page.cls, site.lang)
    drawing = _neighbourhood(here, iri)
    sections = [
        _section(here.words("名称与事实", "Names and facts"), _names_and_facts(here, page), "names"),
        _section(here.words("原文依据", "Evidence in the plan"), _evidence(here, page), "evidence"),
        _section(here.words("指标值", "Values"), _values(here, page), "values"),
        _section(here.words("所在地点", "Where it is"), _places(here, page), "places"),
        _section(here.words("邻域", "Neighbourhood"), drawing, "near"),
        _section(here.words("关系", "Links"), _links(here, page), "links"),
        _section(here.words("服务的目标(直至远景目标)", "Goals served, up to the vision"), _goals(here, page), "goals"),
    ]
    body = (
        f'<h1>{escape(title)}</h1><p class="class">{escape(cls)} · <code>{escape(page.id)}</code></p>'
        f'<p class="iri">{escape(here.words("引用本节点:", "Cite this node: "))}<code>{escape(page.iri)}</code></p>'
        + "".join(sections)
    )
    return SitePage(
        path,
        title,
        body,
        scripts=SCRIPTS if drawing else (),
        styles=vis.STYLES if drawing else (),
        crumbs=((site.words("规划首页", "The plan"), urls.plan_home(plan)),),
    )


def pages(site: Site) -> Iterator[SitePage]:
    terms = read_terms(site)
    for iri in sorted(site.graph):
        yield node_site_page(site, terms, iri)
