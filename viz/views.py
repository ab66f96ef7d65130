"""Which nodes and links each view shows, chosen on the property-graph projection.

A view is a subgraph plus what the page must say about it: its title in both languages, the
node it is about, whether it is a hierarchy, and what was left out when it was too large to
draw. Every node keeps its degree in the whole graph, so that a hub stays large in a view.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import networkx as nx

from plankg.errors import PlankgError
from plankg.graph.model import GOALS, SUPPORT, family_of
from plankg.graph.vocabulary import Words
from plankg.viz import layout
from plankg.viz.names import PlanNames

# Past this many nodes a page stops drawing everything (see DESIGN, "Visual views"): it keeps
# the best-connected ones and says what it left out. The real plan has about 2,000.
DRAW_LIMIT = 2500
# A place gets a page of its own in `viz all` when this many things are in or at it.
PLACE_PAGE_MIN = 3

ORGANIZING = frozenset({"responsibleFor", "participatesIn"})
WORK = frozenset({"Measure", "Project"})  # what has places and organizations in a serves view
# The overview's fold nodes have ids no IRI can take.
FOLD_PREFIX = "fold:"


@dataclass(frozen=True)
class Fold:
    """Nodes drawn as one count node until it is opened: the nodes of one family nearest a goal or,
    for a goal near several families, one fold per family (`parts`), which opening it shows."""

    id: str
    anchor: str | None  # the goal it hangs off; None: the nodes no link leads to any goal from
    members: tuple[str, ...]  # every node it holds, through its parts too
    parts: tuple[Fold, ...] = ()

    def children(self) -> tuple[str, ...]:
        """What opening it draws: its parts, or its members."""
        return tuple(part.id for part in self.parts) if self.parts else self.members


@dataclass(frozen=True)
class View:
    kind: str  # one of plankg.viz.VIEWS
    slug: str  # the page's file name without .html
    title: Words  # what is shown
    graph: nx.MultiDiGraph
    focus: str | None = None  # the node the view is about, highlighted
    hierarchical: bool = False
    left_out: Counter[str] = field(default_factory=Counter)  # classes of the nodes not drawn
    total: int = 0  # nodes the view holds before the draw limit
    folds: tuple[Fold, ...] = ()  # the folds drawn when the page opens (their members are not)

    def folded(self) -> set[str]:
        """The nodes of the view that the page draws only once their fold is opened."""
        return {node for fold in self.folds for node in fold.members}

    def drawn_at_start(self) -> int:
        """How many nodes the page draws when it opens: the unfolded ones and the folds."""
        return self.graph.number_of_nodes() - len(self.folded()) + len(self.folds)


def _label(graph: nx.MultiDiGraph, node: str) -> Words:
    data = graph.nodes[node]
    return Words(data["label_zh"], data["label_en"])


def _slug(kind: str, name: str) -> str:
    """A file name for a view of one node: `place-xincheng-district`, not `place-place-…`."""
    text = f"{kind}-{name.removeprefix(kind + '-')}"
    return "".join(char if char.isalnum() or char in "-_." else "_" for char in text)


def _links(graph: nx.MultiDiGraph, relations: frozenset[str]) -> nx.MultiDiGraph:
    """The graph seen through some relations only (a view, nothing copied)."""
    return nx.subgraph_view(graph, filter_edge=lambda s, o, key: graph.edges[s, o, key]["relation"] in relations)


def _make(
    graph: nx.MultiDiGraph,
    nodes: Iterable[str],
    kind: str,
    slug: str,
    title: Words,
    focus: str | None = None,
    hierarchical: bool = False,
    limit: int = DRAW_LIMIT,
) -> View:
    """The view of some nodes and the links among them, cut to the best-connected `limit` nodes."""
    chosen = set(nodes)
    total = len(chosen)
    left_out: Counter[str] = Counter()
    if total > limit:
        ranked = sorted(chosen, key=lambda node: (node != focus, -graph.degree(node), node))
        for node in ranked[limit:]:
            left_out[graph.nodes[node]["cls"]] += 1
        chosen = set(ranked[:limit])
    sub: nx.MultiDiGraph[str] = nx.MultiDiGraph(graph.subgraph(chosen))
    for node in sub:
        sub.nodes[node]["degree"] = graph.degree(node)
    return View(kind, slug, title, sub, focus, hierarchical, left_out, total)


def _require(graph: nx.MultiDiGraph, node: str, family: str | None = None) -> None:
    if node not in graph:
        raise PlankgError(f"{node} is not one of the plan's entities that the views draw")
    cls = graph.nodes[node]["cls"]
    if family is not None and family_of(cls) != family:
        raise PlankgError(f"{graph.nodes[node]['label_zh']} is a {cls}, not a {family}")


def _nearest_goal(graph: nx.MultiDiGraph, goals: list[str]) -> dict[str, str]:
    """Each node reached from a goal by links that pass through no other goal, with the goal it is
    fewest links from (whichever way they point); of goals as near, the deepest in the goal tree,
    so that a measure serving an objective and its pillar is counted with the objective."""
    depth = layout.levels(_links(graph.subgraph(goals), frozenset({"refines"})))
    seeds = sorted(goals, key=lambda goal: (-depth.get(goal, 0), goal))
    nearest = {goal: goal for goal in seeds}
    queue = deque(seeds)
    while queue:
        node = queue.popleft()
        for other in (*graph.successors(node), *graph.predecessors(node)):
            if other not in nearest:
                nearest[other] = nearest[node]
                queue.append(other)
    return nearest


def _fold(graph: nx.MultiDiGraph, anchor: str | None, members: list[str]) -> Fold:
    """One fold of a goal's nodes: by family, and in parts when there are several families."""
    key = FOLD_PREFIX + (anchor or "unlinked")
    by_family: dict[str, list[str]] = {}
    for node in sorted(members):
        by_family.setdefault(family_of(graph.nodes[node]["cls"]), []).append(node)
    parts = tuple(
        Fold(f"{key}:{family}", anchor, tuple(nodes))
        for family, nodes in sorted(by_family.items(), key=lambda item: (-len(item[1]), item[0]))
    )
    if len(parts) == 1:
        return parts[0]
    return Fold(key, anchor, tuple(node for part in parts for node in part.members), parts)


