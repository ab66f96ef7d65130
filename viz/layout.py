"""Where nodes go and how the browser may move them.

Measured in headless Chromium (DESIGN, "Visual views"): vis.js physics settles 500 nodes in well
under a minute but freezes the tab for tens of seconds at 2,000. So a small view runs physics
for a bounded number of iterations and then freezes it; a larger one gets positions computed
here with networkx and no physics at all; the goal tree is laid out by levels.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import networkx as nx

PHYSICS_LIMIT = 500
STABILIZATION_ITERATIONS = 300
SEED = 7
SPACING = 45.0  # pixels per unit of the layout's scale, times √n: neighbours stay apart

RING = 300.0  # pixels between the rings of a radial tree
LEAF_SPACING = 110.0  # pixels along the outermost ring per leaf (a fold box is about 90 wide)

Mode = Literal["hierarchy", "physics", "fixed", "radial"]


def mode_of(nodes: int, hierarchical: bool, tree: bool = False) -> Mode:
    if tree:
        return "radial"
    if hierarchical:
        return "hierarchy"
    return "physics" if nodes <= PHYSICS_LIMIT else "fixed"


def radial(children: dict[str, list[str]], root: str) -> dict[str, tuple[float, float]]:
    """A tree drawn in rings: the root at the centre, each node on the ring of its depth, in the
    middle of the angle its leaves share. A leaf's share grows as its ring shrinks (by the square
    root of how much nearer the centre it is), so that the leaves of inner rings are not packed
    together; neighbouring leaves sit on alternate sides of their ring, so that boxes side by side
    do not overlap. The same every run."""
    depth_of: dict[str, int] = {root: 0}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in children.get(node, []):
            depth_of[child] = depth_of[node] + 1
            stack.append(child)
    deepest = max(max(depth_of.values()), 1)
    weight: dict[str, float] = {}

    def weigh(node: str) -> float:
        below = [weigh(child) for child in children.get(node, [])]
        weight[node] = sum(below) if below else math.sqrt(deepest / max(depth_of[node], 1))
        return weight[node]

    total = weigh(root)
    ring = max(RING, LEAF_SPACING * total / (2 * math.pi) / deepest)
    placed: dict[str, tuple[float, float]] = {root: (0.0, 0.0)}

    def place(node: str, start: float) -> None:
        for number, child in enumerate(children.get(node, [])):
            share = 2 * math.pi * weight[child] / total
            angle = start + share / 2
            radius = ring * depth_of[child] + (ring / 3 if number % 2 and not children.get(child) else 0.0)
            placed[child] = (radius * math.cos(angle), radius * math.sin(angle))
            place(child, start)
            start += share

    place(root, 0.0)
    return placed


def positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A force-directed layout (networkx's spring layout) in canvas pixels, the same every run."""
    simple: nx.Graph[str] = nx.Graph(graph)
    placed = nx.spring_layout(simple, seed=SEED, iterations=30)
    scale = SPACING * math.sqrt(max(len(simple), 1))
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in placed.items()}


def levels(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each goal's level in the tree: one below the lowest of the goals it refines.

    Refinement links point from the finer goal to the broader one; a node's level is the
    longest chain of refinements above it, so that a goal is drawn below everything it refines.
    A cycle (a curation error) leaves the levels to vis.js.
    """
    downward: nx.DiGraph[str] = nx.DiGraph()
    downward.add_nodes_from(graph)
    downward.add_edges_from((broad, fine) for fine, broad in graph.edges())
    try:
        return {node: depth for depth, rank in enumerate(nx.topological_generations(downward)) for node in rank}
    except nx.NetworkXUnfeasible:
        return {}


def vis_options(nodes: int, mode: Mode) -> dict[str, Any]:
    """The vis.js options for a page of this many nodes drawn this way."""
    large = nodes > PHYSICS_LIMIT
    options: dict[str, Any] = {
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 12, "max": 26, "drawThreshold": 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 1,
            "font": {"size": 11, "align": "middle", "strokeWidth": 3},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "layout": {"randomSeed": SEED, "improvedLayout": mode == "physics" and nodes <= 100},
        "physics": {"enabled": False},
    }
    if mode == "physics":
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 25},
        }
    elif mode == "radial":  # drawn where placed; physics only settles what a click adds
        # A canvas that takes the focus under the pointer is scrolled into view first: in a page
        # taller than the window (the site's) the click then lands elsewhere than aimed.
        options["interaction"]["keyboard"]["autoFocus"] = False
        options["physics"] = {
            "enabled": False,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.5,
                                 "centralGravity": 0.0},
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 25},
        }  # fmt: skip
    elif mode == "hierarchy":
        options["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal"}
        options["layout"]["hierarchical"] = {
            "enabled": True,
            "direction": "LR",
            "sortMethod": "directed",
            "levelSeparation": 240,
            "nodeSpacing": 30,
            "treeSpacing": 60,
        }
    return options
