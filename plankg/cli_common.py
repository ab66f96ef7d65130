"""What every command module shares: the consoles, the one-line error exit, the build with progress."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from plankg.errors import PlankgError
from plankg.graph.engines import Table, Term
from plankg.graph.iris import LANGS
from plankg.graph.reasoners import REASONERS
from plankg.graph.sparql_text import shown
from plankg.queries.results import FORMATS, render

if TYPE_CHECKING:
    from rich.console import Console

    from plankg.graph.outputs import BuildSummary

BuildOption = Annotated[
    Path, typer.Option("--build", help="Folder of the build to read (what `plankg build --out DIR` wrote).")
]


class _Console:
    """A rich Console made when first used: a query that prints CSV never imports rich."""

    def __init__(self, stderr: bool = False):
        self._stderr = stderr
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return getattr(self._console, name)


console = cast("Console", _Console())
errors = cast("Console", _Console(stderr=True))


def fail(error: PlankgError) -> typer.Exit:
    """Print a user's problem as one located message on stderr; the caller raises the exit."""
    errors.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


def one_of(values: Sequence[str]) -> Callable[[str], str]:
    """An option's parser that refuses, before any work, a value outside `values`, naming them."""

    def parse(value: str) -> str:
        if value not in values:
            raise typer.BadParameter(f"{shown(value)} is not one of: {', '.join(values)}")
        return value

    return parse


LangOption = Annotated[
    str, typer.Option("--lang", parser=one_of(LANGS), help=f"Language of the labels: {' or '.join(LANGS)}.")
]

FormatOption = Annotated[
    str, typer.Option("--format", parser=one_of(FORMATS), help=f"One of {', '.join(FORMATS)} (SPARQL 1.1 results).")
]


def print_rows(title: str, columns: list[str], rows: list[list[str]], fmt: str) -> None:
    """Rows a command computed (not a query's), printed in any of the result formats."""
    if fmt == "table":
        from rich.table import Table as RichTable

        rich = RichTable(*columns, title=title)
        for row in rows:
            rich.add_row(*row)
        console.print(rich)
    else:
        render(Table(columns, [tuple(Term("literal", cell) for cell in row) for row in rows]), fmt, console)


Command = TypeVar("Command", bound=Callable[..., None])


def handled(command: Command) -> Command:
    """The CLI's one error boundary, on every command: a user's problem (PlankgError) or the
    system's refusal (a full or read-only disk, a missing folder) is one line and exit status 1."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except PlankgError as error:
            raise fail(error) from error
        except OSError as error:
            raise fail(PlankgError(error.strerror or str(error), error.filename)) from error

    return cast(Command, run)


REASONER_HELP = (
    f"Reasoner: {', '.join(REASONERS)}. `auto` runs HermiT for a few plans and, beyond, the rules that "
    "infer the same (HermiT takes about 12 s a plan)."
)


def build_with_progress(
    data: Path, out: Path, reasoner: str = "auto", write: bool = True, jobs: int | None = None
) -> BuildSummary:
    """The streamed build, with its current step shown on stderr while it runs."""
    from plankg.graph.outputs import build_outputs

    with errors.status("building") as status:
        return build_outputs(data, out, lambda step: status.update(step), reasoner, write, jobs)