def overview(graph: nx.MultiDiGraph, limit: int | None = None) -> View:
    """The whole curated graph, readable at once: the goal tree drawn whole, and every other node
    folded into a count node on the goal it is nearest (opened on a click), by family. `limit`
    cuts the graph to its best-connected nodes first (none: the folds keep the page small)."""
    title = Words("规划知识图谱全貌", "The whole plan graph")
    view = _make(graph, graph, "overview", "overview", title, limit=len(graph) if limit is None else limit)
    goals = sorted(node for node, data in view.graph.nodes(data=True) if data["cls"] in GOALS)
    nearest = _nearest_goal(view.graph, goals)
    by_goal: dict[str | None, list[str]] = {}
    for node, data in view.graph.nodes(data=True):
        if data["cls"] not in GOALS:
            by_goal.setdefault(nearest.get(node), []).append(node)
    folds = tuple(_fold(view.graph, anchor, by_goal[anchor]) for anchor in [*goals, None] if anchor in by_goal)
    return View(view.kind, view.slug, view.title, view.graph, left_out=view.left_out, total=view.total, folds=folds)


def goals(graph: nx.MultiDiGraph) -> View:
    """The goal tree: the vision, pillars, positionings and objectives, linked by `refines`."""
    nodes = [node for node, data in graph.nodes(data=True) if data["cls"] in GOALS]
    view = _make(
        graph,
        nodes,
        "goals",
        "goals",
        Words("目标体系:从2035年远景目标到具体目标", "The goal tree: from the 2035 vision to the objectives"),
        hierarchical=True,
    )
    for s, o, key, data in list(view.graph.edges(keys=True, data=True)):
        if data["relation"] != "refines":
            view.graph.remove_edge(s, o, key)
    return view


def serves(graph: nx.MultiDiGraph, goal: str) -> View:
    """Everything that serves a goal, directly or through the goals that refine it: sub-goals,
    measures and projects (transitively), the indicators that measure the goals, and the places and
    organizations of the measures and projects — as the catalogue's `serves-goal` query reads it."""
    _require(graph, goal, "Goal")
    support = {goal} | nx.ancestors(_links(graph, SUPPORT), goal)
    extra: set[str] = set()
    for node in support:
        extra.update(other for other, _, data in graph.in_edges(node, data=True) if data["relation"] == "measures")
        if graph.nodes[node]["cls"] in WORK:
            extra.update(other for other, _, data in graph.in_edges(node, data=True) if data["relation"] in ORGANIZING)
            extra.update(
                other for _, other, data in graph.out_edges(node, data=True) if data["relation"] == "locatedIn"
            )
    name = _label(graph, goal)
    title = Words(f"服务于「{name.zh}」的一切", f"Everything that serves “{name.get('en')}”")
    return _make(graph, support | extra, "serves", _slug("serves", graph.nodes[goal]["id"]), title, focus=goal)


