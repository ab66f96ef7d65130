"""The `site` command: the plan as a static site (annotated text, a page per node, indexes,
pictures, an overview) that opens from file:// with no network."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plankg.cli_common import BuildOption, LangOption, console, errors, handled
from plankg.cli_queries import EndpointOption
from plankg.graph.opened import open_graph


@handled
def site(
    out: Annotated[
        Path, typer.Option("--out", help="The folder to write the site into (replaced whole; default: site/).")
    ] = Path("site"),
    lang: LangOption = "zh",
    build: BuildOption = Path("out"),
    endpoint: EndpointOption = None,
) -> None:
    """Write the plan as a static site: open SITE/index.html in a browser, or put the folder on any
    static host. Every quote behind a node or link is marked in the plan's text and links to its page."""
    from plankg.viz.site.writer import write_site

    opened = open_graph(build, endpoint)
    with errors.status("writing the site") as status:
        report = write_site(opened, out, lang, lambda step: status.update(step))
    pages = ", ".join(f"{count} {name}" for name, count in report.pages.items())
    console.print(
        f"wrote {out / 'index.html'}: {sum(report.pages.values())} pages ({pages}), "
        f"{report.files} files, {report.bytes / 1e6:.1f} MB, in {report.seconds:.1f} s",
        highlight=False,
    )
