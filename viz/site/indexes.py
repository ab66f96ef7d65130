"""The plan's indexes: every node by class, by the chapter and section that cite it, the goals
under the vision and the five pillars, the places by what they lie within, and the organizations
with what they lead and take part in. Each entry links to its node's page, so an index is a way
into the graph, not a copy of it: the pages stay small (a label and an id a line).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import escape

import networkx as nx

from plankg.graph.engines import select
from plankg.graph.iris import ID_BASE, PLANKG
from plankg.graph.model import GOALS, ORGANIZATIONS, PLACES, SUPPORT, family_of
from plankg.graph.search import open_index
from plankg.graph.vocabulary import Words, by_language
from plankg.viz.site import urls
from plankg.viz.site.pages import Asset, Site, SitePage

# The plan's divisions: chapters, their sections, the glossary, and the paragraphs under them.
_PARTS = """
SELECT ?part ?id ?kind ?up ?label WHERE {
  ?part a ?kind ; plankg:localId ?id ; dcterms:isPartOf ?parent .
  OPTIONAL { ?parent plankg:localId ?up }
  OPTIONAL { ?part rdfs:label ?label FILTER(?kind != plankg:Paragraph) }
  VALUES ?kind { plankg:Chapter plankg:Section plankg:Glossary plankg:Paragraph }
}"""
_DIVISIONS = ("Chapter", "Glossary")  # what the chapters page lists at the top level
_GOAL_ORDER = ("Vision", "Pillar", "Positioning", "Goal", "Objective")  # siblings of a goal tree, in this order
# Relations the ontology borrows from another vocabulary (W3C org) and so does not label.
_BORROWED = {"subOrganizationOf": Words("隶属于", "is a unit of")}
# An organization's own roles, in the order its entry lists them.
_ROLES = ("leads", "responsibleFor", "participatesIn", "supports", "subOrganizationOf")
_UNQUOTED = 1 << 30  # where a node the plan never quotes sorts: last
STYLE = "indexes.css"
CSS = """
.cls { font-size: 12px; color: #444; background: #eee; border-radius: 3px; padding: 0 4px; margin: 0 4px; }
ul.cited li, ul.orgs > li { margin-bottom: 4px; }
ol.contents { columns: 2; }
"""
ASSETS = (Asset(STYLE, CSS.encode()),)


@dataclass(frozen=True)
class _Quotes:
    """Where the plan quotes each node (the build's search index holds every quote with its
    paragraph and offset): (node, paragraph) pairs in the text's order, and an order of the nodes
    by where the plan first names them."""

    cited: list[tuple[str, str]]
    order: dict[str, tuple[int, int, str]]


def _quotes(site: Site) -> _Quotes:
    index = open_index(site.view)
    try:
        rows = index.execute(
            "SELECT node, paragraph, start FROM texts WHERE field = 'quote' AND paragraph IS NOT NULL "
            "ORDER BY start, node"
        ).fetchall()
    finally:
        index.close()
    first: dict[str, int] = {}
    for node, _, start in rows:
        first.setdefault(node, start)
    order = {}
    for node, data in site.graph.nodes(data=True):
        # Nodes quoted by one sentence (the five pillars) come in the order the sentence names them.
        named = data["quote"].find(data["label_zh"]) if data["label_zh"] else -1
        order[node] = (first.get(node, _UNQUOTED), named if named >= 0 else len(data["quote"]), data["id"])
    return _Quotes([(node, paragraph) for node, paragraph, _ in rows if node in site.graph], order)


def _plan_nodes(site: Site, plan: str, keep: Callable[[str], bool] = lambda cls: True) -> list[str]:
    return [node for node, data in site.graph.nodes(data=True) if urls.plan_of(node) == plan and keep(data["cls"])]


def _crumbs(site: Site, plan: str) -> tuple[tuple[str, str], ...]:
    position = site.plans.index(plan)
    shorts = site.names.short_titles
    return ((shorts[position].get(site.lang) if position < len(shorts) else plan, urls.plan_home(plan)),)


def _page(site: Site, plan: str, name: str, title: str, body: str) -> SitePage:
    body = f"<h1>{escape(title)}</h1>{body}"
    return SitePage(urls.own_page(plan, name), title, body, styles=(STYLE,), crumbs=_crumbs(site, plan))


def _link(site: Site, path: str, node: str) -> str:
    return f'<a href="{escape(site.node_link(path, node))}">{escape(site.label(node))}</a>'


def _class_of(site: Site, node: str) -> str:
    return f'<span class="cls">{escape(site.names.class_name(site.graph.nodes[node]["cls"], site.lang))}</span>'


def _in_order(quotes: _Quotes, nodes: Iterable[str]) -> list[str]:
    """Nodes in the order the plan first names them (the ones it never quotes last)."""
    return sorted(set(nodes), key=quotes.order.__getitem__)


# ---- by class


def _parent_class(site: Site, cls: str, shown: set[str]) -> str | None:
    """The nearest class above `cls` that the index shows (the one with most classes above it)."""
    above = [sup for sup in site.names.vocabulary.above(cls) if sup in shown]
    return max(above, key=lambda sup: (len(site.names.vocabulary.above(sup)), sup)) if above else None


def _classes(site: Site, plan: str, quotes: _Quotes) -> Iterator[SitePage]:
    nodes = _plan_nodes(site, plan)
    own = Counter(site.graph.nodes[node]["cls"] for node in nodes)
    vocabulary = site.names.vocabulary
    # The classes with nodes and those above them, but not the root every curated class is under.
    root = set.intersection(*(set(vocabulary.above(cls)) for cls in own)) if own else set()
    shown = {cls for cls in vocabulary.with_superclasses(own) if cls not in root}
    parent = {cls: _parent_class(site, cls, shown) for cls in shown}
    children: dict[str | None, list[str]] = defaultdict(list)
    for cls in shown:
        children[parent[cls]].append(cls)
    below = {cls: {cls} | {sub for sub in shown if cls in vocabulary.above(sub)} for cls in shown}
    total = {cls: sum(own[sub] for sub in below[cls]) for cls in shown}
    path = urls.own_page(plan, "classes")

    def unsorted(cls: str) -> str:
        if not children.get(cls) or not own[cls]:
            return ""
        words = site.words(f"(其中未再细分的 {own[cls]})", f"({own[cls]} in no subclass)")
        return f' <span class="muted">{escape(words)}</span>'

    def tree(cls: str | None) -> str:
        items = "".join(
            f'<li><a href="{escape(urls.relative(path, urls.own_page(plan, "class-" + sub)))}">'
            f"{escape(vocabulary.name(sub, site.lang))}</a> {total[sub]}{unsorted(sub)}{tree(sub)}</li>"
            for sub in sorted(children.get(cls, ()), key=lambda sub: (-total[sub], sub))
        )
        return f"<ul>{items}</ul>" if items else ""

    summary = escape(site.words(f"共 {len(nodes)} 个节点。", f"{len(nodes)} nodes in all."))
    yield _page(site, plan, "classes", site.words("按类别", "By class"), f"<p>{summary}</p>{tree(None)}")
    for cls in sorted(shown):
        members = [node for node in nodes if site.graph.nodes[node]["cls"] in below[cls]]
        yield _class_page(site, plan, cls, _in_order(quotes, members))


def _class_page(site: Site, plan: str, cls: str, nodes: list[str]) -> SitePage:
    path = urls.own_page(plan, "class-" + cls)
    head = (
        ("名称", "编号", "类别", "首次引述的段落") if site.lang == "zh" else ("Name", "Id", "Class", "First quoted in")
    )
    rows = "".join(
        f"<tr><td>{_link(site, path, node)}</td><td><code>{escape(site.graph.nodes[node]['id'])}</code></td>"
        f"<td>{_class_of(site, node)}</td><td>{escape(site.graph.nodes[node]['paragraph'])}</td></tr>"
        for node in nodes
    )
    title = site.names.class_name(cls, site.lang)
    classes = escape(urls.relative(path, urls.own_page(plan, "classes")))
    back = f'<p><a href="{classes}">{escape(site.words("所有类别", "All classes"))}</a> · {len(nodes)}</p>'
    table = f"<table><tr>{''.join(f'<th>{escape(word)}</th>' for word in head)}</tr>{rows}</table>"
    return _page(site, plan, "class-" + cls, title, back + table)


# ---- by chapter


def _parts(site: Site, plan: str) -> tuple[dict[str, tuple[str, str]], dict[str, Words]]:
    """Every division and paragraph of the plan by id, with its kind and the id it is part of;
    and the divisions' headings."""
    parts: dict[str, tuple[str, str]] = {}
    labels = []
    for row in select(site.view.engine(), _PARTS).records():
        part, id_, kind, up, label = (row[name] for name in ("part", "id", "kind", "up", "label"))
        if part is None or id_ is None or kind is None or urls.plan_of(part.value) != plan:
            continue
        parts[id_.value] = (kind.value.removeprefix(str(PLANKG)), up.value if up else "")
        if label is not None:
            labels.append((id_.value, label.lang or "", label.value))
    return parts, by_language(labels)


def _cited_parts(plan: str, parts: dict[str, tuple[str, str]], quotes: _Quotes) -> dict[str, list[str]]:
    """The nodes each division cites, in the order of their first quote there: a paragraph's
    quote counts for its section and its chapter (a chapter's own paragraphs for the chapter); a
    paragraph before the first chapter stands for itself."""
    cited: dict[str, dict[str, None]] = defaultdict(dict)
    for node, paragraph in quotes.cited:
        if urls.plan_of(node) != plan:
            continue
        part = paragraph
        while part in parts:
            kind, up = parts[part]
            if kind != "Paragraph" or up not in parts:
                cited[part].setdefault(node, None)
            part = up
    return {part: list(nodes) for part, nodes in cited.items()}


def _grouped(site: Site, path: str, nodes: list[str]) -> str:
    """Nodes grouped by class, the largest group first."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        groups[site.graph.nodes[node]["cls"]].append(node)
    lines = "".join(
        f"<li><b>{escape(site.names.class_name(cls, site.lang))}</b> {len(members)}: "
        f"{site.words('、', ', ').join(_link(site, path, node) for node in members)}</li>"
        for cls, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    )
    return f'<ul class="cited">{lines}</ul>' if lines else ""


def _chapters(site: Site, plan: str, quotes: _Quotes) -> SitePage:
    parts, headings = _parts(site, plan)
    cited = _cited_parts(plan, parts, quotes)
    path = urls.own_page(plan, "chapters")
    top = sorted(part for part, (kind, _) in parts.items() if kind in _DIVISIONS)
    sections: dict[str, list[str]] = defaultdict(list)
    for part, (kind, up) in sorted(parts.items()):
        if kind == "Section":
            sections[up].append(part)

    def heading(part: str, tag: str) -> str:
        link = site.node_link(path, f"{ID_BASE}{plan}/{part}")
        count = len(cited.get(part, ()))
        title = escape(headings[part].get(site.lang))
        return f'<{tag} id="{escape(part)}"><a href="{escape(link)}">{title}</a> {count}</{tag}>'

    contents = "".join(
        f'<li><a href="#{escape(part)}">{escape(headings[part].get(site.lang))}</a></li>' for part in top
    )
    body = [f'<ol class="contents">{contents}</ol>']
    opening = site.words("卷首", "Before the first chapter")
    for front in sorted(part for part, (kind, up) in parts.items() if kind == "Paragraph" and up not in parts):
        count = len(cited.get(front, ()))
        body.append(f'<h2 id="{escape(front)}">{escape(opening)} <code>{escape(front)}</code> {count}</h2>')
        body.append(_grouped(site, path, cited.get(front, [])))
    for chapter in top:
        direct = set(cited.get(chapter, ())) - {node for sub in sections[chapter] for node in cited.get(sub, ())}
        body.append(heading(chapter, "h2") + _grouped(site, path, [n for n in cited.get(chapter, ()) if n in direct]))
        body.extend(heading(sub, "h3") + _grouped(site, path, cited.get(sub, [])) for sub in sections[chapter])
    note = site.words(
        "每章、每节之下是原文在此引述的节点(按类别);只在章首段落引述的列在章标题下。",
        "Under each chapter and section, the nodes its text is quoted for, by class; "
        "those quoted only in a chapter's opening paragraphs stand under the chapter.",
    )
    return _page(site, plan, "chapters", site.words("按章节", "By chapter"), f"<p>{escape(note)}</p>{''.join(body)}")


# ---- by pillar


def _pillars(site: Site, plan: str, quotes: _Quotes) -> SitePage:
    graph = site.graph
    path = urls.own_page(plan, "pillars")
    goals = set(_plan_nodes(site, plan, lambda cls: cls in GOALS))
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent, data in graph.edges(data=True):
        if data["relation"] == "refines" and child in goals and parent in goals:
            children[parent].append(child)
    support = nx.subgraph_view(graph, filter_edge=lambda s, o, key: graph.edges[s, o, key]["relation"] in SUPPORT)
    rank = {cls: position for position, cls in enumerate(_GOAL_ORDER)}
    names = {family: site.names.class_name(family, site.lang) for family in ("Measure", "Project")}

    def served(goal: str) -> str:
        counts = Counter(family_of(graph.nodes[node]["cls"]) for node in nx.ancestors(support, goal))
        return " · ".join(f"{escape(names[family])} {counts[family]}" for family in names)

    def tree(goal: str, seen: frozenset[str]) -> str:
        under = sorted(
            set(children[goal]) - seen,
            key=lambda node: (rank.get(graph.nodes[node]["cls"], len(rank)), quotes.order[node]),
        )
        items = "".join(
            f'<li>{_class_of(site, node)} {_link(site, path, node)} <span class="muted">{served(node)}</span>'
            f"{tree(node, seen | {node})}</li>"
            for node in under
        )
        return f"<ul>{items}</ul>" if items else ""

    roots = [goal for goal in goals if graph.nodes[goal]["cls"] == "Vision"]
    body = "".join(
        f'<h2>{_class_of(site, root)} {_link(site, path, root)}</h2><p class="muted">{served(root)}</p>'
        f"{tree(root, frozenset({root}))}"
        for root in _in_order(quotes, roots)
    )
    note = site.words(
        "远景目标之下是细化它的目标支柱、发展定位与具体目标;数字是直接或经下级目标服务于该目标的任务举措与项目。",
        "Under the vision, the pillars, positionings and objectives that refine it; the numbers are the measures and "
        "projects that serve each goal, directly or through the goals below it.",
    )
    return _page(site, plan, "pillars", site.words("按目标支柱", "By pillar"), f"<p>{escape(note)}</p>{body}")


# ---- by place


def _places(site: Site, plan: str) -> SitePage:
    graph = site.graph
    path = urls.own_page(plan, "places")
    places = set(_plan_nodes(site, plan, lambda cls: cls in PLACES))
    within: dict[str, list[str]] = defaultdict(list)
    inside: set[str] = set()
    located: dict[str, set[str]] = defaultdict(set)
    for s, o, data in graph.edges(data=True):
        if data["relation"] == "within" and s in places and o in places:
            within[o].append(s)
            inside.add(s)
        elif data["relation"] == "locatedIn" and o in places:
            located[o].add(s)

    def tree(places_here: Iterable[str], seen: frozenset[str]) -> tuple[str, set[str]]:
        """The nested list of these places, and everything located in them or in the places within them."""
        entries, everything = [], set()
        for place in set(places_here) - seen:
            nested, inner = tree(within[place], seen | {place})
            here = located[place] | inner
            everything |= here
            more = site.words(f"(连同下级地点 {len(here)})", f"({len(here)} with the places within)")
            total = f' <span class="muted">{escape(more)}</span>' if nested and len(here) > len(located[place]) else ""
            entry = f"<li>{_link(site, path, place)} {_class_of(site, place)} {len(located[place])}{total}{nested}</li>"
            entries.append((-len(here), site.label(place), entry))
        items = "".join(entry for *_, entry in sorted(entries))
        return (f"<ul>{items}</ul>" if items else ""), everything

    note = site.words(
        "地点按所在的上级地点排列;数字是位于该地点的任务举措、项目与目标的数目。",
        "Places under the places they lie within; the number is how many measures, projects and goals are "
        "located in each.",
    )
    body = f"<p>{escape(note)}</p>{tree(places - inside, frozenset())[0]}"
    return _page(site, plan, "places", site.words("按地点", "By place"), body)


# ---- by organization


def _relation_name(site: Site, relation: str, incoming: bool) -> str:
    words = _BORROWED.get(relation)
    name = words.get(site.lang) if words else site.names.vocabulary.name(relation, site.lang)
    return f"← {name}" if incoming else name


def _organization(site: Site, path: str, org: str) -> tuple[int, str]:
    """One organization's entry: its links by relation (its own roles first), and how many."""
    graph = site.graph
    links: dict[tuple[bool, str], list[tuple[str, str]]] = defaultdict(list)
    for _, other, data in graph.out_edges(org, data=True):
        links[(False, data["relation"])].append((other, data["graph"]))
    for other, _, data in graph.in_edges(org, data=True):
        links[(True, data["relation"])].append((other, data["graph"]))
    curated = f' <span class="basis curated">{escape(site.words("整理", "curated"))}</span>'
    rank = {role: position for position, role in enumerate(_ROLES)}
    rows = "".join(
        f"<li>{escape(_relation_name(site, relation, incoming))} {len(ends)}: "
        + site.words("、", ", ").join(
            _link(site, path, other) + (curated if kind == "curated" else "")
            for other, kind in sorted(ends, key=lambda end: graph.nodes[end[0]]["id"])
        )
        + "</li>"
        for (incoming, relation), ends in sorted(
            links.items(), key=lambda item: (item[0][0], rank.get(item[0][1], len(rank)), item[0][1])
        )
    )
    count = sum(len(ends) for ends in links.values())
    return count, f"<li>{_link(site, path, org)} {_class_of(site, org)} {count}<ul>{rows}</ul></li>"


def _organizations(site: Site, plan: str) -> SitePage:
    path = urls.own_page(plan, "organizations")
    organizations = sorted(_plan_nodes(site, plan, lambda cls: cls in ORGANIZATIONS), key=site.label)
    entries = [_organization(site, path, org) for org in organizations]
    note = site.words(
        "每个机构牵头负责、参与、配合的工作,以及以它为依托、合作的工作(← 表示由对方指向该机构的关系);"
        "“整理”标出整理者的解读,其余为原文所述。",
        "What each organization is responsible for, leads, supports and takes part in, and what rests on it "
        "(← marks a link from the other end); “curated” marks a curator's reading, the rest is stated in the plan.",
    )
    listed = "".join(entry for _, entry in sorted(entries, key=lambda entry: -entry[0]))  # by name within a count
    body = f'<p>{escape(note)}</p><ul class="orgs">{listed}</ul>'
    return _page(site, plan, "organizations", site.words("按机构", "By organization"), body)


def pages(site: Site) -> Iterator[SitePage]:
    quotes = _quotes(site)
    for plan in site.plans:
        yield from _classes(site, plan, quotes)
        yield _chapters(site, plan, quotes)
        yield _pillars(site, plan, quotes)
        yield _places(site, plan)
        yield _organizations(site, plan)
