"""The `plankg export` command: the built graph in the formats other tools read (see docs/export.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plankg.cli_common import BuildOption, handled, one_of
from plankg.graph.exporters import exporter_names, run_export
from plankg.graph.iris import LANGS


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.1f} kB"


@handled
def export(
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help=f"One of: {', '.join(exporter_names())}.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="File to write, or folder for csv and neo4j (default: a file or folder in BUILD/export/)."
        ),
    ] = None,
    graphs: Annotated[
        str | None,
        typer.Option(
            "--graphs",
            help="Named graphs, comma-separated. RDF formats: structure, stated, curated, inferred, ontology "
            "(default: all). Property graphs: links from stated, curated, inferred (default: stated,curated).",
        ),
    ] = None,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            parser=one_of(LANGS),
            help="zh or en: the label property graphs show on nodes (both stay as attributes).",
        ),
    ] = "zh",
    build: BuildOption = Path("out"),
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="void only: the URL of a SPARQL endpoint that serves this data.")
    ] = None,
) -> None:
    """Export the built graph for other tools: RDF, property graphs, Neo4j, a VoID description, ontology docs."""
    written = run_export(fmt, build, out=out, graphs=graphs, lang=lang, endpoint=endpoint)
    for path in written:
        typer.echo(f"wrote {path} ({_size(path)})")
