"""What every command module shares: the consoles, the one-line error exit, the build with progress."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from plankg.errors import PlankgError
from plankg.graph.build import REASONERS
from plankg.graph.outputs import BuildSummary, build_outputs

BuildOption = Annotated[
    Path, typer.Option("--build", help="Folder of the build to read (what `plankg build --out DIR` wrote).")
]

console = Console()
errors = Console(stderr=True)


def fail(error: PlankgError) -> typer.Exit:
    """Print a user's problem as one located message on stderr; the caller raises the exit."""
    errors.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


REASONER_HELP = (
    f"Reasoner: {', '.join(REASONERS)}. `auto` runs HermiT for a few plans and, beyond, the rules that "
    "infer the same (HermiT takes about 12 s a plan)."
)


def build_with_progress(
    data: Path, out: Path, reasoner: str = "auto", write: bool = True, jobs: int | None = None
) -> BuildSummary:
    """The streamed build, with its current step shown on stderr while it runs."""
    with errors.status("building") as status:
        return build_outputs(data, out, lambda step: status.update(step), reasoner, write, jobs)
