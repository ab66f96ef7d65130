"""vis-network (the library pyvis draws with) as shared assets of the site, and a pyvis network
turned into a drawing that loads them instead of inlining ~500 kB into every page.

A page calls `drawing(site_page_path, net, element_id)` for the HTML of one network and lists
`SCRIPTS`/`STYLES` in its SitePage; the data goes into the page as JSON through `tojson`-like
escaping (no `</script>` can close the block), and labels reach the DOM as text.
"""

from __future__ import annotations

import json
from html import escape

from pyvis.network import Network

from plankg.viz import folds
from plankg.viz.page import PYVIS_TEMPLATES
from plankg.viz.site.pages import Asset

_LIB = PYVIS_TEMPLATES / "lib" / "vis-9.1.2"
ASSETS = (
    Asset("vis-network.min.js", (_LIB / "vis-network.min.js").read_bytes()),
    Asset("vis-network.css", (_LIB / "vis-network.css").read_bytes()),
)
SCRIPTS = ("vis-network.min.js",)
STYLES = ("vis-network.css",)
# The script that opens an overview's folds (plankg.viz.folds), shared with `plankg viz overview`.
FOLDS_SCRIPT = "folds.js"
FOLDS = Asset(FOLDS_SCRIPT, folds.SCRIPT.encode())


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: <, > and & escaped as JSON escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def drawing(
    net: Network,
    element_id: str,
    height: str = "480px",
    pages: dict[str, str] | None = None,
    folds: dict[str, object] | None = None,
) -> str:
    """The HTML of one pyvis network drawn into a div, with the shared vis-network assets.

    `pages` maps a node's id in the network to the (relative) URL a click on it opens. `folds` is
    the data of an overview's folds (`plankg.viz.folds.fold_up`): a click on a fold opens it, and
    the drawing is `window.plankgOverview` ({network, nodes, edges, open, reveal}); the page then
    lists FOLDS_SCRIPT among its scripts. The script is the same for every page; only the data differ."""
    nodes, edges, _, _, _, options = net.get_network_data()
    data = script_json(
        {"nodes": nodes, "edges": edges, "options": json.loads(options), "pages": pages or {}, "folds": folds}
    )
    return (
        f'<div id="{escape(element_id)}" class="network" style="height:{escape(height)}"></div>'
        f"<script>(function () {{ const d = {data};"
        " const nodes = new vis.DataSet(d.nodes), edges = new vis.DataSet(d.edges);"
        f" const net = new vis.Network(document.getElementById({script_json(element_id)}),"
        " {nodes: nodes, edges: edges}, d.options);"
        ' net.on("click", function (e) { const page = e.nodes.length && d.pages[e.nodes[0]];'
        " if (page) { window.location.href = page; } });"
        " if (d.folds) { window.plankgOverview = Object.assign({network: net, nodes: nodes, edges: edges},"
        " plankgFolds(net, nodes, edges, d.folds)); } })();</script>"
    )