def place(graph: nx.MultiDiGraph, where: str) -> View:
    """One place, the places within it (transitively) and everything located in or within them."""
    _require(graph, where, "Place")
    places = {where} | nx.ancestors(_links(graph, frozenset({"within"})), where)
    found = set(places)
    for node in places:
        found.update(other for other, _, data in graph.in_edges(node, data=True) if data["relation"] == "locatedIn")
    name = _label(graph, where)
    title = Words(f"「{name.zh}」及其中的一切", f"“{name.get('en')}” and everything in or at it")
    return _make(graph, found, "place", _slug("place", graph.nodes[where]["id"]), title, focus=where)


def entity(graph: nx.MultiDiGraph, node: str, depth: int = 1, limit: int = DRAW_LIMIT) -> View:
    """A node and everything within `depth` links of it, whichever way the links point.

    The walk goes over an undirected view of the graph: `nx.ego_graph` copies the whole graph
    undirected first, 60 ms a node on the plan, which a page per node cannot afford."""
    _require(graph, node)
    if depth < 1:
        raise PlankgError(f"--depth must be 1 or more, not {depth}")
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), node, cutoff=depth)
    name = _label(graph, node)
    title = Words(f"「{name.zh}」的{depth}步邻域", f"Within {depth} link(s) of “{name.get('en')}”")
    slug = _slug("entity", f"{graph.nodes[node]['id']}-{depth}")
    return _make(graph, near, "entity", slug, title, focus=node, limit=limit)


def chapter(graph: nx.MultiDiGraph, chapter_id: str, heading: Words) -> View:
    """The nodes whose quotes come from one chapter, and the links among them."""
    nodes = [node for node, data in graph.nodes(data=True) if chapter_id in data["chapters"].split(",")]
    if not nodes:
        raise PlankgError(f"no node cites chapter {chapter_id}")
    title = Words(f"{heading.zh}中的实体", f"What {heading.get('en')} names")
    return _make(graph, nodes, "chapter", _slug("chapter", chapter_id), title)


@dataclass(frozen=True)
class Request:
    """What a command line asks of a view, resolved: the focus (a node's IRI, or a chapter's) and a depth."""

    graph: nx.MultiDiGraph
    names: PlanNames
    focus: str = ""
    depth: int = 1


@dataclass(frozen=True)
class ViewKind:
    """A view offered by name: how it is drawn from a request, and what its focus must be
    (None: it takes none; "node": any node, checked by the view; else the class it must be)."""

    draw: Callable[[Request], View]
    focus: str | None = None


def _chapter(request: Request) -> View:
    info = request.names.chapters[request.focus]
    return chapter(request.graph, info.id, info.heading)


# Every view by its name, as `plankg viz NAME` offers it; plankg.viz.VIEWS lists the same names
# without importing networkx (a test keeps the two alike). A new view is one entry here.
VIEW_KINDS: dict[str, ViewKind] = {
    "overview": ViewKind(lambda request: overview(request.graph)),
    "goals": ViewKind(lambda request: goals(request.graph)),
    "serves": ViewKind(lambda request: serves(request.graph, request.focus), "node"),
    "place": ViewKind(lambda request: place(request.graph, request.focus), "node"),
    "entity": ViewKind(lambda request: entity(request.graph, request.focus, request.depth), "node"),
    "chapter": ViewKind(_chapter, "Chapter"),
}


def default_views(graph: nx.MultiDiGraph, names: PlanNames) -> list[View]:
    """What `viz all` writes: the overview, the goal tree, each pillar's serves view, the view of
    each place with at least PLACE_PAGE_MIN things in or at it, and each chapter's view."""
    views = [overview(graph), goals(graph)]
    pillars = sorted(node for node, data in graph.nodes(data=True) if data["cls"] == "Pillar")
    views += [serves(graph, pillar) for pillar in pillars]
    places = [place(graph, node) for node, data in graph.nodes(data=True) if family_of(data["cls"]) == "Place"]
    views += sorted((view for view in places if view.total > PLACE_PAGE_MIN), key=lambda view: view.slug)
    cited = {chapter_id for _, data in graph.nodes(data=True) for chapter_id in data["chapters"].split(",")}
    views += [
        chapter(graph, info.id, info.heading)
        for info in sorted(names.chapters.values(), key=lambda info: info.id)
        if info.id in cited
    ]
    return views
