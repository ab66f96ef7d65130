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

from plankg.viz.page import PYVIS_TEMPLATES
from plankg.viz.site.pages import Asset

_LIB = PYVIS_TEMPLATES / "lib" / "vis-9.1.2"
ASSETS = (
    Asset("vis-network.min.js", (_LIB / "vis-network.min.js").read_bytes()),
    Asset("vis-network.css", (_LIB / "vis-network.css").read_bytes()),
)
SCRIPTS = ("vis-network.min.js",)
STYLES = ("vis-network.css",)


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: <, > and & escaped as JSON escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def drawing(net: Network, element_id: str, height: str = "480px") -> str:
    """The HTML of one pyvis network drawn into a div, with the shared vis-network assets."""
    nodes, edges, _, _, _, options = net.get_network_data()
    data = script_json({"nodes": nodes, "edges": edges, "options": json.loads(options)})
    return (
        f'<div id="{escape(element_id)}" class="network" style="height:{escape(height)}"></div>'
        f"<script>(function () {{ const d = {data};"
        f" new vis.Network(document.getElementById({script_json(element_id)}),"
        " {nodes: new vis.DataSet(d.nodes), edges: new vis.DataSet(d.edges)}, d.options); })();</script>"
    )
