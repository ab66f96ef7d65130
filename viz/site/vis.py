"""vis-network (the library pyvis draws with) as shared assets of the site, and a pyvis network
turned into a drawing that loads them instead of inlining ~500 kB into every page.

A page calls `drawing(net, element_id)` for the HTML of one network and lists `SCRIPTS`/`STYLES`
in its SitePage: the library and the script that draws (drawing.js) are files of the site, and
only the network's data goes into the page, as JSON through `tojson`-like escaping (no
`</script>` can close the block); labels reach the DOM as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import Any

from pyvis.network import Network

from plankg.viz import folds
from plankg.viz.page import PYVIS_TEMPLATES
from plankg.viz.site.pages import Asset

_LIB = PYVIS_TEMPLATES / "lib" / "vis-9.1.2"
# What every drawing runs, once for the site: draw the data into the element, and open the page
# of a clicked node (`d.pages` maps a node's id to its URL).
# An overview's drawing (`d.folds`) also opens its folds (folds.js) and is window.plankgOverview.
_DRAW = """window.plankgDraw = function (id, d, options) {
  const nodes = new vis.DataSet(d.nodes), edges = new vis.DataSet(d.edges);
  const net = new vis.Network(document.getElementById(id), {nodes: nodes, edges: edges}, options || d.options);
  net.on("click", function (e) {
    const page = e.nodes.length && d.pages[e.nodes[0]];
    if (page) { window.location.href = page; }
  });
  if (d.folds) {
    window.plankgOverview = Object.assign({network: net, nodes: nodes, edges: edges},
      plankgFolds(net, nodes, edges, d.folds));
  }
  return net;
};
"""
ASSETS = (
    Asset("vis-network.min.js", (_LIB / "vis-network.min.js").read_bytes()),
    Asset("vis-network.css", (_LIB / "vis-network.css").read_bytes()),
    Asset("drawing.js", _DRAW.encode()),
)
SCRIPTS = ("vis-network.min.js", "drawing.js")
STYLES = ("vis-network.css",)
# The script that opens an overview's folds (plankg.viz.folds), shared with `plankg viz overview`.
FOLDS_SCRIPT = "folds.js"
FOLDS = Asset(FOLDS_SCRIPT, folds.SCRIPT.encode())


# Node attributes `viz.page.network` sets for the views' own script (details panel, find box): a
# site's page shows them in its body or on the node's page, so they stay out of its drawings.
VIEW_ONLY = ("plankg_id", "cls", "cls_name", "label_zh", "label_en", "quote", "paragraph")


def lean(nodes: Iterable[dict[str, Any]]) -> None:
    """Drop from drawn nodes what only the views' own script reads (most of a drawing's weight)."""
    for node in nodes:
        for key in VIEW_ONLY:
            node.pop(key, None)


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: <, > and & escaped as JSON escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def shared_options(name: str, options: dict[str, object]) -> Asset:
    """A script asset that sets the global `name` to vis.js options that many pages draw with,
    so that each page names them (`drawing(..., options=name)`) instead of carrying a copy."""
    return Asset(f"{name}.js", f"window.{name} = {script_json(options)};\n".encode())


def drawing(
    net: Network,
    element_id: str,
    height: str = "480px",
    pages: dict[str, str] | None = None,
    options: str = "",
    folds: dict[str, object] | None = None,
) -> str:
    """The HTML of one pyvis network drawn into a div, with the shared vis-network assets.

    `pages` maps a node's id in the network to the (relative) URL a click on it opens. The
    script is the same for every page (drawing.js, in SCRIPTS); only the data differ. `options`
    names the global a shared_options asset sets (the page lists that asset among its scripts);
    without it the network's own options go into the page. `folds` is the data of an overview's
    folds (`plankg.viz.folds.fold_up`): a click on a fold opens it, and the drawing is
    `window.plankgOverview` ({network, nodes, edges, open, reveal}); the page then lists
    FOLDS_SCRIPT among its scripts."""
    nodes, edges, _, _, _, own = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "pages": pages or {}, "folds": folds}
    data |= {} if options else {"options": json.loads(own)}
    given = f", window[{script_json(options)}]" if options else ""
    return (
        f'<div id="{escape(element_id)}" class="network" style="height:{escape(height)}"></div>'
        f"<script>plankgDraw({script_json(element_id)}, {script_json(data)}{given});</script>"
    )
