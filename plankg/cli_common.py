"""What every command module shares: the consoles, the one-line error exit, the build with progress."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from plankg.errors import PlankgError
from plankg.graph.engines import Limits, Table, Term
from plankg.graph.iris import LANGS
from plankg.graph.reasoners import DEFAULT_REASONER, REASONERS
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
    """Print a user's problem as one located message on stderr, as written (a `[cluster]` in it is
    text, not markup); the caller raises the exit."""
    from rich.markup import escape

    errors.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
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


TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", min=0, help="Seconds a query may run before it is stopped (0: as long as it takes)."),
]
FederationOption = Annotated[
    bool,
    typer.Option(
        "--federation",
        help="Let the query call other endpoints (SERVICE). Off by default: a query could make this machine "
        "fetch any URL it names.",
    ),
]


def query_limits(timeout: float, federation: bool) -> Limits:
    """The limits a command's --timeout and --federation set."""
    return Limits(timeout or None, federation)


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
    system's refusal (a full or read-only disk, a missing folder) is one line and exit status 1.
    So is anything else that goes wrong (a damaged store, a library's own error): one line that
    says how to see the traceback, which PLANKG_DEBUG=1 lets through."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except PlankgError as error:
            raise fail(error) from error
        except OSError as error:
            raise fail(PlankgError(error.strerror or str(error), error.filename)) from error
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # the CLI's own ways to end: an exit status, Ctrl-C, a usage error
        except Exception as error:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            reason = " ".join(str(error).split()) or "no message"
            problem = f"unexpected {type(error).__name__}: {shown(reason)} (for the traceback: {DEBUG_VARIABLE}=1)"
            raise fail(PlankgError(problem)) from error

    return cast(Command, run)


DEBUG_VARIABLE = "PLANKG_DEBUG"


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


_STOPPING = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """SIGTERM (a service manager, `kill`, a CI runner) and SIGHUP (the terminal closed) stop
    the work as Ctrl-C does: through the clean-up of whatever is running, not around it."""
    previous = {signum: signal.signal(signum, _interrupt) for signum in _STOPPING}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


REASONER_HELP = (
    f"Reasoner: {', '.join(REASONERS)}. The rules infer exactly what HermiT infers, in about a second a "
    "plan; HermiT takes about 12 s a plan and needs Java 8 or newer."
)


def build_with_progress(
    data: Path,
    out: Path,
    reasoner: str = DEFAULT_REASONER,
    write: bool = True,
    jobs: int | None = None,
    scheduler: str | None = None,
) -> BuildSummary:
    """The streamed build, with its current step shown on stderr while it runs."""
    from plankg.graph.outputs import build_outputs

    with stop_signals_interrupt(), errors.status("building") as status:
        return build_outputs(data, out, lambda step: status.update(step), reasoner, write, jobs, scheduler)
