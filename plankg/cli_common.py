"""What every command module shares: the consoles, the one-line error exit, the build with progress."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from plankg.errors import PlankgError
from plankg.graph.build import BuildResult, build_graph

console = Console()
errors = Console(stderr=True)


def fail(error: PlankgError) -> typer.Exit:
    """Print a user's problem as one located message on stderr; the caller raises the exit."""
    errors.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


def build_with_progress(data: Path, reason: bool = True) -> BuildResult:
    """The build, with its current step shown on stderr while it runs."""
    with errors.status("building") as status:
        return build_graph(data, progress=lambda step: status.update(step), with_reasoning=reason)
