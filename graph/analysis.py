"""Graph analysis with networkx over the property-graph projection: who is central, how two
things connect, and what a stalled project leaves without support."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import networkx as nx

from plankg.errors import PlankgError
from plankg.graph.model import GOALS, ORGANIZATIONS, PLACES, SUPPORT, family_of

DELIVERY = GOALS | PLACES | ORGANIZATIONS | {"Measure", "Project"}


def delivery_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """The goal–measure–project–place–organization graph, undirected, one edge per linked pair."""
    keep = [node for node, data in graph.nodes(data=True) if data["cls"] in DELIVERY]
    return nx.Graph(graph.subgraph(keep))


@dataclass(frozen=True)
class Centrality:
    node: str
    kind: str
    label: str
    degree: int
    betweenness: float


def central(
    graph: nx.MultiDiGraph, kinds: frozenset[str] = frozenset({"Project", "Place", "Organization"}), top: int = 10
) -> list[Centrality]:
    """The most central projects, places and organizations by betweenness, then degree."""
    delivery = delivery_graph(graph)
    betweenness = nx.betweenness_centrality(delivery, normalized=True)
    rows = [
        Centrality(
            node,
            family_of(graph.nodes[node]["cls"]),
            graph.nodes[node]["label_zh"],
            delivery.degree(node),
            betweenness[node],
        )
        for node in delivery
        if family_of(graph.nodes[node]["cls"]) in kinds
    ]
    rows.sort(key=lambda row: (-row.betweenness, -row.degree, row.label))
    return rows[:top]


@dataclass(frozen=True)
class Step:
    source: str
    relation: str
    target: str
    paragraph: str
    quote: str
    justification: str


def chain(graph: nx.MultiDiGraph, start: str, end: str) -> list[Step]:
    """The most specific chain of links between two nodes (either direction), each with its
    quote: the shortest, where a link to a hub counts for more than one to a specific node."""
    undirected: nx.Graph[str] = nx.Graph(graph)
    degree = dict(undirected.degree())

    def cost(here: str, there: str, _data: dict) -> float:
        """A link through a hub (新城区, a concept every measure names) says little: it costs more."""
        return 1 + math.log1p(max(degree[here], degree[there]))

    try:
        path = nx.shortest_path(undirected, start, end, weight=cost)
    except nx.NetworkXNoPath as exc:
        raise PlankgError("the two nodes are not connected in the graph") from exc
    steps = []
    for here, there in itertools.pairwise(path):
        forward = graph.get_edge_data(here, there)
        source, target, edges = (here, there, forward) if forward else (there, here, graph.get_edge_data(there, here))
        data = next(iter(edges.values()))
        steps.append(Step(source, data["relation"], target, data["paragraph"], data["quote"], data["justification"]))
    return steps


@dataclass(frozen=True)
class Impact:
    node: str
    kind: str
    label: str
    other_support: bool  # another project still serves it


def _served_by(graph: nx.MultiDiGraph, project: str) -> set[str]:
    """Everything a project supports: its measures and, through them, goals up to the vision."""
    reached, frontier = set(), [project]
    while frontier:
        here = frontier.pop()
        for _, there, data in graph.out_edges(here, data=True):
            if data["relation"] in SUPPORT and there not in reached:
                reached.add(there)
                frontier.append(there)
    return reached


def _values_measuring(graph: nx.MultiDiGraph, goals: set[str]) -> dict[str, set[str]]:
    """Targets and observations whose indicator measures one of the goals, with those goals."""
    found: dict[str, set[str]] = {}
    for indicator, goal, data in graph.edges(data=True):
        if data["relation"] != "measures" or goal not in goals:
            continue
        for value, _, link in graph.in_edges(indicator, data=True):
            if link["relation"] == "indicator" and graph.nodes[value]["cls"] == "Target":
                found.setdefault(value, set()).add(goal)
    return found


def impact(graph: nx.MultiDiGraph, project: str) -> list[Impact]:
    """If this project stalls: the measures, goals and targets that lose its support, and whether
    another project still supports each of them."""
    if graph.nodes[project]["cls"] != "Project":
        raise PlankgError(f"{graph.nodes[project]['label_zh']} is a {graph.nodes[project]['cls']}, not a Project")
    affected = _served_by(graph, project)
    still: set[str] = set()
    for node, data in graph.nodes(data=True):
        if data["cls"] == "Project" and node != project:
            still |= _served_by(graph, node)
    rows = [
        Impact(node, family_of(graph.nodes[node]["cls"]), graph.nodes[node]["label_zh"], node in still)
        for node in affected
    ]
    rows += [
        Impact(target, "Target", graph.nodes[target]["label_zh"], bool(goals & still))
        for target, goals in _values_measuring(graph, affected).items()
    ]
    order = {"Measure": 0, "Goal": 1, "Target": 2}
    rows.sort(key=lambda row: (order.get(row.kind, 3), row.other_support, row.label))
    return rows
