"""The overview's folds in a drawing: a count node per fold at start, and the data and the one
script that open a fold in the browser, in the page of `plankg viz overview` and in the site alike.

A page draws the goal tree and the folds; a fold's members (its nodes, or its parts: one fold per
family) wait in the page's data until it is opened, then appear around it, tied to its goal, with
every link between them and what is drawn, and settle with physics while the rest stays still.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pyvis.network import Network

from plankg.graph.model import family_of
from plankg.graph.vocabulary import Words
from plankg.viz import layout, styling
from plankg.viz.names import PlanNames
from plankg.viz.views import Fold, View

FOLD_LOOK = {"background": "#f7f4ec", "font": "#333333"}
TIE = "#c8c8c8"
# The top of the goal tree, named in letters large enough to read with the whole plan in view.
NAMED = frozenset({"Vision", "Pillar"})
NAMED_FONT = 80
LINES = 4  # a fold names at most this many kinds on the canvas; its tooltip names them all
WORDS = {
    "zh": {"open": "单击展开", "near": "最靠近:{goal}", "unlinked": "与任何目标都无关联", "tie": "归入最靠近的目标",
           "fold": "折叠"},
    "en": {"open": "click to open", "near": "nearest to: {goal}", "unlinked": "linked to no goal",
           "tie": "nearest goal", "fold": "fold"},
}  # fmt: skip


def _node(fold: Fold, view: View, names: PlanNames, lang: str) -> dict[str, Any]:
    """A fold's count node: a dashed box that says how many of what it holds, near which goal."""
    words = WORDS[lang]
    counts = Counter(family_of(view.graph.nodes[node]["cls"]) for node in fold.members)
    kinds = {family: names.class_name(family, lang) for family in counts}
    lines = [f"{kinds[family][:1].upper()}{kinds[family][1:]} {count}" for family, count in counts.most_common()]
    shown = lines if len(lines) <= LINES else [*lines[: LINES - 1], "…"]
    if fold.anchor:
        anchor = view.graph.nodes[fold.anchor]
        goal = words["near"].format(goal=Words(anchor["label_zh"], anchor["label_en"]).get(lang))
    else:
        goal = words["unlinked"]
    main = styling.style_of(counts.most_common(1)[0][0]).colour
    return {
        "id": fold.id,
        "label": "\n".join(shown),
        "title": "\n".join([*lines, goal, f"({words['open']})"]),
        "shape": "box",
        "color": {"background": FOLD_LOOK["background"], "border": main},
        "borderWidth": 2,
        "shapeProperties": {"borderDashes": [5, 3]},
        "font": {"size": 13, "color": FOLD_LOOK["font"], "strokeWidth": 0},
        "plankg_id": fold.id,
        "cls": "fold",
        "cls_name": words["fold"],
        "label_zh": " · ".join(lines) if lang == "zh" else "",
        "label_en": " · ".join(lines) if lang == "en" else "",
        "quote": "",
        "paragraph": "",
    }


def tree(view: View) -> tuple[dict[str, list[str]], str]:
    """What is drawn at start as one tree, and its root: each goal under the broader goal it refines
    one level up (the first by IRI, where it refines several), each fold under its goal, and the
    other roots (goals that refine none, the fold of nodes linked to no goal) under the vision,
    the root with the most goals under it."""
    folded = view.folded()
    goals = [node for node in view.graph if node not in folded]
    refines = view.graph.subgraph(goals)
    level = layout.levels(refines)
    children: dict[str, list[str]] = {}
    roots = []
    for goal in sorted(goals):
        broader = sorted(
            other
            for _, other, data in refines.out_edges(goal, data=True)
            if data["relation"] == "refines" and level.get(other, -1) == level.get(goal, 0) - 1
        )
        if broader:
            children.setdefault(broader[0], []).append(goal)
        else:
            roots.append(goal)
    for fold in view.folds:
        if fold.anchor:
            children.setdefault(fold.anchor, []).insert(0, fold.id)

    def size(node: str) -> int:
        return 1 + sum(size(child) for child in children.get(node, []))

    roots += [fold.id for fold in view.folds if not fold.anchor]
    root = max(roots, key=lambda node: (size(node), node))
    children.setdefault(root, []).extend(other for other in roots if other != root)
    return children, root


