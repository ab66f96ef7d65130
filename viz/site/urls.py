"""Where each page of the site lives, derived from the graph's IRIs so that a URL can be cited.

A node `https://w3id.org/plankg/id/<plan>/<id>` has its page at `<plan>/<id>.html`: chapters
(`c01`), paragraphs (`c01-s01-p01`) and curated nodes alike. The site's own pages (indexes,
pictures, the overview) live under `<plan>/_/`, which no id can take (ids never start with `_`).
Links between pages are relative, so the site opens from any folder and from any static host.
"""

from __future__ import annotations

import posixpath

from plankg.errors import PlankgError
from plankg.graph.iris import ID_BASE

ASSETS = "assets"
HOME = "index.html"
SEARCH = "search.html"


def node_path(iri: str) -> str:
    """The page of the node named by `iri` (an IRI under the plans' id base)."""
    if not iri.startswith(ID_BASE):
        raise PlankgError(f"{iri} is not a node of a plan: it has no page in the site")
    plan, _, local = iri.removeprefix(ID_BASE).partition("/")
    if not local or local.startswith("_") or "/" in local:
        raise PlankgError(f"{iri}: a node's id must be one path segment that does not start with _")
    return f"{plan}/{local}.html"


def plan_of(iri: str) -> str:
    """The plan's id (`xincheng-14th`) of a node or plan IRI."""
    return iri.removeprefix(ID_BASE).partition("/")[0]


def plan_home(plan: str) -> str:
    return f"{plan}/index.html"


def own_page(plan: str, name: str) -> str:
    """A page of the site about a plan that is not a node's: `own_page(plan, "classes")`."""
    return f"{plan}/_/{name}.html"


def asset(name: str) -> str:
    return f"{ASSETS}/{name}"


def relative(source: str, target: str) -> str:
    """The link from the page at `source` to `target` (both paths from the site's root; the
    target may carry a #fragment)."""
    path, hash_, fragment = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(source) or ".")
    return link + hash_ + fragment