def fold_up(net: Network, view: View, names: PlanNames, lang: str) -> dict[str, Any]:
    """Leave in `net` what is drawn at start (the unfolded nodes and the folds, placed in rings
    around the vision, and the links among them) and return the rest as the data the script opens
    folds from."""
    folded = view.folded()
    for number, edge in enumerate(net.edges):
        edge["id"] = f"e{number}"
    every = {fold.id: fold for top in view.folds for fold in (top, *top.parts)}
    boxes = {key: _node(fold, view, names, lang) for key, fold in every.items()}
    data: dict[str, Any] = {
        "nodes": {node["id"]: node for node in net.nodes if node["id"] in folded},
        "edges": [edge for edge in net.edges if edge["from"] in folded or edge["to"] in folded],
        "folds": {
            key: {"node": boxes[key], "anchor": fold.anchor, "children": list(fold.children())}
            for key, fold in every.items()
        },
        "tie": {"color": TIE, "title": WORDS[lang]["tie"]},  # the look of a fold's link to its goal
    }
    net.nodes = [node for node in net.nodes if node["id"] not in folded]
    net.nodes += [boxes[fold.id] for fold in view.folds]
    net.edges = [edge for edge in net.edges if edge["from"] not in folded and edge["to"] not in folded]
    placed = layout.radial(*tree(view))
    for node in net.nodes:
        node["x"], node["y"] = placed[node["id"]]
        if node.get("cls") in NAMED:
            node["font"] = {"size": NAMED_FONT}
            node["scaling"] = {"label": {"enabled": False}}
    return data


# plankgFolds(network, nodes, edges, data): freezes the first layout (then sets window.plankgReady),
# binds a click on a fold to open it, and returns {open(id), reveal(id)}: each returns a Promise of
# the ids it drew, kept once they have settled.
SCRIPT = r"""
function plankgFolds(network, nodes, edges, data) {
  var busy = new Promise(function (resolve) {  /* the first layout, bounded, then frozen */
    if (!network.physics.physicsEnabled) { network.once("afterDrawing", resolve); return; }
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      resolve();
    });
  }).then(function () { window.plankgReady = true; });

  var parent = {};  /* the fold each node or part is in */
  Object.keys(data.folds).forEach(function (key) {
    data.folds[key].children.forEach(function (child) { parent[child] = key; });
  });

  function settle(fresh) {
    var still = nodes.getIds().filter(function (id) { return fresh.indexOf(id) < 0; });
    nodes.update(still.map(function (id) { return {id: id, fixed: true}; }));
    return new Promise(function (resolve) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({physics: {enabled: false}});
        nodes.update(still.map(function (id) { return {id: id, fixed: false}; }));
        resolve(fresh);
      });
      network.setOptions({physics: {enabled: true}});
      network.stabilize(40);
    });
  }

  function ties(keys) {  /* faint links to their folds' goals, for what has no link of its own to it */
    var linked = {};
    edges.forEach(function (edge) { linked[edge.from + " " + edge.to] = linked[edge.to + " " + edge.from] = true; });
    return keys.filter(function (key) {
      var anchor = data.folds[parent[key] || key].anchor;
      return anchor !== null && !linked[key + " " + anchor];
    }).map(function (key) {
      return {id: "tie:" + key, from: key, to: data.folds[parent[key] || key].anchor, color: data.tie.color,
              dashes: [2, 4], arrows: "", title: data.tie.title, relation: "tie"};
    });
  }

  function draw(key) {
    var fold = data.folds[key], at = network.getPositions([key])[key];
    if (!fold || !at) { return Promise.resolve([]); }
    nodes.remove(key);
    edges.remove(edges.getIds({filter: function (edge) { return edge.from === key || edge.to === key; }}));
    var spread = 18 + 4 * Math.sqrt(fold.children.length);
    nodes.add(fold.children.map(function (child, i) {
      var node = data.folds[child] ? data.folds[child].node : data.nodes[child], turn = 2.39996 * i;
      var far = spread * Math.sqrt(i + 1);
      return Object.assign({}, node, {x: at.x + far * Math.cos(turn), y: at.y + far * Math.sin(turn)});
    }));
    edges.add(data.edges.filter(function (edge) {
      return edges.get(edge.id) === null && nodes.get(edge.from) !== null && nodes.get(edge.to) !== null;
    }));
    edges.add(ties(fold.children));
    return settle(fold.children);
  }

  function open(key) {
    busy = busy.then(function () { return draw(key); });
    return busy;
  }

  function reveal(id) {
    var chain = [];
    for (var key = parent[id]; key !== undefined; key = parent[key]) { chain.unshift(key); }
    chain.forEach(open);  /* outermost first; one already open draws nothing */
    return busy.then(function () { return nodes.get(id) === null ? [] : [id]; });
  }

  edges.add(ties(Object.keys(data.folds).filter(function (key) { return nodes.get(key) !== null; })));
  network.on("click", function (event) {
    if (event.nodes.length && data.folds[event.nodes[0]]) { open(event.nodes[0]); }
  });
  return {open: open, reveal: reveal};
}
"""
